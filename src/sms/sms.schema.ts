import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A number that texted TD / 退订 / STOP: `_id` is its keyed reference, never the number. */
@Schema({ collection: 'sms_opt_outs', versionKey: false })
export class SmsOptOut {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  at: Date;
}

export const SmsOptOutSchema = SchemaFactory.createForClass(SmsOptOut);

/** What the built-in loopback SMS provider "sent": `_id` is the send's idempotency key. */
@Schema({ collection: 'sms_loopback' })
export class LoopbackSms {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  toMasked: string;

  @Prop({ required: true })
  text: string;

  @Prop({ required: true })
  at: Date;
}
export const LoopbackSmsSchema = SchemaFactory.createForClass(LoopbackSms);
