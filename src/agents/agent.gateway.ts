import { UseFilters, UsePipes } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { Namespace, Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service';
import { Principal } from '../auth/principal';
import { toErrorBody } from '../common/error-mapping';
import { createValidationPipe } from '../common/validation.pipe';
import { okAck } from '../common/ws-ack';
import { WsErrorFilter } from '../common/ws-exception.filter';
import { AgentCommands, Namespaces, Rooms } from '../realtime/realtime.events';
import { refuseUnknownEvents } from '../realtime/unknown-events';
import { AgentDeskService } from './agent-desk.service';
import { AgentMessageDto } from './dto/agent-message.dto';
import { CloseTicketDto } from './dto/close-ticket.dto';
import { TicketRefDto } from './dto/ticket-ref.dto';

interface AgentSocketData {
  agent: Principal;
}

type AgentSocket = Socket<
  Record<string, never>,
  Record<string, never>,
  Record<string, never>,
  AgentSocketData
>;

/** The agent's desk over socket.io. Only authenticated agents get past the handshake. */
@WebSocketGateway({ namespace: Namespaces.agent })
@UseFilters(new WsErrorFilter())
@UsePipes(createValidationPipe())
export class AgentGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer() private readonly namespace: Namespace;

  constructor(
    private readonly auth: AuthService,
    private readonly desk: AgentDeskService,
  ) {}

  afterInit(namespace: Namespace): void {
    // Authenticate in the handshake, so no event can arrive from an unknown caller.
    namespace.use((socket, next) => {
      const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
      this.auth
        .authenticate(token)
        .then((principal) => {
          if (principal.role !== 'agent') {
            return next(
              Object.assign(new Error('Only agents may use the agent desk'), {
                data: { code: 'FORBIDDEN' },
              }),
            );
          }
          (socket.data as AgentSocketData).agent = principal;
          next();
        })
        .catch((error: unknown) => {
          const body = toErrorBody(error);
          next(Object.assign(new Error(body.message), { data: { code: body.code } }));
        });
    });
  }

  async handleConnection(client: AgentSocket): Promise<void> {
    refuseUnknownEvents(client, AgentCommands);
    const agent = client.data.agent;
    await client.join([Rooms.agent(agent.id), Rooms.agents]);
    // A reconnecting agent gets the live chats they own back.
    const { mine } = await this.desk.overview(agent);
    if (mine.length > 0) await client.join(mine.map((t) => Rooms.conversation(t.conversationId)));
  }

  @SubscribeMessage('ticket:list')
  async list(@ConnectedSocket() client: AgentSocket) {
    return okAck(await this.desk.overview(client.data.agent));
  }

  @SubscribeMessage('ticket:accept')
  async accept(@ConnectedSocket() client: AgentSocket, @MessageBody() body: TicketRefDto) {
    const agent = client.data.agent;
    const result = await this.desk.accept(body.ticketId, agent);
    // Every tab of this agent follows the conversation from now on.
    this.namespace
      .in(Rooms.agent(agent.id))
      .socketsJoin(Rooms.conversation(result.ticket.conversationId));
    return okAck(result);
  }

  @SubscribeMessage('message:send')
  async send(@ConnectedSocket() client: AgentSocket, @MessageBody() body: AgentMessageDto) {
    return okAck(
      await this.desk.send(body.ticketId, client.data.agent, body.clientMessageId, body.text),
    );
  }

  @SubscribeMessage('ticket:close')
  async close(@ConnectedSocket() client: AgentSocket, @MessageBody() body: CloseTicketDto) {
    const agent = client.data.agent;
    const ticket = await this.desk.close(body.ticketId, agent, body.resolution);
    this.namespace
      .in(Rooms.agent(agent.id))
      .socketsLeave(Rooms.conversation(ticket.conversationId));
    return okAck({ ticket });
  }
}
