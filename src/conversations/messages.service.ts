import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'crypto';
import { Model, Types } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { isDuplicateKey } from '../common/mongo-errors';
import { ConversationEvents, MessageCreatedEvent } from './conversation.events';
import { Conversation } from './conversation.schema';
import { toMessageView } from './conversation.views';
import { Message, MessageDocument, Sender } from './message.schema';

export interface AppendMessage {
  sender: Sender;
  text: string;
  /** Omitted for the server's own turns, which get a fresh id. */
  clientMessageId?: string;
  agentId?: string;
  internal?: boolean;
  intent?: string;
  confidence?: number;
}

/** Enough for any real burst in one conversation; a loop that long means something is wrong. */
const MAX_SEQ_ATTEMPTS = 50;

@Injectable()
export class MessagesService {
  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * Stores a message once per (conversation, clientMessageId): a client that resends after a
   * lost ack gets the stored message back with `duplicate: true`, and nothing is stored twice.
   *
   * The next sequence number is claimed by inserting under a unique (conversationId, seq) index
   * and retrying on a clash. A counter with $inc would be simpler, but FerretDB v1 applies $inc
   * and conditional updates as read-then-write (50 concurrent $inc left +8, measured): only a
   * unique-index insert is atomic on both FerretDB and MongoDB.
   */
  async append(
    conversationId: Types.ObjectId,
    input: AppendMessage,
  ): Promise<{ message: MessageDocument; duplicate: boolean }> {
    const clientMessageId = input.clientMessageId ?? `srv-${randomUUID()}`;
    for (let attempt = 0; attempt < MAX_SEQ_ATTEMPTS; attempt++) {
      const existing = await this.messages.findOne({ conversationId, clientMessageId });
      if (existing) return { message: existing, duplicate: true };
      const last = await this.messages
        .findOne({ conversationId }, { seq: 1 })
        .sort({ seq: -1 })
        .lean();
      try {
        const message = await this.messages.create({
          ...input,
          conversationId,
          clientMessageId,
          seq: (last?.seq ?? 0) + 1,
        });
        await this.conversations.updateOne(
          { _id: conversationId },
          { $set: { lastMessageAt: message.createdAt } },
        );
        this.events.emit(ConversationEvents.messageCreated, {
          message: toMessageView(message),
        } satisfies MessageCreatedEvent);
        return { message, duplicate: false };
      } catch (error) {
        // Either this very message was stored by a racing resend (found on the next turn of the
        // loop), or another message took the sequence number: try the next one.
        if (!isDuplicateKey(error)) throw error;
      }
    }
    throw new DomainError(
      'UNAVAILABLE',
      'Too many concurrent messages in this conversation; retry',
    );
  }

  /** The conversation in order; internal notes only for staff (`audience: 'staff'`). */
  async list(
    conversationId: Types.ObjectId,
    audience: 'customer' | 'staff',
  ): Promise<MessageDocument[]> {
    const filter =
      audience === 'staff' ? { conversationId } : { conversationId, internal: { $ne: true } };
    return this.messages.find(filter).sort({ seq: 1 });
  }

  async recent(conversationId: Types.ObjectId, count: number): Promise<MessageDocument[]> {
    const latest = await this.messages
      .find({ conversationId, internal: { $ne: true } })
      .sort({ seq: -1 })
      .limit(count);
    return latest.reverse();
  }
}
