import { OnEvent } from '@nestjs/event-emitter';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Namespace, Server } from 'socket.io';
import type { EventsMap } from 'socket.io/dist/typed-events';
import { AgentPresenceEvents, PresenceChangedEvent } from '../agents/agent-presence.service';
import { QueueEvents, QueueUpdatedEvent } from '../agents/dispatcher.service';
import {
  IncidentEvents,
  IncidentUpdatedEvent,
  StormChangedEvent,
} from '../incidents/incident.events';
import {
  ConversationEvents,
  ConversationUpdatedEvent,
  MessageCreatedEvent,
  TypingEvent,
} from '../conversations/conversation.events';
import {
  OfferLapsedEvent,
  SlaBreachedEvent,
  TicketEvent,
  TicketEvents,
} from '../tickets/ticket.events';
import {
  AgentServerEvents,
  CustomerServerEvents,
  Namespaces,
  Rooms,
  SupervisorServerEvents,
} from './realtime.events';

type Emitter<E extends EventsMap> = Pick<Namespace<Record<string, never>, E>, 'to'>;

const NOBODY = { to: () => ({ emit: () => true }) } as unknown as Emitter<EventsMap>;

/**
 * The one place that decides who hears each domain event: services emit facts, this gateway
 * routes them to rooms. Every emit is typed by the namespace's event map. A customer never
 * receives an internal note.
 */
@WebSocketGateway()
export class RealtimeGateway {
  /** Undefined in a process without sockets (the seed CLI): then there is no one to tell. */
  @WebSocketServer() private readonly server?: Server;

  private get customers(): Emitter<CustomerServerEvents> {
    return this.server?.of(Namespaces.customer) ?? NOBODY;
  }

  private get agents(): Emitter<AgentServerEvents> {
    return this.server?.of(Namespaces.agent) ?? NOBODY;
  }

  private get supervisors(): Emitter<SupervisorServerEvents> {
    return this.server?.of(Namespaces.supervisor) ?? NOBODY;
  }

  @OnEvent(ConversationEvents.messageCreated)
  onMessage({ message }: MessageCreatedEvent): void {
    const room = Rooms.conversation(message.conversationId);
    if (!message.internal) this.customers.to(room).emit('message:created', message);
    this.agents.to(room).emit('message:created', message);
    this.supervisors.to(Rooms.watch(message.conversationId)).emit('message:created', message);
  }

  /** Typing goes only to the other side: the customer hears agents, agents hear the customer. */
  @OnEvent(ConversationEvents.typing)
  onTyping({ conversationId, who, typing }: TypingEvent): void {
    const room = Rooms.conversation(conversationId);
    if (who === 'agent') this.customers.to(room).emit('typing:updated', { who, typing });
    else this.agents.to(room).emit('typing:updated', { conversationId, who, typing });
  }

  @OnEvent(ConversationEvents.conversationUpdated)
  onConversation({ conversation }: ConversationUpdatedEvent): void {
    this.customers
      .to(Rooms.conversation(conversation.id))
      .emit('conversation:updated', conversation);
  }

  @OnEvent(QueueEvents.updated)
  onQueue({ positions }: QueueUpdatedEvent): void {
    for (const { conversationId, ...status } of positions) {
      this.customers.to(Rooms.conversation(conversationId)).emit('queue:updated', status);
    }
  }

  @OnEvent(TicketEvents.queued)
  onQueued({ ticket }: TicketEvent): void {
    this.agents.to(Rooms.agents).emit('ticket:queued', ticket);
  }

  @OnEvent(TicketEvents.offered)
  onOffered({ ticket }: TicketEvent): void {
    if (ticket.offeredTo)
      this.agents.to(Rooms.agent(ticket.offeredTo)).emit('ticket:offered', ticket);
  }

  @OnEvent(TicketEvents.offerLapsed)
  onOfferLapsed({ ticket, agentId, why }: OfferLapsedEvent): void {
    this.agents.to(Rooms.agent(agentId)).emit('ticket:offer_lapsed', { ticket, why });
  }

  @OnEvent(TicketEvents.assigned)
  onAssigned({ ticket }: TicketEvent): void {
    // Everyone learns it is taken (their lists drop it); the owner's tabs learn it is theirs.
    this.agents.to(Rooms.agents).emit('ticket:assigned', ticket);
  }

  @OnEvent(TicketEvents.resolved)
  onResolved({ ticket }: TicketEvent): void {
    if (ticket.agentId) this.agents.to(Rooms.agent(ticket.agentId)).emit('ticket:resolved', ticket);
    this.customers
      .to(Rooms.conversation(ticket.conversationId))
      .emit('survey:requested', { ticketId: ticket.id });
  }

  @OnEvent(TicketEvents.abandoned)
  onAbandoned({ ticket }: TicketEvent): void {
    this.agents.to(Rooms.agents).emit('ticket:abandoned', ticket);
  }

  @OnEvent(TicketEvents.slaBreached)
  onSlaBreached({ ticket, kind }: SlaBreachedEvent): void {
    this.supervisors.to(Rooms.supervisors).emit('ticket:sla_breached', { ticket, kind });
    if (ticket.agentId)
      this.agents.to(Rooms.agent(ticket.agentId)).emit('ticket:sla_breached', { ticket, kind });
  }

  @OnEvent(AgentPresenceEvents.changed)
  onPresence({ agentId, presence }: PresenceChangedEvent): void {
    this.agents.to(Rooms.agent(agentId)).emit('presence:updated', { presence });
    this.supervisors.to(Rooms.supervisors).emit('agent:presence', { agentId, presence });
  }

  // issue #16: incidents are staff news; customers hear of them through notices only.
  @OnEvent(IncidentEvents.updated)
  onIncident({ incident }: IncidentUpdatedEvent): void {
    this.agents.to(Rooms.agents).emit('incident:updated', incident);
    this.supervisors.to(Rooms.supervisors).emit('incident:updated', incident);
  }

  @OnEvent(IncidentEvents.stormChanged)
  onStorm(storm: StormChangedEvent): void {
    this.supervisors.to(Rooms.supervisors).emit('incident:storm_changed', storm);
    this.agents.to(Rooms.agents).emit('incident:storm_changed', storm);
  }
}
