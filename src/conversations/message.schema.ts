import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Types } from 'mongoose';

export const SENDERS = ['customer', 'bot', 'agent', 'system'] as const;
export type Sender = (typeof SENDERS)[number];

export interface MessageEntity {
  type: string;
  value: string;
  unit?: string;
  ref?: string;
}

@Schema({ collection: 'messages', timestamps: { createdAt: true, updatedAt: false } })
export class Message {
  /** `<conversationId>:<seq>`: see messageIdOf in MessagesService. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: Types.ObjectId, required: true })
  conversationId: Types.ObjectId;

  @Prop({ required: true })
  seq: number;

  @Prop({ type: String, required: true, enum: SENDERS })
  sender: Sender;

  /** Chosen by the sender (the customer's client, or the server for its own turns): a resend is stored once. */
  @Prop({ required: true })
  clientMessageId: string;

  @Prop({ required: true })
  text: string;

  @Prop()
  agentId?: string;

  /** An agent's note for colleagues: never sent to, nor listed for, the customer. */
  @Prop({ default: false })
  internal: boolean;

  /** On bot turns: what the bot understood, and how sure it was. */
  @Prop()
  intent?: string;

  @Prop()
  confidence?: number;

  /** On bot turns: which NLU stage read the customer's message (fast, encoder, deadline). */
  @Prop()
  nluStage?: string;

  /**
   * On the bot's first reply to a message: the entities it read in the customer's words. Account
   * and phone numbers are stored masked, with a `ref` (personalRef) that search can match.
   */
  @Prop({
    // `type` is mongoose's keyword: a field of that name needs the long form.
    type: [{ _id: false, type: { type: String }, value: String, unit: String, ref: String }],
    default: undefined,
  })
  entities?: MessageEntity[];

  /** A rich card for the widget (an outage's status, a bill's breakdown), on bot turns. */
  @Prop({ type: Object })
  card?: { type: string; data: Record<string, unknown> };

  createdAt: Date;
}

export type MessageDocument = HydratedDocument<Message>;
export const MessageSchema = SchemaFactory.createForClass(Message);
// A resend is refused by this index (see MessagesService.append); order comes with the `_id`.
MessageSchema.index({ conversationId: 1, clientMessageId: 1 }, { unique: true });
