import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export const CHANNELS = ['sms', 'wechat'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * One customer address on one channel (a mobile number, a WeChat openid) and the conversation it
 * is in now. `_id` is `<channel>:<keyed reference of the address>`, so an inbound message finds
 * its thread by `_id` (a lookup every store answers from its primary index) and two messages
 * from one number arriving at once race on one unique key. The address itself is sealed
 * (AES-256-GCM): the thread is the only place that can write back to the customer.
 */
@Schema({ collection: 'channel_threads', versionKey: false, timestamps: true })
export class ChannelThread {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true, enum: CHANNELS })
  channel: Channel;

  @Prop({ required: true })
  sealedAddress: string;

  @Prop({ type: Types.ObjectId, required: true })
  conversationId: Types.ObjectId;

  @Prop({ default: false })
  optedOut: boolean;

  @Prop()
  lastInboundAt?: Date;
}

export const ChannelThreadSchema = SchemaFactory.createForClass(ChannelThread);

/**
 * Every message relayed to a channel, once: `_id` is the message id (and the part number of a
 * long SMS). Whoever inserts it first sends it (a WeChat passive reply, or the delivery job and
 * its retries), so a reply is never sent twice however many instances or retries try.
 */
@Schema({ collection: 'channel_deliveries', versionKey: false })
export class ChannelDelivery {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true, enum: CHANNELS })
  channel: Channel;

  @Prop({ required: true })
  threadId: string;

  /** 'passive' (in the HTTP answer to WeChat), 'api' (WeChat's message API) or the SMS provider. */
  @Prop({ required: true })
  via: string;

  @Prop({ required: true })
  at: Date;
}

export const ChannelDeliverySchema = SchemaFactory.createForClass(ChannelDelivery);
