import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { fill } from '../common/bilingual';
import { DomainError } from '../common/domain-error';
import { isDuplicateKey } from '../common/mongo-errors';
import { parseObjectId } from '../common/object-id';
import { ChatLanguage } from '../conversations/conversation.schema';
import { ConversationsService } from '../conversations/conversations.service';
import { MessagesService } from '../conversations/messages.service';
import { Assignment } from './assignment.schema';
import { HANDOFF_TEXTS } from './handoff-texts';
import { TicketEvent, TicketEvents } from './ticket.events';
import { PRIORITY, Ticket, TicketDocument, TicketStatus } from './ticket.schema';
import { toTicketView } from './ticket.views';
import { TicketQueueService } from './ticket-queue.service';

export interface OpenTicket {
  conversationId: Types.ObjectId;
  reason: string;
  language: ChatLanguage;
}

export interface StaffRef {
  id: string;
  displayName: string;
}

const PRIORITY_BY_REASON: Record<string, number> = {
  safety_hazard: PRIORITY.hazard,
  complaint: PRIORITY.complaint,
};

/** The one writer of a ticket's status; every change is a guarded, atomic single-document update. */
@Injectable()
export class TicketsService {
  constructor(
    @InjectModel(Ticket.name) private readonly tickets: Model<Ticket>,
    @InjectModel(Assignment.name) private readonly assignments: Model<Assignment>,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly queue: TicketQueueService,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * Hands a conversation over to people. Idempotent: a second escalation of the same
   * conversation (a resend, or two messages answered at once) gets the same ticket back.
   */
  async open(input: OpenTicket): Promise<TicketDocument> {
    const closedBefore = await this.tickets.countDocuments({
      conversationId: input.conversationId,
      status: 'closed',
    });
    const handoffKey = `${input.conversationId.toHexString()}:${closedBefore}`;
    const now = new Date();
    let ticket: TicketDocument;
    try {
      ticket = await this.tickets.create({
        conversationId: input.conversationId,
        handoffKey,
        status: 'queued',
        priority: PRIORITY_BY_REASON[input.reason] ?? PRIORITY.normal,
        reason: input.reason,
        language: input.language,
        queuedAt: now,
        history: [{ at: now, status: 'queued', by: 'bot', note: input.reason }],
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await this.tickets.findOne({ handoffKey });
      if (!existing) throw error;
      return existing;
    }
    await this.conversations.transition(input.conversationId, 'waiting', { ticketId: ticket._id });
    await this.queue.enqueue(ticket.id as string, ticket.priority);
    return ticket;
  }

  async get(id: string | Types.ObjectId): Promise<TicketDocument> {
    const _id = typeof id === 'string' ? parseObjectId(id, 'ticketId') : id;
    const ticket = await this.tickets.findById(_id);
    if (!ticket) throw new DomainError('NOT_FOUND', 'Ticket not found');
    return ticket;
  }

  /** Queued tickets, most urgent first and, within a priority, the longest waiting first. */
  async listQueued(limit = 100): Promise<TicketDocument[]> {
    return this.tickets.find({ status: 'queued' }).sort({ priority: 1, queuedAt: 1 }).limit(limit);
  }

  async listAssignedTo(agentId: string): Promise<TicketDocument[]> {
    return this.tickets.find({ status: 'assigned', agentId }).sort({ assignedAt: 1 });
  }

  async listForConversation(conversationId: Types.ObjectId): Promise<TicketDocument[]> {
    return this.tickets.find({ conversationId }).sort({ queuedAt: 1 });
  }

  /** Called by the queue's processor: a ticket still waiting is offered to agents (again). */
  async offer(ticketId: string): Promise<void> {
    const ticket = await this.tickets.findById(parseObjectId(ticketId, 'ticketId'));
    if (ticket?.status !== 'queued') return;
    this.emit(TicketEvents.offered, ticket);
  }

  /**
   * Of many agents accepting one ticket, exactly one wins; the others get CONFLICT. The winner
   * is whoever inserts the round's assignment first; only the winner then writes the ticket.
   */
  async accept(ticketId: string, agent: StaffRef): Promise<TicketDocument> {
    const queued = await this.get(ticketId);
    if (queued.status !== 'queued') {
      throw new DomainError('CONFLICT', `Ticket is already ${queued.status}`, {
        status: queued.status,
      });
    }
    try {
      await this.assignments.create({
        ticketId: queued._id,
        round: queued.round,
        agentId: agent.id,
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      throw new DomainError('CONFLICT', 'Another agent has just taken this ticket', {
        status: 'assigned',
      });
    }
    const ticket = await this.move(queued, 'assigned', agent.id, {
      agentId: agent.id,
      agentName: agent.displayName,
      assignedAt: new Date(),
    });
    const conversation = await this.conversations.transition(ticket.conversationId, 'agent');
    await this.messages.append(ticket.conversationId, {
      sender: 'system',
      text: fill(HANDOFF_TEXTS.agentJoined[conversation.language], { agent: agent.displayName }),
    });
    this.emit(TicketEvents.assigned, ticket);
    return ticket;
  }

  async close(ticketId: string, agent: StaffRef, resolution?: string): Promise<TicketDocument> {
    const owned = await this.getOwned(ticketId, agent.id);
    const ticket = await this.move(owned, 'closed', agent.id, {
      closedAt: new Date(),
      ...(resolution !== undefined && { resolution }),
    });
    const conversation = await this.conversations.transition(ticket.conversationId, 'bot');
    await this.messages.append(ticket.conversationId, {
      sender: 'system',
      text: HANDOFF_TEXTS.closed[conversation.language],
    });
    this.emit(TicketEvents.closed, ticket);
    return ticket;
  }

  /** The ticket, if this agent owns it now; otherwise FORBIDDEN (or NOT_FOUND). */
  async getOwned(ticketId: string, agentId: string): Promise<TicketDocument> {
    const ticket = await this.get(ticketId);
    if (ticket.status !== 'assigned' || ticket.agentId !== agentId) {
      throw new DomainError('FORBIDDEN', 'This ticket is not assigned to you');
    }
    return ticket;
  }

  /**
   * Writes a status change and its history entry. Callers have already won the right to make
   * it (an assignment claim, or ownership), so this is a plain update by id.
   */
  private async move(
    ticket: TicketDocument,
    to: TicketStatus,
    by: string,
    set: Partial<Ticket>,
  ): Promise<TicketDocument> {
    const updated = await this.tickets.findOneAndUpdate(
      { _id: ticket._id },
      { $set: { status: to, ...set }, $push: { history: { at: new Date(), status: to, by } } },
      { new: true },
    );
    if (!updated) throw new DomainError('NOT_FOUND', 'Ticket not found');
    return updated;
  }

  private emit(name: string, ticket: TicketDocument): void {
    this.events.emit(name, { ticket: toTicketView(ticket) } satisfies TicketEvent);
  }
}
