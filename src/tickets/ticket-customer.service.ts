import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { ConversationsService } from '../conversations/conversations.service';
import { MessagesService } from '../conversations/messages.service';
import { HANDOFF_TEXTS } from './handoff-texts';
import { TicketEvents } from './ticket.events';
import { TicketDocument } from './ticket.schema';
import { TicketEventsService } from './ticket-events.service';
import { TicketsRepository } from './tickets.repository';
import { TicketsQueryService } from './tickets-query.service';

export interface RatingInput {
  agent: number;
  bot?: number;
  comment?: string;
}

/** The customer's side of a handoff: leaving the queue, asking for a callback, rating. */
@Injectable()
export class TicketCustomerService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly queries: TicketsQueryService,
    private readonly events: TicketEventsService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
  ) {}

  /** The customer leaves the queue before anyone picked them up. */
  async abandon(conversationId: Types.ObjectId, why: string): Promise<TicketDocument> {
    const waiting = await this.queries.findOpenForConversation(conversationId);
    if (!waiting || waiting.status === 'assigned') {
      throw new DomainError(
        'CONFLICT',
        waiting ? 'An agent has already taken this chat' : 'Not waiting for an agent',
      );
    }
    const ticket = await this.tickets.apply(waiting, 'abandon', 'customer', why, {
      update: { $set: { abandonedAt: new Date() }, $unset: { offeredTo: 1, offerExpiresAt: 1 } },
    });
    if (!ticket) throw new DomainError('CONFLICT', 'An agent has just taken this chat');
    const conversation = await this.conversations.transition(conversationId, 'bot');
    await this.conversations.recordOutcome(conversationId, 'abandoned');
    await this.messages.append(conversationId, {
      sender: 'system',
      text: HANDOFF_TEXTS.cancelled[conversation.language],
    });
    this.events.emit(TicketEvents.abandoned, ticket);
    return ticket;
  }

  async leaveCallback(
    conversationId: Types.ObjectId,
    phone: string,
    message?: string,
  ): Promise<TicketDocument> {
    const waiting = await this.queries.findOpenForConversation(conversationId);
    if (!waiting || waiting.status === 'assigned')
      throw new DomainError('CONFLICT', 'Not waiting for an agent');
    const ticket = await this.tickets.record(waiting, 'customer', 'callback requested', {
      guard: (t) => t.status === 'queued' || t.status === 'offered',
      update: { $set: { callback: { phone, message, at: new Date() } } },
    });
    if (!ticket) throw new DomainError('CONFLICT', 'An agent has just taken this chat');
    const conversation = await this.conversations.get(conversationId);
    await this.messages.append(conversationId, {
      sender: 'system',
      text: HANDOFF_TEXTS.callbackNoted[conversation.language],
    });
    return ticket;
  }

  async rate(
    conversationId: Types.ObjectId,
    ticketId: string,
    input: RatingInput,
  ): Promise<TicketDocument> {
    const ticket = await this.queries.get(ticketId);
    if (!ticket.conversationId.equals(conversationId))
      throw new DomainError('FORBIDDEN', 'Not your ticket');
    if (ticket.status !== 'resolved')
      throw new DomainError('CONFLICT', 'Only a finished chat can be rated');
    // One rating per ticket: the first write wins, a second finds `rating` set.
    const rated = await this.tickets.record(ticket, 'customer', `rated ${input.agent}`, {
      guard: (t) => t.status === 'resolved' && !t.rating,
      update: { $set: { rating: { ...input, agentId: ticket.agentId, at: new Date() } } },
    });
    if (!rated) throw new DomainError('CONFLICT', 'This chat has been rated already');
    const conversation = await this.conversations.get(conversationId);
    await this.messages.append(conversationId, {
      sender: 'system',
      text: HANDOFF_TEXTS.surveyThanks[conversation.language],
    });
    this.events.emit(TicketEvents.rated, rated);
    return rated;
  }
}
