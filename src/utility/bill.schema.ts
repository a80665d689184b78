import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';
import { TARIFF_PLANS, TariffPlan } from './tariff-calculator';

export const BILL_STATUSES = ['unpaid', 'paid'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];

/**
 * One account's month. The usage fields are enough to recompute and explain the amount with the
 * tariff calculator; amounts are integer fen.
 */
@Schema({ collection: 'utility_bills' })
export class Bill {
  /**
   * `<accountNumber>:<YYYY-MM>`. the local store (mongo-java-server) answers only `_id` and full unique-key equality from an index (every other
   * filter is a full scan in Go, seconds on 45k bills), so per-account records are read by key.
   */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  accountNumber: string;

  /** `YYYY-MM`. */
  @Prop({ required: true })
  period: string;

  @Prop({ type: String, required: true, enum: TARIFF_PLANS })
  tariffPlan: TariffPlan;

  @Prop({ required: true })
  tariffCode: string;

  @Prop({ required: true })
  kwh: number;

  @Prop({ required: true })
  peakKwh: number;

  @Prop({ required: true })
  valleyKwh: number;

  @Prop({ required: true })
  tier1Kwh: number;

  @Prop({ required: true })
  tier2Kwh: number;

  @Prop({ required: true })
  tier3Kwh: number;

  /** Where the annual ladder stood before this month. */
  @Prop({ required: true })
  yearToDateKwhBefore: number;

  /** True when the month's reading was estimated: the customer may ask for an actual one. */
  @Prop({ required: true })
  estimated: boolean;

  @Prop({ required: true })
  amountFen: number;

  @Prop({ required: true })
  issuedAt: Date;

  @Prop({ required: true })
  dueDate: Date;

  @Prop({ type: String, required: true, enum: BILL_STATUSES })
  status: BillStatus;

  @Prop()
  paidAt?: Date;
}

export type BillDocument = HydratedDocument<Bill>;
export const BillSchema = SchemaFactory.createForClass(Bill);
BillSchema.index({ accountNumber: 1, period: 1 }, { unique: true });
BillSchema.index({ accountNumber: 1, status: 1 });
