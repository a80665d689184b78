import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, UpdateQuery } from 'mongoose';
import { isDuplicateKey } from '../common/mongo-errors';
import { Incident, IncidentArea, IncidentReport } from './incident.schema';
import { IncidentStatus } from './incident-status';
import { minuteOf } from './storm.policy';

export type NewIncident = Pick<
  Incident,
  '_id' | 'scope' | 'districtCode' | 'feederId' | 'openedAt'
> &
  Partial<Pick<Incident, 'confirmed' | 'feederIds' | 'affectedAccounts'>>;

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

  /** Creates the incident, or returns the one another writer created under the same id. */
  async open(incident: NewIncident): Promise<{ incident: Incident; created: boolean }> {
    const doc = {
      status: 'investigating' as const,
      confirmed: false,
      etaVersion: 0,
      reportCount: 0,
      accountCount: 0,
      lastReportAt: incident.openedAt,
      rate: { minute: 0, count: 0 },
      storm: { on: false },
      callbacksPending: 0,
      updatedAt: incident.openedAt,
      ...incident,
    };
    let created = true;
    try {
      await this.incidents.create(doc);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      created = false;
    }
    return { incident: (await this.get(incident._id)) as Incident, created };
  }

  /**
   * Points the area at `incidentId` unless it points at another incident that is not `replacing`
   * (a stale one). Returns the incident the area points at afterwards.
   */
  async point(
    key: string,
    districtCode: string,
    incidentId: string,
    replacing?: string,
  ): Promise<string> {
    try {
      const filter = replacing ? { _id: key, incidentId: replacing } : { _id: key };
      const update = replacing
        ? { $set: { incidentId } }
        : { $setOnInsert: { incidentId, districtCode } };
      await this.areas.updateOne(filter, update, { upsert: !replacing });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const area = await this.areas.findById(key).lean<IncidentArea>();
    return area?.incidentId ?? incidentId;
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
