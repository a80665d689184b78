import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';
import { isDuplicateKey } from '../common/mongo-errors';
import { Incident, IncidentArea, IncidentReport, IncidentSeed } from './incident.schema';
import { IncidentStatus } from './incident-status';
import { minuteOf } from './storm.policy';

/**
 * The one storage door of incidents, their area pointers and reports. Every hot lookup is by
 * `_id` (a report finds its area's pointer, then its incident); lists scan, off the hot path.
 */
@Injectable()
export class IncidentsRepository {
  constructor(
    @InjectModel(Incident.name) private readonly incidents: Model<Incident>,
    @InjectModel(IncidentArea.name) private readonly areas: Model<IncidentArea>,
    @InjectModel(IncidentReport.name) private readonly reports: Model<IncidentReport>,
  ) {}

  findAreas(keys: string[]): Promise<IncidentArea[]> {
    return this.areas.find({ _id: { $in: keys } }).lean<IncidentArea[]>();
  }

  get(id: string): Promise<Incident | null> {
    return this.incidents.findById(id).lean<Incident>();
  }

  /**
   * Inserts the incident, or returns the one another writer inserted under the same id (the
   * winner of its area's pointer, or a reader inserting it from the pointer's seed).
   */
  async open(seed: IncidentSeed): Promise<{ incident: Incident; created: boolean }> {
    const doc = {
      status: 'investigating' as const,
      confirmed: false,
      etaVersion: 0,
      reportCount: 0,
      accountCount: 0,
      lastReportAt: seed.openedAt,
      rate: { minute: 0, count: 0 },
      storm: { on: false },
      callbacksPending: 0,
      updatedAt: seed.openedAt,
      ...seed,
    };
    try {
      const created = await this.incidents.create(doc);
      return { incident: created.toObject<Incident>(), created: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    return { incident: (await this.get(seed._id)) as Incident, created: false };
  }

  /**
   * Proposes `seed` as the area's incident in one atomic conditional upsert on the pointer's
   * `_id` (an index lookup on the local store too): it takes an area without a pointer or, with
   * `replacing`, one still pointing at that (stale) incident. Returns the pointer afterwards:
   * the proposal's if it won (or named the same id), else the winner's. Nothing is inserted
   * here; the caller inserts the incident once it has won (`open`).
   */
  async claim(
    key: string,
    districtCode: string,
    seed: IncidentSeed,
    replacing?: string,
  ): Promise<IncidentArea> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const filter = replacing ? { _id: key, incidentId: replacing } : { _id: key };
      const update = replacing
        ? { $set: { incidentId: seed._id, seed } }
        : { $setOnInsert: { incidentId: seed._id, districtCode, seed } };
      try {
        const after = await this.areas
          .findOneAndUpdate(filter, update, { upsert: !replacing, new: true })
          .lean<IncidentArea>();
        if (after) return after;
      } catch (error) {
        // Two upserts of one new pointer: the other one inserted it.
        if (!isDuplicateKey(error)) throw error;
      }
      const current = await this.areas.findById(key).lean<IncidentArea>();
      if (current) return current;
      // The stale incident was released meanwhile: the area is free, propose again.
      replacing = undefined;
    }
    throw new Error(`The pointer of ${key} kept changing`);
  }

  /**
   * The incident a pointer leads to. One its winner has not inserted yet (a few milliseconds
   * after the claim, or for ever if it crashed in between) is inserted from the pointer's seed:
   * every reader makes the same incident, under the winner's id.
   */
  async incidentAt(area: IncidentArea): Promise<Incident | null> {
    const found = await this.get(area.incidentId);
    if (found || area.seed?._id !== area.incidentId) return found;
    return (await this.open(area.seed)).incident;
  }

  /** The area no longer points at a restored incident (only if it still points at it). */
  async release(key: string, incidentId: string): Promise<void> {
    await this.areas.deleteOne({ _id: key, incidentId });
  }

  /** Records a reporter once; false when they had reported this incident already. */
  async addReport(report: IncidentReport): Promise<boolean> {
    try {
      await this.reports.create(report);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /**
   * Counts an outage chat for the incident's rate (and a new reporter, an account) in one atomic
   * update on `(_id, rate.minute)`, a unique index the local store answers; the first chat of a
   * new minute resets the counter over the minute it last read (`seen`), so one writer wins.
   */
  async count(
    id: string,
    at: Date,
    added: { report: boolean; account: boolean },
    seen: number,
  ): Promise<Incident | null> {
    const minute = minuteOf(at);
    const inc = {
      ...(added.report && { reportCount: 1 }),
      ...(added.account && { accountCount: 1 }),
    };
    const set = added.report ? { lastReportAt: at, updatedAt: at } : {};
    let last = seen;
    for (let attempt = 0; attempt < 5; attempt++) {
      const counted =
        last === minute
          ? { $inc: { ...inc, 'rate.count': 1 }, $set: set }
          : { $inc: inc, $set: { ...set, rate: { minute, count: 1 } } };
      const updated = await this.incidents
        .findOneAndUpdate({ _id: id, 'rate.minute': last }, counted, { new: true })
        .lean<Incident>();
      if (updated) return updated;
      const current = await this.get(id);
      if (!current) return null;
      // Another writer turned the minute (or counted in a later one): count in theirs.
      last = current.rate.minute;
      if (current.rate.minute > minute) return current;
    }
    return this.get(id);
  }

  /** One atomic conditional change: applied only from the statuses given. */
  change(
    id: string,
    from: IncidentStatus[],
    update: UpdateQuery<Incident>,
    extra: Record<string, unknown> = {},
  ): Promise<Incident | null> {
    return this.incidents
      .findOneAndUpdate({ _id: id, status: { $in: from }, ...extra }, update, { new: true })
      .lean<Incident>();
  }

  /** Counts callbacks asked for (+1) or closed (-1); one atomic update by `_id`. */
  countCallbacks(id: string, by: number): Promise<Incident | null> {
    return this.incidents
      .findOneAndUpdate({ _id: id }, { $inc: { callbacksPending: by } }, { new: true })
      .lean<Incident>();
  }

  /**
   * The recount's correction: sets the count only where it is still the one the recount read, so
   * an `$inc` that landed in between is not lost (null then: the next run looks again). The
   * filter is all of the unique `(_id, callbacksPending)` index, which the local store answers.
   */
  setCallbacksCount(id: string, seen: number | undefined, count: number): Promise<Incident | null> {
    return this.incidents
      .findOneAndUpdate(
        { _id: id, callbacksPending: seen ?? null },
        { $set: { callbacksPending: count } },
        { new: true },
      )
      .lean<Incident>();
  }

  listOpen(limit: number): Promise<Incident[]> {
    return this.incidents
      .find({ status: { $ne: 'restored' } })
      .sort({ openedAt: -1 })
      .limit(limit)
      .lean<Incident[]>();
  }

  listRecent(limit: number): Promise<Incident[]> {
    return this.incidents.find({}).sort({ openedAt: -1 }).limit(limit).lean<Incident[]>();
  }

  /** Open incidents linked to the outage records (the sync job's list). */
  listLinked(limit: number): Promise<Incident[]> {
    return this.incidents
      .find({ status: { $ne: 'restored' }, outageNo: { $exists: true } })
      .limit(limit)
      .lean<Incident[]>();
  }

  /** Incidents whose latest notices may still be owed: open with an estimate, or just restored. */
  listNotifiable(restoredSince: Date, limit: number): Promise<Incident[]> {
    return this.incidents
      .find({
        $or: [
          { status: { $ne: 'restored' }, etaVersion: { $gt: 0 } },
          { status: 'restored', restoredAt: { $gte: restoredSince } },
        ],
      })
      .limit(limit)
      .lean<Incident[]>();
  }

  /** Of these records' outage numbers, the ones an incident (in any status) is linked to. */
  async linkedOutageNos(outageNos: string[]): Promise<Set<string>> {
    if (outageNos.length === 0) return new Set();
    const found = await this.incidents
      .find({ outageNo: { $in: outageNos } }, { outageNo: 1 })
      .lean<{ outageNo: string }[]>();
    return new Set(found.map((i) => i.outageNo));
  }

  reportsOf(incidentId: string, limit: number): Promise<IncidentReport[]> {
    return this.reports.find({ incidentId }).sort({ at: 1 }).limit(limit).lean<IncidentReport[]>();
  }
}
