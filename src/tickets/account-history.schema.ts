import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Types } from 'mongoose';

/** How many of an account's latest handoffs its history keeps. */
export const ACCOUNT_HISTORY_LIMIT = 20;

@Schema({ _id: false })
export class AccountHistoryEntry {
  @Prop({ type: Types.ObjectId, required: true })
  ticketId: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  conversationId: Types.ObjectId;

  @Prop({ required: true })
  at: Date;
}
const AccountHistoryEntrySchema = SchemaFactory.createForClass(AccountHistoryEntry);

/**
 * The latest handoffs of one verified account, so the agent's customer panel finds a customer's
 * earlier conversations with one `_id` lookup: mongo-java-server would scan the tickets for any
 * other filter (docs/storage.md). `_id` is the account's keyed reference (personalRef), never
 * the number itself.
 */
@Schema({ collection: 'account_histories', versionKey: false })
export class AccountHistory {
  @Prop({ type: String, required: true })
  _id: string;

  /** Oldest first, capped at ACCOUNT_HISTORY_LIMIT by `$push` with `$slice`. */
  @Prop({ type: [AccountHistoryEntrySchema], default: [] })
  entries: AccountHistoryEntry[];
}

export type AccountHistoryDocument = HydratedDocument<AccountHistory>;
export const AccountHistorySchema = SchemaFactory.createForClass(AccountHistory);
