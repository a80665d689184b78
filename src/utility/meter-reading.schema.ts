import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

export const READING_KINDS = ['actual', 'estimated'] as const;
export type ReadingKind = (typeof READING_KINDS)[number];

/** The month-end register of an account's meter (whole kWh, peak and valley registers). */
@Schema({ collection: 'utility_meter_readings' })
export class MeterReading {
  /**
   * `<accountNumber>:<YYYY-MM>`. the local store (mongo-java-server) answers only `_id` and full unique-key equality from an index (see Bill).
   */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  accountNumber: string;

  /** The billing period the reading closes, `YYYY-MM`. */
  @Prop({ required: true })
  period: string;

  @Prop({ required: true })
  readAt: Date;

  @Prop({ type: String, required: true, enum: READING_KINDS })
  kind: ReadingKind;

  @Prop({ required: true })
  peakRegisterKwh: number;

  @Prop({ required: true })
  valleyRegisterKwh: number;
}

export type MeterReadingDocument = HydratedDocument<MeterReading>;
export const MeterReadingSchema = SchemaFactory.createForClass(MeterReading);
MeterReadingSchema.index({ accountNumber: 1, period: 1 }, { unique: true });
