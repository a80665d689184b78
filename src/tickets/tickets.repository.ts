import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types, UpdateQuery } from 'mongoose';
import { calendarKeyExpression, orNone } from '../common/report-dates';
import { OPEN_STATUSES, Ticket, TicketDocument } from './ticket.schema';
import { DomainError } from '../common/domain-error';
import { canApply, TICKET_TRANSITIONS, TicketAction } from './ticket-transitions';
import {
  QUEUE_ORDER,
  TicketListCriteria,
  ticketListQuery,
  TicketViewer,
} from './ticket-list.filter';

/** A change to apply with a transition or an event. */
export interface TicketChange {
  /** What must hold on the ticket as it is now (checked again on every retry). */
  guard?: (ticket: TicketDocument) => boolean;
  /** The update, or a function of the ticket as it is now. */
  update?: UpdateQuery<Ticket> | ((ticket: TicketDocument) => UpdateQuery<Ticket>);
  /** A clock, not an event: no history entry. */
  silent?: boolean;
}

/** Re-reads after a lost write before giving up (each loss means the ticket just changed). */
const MAX_ATTEMPTS = 5;

/**
 * The tickets collection's one door. Every change is a compare-and-set on the ticket's
 * `revision`: the transition table and the change's guard are checked on the ticket as read,
 * and the write `findOneAndUpdate({_id, revision}, {…, $inc: {revision: 1}, $push: history})`
 * lands only if nobody wrote in between; otherwise the ticket is read again and the decision
 * made again. So racing callers, in any process, are decided by the database: of two agents
 * accepting, one write lands and the other finds the ticket assigned.
 *
 * Why a revision rather than the conditions in the filter: mongo-java-server answers a filter
 * from an index only when it is an equality on every field of a unique index; `{_id, status}`
 * scans the whole collection there, while `{_id, revision}` is a lookup in the unique
 * `(_id, revision)` index (see ticket.schema.ts). On MongoDB both are index lookups.
 */
@Injectable()
export class TicketsRepository {
  constructor(@InjectModel(Ticket.name) private readonly tickets: Model<Ticket>) {}

  /**
   * Applies `action` of the state machine to the ticket if its status allows it and the guard
   * holds; returns the ticket after the change, or null when it does not (another caller won).
   */
  apply(
    read: TicketDocument,
    action: TicketAction,
    by: string,
    note: string | undefined,
    change: TicketChange = {},
  ): Promise<TicketDocument | null> {
    return this.write(
      read,
      (t) => canApply(action, t.status) && (change.guard?.(t) ?? true),
      TICKET_TRANSITIONS[action].to,
      by,
      note,
      change,
    );
  }

  /** Records an event that does not move the ticket (a callback, an SLA breach, a rating). */
  record(
    read: TicketDocument,
    by: string,
    note: string | undefined,
    change: TicketChange,
  ): Promise<TicketDocument | null> {
    return this.write(read, (t) => change.guard?.(t) ?? true, undefined, by, note, change);
  }

  private async write(
    read: TicketDocument,
    allowed: (ticket: TicketDocument) => boolean,
    to: Ticket['status'] | undefined,
    by: string,
    note: string | undefined,
    change: TicketChange,
  ): Promise<TicketDocument | null> {
    let current: TicketDocument | null = read;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (!current || !allowed(current)) return null;
      const update =
        typeof change.update === 'function' ? change.update(current) : (change.update ?? {});
      const entry = {
        at: new Date(),
        status: to ?? current.status,
        by,
        ...(note !== undefined && { note }),
      };
      const updated = await this.tickets.findOneAndUpdate(
        { _id: current._id, revision: current.revision },
        {
          ...update,
          $set: { ...(update.$set ?? {}), ...(to !== undefined && { status: to }) },
          $inc: { ...(update.$inc ?? {}), revision: 1 },
          // A change's own $push (e.g. a decline) and the history entry go in the same write.
          ...((update.$push || !change.silent) && {
            $push: { ...(update.$push ?? {}), ...(!change.silent && { history: entry }) },
          }),
        },
        { new: true },
      );
      if (updated) return updated;
      current = await this.tickets.findById(read._id);
    }
    throw new DomainError('CONFLICT', 'The ticket kept changing; try again');
  }

  /** Inserts a new ticket; a second ticket for the same handoff fails on the unique handoffKey. */
  create(fields: Partial<Ticket>): Promise<TicketDocument> {
    return this.tickets.create(fields);
  }

  findById(id: Types.ObjectId): Promise<TicketDocument | null> {
    return this.tickets.findById(id);
  }

  /** Only who holds the ticket: a small read for checks made often (an agent typing). */
  findHolder(
    id: Types.ObjectId,
  ): Promise<Pick<Ticket, 'status' | 'agentId' | 'conversationId'> | null> {
    return this.tickets
      .findById(id, { status: 1, agentId: 1, conversationId: 1 })
      .lean<Pick<Ticket, 'status' | 'agentId' | 'conversationId'>>();
  }

  /** By `_id: {$in}`: an index lookup on every store. */
  findByIds(ids: Types.ObjectId[]): Promise<TicketDocument[]> {
    return this.tickets.find({ _id: { $in: ids } });
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

  /**
   * One page of a REST list and its total, as `viewer` may see it. On mongo-java-server such a
   * filter is not answered from an index: a page is a scan, done twice (the page and the total).
   */
  async page(
    criteria: TicketListCriteria,
    viewer: TicketViewer,
    skip: number,
    limit: number,
  ): Promise<{ docs: TicketDocument[]; total: number }> {
    const { filter, sort } = ticketListQuery(criteria, viewer);
    const [docs, total] = await Promise.all([
      this.tickets.find(filter).sort(sort).skip(skip).limit(limit),
      this.tickets.countDocuments(filter),
    ]);
    return { docs, total };
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
          'caseCard.accountRef': 1,
          caseCardSealed: 1,
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
      // Tickets from before channels existed came from the web chat.
      channel: { $ifNull: ['$channel', 'web'] },
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
