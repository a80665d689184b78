import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKey } from '../common/mongo-errors';
import { CallbackTally } from './callback-recount.policy';
import { CallbackStatus, IncidentCallback } from './subscription.schema';

/** The statuses `callbacksPending` counts on the incident. */
const OPEN: CallbackStatus[] = ['pending', 'taken'];

export type NewCallback = Omit<
  IncidentCallback,
  'status' | 'agentId' | 'agentName' | 'takenAt' | 'closedAt' | 'note'
>;

/**
 * The storage door of callbacks asked for in storm mode. A request is one record per incident and
 * chat (`_id` `<incidentId>:<conversationId>`); taking and closing are conditional updates on its
 * status, so of two agents taking one callback exactly one gets it.
 */
@Injectable()
export class CallbacksRepository {
  constructor(
    @InjectModel(IncidentCallback.name) private readonly callbacks: Model<IncidentCallback>,
  ) {}

  /**
   * Records the request once: true when it is new. Asked again while it waits, the number and
   * language are the latest; a callback already taken or closed keeps its course.
   */
  async request(callback: NewCallback): Promise<boolean> {
    const { _id, incidentId, conversationId, ...latest } = callback;
    try {
      // Dated from its insert, so the recount sees a request whose count may still be on the way.
      const result = await this.callbacks.updateOne(
        { _id },
        { $setOnInsert: { incidentId, conversationId, status: 'pending', at: latest.at } },
        { upsert: true },
      );
      await this.callbacks.updateOne({ _id, status: 'pending' }, { $set: latest });
      return result.upsertedCount === 1;
    } catch (error) {
      // Two instances inserting one new request: the other's insert counted it.
      if (!isDuplicateKey(error)) throw error;
      await this.callbacks.updateOne({ _id, status: 'pending' }, { $set: latest });
      return false;
    }
  }

  get(id: string): Promise<IncidentCallback | null> {
    return this.callbacks.findById(id).lean<IncidentCallback>();
  }

  /**
   * The longest-waiting callback of the incident goes to the agent: a pending one, or one taken
   * before `staleBefore` by an agent who never closed it.
   */
  take(
    incidentId: string,
    agent: { id: string; displayName: string },
    now: Date,
    staleBefore: Date,
  ): Promise<IncidentCallback | null> {
    return this.callbacks
      .findOneAndUpdate(
        {
          incidentId,
          $or: [{ status: 'pending' }, { status: 'taken', takenAt: { $lt: staleBefore } }],
        },
        {
          $set: {
            status: 'taken',
            agentId: agent.id,
            agentName: agent.displayName,
            takenAt: now,
          },
        },
        { new: true, sort: { at: 1 } },
      )
      .lean<IncidentCallback>();
  }

  /** Closes the callback the agent holds; null when they do not hold it (any more). */
  close(
    id: string,
    agentId: string,
    outcome: 'done' | 'failed',
    now: Date,
    note?: string,
  ): Promise<IncidentCallback | null> {
    return this.callbacks
      .findOneAndUpdate(
        { _id: id, status: 'taken', agentId },
        { $set: { status: outcome, closedAt: now, ...(note && { note }) } },
        { new: true },
      )
      .lean<IncidentCallback>();
  }

  /** Open (pending or taken) callbacks, of one incident or all, oldest first; bounded. */
  listOpen(incidentId: string | undefined, limit: number): Promise<IncidentCallback[]> {
    return this.callbacks
      .find({ ...(incidentId && { incidentId }), status: { $in: ['pending', 'taken'] } })
      .sort({ at: 1 })
      .limit(limit)
      .lean<IncidentCallback[]>();
  }

  listTakenBy(agentId: string): Promise<IncidentCallback[]> {
    return this.callbacks.find({ agentId, status: 'taken' }).lean<IncidentCallback[]>();
  }

  listOf(incidentId: string): Promise<IncidentCallback[]> {
    return this.callbacks.find({ incidentId }).lean<IncidentCallback[]>();
  }

  /**
   * The open callbacks of these incidents, and when their callbacks last changed (asked for, or
   * closed since `closedSince`), for the recount of `callbacksPending`.
   *
   * One aggregation for all of them, not a count per incident: the local store answers neither
   * from an index (no `_id` or unique key in the filter), so each count would scan the whole
   * collection again; this is one scan per run (on MongoDB the `(incidentId, status, at)` index
   * serves it). Grouped by incident and status, it returns a few rows per incident.
   */
  async tallyOpen(incidentIds: string[], closedSince: Date): Promise<Map<string, CallbackTally>> {
    const tallies = new Map<string, CallbackTally>();
    if (incidentIds.length === 0) return tallies;
    const rows = await this.callbacks.aggregate<{
      _id: { incidentId: string; status: CallbackStatus };
      n: number;
      lastAt?: Date | null;
      lastClosedAt?: Date | null;
    }>([
      {
        $match: {
          incidentId: { $in: incidentIds },
          $or: [{ status: { $in: OPEN } }, { closedAt: { $gte: closedSince } }],
        },
      },
      {
        $group: {
          _id: { incidentId: '$incidentId', status: '$status' },
          n: { $sum: 1 },
          lastAt: { $max: '$at' },
          lastClosedAt: { $max: '$closedAt' },
        },
      },
    ]);
    for (const row of rows) {
      const tally = tallies.get(row._id.incidentId) ?? { open: 0 };
      const isOpen = OPEN.includes(row._id.status);
      if (isOpen) tally.open += row.n;
      const changed = isOpen ? row.lastAt : row.lastClosedAt;
      if (changed && (!tally.lastChangeAt || changed > tally.lastChangeAt))
        tally.lastChangeAt = changed;
      tallies.set(row._id.incidentId, tally);
    }
    return tallies;
  }

  /** Retention: the chat's callbacks go; returns the open ones removed (to uncount them). */
  async forgetConversation(conversationId: string): Promise<IncidentCallback[]> {
    const all = await this.callbacks.find({ conversationId }).lean<IncidentCallback[]>();
    await this.callbacks.deleteMany({ conversationId });
    return all.filter((c) => c.status === 'pending' || c.status === 'taken');
  }
}
