import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The unmasked text of a message that contained personal numbers. Kept apart from the message so
 * that no ordinary read (customer, agent, supervisor, search, reports) can reach it; only the
 * unmask path, with a permission and a stated reason, does. Deleted by retention.
 */
@Schema({ collection: 'message_originals', timestamps: { createdAt: true, updatedAt: false } })
export class MessageOriginal {
  /** The message's id. */
  @Prop({ type: String, required: true })
  _id: string;

  /** Sealed (AES-256-GCM, PiiCipherService), never in clear. */
  @Prop({ required: true })
  text: string;
}

export const MessageOriginalSchema = SchemaFactory.createForClass(MessageOriginal);
