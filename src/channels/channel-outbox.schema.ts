import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CHANNELS, Channel } from './channel-thread.schema';

/**
 * A relayed message owed to its channel and not delivered yet: `_id` is the message id. Written
 * before its Bull job is queued and removed when the job has done its work, so a job Redis lost
 * (or one that used up its retries) is found here and queued again (ChannelRepairService).
 * Only undelivered messages stay, so the repair's scan is of a few documents on any store.
 */
@Schema({ collection: 'channel_outbox', versionKey: false })
export class ChannelOutbox {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true, enum: CHANNELS })
  channel: Channel;

  @Prop({ required: true })
  conversationId: string;

  /** The text as relayed, sealed (AES-256-GCM, bound to the message id): staff may have typed a number. */
  @Prop({ required: true })
  sealedText: string;

  @Prop({ required: true })
  at: Date;
}

export const ChannelOutboxSchema = SchemaFactory.createForClass(ChannelOutbox);
ChannelOutboxSchema.index({ at: 1 });
