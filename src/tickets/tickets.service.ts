import { Injectable } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types, UpdateQuery } from 'mongoose';
import { fill } from '../common/bilingual';
import { DomainError } from '../common/domain-error';
import { KeyedMutex } from '../common/keyed-mutex';
import { isDuplicateKey } from '../common/mongo-errors';
import { parseObjectId } from '../common/object-id';
import { dayKey, weekKey } from '../common/report-dates';
import { AppConfig, perPriority } from '../config/app-config';
import {
  ConversationAnonymisedEvent,
  ConversationEvents,
} from '../conversations/conversation.events';
import { ChatLanguage } from '../conversations/conversation.schema';
import { ConversationsService } from '../conversations/conversations.service';
import { MessagesService } from '../conversations/messages.service';
import { HANDOFF_TEXTS } from './handoff-texts';
import { TicketClaim } from './ticket-claim.schema';
import {
  OfferLapsedEvent,
  SlaBreachedEvent,
  TicketEvent,
  TicketEvents,
  TicketQueuedEvent,
} from './ticket.events';
import {
  OPEN_STATUSES,
  PRIORITY,
  ResolutionCode,
  SlaKind,
  Ticket,
  TicketDocument,
} from './ticket.schema';
import { toTicketView } from './ticket.views';
import { TicketQueueService } from './ticket-queue.service';
import { Skill } from './ticket-skill';

export interface OpenTicket {
  conversationId: Types.ObjectId;
  reason: string;
  language: ChatLanguage;
  skill: Skill;
  caseCard?: Record<string, unknown>;
}

export interface StaffRef {
  id: string;
  displayName: string;
}

export interface TransferTo {
  toAgentId?: string;
  toSkill?: Skill;
}

export interface RatingInput {
  agent: number;
  bot?: number;
  comment?: string;
}

const PRIORITY_BY_REASON: Record<string, number> = {
  safety_hazard: PRIORITY.hazard,
  complaint: PRIORITY.complaint,
};

/** Requeued tickets sort before every ticket of their priority that never left the queue. */
const FRONT_OF_QUEUE = new Date(0);

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

const secondsBetween = (from: Date, to: Date) =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/**
 * The one writer of a ticket's state. Decisions that racing callers could both make (who is
 * offered a round, how the round ends, who rates) are claims: inserts under a unique key. Writes
 * to one ticket are serialised in-process, because FerretDB v1 rewrites whole documents.
 */
@Injectable()
export class TicketsService {
  private readonly writes = new KeyedMutex();
  private handleCache?: { value: number | undefined; until: number };
  private readonly firstResponseTargets: number[];
  private readonly resolutionTargets: number[];

  constructor(
    @InjectModel(Ticket.name) private readonly tickets: Model<Ticket>,
    @InjectModel(TicketClaim.name) private readonly claims: Model<TicketClaim>,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly queue: TicketQueueService,
    private readonly events: EventEmitter2,
    private readonly config: AppConfig,
  ) {
    this.firstResponseTargets = perPriority(config.SLA_FIRST_RESPONSE_SECONDS);
    this.resolutionTargets = perPriority(config.SLA_RESOLUTION_SECONDS);
  }

  // ---- queries ----------------------------------------------------------------------------

  async get(id: string | Types.ObjectId): Promise<TicketDocument> {
    const _id = typeof id === 'string' ? parseObjectId(id, 'ticketId') : id;
    const ticket = await this.tickets.findById(_id);
    if (!ticket) throw new DomainError('NOT_FOUND', 'Ticket not found');
    return ticket;
  }

  /** Tickets waiting for an agent (queued or on offer), most urgent and longest waiting first. */
  async listWaiting(limit = 1000): Promise<TicketDocument[]> {
    return this.tickets
      .find({ status: { $in: ['queued', 'offered'] } })
      .sort({ priority: 1, queueSortAt: 1, _id: 1 })
      .limit(limit);
  }

  async listOpen(): Promise<TicketDocument[]> {
    return this.tickets.find({ status: { $in: OPEN_STATUSES } });
  }

  async listAssignedTo(agentId: string): Promise<TicketDocument[]> {
    return this.tickets.find({ status: 'assigned', agentId }).sort({ assignedAt: 1 });
  }

  async listForConversation(conversationId: Types.ObjectId): Promise<TicketDocument[]> {
    return this.tickets.find({ conversationId }).sort({ queuedAt: 1 });
  }

  async findOpenForConversation(conversationId: Types.ObjectId): Promise<TicketDocument | null> {
    return this.tickets.findOne({ conversationId, status: { $in: OPEN_STATUSES } });
  }

  /** Tickets queued in a day range (`YYYY-MM-DD`, inclusive), with the fields reports need. */
  async listForReport(from: string, to: string): Promise<TicketDocument[]> {
    return this.tickets
      .find(
        { day: { $gte: from, $lte: to } },
        {
          day: 1,
          week: 1,
          status: 1,
          reason: 1,
          agentId: 1,
          agentName: 1,
          skill: 1,
          districtCode: 1,
          firstIntent: 1,
          waitedSeconds: 1,
          firstResponseSeconds: 1,
          handleSeconds: 1,
          slaBreaches: 1,
          rating: 1,
        },
      )
      .limit(200_000);
  }

  /** The ticket, if this agent owns it now; otherwise FORBIDDEN. */
  async getOwned(ticketId: string, agentId: string): Promise<TicketDocument> {
    const ticket = await this.get(ticketId);
    if (ticket.status !== 'assigned' || ticket.agentId !== agentId) {
      throw new DomainError('FORBIDDEN', 'This ticket is not assigned to you');
    }
    return ticket;
  }

  /**
   * Mean handle time of the latest resolved tickets, as sum/count (FerretDB has no $avg). Cached
   * for a minute: it feeds wait estimates on every dispatch, and on FerretDB it is a scan.
   */
  async recentHandleSeconds(sample = 50): Promise<number | undefined> {
    if (this.handleCache && this.handleCache.until > Date.now()) return this.handleCache.value;
    const value = await this.measureHandleSeconds(sample);
    this.handleCache = { value, until: Date.now() + 60_000 };
    return value;
  }

  private async measureHandleSeconds(sample: number): Promise<number | undefined> {
    const recent = await this.tickets
      .find({ status: 'resolved', handleSeconds: { $exists: true } }, { handleSeconds: 1 })
      .sort({ resolvedAt: -1 })
      .limit(sample)
      .lean();
    if (recent.length === 0) return undefined;
    return recent.reduce((sum, t) => sum + (t.handleSeconds ?? 0), 0) / recent.length;
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  /**
   * Hands a conversation over to people. Idempotent: a second escalation of the same
   * conversation (a resend, or two messages answered at once) gets the same ticket back.
   */
  async open(input: OpenTicket): Promise<TicketDocument> {
    const now = new Date();
    const [latest] = await this.tickets
      .find({ conversationId: input.conversationId })
      .sort({ queuedAt: -1 })
      .limit(1);
    const windowMs = this.config.REOPEN_WINDOW_MINUTES * 60_000;
    if (
      latest?.status === 'resolved' &&
      latest.resolvedAt &&
      now.getTime() - latest.resolvedAt.getTime() < windowMs
    ) {
      return this.reopen(latest, input);
    }
    const before = await this.tickets.countDocuments({ conversationId: input.conversationId });
    const handoffKey = `${input.conversationId.toHexString()}:${before}`;
    let ticket: TicketDocument;
    try {
      ticket = await this.tickets.create({
        conversationId: input.conversationId,
        handoffKey,
        status: 'queued',
        priority: PRIORITY_BY_REASON[input.reason] ?? PRIORITY.normal,
        reason: input.reason,
        language: input.language,
        skill: input.skill,
        ...(input.caseCard && { caseCard: input.caseCard }),
        queuedAt: now,
        queueSortAt: now,
        ...this.dueDates(now, PRIORITY_BY_REASON[input.reason] ?? PRIORITY.normal),
        ...reportKeys(now, input.caseCard),
        history: [{ at: now, status: 'queued', by: 'bot', note: input.reason }],
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await this.tickets.findOne({ handoffKey });
      if (!existing) throw error;
      return existing;
    }
    await this.conversations.transition(input.conversationId, 'waiting', { ticketId: ticket._id });
    await this.conversations.recordOutcome(input.conversationId, 'escalated');
    await this.scheduleSla(ticket);
    await this.queue.enqueueRoute(ticket.id as string, ticket.priority);
    this.queued(ticket, 'opened');
    return ticket;
  }

  /**
   * The customer is back soon after their ticket was resolved: the same ticket goes back to the
   * queue, in front, with its history (and the agent who knows the case may well get it).
   */
  private async reopen(resolved: TicketDocument, input: OpenTicket): Promise<TicketDocument> {
    const ticket = await this.writes.run(resolved.id as string, async () => {
      const current = await this.get(resolved._id);
      if (current.status !== 'resolved') return current;
      if (
        !(await this.claim(
          `reopen:${current.id as string}:${current.round}`,
          current,
          'bot',
          'reopened',
        ))
      ) {
        return this.get(resolved._id);
      }
      const priority = Math.min(
        current.priority,
        PRIORITY_BY_REASON[input.reason] ?? PRIORITY.normal,
      );
      return this.update(current, 'queued', 'bot', `reopened: ${input.reason}`, {
        $set: {
          round: current.round + 1,
          priority,
          queueSortAt: FRONT_OF_QUEUE,
          ...(input.caseCard && { caseCard: input.caseCard }),
        },
        $unset: { agentId: 1, agentName: 1, resolvedAt: 1, resolution: 1, requiredAgentId: 1 },
      });
    });
    if (ticket.status !== 'queued') return ticket;
    await this.conversations.transition(input.conversationId, 'waiting', { ticketId: ticket._id });
    await this.queue.enqueueRoute(ticket.id as string, ticket.priority);
    this.queued(ticket, 'opened');
    return ticket;
  }

  /** Re-announces a queued ticket to the dispatcher (the Bull `route` job; safe to repeat). */
  async announce(ticketId: string): Promise<void> {
    const ticket = await this.tickets.findById(parseObjectId(ticketId, 'ticketId'));
    if (ticket?.status === 'queued') this.queued(ticket, 'announced');
  }

  /** Offers a queued ticket to one agent for OFFER_TIMEOUT_SECONDS. Returns null if it is gone. */
  async offer(ticketId: string, agentId: string): Promise<TicketDocument | null> {
    const offered = await this.writes.run(ticketId, async () => {
      const ticket = await this.get(ticketId);
      if (ticket.status !== 'queued') return null;
      if (
        !(await this.claim(
          `offer:${ticket.id as string}:${ticket.round}`,
          ticket,
          agentId,
          'offered',
        ))
      )
        return null;
      const timeoutMs = this.config.OFFER_TIMEOUT_SECONDS * 1000;
      const updated = await this.update(ticket, 'offered', 'system', agentId, {
        $set: { offeredTo: agentId, offerExpiresAt: new Date(Date.now() + timeoutMs) },
      });
      await this.queue.scheduleOfferExpiry(updated.id as string, updated.round, timeoutMs);
      return updated;
    });
    if (offered) this.emit(TicketEvents.offered, offered);
    return offered;
  }

  /**
   * An agent takes a ticket: the one it is offered to, or a queued one from the list. Of many
   * agents accepting one ticket exactly one wins; the others get CONFLICT.
   */
  async accept(ticketId: string, agent: StaffRef): Promise<TicketDocument> {
    const ticket = await this.writes.run(ticketId, async () => {
      const current = await this.get(ticketId);
      const round = `${current.id as string}:${current.round}`;
      if (current.status === 'queued') {
        if (current.requiredAgentId && current.requiredAgentId !== agent.id) {
          throw new DomainError('CONFLICT', 'This ticket was transferred to another agent');
        }
        if (!(await this.claim(`offer:${round}`, current, agent.id, 'taken'))) {
          throw new DomainError('CONFLICT', 'Another agent has just taken this ticket');
        }
      } else if (current.status === 'offered') {
        if (current.offeredTo !== agent.id)
          throw new DomainError('CONFLICT', 'This ticket is offered to another agent');
      } else {
        throw new DomainError('CONFLICT', `Ticket is already ${current.status}`, {
          status: current.status,
        });
      }
      if (!(await this.claim(`decide:${round}`, current, agent.id, 'accepted'))) {
        throw new DomainError('CONFLICT', 'This ticket is no longer waiting');
      }
      const now = new Date();
      return this.update(current, 'assigned', agent.id, undefined, {
        $set: {
          agentId: agent.id,
          agentName: agent.displayName,
          assignedAt: now,
          ...(current.waitedSeconds === undefined && {
            waitedSeconds: secondsBetween(current.queuedAt, now),
          }),
        },
        $unset: { offeredTo: 1, offerExpiresAt: 1, requiredAgentId: 1 },
        $addToSet: { agentIds: agent.id },
      });
    });
    const conversation = await this.conversations.transition(ticket.conversationId, 'agent');
    await this.messages.append(ticket.conversationId, {
      sender: 'system',
      text: fill(HANDOFF_TEXTS.agentJoined[conversation.language], { agent: agent.displayName }),
    });
    this.emit(TicketEvents.assigned, ticket);
    return ticket;
  }

  decline(ticketId: string, agentId: string): Promise<TicketDocument | null> {
    return this.endOffer(ticketId, undefined, agentId, 'declined');
  }

  /** The offer-expiry job: the round's offer lapses unless it was decided meanwhile. */
  expireOffer(ticketId: string, round: number): Promise<TicketDocument | null> {
    return this.endOffer(ticketId, round, undefined, 'timeout');
  }

  private async endOffer(
    ticketId: string,
    round: number | undefined,
    agentId: string | undefined,
    why: 'declined' | 'timeout',
  ): Promise<TicketDocument | null> {
    const result = await this.writes.run(ticketId, async () => {
      const ticket = await this.get(ticketId);
      if (ticket.status !== 'offered' || (round !== undefined && ticket.round !== round)) {
        if (why === 'declined')
          throw new DomainError('CONFLICT', 'This ticket is not on offer to you');
        return null;
      }
      const offeredTo = ticket.offeredTo as string;
      if (agentId !== undefined && offeredTo !== agentId) {
        throw new DomainError('FORBIDDEN', 'This ticket is not on offer to you');
      }
      if (
        !(await this.claim(
          `decide:${ticket.id as string}:${ticket.round}`,
          ticket,
          agentId ?? 'system',
          why,
        ))
      ) {
        return null;
      }
      const updated = await this.update(
        ticket,
        'queued',
        agentId ?? 'system',
        `offer ${why} (${offeredTo})`,
        {
          $set: { round: ticket.round + 1 },
          $unset: { offeredTo: 1, offerExpiresAt: 1 },
          $addToSet: { declinedBy: offeredTo },
        },
      );
      return { updated, offeredTo };
    });
    if (!result) return null;
    this.events.emit(TicketEvents.offerLapsed, {
      ticket: toTicketView(result.updated),
      agentId: result.offeredTo,
      why,
    } satisfies OfferLapsedEvent);
    await this.queue.enqueueRoute(result.updated.id as string, result.updated.priority);
    this.queued(result.updated, 'requeued');
    return result.updated;
  }

  /** Puts an agent's ticket back in the queue, in front: the agent left, or transferred it. */
  private async requeue(
    ticketId: string,
    by: string,
    note: string,
    text: keyof typeof HANDOFF_TEXTS,
    set: { requiredAgentId?: string; skill?: Skill } = {},
  ): Promise<TicketDocument> {
    const ticket = await this.writes.run(ticketId, async () => {
      const current = await this.get(ticketId);
      if (current.status !== 'assigned') {
        throw new DomainError('CONFLICT', `Ticket is ${current.status}`, {
          status: current.status,
        });
      }
      return this.update(current, 'queued', by, note, {
        $set: { round: current.round + 1, queueSortAt: FRONT_OF_QUEUE, ...set },
        $unset: {
          agentId: 1,
          agentName: 1,
          ...(set.requiredAgentId === undefined && { requiredAgentId: 1 }),
        },
      });
    });
    const conversation = await this.conversations.transition(ticket.conversationId, 'waiting');
    await this.messages.append(ticket.conversationId, {
      sender: 'system',
      text: HANDOFF_TEXTS[text][conversation.language],
    });
    await this.queue.enqueueRoute(ticket.id as string, ticket.priority);
    this.queued(ticket, 'requeued');
    return ticket;
  }

  /** After a disconnected agent's grace period: every chat they held goes back to the queue. */
  async requeueAgentTickets(agentId: string): Promise<number> {
    const held = await this.listAssignedTo(agentId);
    for (const ticket of held) {
      await this.requeue(
        ticket.id as string,
        'system',
        `agent ${agentId} disconnected`,
        'agentLeft',
      ).catch((error: unknown) => {
        // Closed or moved meanwhile: nothing to give back.
        if (!(error instanceof DomainError && error.code === 'CONFLICT')) throw error;
      });
    }
    return held.length;
  }

  async transfer(
    ticketId: string,
    agent: StaffRef,
    to: TransferTo,
    note?: string,
  ): Promise<TicketDocument> {
    const owned = await this.getOwned(ticketId, agent.id);
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
    return this.requeue(owned.id as string, agent.id, `transferred to ${target}`, 'transferred', {
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
    const ticket = await this.writes.run(ticketId, async () => {
      const owned = await this.getOwned(ticketId, agent.id);
      const now = new Date();
      return this.update(owned, 'resolved', agent.id, note ?? resolution, {
        $set: {
          resolvedAt: now,
          resolution,
          handleSeconds: secondsBetween(owned.assignedAt ?? owned.queuedAt, now),
        },
      });
    });
    const conversation = await this.conversations.transition(ticket.conversationId, 'bot');
    await this.messages.append(ticket.conversationId, {
      sender: 'system',
      text: HANDOFF_TEXTS.resolved[conversation.language],
    });
    await this.messages.append(ticket.conversationId, {
      sender: 'system',
      text: HANDOFF_TEXTS.survey[conversation.language],
    });
    this.emit(TicketEvents.resolved, ticket);
    return ticket;
  }

  /** The customer leaves the queue before anyone picked them up. */
  async abandon(conversationId: Types.ObjectId, why: string): Promise<TicketDocument> {
    const waiting = await this.findOpenForConversation(conversationId);
    if (!waiting || waiting.status === 'assigned') {
      throw new DomainError(
        'CONFLICT',
        waiting ? 'An agent has already taken this chat' : 'Not waiting for an agent',
      );
    }
    const ticket = await this.writes.run(waiting.id as string, async () => {
      const current = await this.get(waiting._id);
      if (current.status !== 'queued' && current.status !== 'offered') {
        throw new DomainError('CONFLICT', 'An agent has just taken this chat');
      }
      if (
        !(await this.claim(
          `decide:${current.id as string}:${current.round}`,
          current,
          'customer',
          'abandoned',
        ))
      ) {
        throw new DomainError('CONFLICT', 'An agent has just taken this chat');
      }
      return this.update(current, 'abandoned', 'customer', why, {
        $set: { abandonedAt: new Date() },
        $unset: { offeredTo: 1, offerExpiresAt: 1 },
      });
    });
    const conversation = await this.conversations.transition(conversationId, 'bot');
    await this.conversations.recordOutcome(conversationId, 'abandoned');
    await this.messages.append(conversationId, {
      sender: 'system',
      text: HANDOFF_TEXTS.cancelled[conversation.language],
    });
    this.emit(TicketEvents.abandoned, ticket);
    return ticket;
  }

  async leaveCallback(
    conversationId: Types.ObjectId,
    phone: string,
    message?: string,
  ): Promise<TicketDocument> {
    const waiting = await this.findOpenForConversation(conversationId);
    if (!waiting || waiting.status === 'assigned')
      throw new DomainError('CONFLICT', 'Not waiting for an agent');
    const ticket = await this.writes.run(waiting.id as string, async () =>
      this.update(await this.get(waiting._id), undefined, 'customer', 'callback requested', {
        $set: { callback: { phone, message, at: new Date() } },
      }),
    );
    const conversation = await this.conversations.get(conversationId);
    await this.messages.append(conversationId, {
      sender: 'system',
      text: HANDOFF_TEXTS.callbackNoted[conversation.language],
    });
    return ticket;
  }

  /** The first agent message of a ticket stops its first-response clock. */
  async recordAgentMessage(ticketId: string, at: Date): Promise<void> {
    await this.writes.run(ticketId, async () => {
      const ticket = await this.get(ticketId);
      if (ticket.firstResponseAt) return;
      await this.tickets.updateOne(
        { _id: ticket._id },
        {
          $set: { firstResponseAt: at, firstResponseSeconds: secondsBetween(ticket.queuedAt, at) },
        },
      );
    });
  }

  /** An SLA deadline job: a target missed raises the ticket's priority and alerts supervisors. */
  async checkSla(ticketId: string, kind: SlaKind): Promise<void> {
    const breached = await this.writes.run(ticketId, async () => {
      const ticket = await this.get(ticketId);
      const done = ticket.status === 'resolved' || ticket.status === 'abandoned';
      const met = kind === 'first_response' ? done || ticket.firstResponseAt !== undefined : done;
      if (met || ticket.slaBreaches.includes(kind)) return null;
      return this.update(ticket, undefined, 'system', `SLA ${kind} breached`, {
        $set: { priority: Math.max(PRIORITY.hazard, ticket.priority - 1) },
        $addToSet: { slaBreaches: kind },
      });
    });
    if (!breached) return;
    this.events.emit(TicketEvents.slaBreached, {
      ticket: toTicketView(breached),
      kind,
    } satisfies SlaBreachedEvent);
    if (breached.status === 'queued') this.queued(breached, 'announced');
  }

  async rate(
    conversationId: Types.ObjectId,
    ticketId: string,
    input: RatingInput,
  ): Promise<TicketDocument> {
    const rated = await this.writes.run(ticketId, async () => {
      const ticket = await this.get(ticketId);
      if (!ticket.conversationId.equals(conversationId))
        throw new DomainError('FORBIDDEN', 'Not your ticket');
      if (ticket.status !== 'resolved')
        throw new DomainError('CONFLICT', 'Only a finished chat can be rated');
      if (!(await this.claim(`rating:${ticket.id as string}`, ticket, 'customer', 'rated'))) {
        throw new DomainError('CONFLICT', 'This chat has been rated already');
      }
      return this.update(ticket, undefined, 'customer', `rated ${input.agent}`, {
        $set: { rating: { ...input, agentId: ticket.agentId, at: new Date() } },
      });
    });
    const conversation = await this.conversations.get(conversationId);
    await this.messages.append(conversationId, {
      sender: 'system',
      text: HANDOFF_TEXTS.surveyThanks[conversation.language],
    });
    this.emit(TicketEvents.rated, rated);
    return rated;
  }

  /** Starts a disconnected agent's grace period; its end is announced as agent.grace_expired. */
  async scheduleAgentGrace(agentId: string): Promise<void> {
    await this.queue.scheduleAgentGrace(agentId, this.config.AGENT_GRACE_SECONDS * 1000);
  }

  /** Retention: a callback number and the case card's quotes of the customer go. */
  @OnEvent(ConversationEvents.conversationAnonymised)
  async forget({ conversationId }: ConversationAnonymisedEvent): Promise<void> {
    await this.tickets.updateMany(
      { conversationId: new Types.ObjectId(conversationId) },
      {
        $unset: {
          callback: 1,
          'caseCard.lastMessages': 1,
          'caseCard.accountNumber': 1,
          'rating.comment': 1,
        },
      },
    );
  }

  /** Re-schedules what Redis may have lost for an open ticket (the reconciler). */
  async rebuildJobs(ticket: TicketDocument): Promise<boolean> {
    const id = ticket.id as string;
    if (ticket.status === 'offered') {
      const left = (ticket.offerExpiresAt?.getTime() ?? 0) - Date.now();
      if (left <= 0) {
        await this.expireOffer(id, ticket.round);
        return true;
      }
      return this.queue.scheduleOfferExpiry(id, ticket.round, left);
    }
    if (ticket.status === 'queued' && !(await this.queue.enqueueRoute(id, ticket.priority)))
      return false;
    return this.scheduleSla(ticket);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private dueDates(
    queuedAt: Date,
    priority: number,
  ): { firstResponseDueAt: Date; resolutionDueAt: Date } {
    const p = Math.min(priority, this.firstResponseTargets.length - 1);
    return {
      firstResponseDueAt: new Date(queuedAt.getTime() + this.firstResponseTargets[p] * 1000),
      resolutionDueAt: new Date(queuedAt.getTime() + this.resolutionTargets[p] * 1000),
    };
  }

  private async scheduleSla(ticket: TicketDocument): Promise<boolean> {
    const id = ticket.id as string;
    const p = Math.min(ticket.priority, this.firstResponseTargets.length - 1);
    const since = ticket.queuedAt.getTime() - Date.now();
    const a = await this.queue.scheduleSlaDeadline(
      id,
      'first_response',
      since + this.firstResponseTargets[p] * 1000,
    );
    const b = await this.queue.scheduleSlaDeadline(
      id,
      'resolution',
      since + this.resolutionTargets[p] * 1000,
    );
    return a && b;
  }

  private async claim(
    key: string,
    ticket: TicketDocument,
    by: string,
    outcome: string,
  ): Promise<boolean> {
    try {
      await this.claims.create({ key, ticketId: ticket.id as string, by, outcome });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Writes a change with its history entry; `status` undefined records an event without a move. */
  private async update(
    ticket: TicketDocument,
    status: Ticket['status'] | undefined,
    by: string,
    note: string | undefined,
    change: UpdateQuery<Ticket>,
  ): Promise<TicketDocument> {
    const entry = {
      at: new Date(),
      status: status ?? ticket.status,
      by,
      ...(note !== undefined && { note }),
    };
    const updated = await this.tickets.findOneAndUpdate(
      { _id: ticket._id },
      {
        ...change,
        $set: { ...(change.$set ?? {}), ...(status !== undefined && { status }) },
        $push: { history: entry },
      },
      { new: true },
    );
    if (!updated) throw new DomainError('NOT_FOUND', 'Ticket not found');
    return updated;
  }

  private queued(ticket: TicketDocument, origin: TicketQueuedEvent['origin']): void {
    this.events.emit(TicketEvents.queued, {
      ticket: toTicketView(ticket),
      origin,
    } satisfies TicketQueuedEvent);
  }

  private emit(name: string, ticket: TicketDocument): void {
    this.events.emit(name, { ticket: toTicketView(ticket) } satisfies TicketEvent);
  }
}
