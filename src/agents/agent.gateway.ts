import { UseFilters, UsePipes } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { Namespace, Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service';
import { Principal } from '../auth/principal';
import { staffHandshake } from '../auth/staff-handshake';
import { createValidationPipe } from '../common/validation.pipe';
import { okAck } from '../common/ws-ack';
import { WsErrorFilter } from '../common/ws-exception.filter';
import { AgentCommands, Namespaces, Rooms } from '../realtime/realtime.events';
import { refuseUnknownEvents } from '../realtime/unknown-events';
import { AgentDeskService } from './agent-desk.service';
import { AgentPresenceService } from './agent-presence.service';
import { AgentMessageDto } from './dto/agent-message.dto';
import { AgentTypingDto } from './dto/agent-typing.dto';
import { CloseTicketDto } from './dto/close-ticket.dto';
import { SetPresenceDto } from './dto/set-presence.dto';
import { TicketRefDto } from './dto/ticket-ref.dto';
import { TransferTicketDto } from './dto/transfer-ticket.dto';
import { TypingThrottle } from './typing-throttle';

interface StaffSocketData {
  staff: Principal;
  typing?: TypingThrottle;
}

type StaffSocket = Socket<
  Record<string, never>,
  Record<string, never>,
  Record<string, never>,
  StaffSocketData
>;

/** The agent's desk over socket.io. */
@WebSocketGateway({ namespace: Namespaces.agent })
@UseFilters(new WsErrorFilter())
@UsePipes(createValidationPipe())
export class AgentGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer() private readonly namespace: Namespace;

  constructor(
    private readonly auth: AuthService,
    private readonly desk: AgentDeskService,
    private readonly presence: AgentPresenceService,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use(staffHandshake(this.auth, 'agent'));
  }

  async handleConnection(client: StaffSocket): Promise<void> {
    refuseUnknownEvents(client, AgentCommands);
    const agent = client.data.staff;
    // Presence first: a ticket:list answered during the awaits below already sees it.
    await this.presence.connected(agent, client.id);
    await client.join([Rooms.agent(agent.id), Rooms.agents]);
    // A reconnecting agent gets the live chats they own back.
    const { mine } = await this.desk.overview(agent);
    if (mine.length > 0) await client.join(mine.map((t) => Rooms.conversation(t.conversationId)));
  }

  async handleDisconnect(client: StaffSocket): Promise<void> {
    // Going offline (here or by a lapsed instance's sweep) starts the agent's grace period.
    const agent = client.data.staff;
    if (agent) await this.presence.disconnected(agent.id, client.id);
  }

  @SubscribeMessage('ticket:list')
  async list(@ConnectedSocket() client: StaffSocket) {
    const state = await this.presence.get(client.data.staff.id);
    return okAck({
      ...(await this.desk.overview(client.data.staff)),
      presence: state?.presence,
      capacity: state?.capacity,
    });
  }

  @SubscribeMessage('ticket:accept')
  async accept(@ConnectedSocket() client: StaffSocket, @MessageBody() body: TicketRefDto) {
    const agent = client.data.staff;
    const result = await this.desk.accept(body.ticketId, agent);
    // Every tab of this agent follows the conversation from now on.
    this.namespace
      .in(Rooms.agent(agent.id))
      .socketsJoin(Rooms.conversation(result.ticket.conversationId));
    return okAck(result);
  }

  @SubscribeMessage('ticket:decline')
  async decline(@ConnectedSocket() client: StaffSocket, @MessageBody() body: TicketRefDto) {
    return okAck(await this.desk.decline(body.ticketId, client.data.staff));
  }

  @SubscribeMessage('ticket:context')
  async context(@ConnectedSocket() client: StaffSocket, @MessageBody() body: TicketRefDto) {
    return okAck(await this.desk.context(body.ticketId, client.data.staff));
  }

  @SubscribeMessage('message:send')
  async send(@ConnectedSocket() client: StaffSocket, @MessageBody() body: AgentMessageDto) {
    return okAck(
      await this.desk.send(body.ticketId, client.data.staff, body.clientMessageId, body.text),
    );
  }

  @SubscribeMessage('note:add')
  async note(@ConnectedSocket() client: StaffSocket, @MessageBody() body: AgentMessageDto) {
    return okAck(
      await this.desk.note(body.ticketId, client.data.staff, body.clientMessageId, body.text),
    );
  }

  @SubscribeMessage('ticket:transfer')
  async transfer(@ConnectedSocket() client: StaffSocket, @MessageBody() body: TransferTicketDto) {
    const agent = client.data.staff;
    const ticket = await this.desk.transfer(body.ticketId, agent, body, body.note);
    this.namespace
      .in(Rooms.agent(agent.id))
      .socketsLeave(Rooms.conversation(ticket.conversationId));
    return okAck({ ticket });
  }

  @SubscribeMessage('ticket:close')
  async close(@ConnectedSocket() client: StaffSocket, @MessageBody() body: CloseTicketDto) {
    const agent = client.data.staff;
    const ticket = await this.desk.close(body.ticketId, agent, body.resolution, body.note);
    this.namespace
      .in(Rooms.agent(agent.id))
      .socketsLeave(Rooms.conversation(ticket.conversationId));
    return okAck({ ticket });
  }

  @SubscribeMessage('presence:set')
  async setPresence(@ConnectedSocket() client: StaffSocket, @MessageBody() body: SetPresenceDto) {
    const state = await this.presence.setPresence(client.data.staff.id, body.presence);
    return okAck({ presence: state?.presence ?? 'offline' });
  }

  @SubscribeMessage('typing:set')
  async typing(@ConnectedSocket() client: StaffSocket, @MessageBody() body: AgentTypingDto) {
    // The socket's own throttle: its repeats are answered without a read (TypingThrottle).
    const throttle = (client.data.typing ??= new TypingThrottle());
    await this.desk.typing(body.ticketId, client.data.staff, body.typing, throttle);
    return okAck({});
  }

  @SubscribeMessage('agents:list')
  async agents() {
    return okAck({
      agents: (await this.presence.all()).map((s) => ({
        id: s.agent.id,
        displayName: s.agent.displayName,
        presence: s.presence,
        languages: s.agent.languages,
        skills: s.agent.skills,
        capacity: s.capacity,
        load: s.load,
      })),
    });
  }

  @SubscribeMessage('canned:list')
  canned() {
    return okAck(this.desk.cannedReplies());
  }
}
