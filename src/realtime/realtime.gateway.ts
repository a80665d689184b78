import { OnEvent } from '@nestjs/event-emitter';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Namespace, Server } from 'socket.io';
import {
  ConversationEvents,
  ConversationUpdatedEvent,
  MessageCreatedEvent,
} from '../conversations/conversation.events';
import { TicketEvent, TicketEvents } from '../tickets/ticket.events';
import { AgentServerEvents, CustomerServerEvents, Namespaces, Rooms } from './realtime.events';

const NOBODY = { to: () => ({ emit: () => true }) } as unknown as Pick<Namespace, 'to'>;

/**
 * The one place that decides who hears each domain event: services emit facts, this gateway
 * routes them to rooms. Every emit is typed by the namespace's event map.
 */
@WebSocketGateway()
export class RealtimeGateway {
  /** Undefined in a process without sockets (the seed CLI): then there is no one to tell. */
  @WebSocketServer() private readonly server?: Server;

  private get customers(): Pick<Namespace<Record<string, never>, CustomerServerEvents>, 'to'> {
    return this.server?.of(Namespaces.customer) ?? NOBODY;
  }

  private get agents(): Pick<Namespace<Record<string, never>, AgentServerEvents>, 'to'> {
    return this.server?.of(Namespaces.agent) ?? NOBODY;
  }

  @OnEvent(ConversationEvents.messageCreated)
  onMessage({ message }: MessageCreatedEvent): void {
    const room = Rooms.conversation(message.conversationId);
    this.customers.to(room).emit('message:created', message);
    this.agents.to(room).emit('message:created', message);
  }

  @OnEvent(ConversationEvents.conversationUpdated)
  onConversation({ conversation }: ConversationUpdatedEvent): void {
    this.customers
      .to(Rooms.conversation(conversation.id))
      .emit('conversation:updated', conversation);
  }

  @OnEvent(TicketEvents.offered)
  onOffered({ ticket }: TicketEvent): void {
    this.agents.to(Rooms.agents).emit('ticket:queued', ticket);
  }

  @OnEvent(TicketEvents.assigned)
  onAssigned({ ticket }: TicketEvent): void {
    // Everyone learns it is taken (their lists drop it); the owner's tabs learn it is theirs.
    this.agents.to(Rooms.agents).emit('ticket:assigned', ticket);
  }

  @OnEvent(TicketEvents.closed)
  onClosed({ ticket }: TicketEvent): void {
    if (ticket.agentId) this.agents.to(Rooms.agent(ticket.agentId)).emit('ticket:closed', ticket);
  }
}
