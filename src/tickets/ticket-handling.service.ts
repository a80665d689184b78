import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { ConversationsService } from '../conversations/conversations.service';
import { MessagesService } from '../conversations/messages.service';
import { HANDOFF_TEXTS } from './handoff-texts';
import { TicketEvents } from './ticket.events';
import { ResolutionCode, TicketDocument } from './ticket.schema';
import { TicketQueueService } from './ticket-queue.service';
import { Skill } from './ticket-skill';
import { TicketEventsService } from './ticket-events.service';
import { TicketsRepository } from './tickets.repository';
import { TicketsQueryService } from './tickets-query.service';
import { FRONT_OF_QUEUE, secondsBetween, StaffRef } from './tickets.service';

export interface TransferTo {
  toAgentId?: string;
  toSkill?: Skill;
}

/**
 * What happens to a ticket an agent holds: it goes back to the queue (the agent left and their
 * grace period ran out, or they transferred it), it is resolved, and the agent's first message
 * stops the first-response clock. Each change is one transition of ticket-transitions.ts
 * through TicketsRepository.
 */
@Injectable()
export class TicketHandlingService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly queries: TicketsQueryService,
    private readonly events: TicketEventsService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly queue: TicketQueueService,
    private readonly config: AppConfig,
  ) {}

  /** Starts a disconnected agent's grace period; its end is announced as agent.grace_expired. */
  async scheduleAgentGrace(agentId: string): Promise<void> {
    await this.queue.scheduleAgentGrace(agentId, this.config.AGENT_GRACE_SECONDS * 1000);
  }

  /** Puts an agent's ticket back in the queue, in front: the agent left, or transferred it. */
  private async requeue(
    owned: TicketDocument,
    by: string,
    note: string,
    text: keyof typeof HANDOFF_TEXTS,
    set: { requiredAgentId?: string; skill?: Skill } = {},
  ): Promise<TicketDocument> {
    const ticket = await this.tickets.apply(owned, 'requeue', by, note, {
      guard: (t) => t.agentId === owned.agentId,
      update: {
        $set: { queueSortAt: FRONT_OF_QUEUE, ...set },
        $inc: { round: 1 },
        $unset: {
          agentId: 1,
          agentName: 1,
          ...(set.requiredAgentId === undefined && { requiredAgentId: 1 }),
        },
      },
    });
    if (!ticket) throw await this.conflict(owned._id);
    const conversation = await this.conversations.transition(ticket.conversationId, 'waiting');
    await this.messages.append(ticket.conversationId, {
      sender: 'system',
      text: HANDOFF_TEXTS[text][conversation.language],
    });
    await this.queue.enqueueRoute(ticket.id as string, ticket.priority);
    this.events.queued(ticket, 'requeued');
    return ticket;
  }

  /** After a disconnected agent's grace period: every chat they held goes back to the queue. */
  async requeueAgentTickets(agentId: string): Promise<number> {
    const held = await this.queries.listAssignedTo(agentId);
    for (const ticket of held) {
      await this.requeue(ticket, 'system', `agent ${agentId} disconnected`, 'agentLeft').catch(
        (error: unknown) => {
          // Closed or moved meanwhile: nothing to give back.
          if (!(error instanceof DomainError && error.code === 'CONFLICT')) throw error;
        },
      );
    }
    return held.length;
  }

  async transfer(
    ticketId: string,
    agent: StaffRef,
    to: TransferTo,
    note?: string,
  ): Promise<TicketDocument> {
    const owned = await this.queries.getOwned(ticketId, agent.id);
    if (to.toAgentId === undefined && to.toSkill === undefined) {
      throw new DomainError('VALIDATION', 'Transfer needs toAgentId or toSkill');
    }
    if (to.toAgentId === agent.id)
      throw new DomainError('VALIDATION', 'Cannot transfer a ticket to yourself');
    if (note) {
      await this.messages.append(owned.conversationId, {
        sender: 'agent',
        agentId: agent.id,
        internal: true,
        text: note,
      });
    }
    const target = to.toAgentId ? `agent ${to.toAgentId}` : `skill ${to.toSkill}`;
    return this.requeue(owned, agent.id, `transferred to ${target}`, 'transferred', {
      ...(to.toAgentId !== undefined && { requiredAgentId: to.toAgentId }),
      ...(to.toSkill !== undefined && { skill: to.toSkill }),
    });
  }

  async resolve(
    ticketId: string,
    agent: StaffRef,
    resolution: ResolutionCode,
    note?: string,
  ): Promise<TicketDocument> {
    const owned = await this.queries.getOwned(ticketId, agent.id);
    const now = new Date();
    const ticket = await this.tickets.apply(owned, 'resolve', agent.id, note ?? resolution, {
      guard: (t) => t.agentId === agent.id,
      update: (t) => ({
        $set: {
          resolvedAt: now,
          resolution,
          handleSeconds: secondsBetween(t.assignedAt ?? t.queuedAt, now),
        },
      }),
    });
    if (!ticket) throw await this.conflict(owned._id);
    const conversation = await this.conversations.transition(ticket.conversationId, 'bot');
    for (const text of [HANDOFF_TEXTS.resolved, HANDOFF_TEXTS.survey]) {
      await this.messages.append(ticket.conversationId, {
        sender: 'system',
        text: text[conversation.language],
      });
    }
    this.events.emit(TicketEvents.resolved, ticket);
    return ticket;
  }

  /** The first agent message of a ticket stops its first-response clock (once). */
  async recordAgentMessage(ticketId: string, at: Date): Promise<void> {
    const ticket = await this.queries.get(ticketId);
    if (ticket.firstResponseAt) return;
    await this.tickets.record(ticket, 'system', undefined, {
      guard: (t) => !t.firstResponseAt,
      update: (t) => ({
        $set: { firstResponseAt: at, firstResponseSeconds: secondsBetween(t.queuedAt, at) },
      }),
      silent: true,
    });
  }

  /** The error for a caller that lost a race: what the ticket is now. */
  private async conflict(id: Types.ObjectId): Promise<DomainError> {
    const now = await this.queries.get(id);
    return new DomainError('CONFLICT', `Ticket is ${now.status}`, { status: now.status });
  }
}
