import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model, SortOrder, Types, UpdateQuery } from 'mongoose';
import { calendarKeyExpression, orNone } from '../common/report-dates';
import { OPEN_STATUSES, Ticket, TicketDocument } from './ticket.schema';
import { TICKET_TRANSITIONS, TicketAction } from './ticket-transitions';

/** A change to apply with a transition or an event: a guard on the filter, the update itself. */
export interface TicketChange {
  /** More conditions the ticket must meet (the round, the agent it is offered to). */
  guard?: FilterQuery<Ticket>;
  update?: UpdateQuery<Ticket>;
}

/** Dispatch order: most urgent first, then the longest waiting (a requeued ticket keeps its place). */
export const QUEUE_ORDER: Record<string, SortOrder> = { priority: 1, queueSortAt: 1, _id: 1 };

/**
 * The tickets collection's one door. Every change of a ticket is a single conditional
 * `findOneAndUpdate` (status, round, owner in the filter) with its history entry pushed in the
 * same write, so racing callers are decided by the database, in any process.
 */
@Injectable()
export class TicketsRepository {
  constructor(@InjectModel(Ticket.name) private readonly tickets: Model<Ticket>) {}

  /**
   * Applies `action` of the state machine if the ticket is in one of its `from` statuses and
   * meets the guard; returns the ticket after the change, or null when another caller won.
   */
  apply(
    id: Types.ObjectId,
    action: TicketAction,
    by: string,
    note: string | undefined,
    change: TicketChange = {},
  ): Promise<TicketDocument | null> {
    const { from, to } = TICKET_TRANSITIONS[action];
    return this.write(
      { ...change.guard, _id: id, status: { $in: [...from] } },
      to,
      by,
      note,
      change.update ?? {},
    );
  }

  /** Records an event that does not move the ticket (a callback, an SLA breach, a rating). */
  record(
    id: Types.ObjectId,
    by: string,
    note: string,
    change: TicketChange & { status: Ticket['status'] },
  ): Promise<TicketDocument | null> {
    return this.write(
      { ...change.guard, _id: id },
      undefined,
      by,
      note,
      change.update ?? {},
      change.status,
    );
  }

  private write(
    filter: FilterQuery<Ticket>,
    to: Ticket['status'] | undefined,
    by: string,
    note: string | undefined,
    update: UpdateQuery<Ticket>,
    recordedStatus?: Ticket['status'],
  ): Promise<TicketDocument | null> {
    const entry = {
      at: new Date(),
      status: to ?? recordedStatus,
      by,
      ...(note !== undefined && { note }),
    };
    return this.tickets.findOneAndUpdate(
      filter,
      {
        ...update,
        $set: { ...(update.$set ?? {}), ...(to !== undefined && { status: to }) },
        $push: { history: entry },
      },
      { new: true },
    );
  }

  /** Sets fields where the filter still holds (no history entry: a clock, not an event). */
  async setWhere(
    id: Types.ObjectId,
    guard: FilterQuery<Ticket>,
    set: Partial<Ticket>,
  ): Promise<boolean> {
    const result = await this.tickets.updateOne({ ...guard, _id: id }, { $set: set });
    return result.modifiedCount > 0;
  }

  /** Inserts a new ticket; a second ticket for the same handoff fails on the unique handoffKey. */
  create(fields: Partial<Ticket>): Promise<TicketDocument> {
    return this.tickets.create(fields);
  }

  findById(id: Types.ObjectId): Promise<TicketDocument | null> {
    return this.tickets.findById(id);
  }

  findByHandoffKey(handoffKey: string): Promise<TicketDocument | null> {
    return this.tickets.findOne({ handoffKey });
  }

  async latestForConversation(conversationId: Types.ObjectId): Promise<TicketDocument | null> {
    const [latest] = await this.tickets.find({ conversationId }).sort({ queuedAt: -1 }).limit(1);
    return latest ?? null;
  }

  countForConversation(conversationId: Types.ObjectId): Promise<number> {
    return this.tickets.countDocuments({ conversationId });
  }

  findOpenForConversation(conversationId: Types.ObjectId): Promise<TicketDocument | null> {
    return this.tickets.findOne({ conversationId, status: { $in: OPEN_STATUSES } });
  }

  listWaiting(limit: number): Promise<TicketDocument[]> {
    return this.tickets
      .find({ status: { $in: ['queued', 'offered'] } })
      .sort(QUEUE_ORDER)
      .limit(limit);
  }

  listOpen(): Promise<TicketDocument[]> {
    return this.tickets.find({ status: { $in: OPEN_STATUSES } });
  }

  listAssignedTo(agentId: string): Promise<TicketDocument[]> {
    return this.tickets.find({ status: 'assigned', agentId }).sort({ assignedAt: 1 });
  }

  listForConversation(conversationId: Types.ObjectId): Promise<TicketDocument[]> {
    return this.tickets.find({ conversationId }).sort({ queuedAt: 1 });
  }

  /** One page of a filtered list and the filter's total, for the REST API. */
  async page(
    filter: FilterQuery<Ticket>,
    sort: Record<string, SortOrder>,
    skip: number,
    limit: number,
  ): Promise<{ docs: TicketDocument[]; total: number }> {
    const [docs, total] = await Promise.all([
      this.tickets.find(filter).sort(sort).skip(skip).limit(limit),
      this.tickets.countDocuments(filter),
    ]);
    return { docs, total };
  }

  /** Mean handle time of the latest `sample` resolved tickets ($avg in the database). */
  async meanHandleSeconds(sample: number): Promise<number | undefined> {
    const [row] = await this.tickets.aggregate<{ mean: number }>([
      { $match: { status: 'resolved', handleSeconds: { $exists: true } } },
      { $sort: { resolvedAt: -1 } },
      { $limit: sample },
      { $group: { _id: null, mean: { $avg: '$handleSeconds' } } },
    ]);
    return row?.mean ?? undefined;
  }

  /** Retention: a callback number and the case card's copies of the customer go. */
  async forgetConversation(conversationId: Types.ObjectId): Promise<void> {
    await this.tickets.updateMany(
      { conversationId },
      {
        $unset: {
          callback: 1,
          'caseCard.lastMessages': 1,
          'caseCard.accountNumber': 1,
          'caseCard.verifiedAccount': 1,
          'rating.comment': 1,
        },
      },
    );
  }

  /**
   * Tickets queued in [start, end), grouped in the database: counts, means and the lists that
   * percentiles and histograms need (one value per ticket of the group, nothing else).
   */
  qualityGroups(
    start: Date,
    end: Date,
    groupBy: TicketGroup,
    zone: string,
  ): Promise<TicketGroupRow[]> {
    const key: Record<TicketGroup, unknown> = {
      day: calendarKeyExpression('queuedAt', 'day', zone),
      week: calendarKeyExpression('queuedAt', 'week', zone),
      district: '$districtCode',
      intent: '$firstIntent',
      agent: { $ifNull: ['$agentName', '$agentId'] },
      skill: '$skill',
      // Every ticket so far comes from the web chat.
      channel: { $literal: 'web' },
    };
    return this.tickets.aggregate<TicketGroupRow>([
      { $match: { queuedAt: { $gte: start, $lt: end } } },
      {
        $group: {
          _id: orNone(key[groupBy]),
          tickets: { $sum: 1 },
          reasons: { $push: '$reason' },
          waits: { $push: '$waitedSeconds' },
          firstResponseMean: { $avg: '$firstResponseSeconds' },
          handleMean: { $avg: '$handleSeconds' },
          breached: { $sum: { $cond: [{ $gt: [{ $size: '$slaBreaches' }, 0] }, 1, 0] } },
          agentRatings: { $push: '$rating.agent' },
          botRatingMean: { $avg: '$rating.bot' },
        },
      },
      {
        $project: {
          _id: 0,
          group: '$_id',
          tickets: 1,
          reasons: 1,
          waits: 1,
          firstResponseMean: 1,
          handleMean: 1,
          breached: 1,
          agentRatings: 1,
          botRatingMean: 1,
        },
      },
    ]);
  }
}

export type TicketGroup = 'day' | 'week' | 'district' | 'intent' | 'agent' | 'skill' | 'channel';

export interface TicketGroupRow {
  group: string;
  tickets: number;
  reasons: string[];
  waits: number[];
  firstResponseMean: number | null;
  handleMean: number | null;
  breached: number;
  agentRatings: number[];
  botRatingMean: number | null;
}
