import { OnModuleDestroy, UseFilters, UsePipes } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
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
import { AgentPresenceEvents } from '../agents/agent-presence.service';
import { AuthService } from '../auth/auth.service';
import { Principal } from '../auth/principal';
import { staffHandshake } from '../auth/staff-handshake';
import { createValidationPipe } from '../common/validation.pipe';
import { okAck } from '../common/ws-ack';
import { WsErrorFilter } from '../common/ws-exception.filter';
import { ConversationEvents } from '../conversations/conversation.events';
import { Namespaces, Rooms, SupervisorCommands } from '../realtime/realtime.events';
import { refuseUnknownEvents } from '../realtime/unknown-events';
import { TicketEvents } from '../tickets/ticket.events';
import { WatchConversationDto, WhisperDto } from './dto/watch.dto';
import { MonitorService } from './monitor.service';

type SupervisorSocket = Socket<
  Record<string, never>,
  Record<string, never>,
  Record<string, never>,
  { staff: Principal }
>;

/** The board refreshes at most this often, however busy the desk is. */
const BOARD_EVERY_MS = 1000;

/**
 * Supervisors' live desk: the board (pushed as `monitor:updated`), SLA alerts, silent watching of
 * a conversation (its messages, internal notes included, arrive in the `watch:<id>` room) and
 * whispers to the agent. Every watch and whisper is in the access log.
 */
@WebSocketGateway({ namespace: Namespaces.supervisor })
@UseFilters(new WsErrorFilter())
@UsePipes(createValidationPipe())
export class SupervisorGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  @WebSocketServer() private readonly namespace?: Namespace;
  private boardTimer?: NodeJS.Timeout;
  private boardSeq = 0;

  constructor(
    private readonly auth: AuthService,
    private readonly monitor: MonitorService,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use(staffHandshake(this.auth, 'supervisor'));
  }

  async handleConnection(client: SupervisorSocket): Promise<void> {
    refuseUnknownEvents(client, SupervisorCommands);
    await client.join(Rooms.supervisors);
  }

  onModuleDestroy(): void {
    if (this.boardTimer) clearTimeout(this.boardTimer);
  }

  @SubscribeMessage('monitor:snapshot')
  async snapshot() {
    return okAck(await this.monitor.snapshot());
  }

  @SubscribeMessage('conversation:watch')
  async watch(
    @ConnectedSocket() client: SupervisorSocket,
    @MessageBody() body: WatchConversationDto,
  ) {
    const id = await this.monitor.watch(body.conversationId, client.data.staff);
    await client.join(Rooms.watch(id.toHexString()));
    return okAck({ conversationId: id.toHexString() });
  }

  @SubscribeMessage('conversation:unwatch')
  async unwatch(
    @ConnectedSocket() client: SupervisorSocket,
    @MessageBody() body: WatchConversationDto,
  ) {
    await client.leave(Rooms.watch(body.conversationId));
    return okAck({});
  }

  @SubscribeMessage('agent:whisper')
  async whisper(@ConnectedSocket() client: SupervisorSocket, @MessageBody() body: WhisperDto) {
    const supervisor = client.data.staff;
    const { agentId, conversationId } = await this.monitor.whisper(body.ticketId, supervisor);
    this.namespace?.server.of(Namespaces.agent).to(Rooms.agent(agentId)).emit('whisper:received', {
      ticketId: body.ticketId,
      conversationId,
      from: supervisor.displayName,
      text: body.text,
      at: new Date().toISOString(),
    });
    return okAck({});
  }

  /** Any change of the desk schedules one board refresh for every supervisor. */
  @OnEvent(ConversationEvents.conversationUpdated)
  @OnEvent(TicketEvents.queued)
  @OnEvent(TicketEvents.assigned)
  @OnEvent(TicketEvents.resolved)
  @OnEvent(TicketEvents.abandoned)
  // A missed target changes a live item's SLA state; the board must not wait for the next change.
  @OnEvent(TicketEvents.slaBreached)
  @OnEvent(AgentPresenceEvents.changed)
  onDeskChanged(): void {
    if (this.boardTimer || !this.namespace) return;
    this.boardTimer = setTimeout(() => {
      this.boardTimer = undefined;
      // Snapshots can overlap (a change during a slow read schedules the next one): only the
      // newest may be sent, or a stale board sent last would stay on screens until the next change.
      const seq = ++this.boardSeq;
      this.monitor
        .snapshot()
        .then((board) => {
          if (seq === this.boardSeq)
            this.namespace?.to(Rooms.supervisors).emit('monitor:updated', board);
        })
        .catch(() => undefined);
    }, BOARD_EVERY_MS);
    this.boardTimer.unref();
  }
}
