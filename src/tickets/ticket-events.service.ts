import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  OfferLapsedEvent,
  SlaBreachedEvent,
  TicketEvent,
  TicketEvents,
  TicketQueuedEvent,
} from './ticket.events';
import { SlaKind, TicketDocument } from './ticket.schema';
import { toTicketView } from './ticket.views';

/**
 * Ticket events carry the ticket's view, made here: listeners (the gateways, the board, the
 * metrics) never get the document with its sealed case card.
 */
@Injectable()
export class TicketEventsService {
  constructor(private readonly events: EventEmitter2) {}

  queued(ticket: TicketDocument, origin: TicketQueuedEvent['origin']): void {
    this.events.emit(TicketEvents.queued, {
      ticket: toTicketView(ticket),
      origin,
    } satisfies TicketQueuedEvent);
  }

  emit(name: string, ticket: TicketDocument): void {
    this.events.emit(name, { ticket: toTicketView(ticket) } satisfies TicketEvent);
  }

  slaBreached(ticket: TicketDocument, kind: SlaKind): void {
    this.events.emit(TicketEvents.slaBreached, {
      ticket: toTicketView(ticket),
      kind,
    } satisfies SlaBreachedEvent);
  }

  offerLapsed(ticket: TicketDocument, agentId: string, why: OfferLapsedEvent['why']): void {
    this.events.emit(TicketEvents.offerLapsed, {
      ticket: toTicketView(ticket),
      agentId,
      why,
    } satisfies OfferLapsedEvent);
  }
}
