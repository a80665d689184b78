import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Types } from 'mongoose';

export const CONVERSATION_STATUSES = ['bot', 'waiting', 'agent', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type ChatLanguage = 'zh' | 'en';

export interface BotTurnRecord {
  intent: string;
  confidence: number;
}

@Schema({ collection: 'conversations', timestamps: true })
export class Conversation {
  /** sha256 of the resume token's secret part: the token is a bearer secret, never stored. */
  @Prop({ required: true })
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

  /** The last sequence number given to a message of this conversation. */
  @Prop({ required: true, default: 0 })
  messageSeq: number;

  @Prop()
  lastMessageAt?: Date;

  // Stored ready to group on, for reports (FerretDB v1 has no date operators in pipelines).
  @Prop()
  day?: string;

  @Prop()
  week?: string;

  /** How the conversation went: the bot alone, or handed over (then kept even if it returns). */
  @Prop({ type: String, enum: ['bot', 'escalated', 'abandoned'], default: 'bot' })
  outcome: 'bot' | 'escalated' | 'abandoned';

  /** The in-scope intents the bot understood, first first (at most 10). */
  @Prop({ type: [String], default: [] })
  intents: string[];

  /** Set when retention removed the personal data. */
  @Prop()
  anonymisedAt?: Date;

  /** The district the customer is in, once the dialogue learned it. */
  @Prop()
  districtCode?: string;

  /**
   * The bot's latest turns, newest last: the dialogue reads them on every message, and reading
   * them here is one lookup by id instead of a scan of the messages collection on FerretDB.
   */
  @Prop({ type: [{ _id: false, intent: String, confidence: Number }], default: [] })
  botTurns: BotTurnRecord[];

  createdAt: Date;
  updatedAt: Date;
}

export type ConversationDocument = HydratedDocument<Conversation>;
export const ConversationSchema = SchemaFactory.createForClass(Conversation);
ConversationSchema.index({ status: 1, updatedAt: -1 });
