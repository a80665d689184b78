import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Types } from 'mongoose';

/** Slots the bot may be waiting for the customer to fill. */
export const SLOTS = [
  'account',
  'phoneLast4',
  'district',
  'accountChoice',
  // issue #12: a yes/no before an irreversible request, and the new number of a contact update.
  'confirm',
  'newContact',
] as const;
export type Slot = (typeof SLOTS)[number];

@Schema({ _id: false })
export class PendingQuestion {
  /** The intent the answer is for. */
  @Prop({ required: true })
  intent: string;

  @Prop({ type: String, required: true, enum: SLOTS })
  slot: Slot;

  /** Re-prompts so far; after too many the bot stops asking and offers a person. */
  @Prop({ required: true, default: 0 })
  attempts: number;

  /** The month asked about: YYYY-MM, or `latest` / `latest-N` (resolved against the bills). */
  @Prop()
  period?: string;

  /** The customer's words that opened the task, kept for the request a confirmation submits. */
  @Prop()
  said?: string;
}
const PendingQuestionSchema = SchemaFactory.createForClass(PendingQuestion);

/**
 * Where a conversation's dialogue stands, stored so a restart or a reconnect continues it. It
 * lives on the conversation document (see DialogueStateService); `_id` is the conversation's.
 */
@Schema({ _id: false })
export class DialogueState {
  @Prop({ type: Types.ObjectId, required: true })
  _id: Types.ObjectId;

  @Prop({ type: PendingQuestionSchema })
  pending?: PendingQuestion;

  /** The account the conversation is about (given, not yet necessarily verified). */
  @Prop()
  accountNumber?: string;

  @Prop()
  districtCode?: string;

  /** The account whose registered phone the customer proved; unlocks the holder's accounts. */
  @Prop()
  verifiedAccount?: string;

  @Prop({ required: true, default: 0 })
  verificationFailures: number;

  /** The last intent answered, for follow-ups such as "and last month?". */
  @Prop()
  lastIntent?: string;

  @Prop()
  lastPeriod?: string;

  /** Bot turns in a row that did not understand. */
  @Prop({ required: true, default: 0 })
  misunderstood: number;

  /** Every intent the bot acted on, in order: the agent's case card shows the path. */
  @Prop({ type: [String], default: [] })
  intentPath: string[];

  /** What the bot looked up and told the customer, briefly, for the case card. */
  @Prop({ type: [String], default: [] })
  answered: string[];

  /** The customer's latest messages (the case card's "last messages", and repeat detection). */
  @Prop({ type: [String], default: [] })
  lastCustomerTexts: string[];

  // issue #12 (dialogue): details given before they are asked for, and the last confident answer.
  /** Last four digits given before the account they belong to ("尾号9012" first, account later). */
  @Prop()
  phoneLast4?: string;

  /** A new contact number the customer gave, until the contact update is submitted. */
  @Prop()
  newPhone?: string;

  /** issue #16: the incident the customer's outage was attached to (notices, storm mode). */
  @Prop()
  incidentId?: string;

  /** The last message the bot answered with confidence (masked): a rejection makes it a miss. */
  @Prop({ type: Object })
  lastAnswer?: { text: string; intent: string; confidence: number };
}

export type DialogueStateDocument = HydratedDocument<DialogueState>;
export const DialogueStateSchema = SchemaFactory.createForClass(DialogueState);
