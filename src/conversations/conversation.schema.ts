import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Types } from 'mongoose';

export const CONVERSATION_STATUSES = ['bot', 'waiting', 'agent', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type ChatLanguage = 'zh' | 'en';

export interface LastTurn {
  /** The customer's clientMessageId the turn answered. */
  forMessage: string;
  replies: Record<string, unknown>[];
  /** The turn handed the customer to people: redone if the process died before the ticket. */
  escalate?: { reason: string; skill: string };
}

/** A stored customer message whose bot turn has not been written yet. */
export interface AwaitingTurn {
  clientMessageId: string;
}

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

  /** On SMS or WeChat, the channel thread (src/channels) that holds the way back to the customer. */
  @Prop()
  channelThread?: string;

  @Prop()
  customerName?: string;

  /** The ticket of the current or last handoff. */
  @Prop({ type: Types.ObjectId })
  ticketId?: Types.ObjectId;

  /** The last sequence number given to a message of this conversation (an atomic `$inc`). */
  @Prop({ required: true, default: 0 })
  messageSeq: number;

  /**
   * The dialogue's memory (the dialogue module's DialogueState, opaque here). Kept on the
   * conversation so the write that reserves a message's number also returns it: a bot turn needs
   * no read of its own. Rewritten whole by each turn, so guarded by `dialogueVersion`.
   */
  @Prop({ type: Object })
  dialogue?: Record<string, unknown>;

  /**
   * Customer messages stored and not yet fully answered: pushed with the message's number,
   * pulled once its turn is done, replies stored and ticket opened (by the conversation's next
   * turn's state write, no extra round trip, or by BotTurnRecovery). What a crash leaves here is
   * answered or completed later by BotTurnRecovery, on whichever instance runs it.
   */
  @Prop({ type: [{ _id: false, clientMessageId: String }], default: [] })
  awaitingTurns: AwaitingTurn[];

  /**
   * Set by a bot turn that asked for the last digits of the registered phone: the customer's
   * next message is then a secret, and is stored with every short run of digits masked.
   */
  @Prop({ default: false })
  expectsSecret: boolean;

  /** Optimistic version of `dialogue`: a turn saves only over the version it read. */
  @Prop({ required: true, default: 0 })
  dialogueVersion: number;

  /**
   * The replies of the latest bot turn, stored with the turn's state so a turn retried after a
   * crash between the state write and the replies' insert can store them again (same ids).
   */
  @Prop({ type: Object })
  lastTurn?: LastTurn;

  @Prop()
  lastMessageAt?: Date;

  // Kept for the search facets and older reports; reports group on createdAt in the service's
  // time zone with $dateToString.
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

  /** The bot's latest turns, newest last (`$push` with `$slice`). */
  @Prop({ type: [{ _id: false, intent: String, confidence: Number }], default: [] })
  botTurns: BotTurnRecord[];

  createdAt: Date;
  updatedAt: Date;
}

export type ConversationDocument = HydratedDocument<Conversation>;
/** A conversation as the driver returns it (`lean`): the message path reads only fields. */
export type LeanConversation = Conversation & { _id: Types.ObjectId };
export const ConversationSchema = SchemaFactory.createForClass(Conversation);
ConversationSchema.index({ status: 1, updatedAt: -1 });
// Lookups for the conditional writes (a status change, a bot turn's state): mongo-java-server
// uses an index only for an equality on all fields of a unique one, and scans for `{_id, status}`
// without these. Redundant, and cheap, on MongoDB.
ConversationSchema.index({ _id: 1, status: 1 }, { unique: true });
ConversationSchema.index({ _id: 1, dialogueVersion: 1, status: 1 }, { unique: true });
