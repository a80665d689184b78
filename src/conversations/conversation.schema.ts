import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Types } from 'mongoose';

export const CONVERSATION_STATUSES = ['bot', 'waiting', 'agent', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type ChatLanguage = 'zh' | 'en';

@Schema({ collection: 'conversations', timestamps: true })
export class Conversation {
  /** sha256 of the resume token: the token itself is a bearer secret and is never stored. */
  @Prop({ required: true, unique: true })
  resumeTokenHash: string;

  @Prop({ type: String, required: true, enum: CONVERSATION_STATUSES, default: 'bot' })
  status: ConversationStatus;

  @Prop({ type: String, required: true, enum: ['zh', 'en'] })
  language: ChatLanguage;

  @Prop({ required: true, default: 'web' })
  channel: string;

  @Prop()
  customerName?: string;

  /** The ticket of the current or last handoff. */
  @Prop({ type: Types.ObjectId })
  ticketId?: Types.ObjectId;

  @Prop()
  lastMessageAt?: Date;

  createdAt: Date;
  updatedAt: Date;
}

export type ConversationDocument = HydratedDocument<Conversation>;
export const ConversationSchema = SchemaFactory.createForClass(Conversation);
ConversationSchema.index({ status: 1, updatedAt: -1 });
