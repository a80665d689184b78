import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { INCIDENT_STATUSES, IncidentStatus } from './incident-status';

@Schema({ _id: false })
export class StormFlag {
  @Prop({ required: true, default: false })
  on: boolean;

  /** A supervisor's switch; `off` holds against the rate until they switch it on again. */
  @Prop({ type: String, enum: ['on', 'off'] })
  manual?: 'on' | 'off';

  @Prop()
  since?: Date;

  /** The rate that started it (chats a minute), for the banner. */
  @Prop()
  rate?: number;
}
const StormFlagSchema = SchemaFactory.createForClass(StormFlag);

/**
 * One outage as customers experience it: their reports grouped by feeder (or district) within
 * a window, linked to the outage records' entry when there is one. `_id` is derived from the
 * area and the window it opened in (see grouping.policy.ts).
 */
@Schema({ collection: 'incidents' })
export class Incident {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true, enum: ['feeder', 'district'] })
  scope: 'feeder' | 'district';

  @Prop({ required: true })
  districtCode: string;

  @Prop()
  feederId?: string;

  @Prop({ type: String, required: true, enum: INCIDENT_STATUSES })
  status: IncidentStatus;

  /** Confirmed by the outage records or by staff: it takes reports however quiet it goes. */
  @Prop({ required: true, default: false })
  confirmed: boolean;

  /** The outage records' number, once linked. */
  @Prop()
  outageNo?: string;

  /** The records' feeders of an incident they opened (several: each points at it). */
  @Prop({ type: [String], default: undefined })
  feederIds?: string[];

  /** Customers out of supply as the records count them (reports count only the reporters). */
  @Prop()
  affectedAccounts?: number;

  @Prop()
  causeZh?: string;

  @Prop()
  causeEn?: string;

  @Prop()
  etaAt?: Date;

  /** When the estimate last changed (the notice repair compares subscriptions with it). */
  @Prop()
  etaChangedAt?: Date;

  /** Bumped by each change of the estimate: the n of that change's notices. */
  @Prop({ required: true, default: 0 })
  etaVersion: number;

  /** Distinct reporters (an account, or a chat without one). */
  @Prop({ required: true, default: 0 })
  reportCount: number;

  @Prop({ required: true, default: 0 })
  accountCount: number;

  @Prop({ required: true })
  openedAt: Date;

  @Prop({ required: true })
  lastReportAt: Date;

  @Prop()
  restoredAt?: Date;

  /** Outage chats this minute (see storm.policy.ts). */
  @Prop({ type: Object, required: true, default: { minute: 0, count: 0 } })
  rate: { minute: number; count: number };

  @Prop({ type: StormFlagSchema, required: true, default: () => ({ on: false }) })
  storm: StormFlag;

  /** Callbacks asked for and not yet done or failed (CallbacksService keeps it). */
  @Prop({ required: true, default: 0 })
  callbacksPending: number;

  /** The service request logged for the first report (the customer's reference). */
  @Prop()
  requestReference?: string;

  @Prop({ required: true })
  updatedAt: Date;
}
export const IncidentSchema = SchemaFactory.createForClass(Incident);
// For MongoDB; the local store scans (lists are off the hot path and bounded).
IncidentSchema.index({ status: 1, openedAt: -1 });
// The records' sync asks which outages have an incident (a scan on the local store, bounded).
IncidentSchema.index({ outageNo: 1 });
// The rate counter's conditional update is an equality on all of its fields.
IncidentSchema.index({ _id: 1, 'rate.minute': 1 }, { unique: true });
// So is the callbacks' recount (IncidentsRepository.setCallbacksCount).
IncidentSchema.index({ _id: 1, callbacksPending: 1 }, { unique: true });

/** What a new incident is made of (the rest starts at its defaults). */
export type IncidentSeed = Pick<
  Incident,
  '_id' | 'scope' | 'districtCode' | 'feederId' | 'openedAt'
> &
  Partial<Pick<Incident, 'confirmed' | 'feederIds' | 'affectedAccounts'>>;

/**
 * An area's pointer to its open incident: `_id` is `feeder:<id>` or `district:<code>`. It is
 * the one decider of which incident an area has: whoever opens one (a customer's first report,
 * the records' job) proposes it on the pointer first and inserts it only after winning.
 */
@Schema({ collection: 'incident_areas' })
export class IncidentArea {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  incidentId: string;

  @Prop({ required: true })
  districtCode: string;

  /**
   * The winner's incident as proposed: a reader that finds the pointer before the incident is
   * inserted (or after its proposer crashed) inserts it from here, under the same `_id`.
   */
  @Prop({ type: Object })
  seed?: IncidentSeed;
}
export const IncidentAreaSchema = SchemaFactory.createForClass(IncidentArea);

/** One reporter of an incident: `_id` `<incidentId>:<account ref or conversation id>`. */
@Schema({ collection: 'incident_reports' })
export class IncidentReport {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  incidentId: string;

  @Prop({ required: true })
  conversationId: string;

  /** Masked as transcripts show it (last digits only). */
  @Prop()
  accountMasked?: string;

  @Prop({ type: String, required: true, enum: ['zh', 'en'] })
  language: 'zh' | 'en';

  @Prop({ required: true })
  at: Date;
}
export const IncidentReportSchema = SchemaFactory.createForClass(IncidentReport);
IncidentReportSchema.index({ incidentId: 1, at: 1 });
