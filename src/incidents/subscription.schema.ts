import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const NOTICE_CHANNELS = ['chat', 'sms'] as const;
export type NoticeChannelName = (typeof NOTICE_CHANNELS)[number];

/**
 * A customer's wish to hear about an incident. `_id` is `<incidentId>:<conversationId>` for the
 * chat and `<incidentId>:sms:<phone ref>` for an SMS number: subscribing twice is one record.
 */
@Schema({ collection: 'incident_subscriptions' })
export class Subscription {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  incidentId: string;

  @Prop({ type: String, required: true, enum: NOTICE_CHANNELS })
  channel: NoticeChannelName;

  /** The chat it was made in (also for SMS: opting out there stops both). */
  @Prop({ required: true })
  conversationId: string;

  /** The SMS number, sealed (AES-256-GCM, bound to this record). */
  @Prop()
  phoneSealed?: string;

  /** The SMS number as staff may see it. */
  @Prop()
  phoneMasked?: string;

  @Prop({ type: String, required: true, enum: ['zh', 'en'] })
  language: 'zh' | 'en';

  @Prop({ required: true, default: true })
  active: boolean;

  @Prop({ required: true })
  createdAt: Date;

  @Prop()
  optedOutAt?: Date;
}
export const SubscriptionSchema = SchemaFactory.createForClass(Subscription);
SubscriptionSchema.index({ incidentId: 1, active: 1 });

/**
 * The record of one notice: `_id` `<subscriptionId>:<event>:<n or key>` (the subscription id
 * starts with the incident's or the planned feed's), inserted once, so a retried or repeated job finds it and sends nothing.
 */
@Schema({ collection: 'incident_notices' })
export class Notice {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  incidentId: string;

  @Prop({ required: true })
  subscriptionId: string;

  @Prop({ type: String, required: true, enum: ['eta', 'restored', 'planned'] })
  event: 'eta' | 'restored' | 'planned';

  @Prop({ required: true })
  n: number;

  /** A planned outage's number (its notices are keyed by it). */
  @Prop()
  key?: string;

  @Prop({ type: String, required: true, enum: NOTICE_CHANNELS })
  channel: NoticeChannelName;

  @Prop({ type: String, required: true, enum: ['zh', 'en'] })
  language: 'zh' | 'en';

  @Prop({ required: true })
  text: string;

  @Prop({ type: String, required: true, enum: ['pending', 'sent', 'skipped'] })
  status: 'pending' | 'sent' | 'skipped';

  @Prop({ required: true, default: 0 })
  attempts: number;

  @Prop({ required: true })
  createdAt: Date;

  @Prop()
  sentAt?: Date;
}
export const NoticeSchema = SchemaFactory.createForClass(Notice);
NoticeSchema.index({ incidentId: 1 });

export const CALLBACK_STATUSES = ['pending', 'taken', 'done', 'failed'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

/** A callback asked for in storm mode: `_id` `<incidentId>:<conversationId>`. */
@Schema({ collection: 'incident_callbacks' })
export class IncidentCallback {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  incidentId: string;

  @Prop({ required: true })
  conversationId: string;

  @Prop({ required: true })
  phoneSealed: string;

  @Prop({ required: true })
  phoneMasked: string;

  @Prop({ type: String, required: true, enum: ['zh', 'en'] })
  language: 'zh' | 'en';

  @Prop({ required: true })
  at: Date;

  /** pending → taken (by one agent) → done or failed; see callbacks.service.ts. */
  @Prop({ type: String, required: true, enum: CALLBACK_STATUSES, default: 'pending' })
  status: CallbackStatus;

  @Prop()
  agentId?: string;

  @Prop()
  agentName?: string;

  @Prop()
  takenAt?: Date;

  @Prop()
  closedAt?: Date;

  /** The agent's note on how the call went. */
  @Prop()
  note?: string;
}
export const IncidentCallbackSchema = SchemaFactory.createForClass(IncidentCallback);
IncidentCallbackSchema.index({ incidentId: 1, status: 1, at: 1 });
IncidentCallbackSchema.index({ agentId: 1, status: 1 });

/** A planned outage whose day-before notices were scheduled: `_id` `planned:<outageNo>`. */
@Schema({ collection: 'incident_notice_runs' })
export class NoticeRun {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  at: Date;
}
export const NoticeRunSchema = SchemaFactory.createForClass(NoticeRun);
