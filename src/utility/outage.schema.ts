import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

export const OUTAGE_KINDS = ['unplanned', 'planned'] as const;
export type OutageKind = (typeof OUTAGE_KINDS)[number];

export const OUTAGE_STATUSES = ['active', 'restored', 'planned', 'cancelled'] as const;
export type OutageStatus = (typeof OUTAGE_STATUSES)[number];

/** Each change of the estimated restoration, kept so the bot can say "revised from 14:00". */
@Schema({ _id: false })
export class EtaChange {
  @Prop({ required: true })
  at: Date;

  @Prop({ required: true })
  estimatedRestoration: Date;

  @Prop({ required: true })
  noteZh: string;

  @Prop({ required: true })
  noteEn: string;
}
const EtaChangeSchema = SchemaFactory.createForClass(EtaChange);

/** An outage as the outage-management system reports it. */
@Schema({ collection: 'utility_outages' })
export class Outage {
  /** The OMS's incident or work-order number. */
  @Prop({ required: true, unique: true })
  outageNo: string;

  @Prop({ type: String, required: true, enum: OUTAGE_KINDS })
  kind: OutageKind;

  @Prop({ type: String, required: true, enum: OUTAGE_STATUSES })
  status: OutageStatus;

  @Prop({ required: true })
  districtCode: string;

  /** The feeders out of supply; empty means the whole district. */
  @Prop({ type: [String], default: [] })
  feederIds: string[];

  /** Denormalised from `feederIds` because "covers every feeder" must be a plain equality match. */
  @Prop({ required: true })
  wholeDistrict: boolean;

  @Prop({ required: true })
  areaZh: string;

  @Prop({ required: true })
  areaEn: string;

  @Prop({ required: true })
  causeZh: string;

  @Prop({ required: true })
  causeEn: string;

  /** When supply was (or will be) cut. */
  @Prop({ required: true })
  startAt: Date;

  /** Planned end, or the current estimate for an unplanned one. */
  @Prop()
  estimatedRestoration?: Date;

  @Prop()
  restoredAt?: Date;

  @Prop({ required: true })
  affectedCustomers: number;

  @Prop({ type: [EtaChangeSchema], default: [] })
  etaHistory: EtaChange[];

  @Prop({ required: true })
  updatedAt: Date;
}

export type OutageDocument = HydratedDocument<Outage>;
export const OutageSchema = SchemaFactory.createForClass(Outage);
OutageSchema.index({ districtCode: 1, status: 1, startAt: 1 });
OutageSchema.index({ feederIds: 1, status: 1 });
