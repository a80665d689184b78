import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../common/mongo-errors';
import { parseObjectId } from '../common/object-id';
import { dayKey, weekKey } from '../common/report-dates';
import { AppConfig } from '../config/app-config';
import { ChatLanguage } from '../conversations/conversation.schema';
import { ConversationsService } from '../conversations/conversations.service';
import { AccountHistoryService } from './account-history.service';
import { TicketEventsService } from './ticket-events.service';
import { PRIORITY, TicketDocument } from './ticket.schema';
import { TicketPrivacyService } from './ticket-privacy.service';
import { TicketQueueService } from './ticket-queue.service';
import { TicketSlaService } from './ticket-sla.service';
import { Skill } from './ticket-skill';
import { TicketsRepository } from './tickets.repository';
import { TicketsQueryService } from './tickets-query.service';

export interface OpenTicket {
  conversationId: Types.ObjectId;
  reason: string;
  language: ChatLanguage;
  skill: Skill;
  /** The conversation's channel (web, sms, wechat): agents see it, reports split by it. */
  channel?: string;
  caseCard?: Record<string, unknown>;
}

export interface StaffRef {
  id: string;
  displayName: string;
}

const PRIORITY_BY_REASON: Record<string, number> = {
  safety_hazard: PRIORITY.hazard,
  complaint: PRIORITY.complaint,
};

/** Requeued tickets sort before every ticket of their priority that never left the queue. */
export const FRONT_OF_QUEUE = new Date(0);

function reportKeys(at: Date, caseCard?: Record<string, unknown>) {
  const path = caseCard?.intentPath;
  const district = caseCard?.districtCode;
  return {
    day: dayKey(at),
    week: weekKey(at),
    ...(typeof district === 'string' && { districtCode: district }),
    ...(Array.isArray(path) && typeof path[0] === 'string' && { firstIntent: path[0] }),
  };
}

export const secondsBetween = (from: Date, to: Date) =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/**
 * Where a ticket's life starts: opening a handoff, or reopening the last one when the customer is
 * back soon after it was resolved, and announcing a queued ticket to the dispatcher. The rest of
 * its life is with TicketOffersService (the offer round), TicketHandlingService (the agent's side)
 * and TicketCustomerService (the customer's side); the clocks are TicketSlaService's. Each change
 * is one transition of the table in ticket-transitions.ts, applied atomically by
 * TicketsRepository; the caller that loses a race gets CONFLICT and nothing else happens.
 */
@Injectable()
export class TicketsService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly queries: TicketsQueryService,
    private readonly conversations: ConversationsService,
    private readonly queue: TicketQueueService,
    private readonly sla: TicketSlaService,
    private readonly events: TicketEventsService,
    private readonly config: AppConfig,
    private readonly privacy: TicketPrivacyService,
    private readonly history: AccountHistoryService,
  ) {}

  /**
   * Hands a conversation over to people. Idempotent: a second escalation of the same
   * conversation (a resend, or two turns answered at once) gets the same ticket back, because
   * both compute the same unique handoffKey and only one insert succeeds.
   */
  async open(input: OpenTicket): Promise<TicketDocument> {
    const now = new Date();
    const latest = await this.tickets.latestForConversation(input.conversationId);
    const windowMs = this.config.REOPEN_WINDOW_MINUTES * 60_000;
    if (
      latest?.status === 'resolved' &&
      latest.resolvedAt &&
      now.getTime() - latest.resolvedAt.getTime() < windowMs
    ) {
      return this.reopen(latest, input);
    }
    const before = await this.tickets.countForConversation(input.conversationId);
    const handoffKey = `${input.conversationId.toHexString()}:${before}`;
    const priority = PRIORITY_BY_REASON[input.reason] ?? PRIORITY.normal;
    const card = input.caseCard && this.privacy.protect(input.conversationId, input.caseCard);
    let ticket: TicketDocument;
    try {
      ticket = await this.tickets.create({
        conversationId: input.conversationId,
        handoffKey,
        status: 'queued',
        priority,
        reason: input.reason,
        language: input.language,
        skill: input.skill,
        channel: input.channel ?? 'web',
        ...card,
        queuedAt: now,
        queueSortAt: now,
        ...this.sla.dueDates(now, priority),
        ...reportKeys(now, input.caseCard),
        history: [{ at: now, status: 'queued', by: 'bot', note: input.reason }],
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await this.tickets.findByHandoffKey(handoffKey);
      if (!existing) throw error;
      // A retried escalation whose first try died before the history was written mends it.
      await this.recordForAccount(input, existing);
      return existing;
    }
    await this.recordForAccount(input, ticket);
    await this.conversations.transition(input.conversationId, 'waiting', { ticketId: ticket._id });
    await this.conversations.recordOutcome(input.conversationId, 'escalated');
    await this.sla.schedule(ticket);
    await this.queue.enqueueRoute(ticket.id as string, ticket.priority);
    this.events.queued(ticket, 'opened');
    return ticket;
  }

  /**
   * The customer is back soon after their ticket was resolved: the same ticket goes back to the
   * queue, in front, with its history (and the agent who knows the case may well get it).
   */
  private async reopen(resolved: TicketDocument, input: OpenTicket): Promise<TicketDocument> {
    const ticket = await this.tickets.apply(
      resolved,
      'reopen',
      'bot',
      `reopened: ${input.reason}`,
      {
        update: {
          $set: {
            priority: Math.min(
              resolved.priority,
              PRIORITY_BY_REASON[input.reason] ?? PRIORITY.normal,
            ),
            queueSortAt: FRONT_OF_QUEUE,
            ...(input.caseCard && this.privacy.protect(input.conversationId, input.caseCard)),
          },
          $inc: { round: 1 },
          $unset: { agentId: 1, agentName: 1, resolvedAt: 1, resolution: 1, requiredAgentId: 1 },
        },
      },
    );
    // Reopened by a racing turn meanwhile: that one tells everybody.
    if (!ticket) return this.queries.get(resolved._id);
    await this.conversations.transition(input.conversationId, 'waiting', { ticketId: ticket._id });
    await this.queue.enqueueRoute(ticket.id as string, ticket.priority);
    this.events.queued(ticket, 'opened');
    return ticket;
  }

  /** Re-announces a queued ticket to the dispatcher (the Bull `route` job; safe to repeat). */
  async announce(ticketId: string): Promise<void> {
    const ticket = await this.tickets.findById(parseObjectId(ticketId, 'ticketId'));
    if (ticket?.status === 'queued') this.events.queued(ticket, 'announced');
  }

  /** The customer panel's earlier conversations of a verified account (AccountHistoryService). */
  private async recordForAccount(input: OpenTicket, ticket: TicketDocument): Promise<void> {
    const verified = input.caseCard?.verifiedAccount;
    if (typeof verified === 'string') await this.history.record(verified, ticket);
  }
}
