import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { fill } from '../common/bilingual';
import { DomainError } from '../common/domain-error';
import { parseObjectId } from '../common/object-id';
import { ChatLanguage } from '../conversations/conversation.schema';
import { ConversationsService } from '../conversations/conversations.service';
import { MessagesService } from '../conversations/messages.service';
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
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly queue: TicketQueueService,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * Hands a conversation over to people. The conversation's own bot → waiting transition is the
   * guard: of two escalations of one conversation only one creates a ticket, the other gets it back.
   */
  async open(input: OpenTicket): Promise<TicketDocument> {
    const ticketId = new Types.ObjectId();
    try {
      await this.conversations.transition(input.conversationId, 'waiting', { ticketId });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'CONFLICT') {
        const current = await this.conversations.get(input.conversationId);
        if (current.ticketId) return this.get(current.ticketId);
      }
      throw error;
    }
    const now = new Date();
    const ticket = await this.tickets.create({
      _id: ticketId,
      conversationId: input.conversationId,
      status: 'queued',
      priority: PRIORITY_BY_REASON[input.reason] ?? PRIORITY.normal,
      reason: input.reason,
      language: input.language,
      queuedAt: now,
      history: [{ at: now, status: 'queued', by: 'bot', note: input.reason }],
    });
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

  /** Of many agents accepting one ticket, exactly one wins; the others get CONFLICT. */
  async accept(ticketId: string, agent: StaffRef): Promise<TicketDocument> {
    const ticket = await this.move(ticketId, 'queued', 'assigned', agent.id, {
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
    const ticket = await this.move(owned.id as string, 'assigned', 'closed', agent.id, {
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

  private async move(
    ticketId: string,
    from: TicketStatus,
    to: TicketStatus,
    by: string,
    set: Partial<Ticket>,
  ): Promise<TicketDocument> {
    const _id = parseObjectId(ticketId, 'ticketId');
    const updated = await this.tickets.findOneAndUpdate(
      { _id, status: from },
      { $set: { status: to, ...set }, $push: { history: { at: new Date(), status: to, by } } },
      { new: true },
    );
    if (updated) return updated;
    const current = await this.get(_id);
    throw new DomainError('CONFLICT', `Ticket is already ${current.status}`, {
      status: current.status,
    });
  }

  private emit(name: string, ticket: TicketDocument): void {
    this.events.emit(name, { ticket: toTicketView(ticket) } satisfies TicketEvent);
  }
}
