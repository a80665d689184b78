import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

export const PAYMENT_CHANNELS = ['wechat', 'alipay', 'bank', 'counter', 'direct_debit'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

@Schema({ collection: 'utility_payments' })
export class Payment {
  /**
   * `<accountNumber>:<YYYY-MM>` of the bill it settled (one payment per bill in these records). the local store (mongo-java-server) answers only `_id` and full unique-key equality from an index (see Bill).
   */
  @Prop({ type: String, required: true })
  _id: string;

  /** The payment system's reference; unique so a replayed notification is stored once. */
  @Prop({ required: true, unique: true })
  paymentRef: string;

  @Prop({ required: true })
  accountNumber: string;

  /** The bill period the payment settled. */
  @Prop({ required: true })
  period: string;

  @Prop({ required: true })
  amountFen: number;

  @Prop({ type: String, required: true, enum: PAYMENT_CHANNELS })
  channel: PaymentChannel;

  @Prop({ required: true })
  paidAt: Date;
}

export type PaymentDocument = HydratedDocument<Payment>;
export const PaymentSchema = SchemaFactory.createForClass(Payment);
PaymentSchema.index({ accountNumber: 1, paidAt: -1 });
