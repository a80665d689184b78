import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'crypto';
import { Model, Types } from 'mongoose';
import { DomainError } from '../common/domain-error';
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
  intent?: string;
  confidence?: number;
}

function isDuplicateKey(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000
  );
}

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
   */
  async append(
    conversationId: Types.ObjectId,
    input: AppendMessage,
  ): Promise<{ message: MessageDocument; duplicate: boolean }> {
    const clientMessageId = input.clientMessageId ?? `srv-${randomUUID()}`;
    const existing = await this.messages.findOne({ conversationId, clientMessageId });
    if (existing) return { message: existing, duplicate: true };

    const counter = await this.conversations.findOneAndUpdate(
      { _id: conversationId },
      { $inc: { messageSeq: 1 }, $set: { lastMessageAt: new Date() } },
      // No projection: FerretDB v1 does not implement findAndModify's `fields`.
      { new: true },
    );
    if (!counter) throw new DomainError('NOT_FOUND', 'Conversation not found');

    try {
      const message = await this.messages.create({
        ...input,
        conversationId,
        clientMessageId,
        seq: counter.messageSeq,
      });
      this.events.emit(ConversationEvents.messageCreated, {
        message: toMessageView(message),
      } satisfies MessageCreatedEvent);
      return { message, duplicate: false };
    } catch (error) {
      // Two sends of one message raced past the lookup: the unique index kept one of them.
      if (!isDuplicateKey(error)) throw error;
      const winner = await this.messages.findOne({ conversationId, clientMessageId });
      if (!winner) throw error;
      return { message: winner, duplicate: true };
    }
  }

  async list(conversationId: Types.ObjectId): Promise<MessageDocument[]> {
    return this.messages.find({ conversationId }).sort({ seq: 1 });
  }

  async recent(conversationId: Types.ObjectId, count: number): Promise<MessageDocument[]> {
    const latest = await this.messages.find({ conversationId }).sort({ seq: -1 }).limit(count);
    return latest.reverse();
  }
}
