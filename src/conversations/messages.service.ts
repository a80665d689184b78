import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'crypto';
import { Model, Types } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { isDuplicateKey } from '../common/mongo-errors';
import { ConversationEvents, MessageCreatedEvent } from './conversation.events';
import { PiiCipherService } from '../common/pii-cipher.service';
import { maskNumber, maskPii, maskPiiDeep } from '../common/pii-masker';
import { ConversationWriteLock } from './conversation-write-lock';
import { MessageOriginal } from './message-original.schema';
import { Conversation } from './conversation.schema';
import { accountRefsOf, toMessageView } from './conversation.views';
import { PersonalRefService } from './personal-ref.service';
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
  card?: { type: string; data: Record<string, unknown> };
  /** As read by the NLU, unmasked: append masks them. */
  entities?: { type: string; value: string; unit?: string }[];
}

/** Entity types whose values are personal numbers. */
const PERSONAL_ENTITIES = new Set(['account_number', 'phone']);

/** Other processes writing to the same conversation at once; more than this means something is wrong. */
const MAX_SEQ_ATTEMPTS = 20;

@Injectable()
export class MessagesService {
  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
    private readonly events: EventEmitter2,
    private readonly lock: ConversationWriteLock,
    @InjectModel(MessageOriginal.name) private readonly originals: Model<MessageOriginal>,
    private readonly refs: PersonalRefService,
    private readonly cipher: PiiCipherService,
  ) {}

  private readonly logger = new Logger(MessagesService.name);

  /**
   * Stores a message once per (conversation, clientMessageId): a client that resends after a
   * lost ack gets the stored message back with `duplicate: true`, and nothing is stored twice.
   *
   * The message's `_id` is `<conversationId>:<clientMessageId>`, so the insert itself refuses a
   * second copy, and a resend costs a read only when it happens. The sequence number comes from the conversation's counter, written
   * under the conversation's write lock; the unique (conversationId, seq) index catches a second
   * process using the same number, and that writer takes the next one.
   */
  async append(
    conversationId: Types.ObjectId,
    input: AppendMessage,
  ): Promise<{ message: MessageDocument; duplicate: boolean }> {
    const clientMessageId = input.clientMessageId ?? `srv-${randomUUID()}`;
    const _id = `${conversationId.toHexString()}:${clientMessageId}`;
    // Personal numbers are masked before anything is stored or sent on; the original is kept
    // apart for the unmask path only.
    const masked = maskPii(input.text);
    const card = input.card && maskPiiDeep(input.card);
    // Any entity value may hold a personal number (a card number read as an amount): all are
    // masked like text, account and phone numbers always, with a keyed reference for search.
    const entities = input.entities?.map((e) =>
      PERSONAL_ENTITIES.has(e.type)
        ? { ...e, value: maskNumber(e.value), ref: this.refs.of(e.value) }
        : { ...e, value: maskPii(e.value).text },
    );
    const stored = await this.lock.run(conversationId.toHexString(), async () => {
      // No lookup first: the insert itself refuses a resend (its `_id` exists), and only then
      // is the stored copy read. On FerretDB every read scans its table, messages the largest.
      const conversation = await this.conversations
        .findById(conversationId, { messageSeq: 1 })
        .lean();
      if (!conversation) throw new DomainError('NOT_FOUND', 'Conversation not found');
      let seq = conversation.messageSeq + 1;
      for (let attempt = 0; ; attempt++) {
        try {
          const message = await this.messages.create({
            ...input,
            text: masked.text,
            ...(card && { card }),
            ...(entities && entities.length > 0 ? { entities } : { entities: undefined }),
            _id,
            conversationId,
            clientMessageId,
            seq,
          });
          if (masked.found.length > 0)
            await this.originals.create({ _id, text: this.cipher.seal(input.text, _id) });
          await this.advanceCounter(conversationId, seq, message.createdAt);
          return { message, duplicate: false };
        } catch (error) {
          if (!isDuplicateKey(error) || attempt >= MAX_SEQ_ATTEMPTS) throw error;
          const racing = await this.messages.findById(_id);
          if (racing) return { message: racing, duplicate: true };
          seq++;
        }
      }
    });
    if (!stored.duplicate) {
      this.events.emit(ConversationEvents.messageCreated, {
        message: toMessageView(stored.message),
        accountRefs: accountRefsOf(stored.message),
      } satisfies MessageCreatedEvent);
    }
    return stored;
  }

  /**
   * Once the message is stored it is acknowledged whatever happens here: a counter left behind
   * only makes the next append step over the taken number.
   */
  private async advanceCounter(
    conversationId: Types.ObjectId,
    seq: number,
    at: Date,
  ): Promise<void> {
    await this.conversations
      .updateOne({ _id: conversationId }, { $set: { messageSeq: seq, lastMessageAt: at } })
      .catch((error: Error) => this.logger.warn(`message counter not advanced: ${error.message}`));
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

  /** The unmasked text of one message of a conversation (undefined when nothing was masked). */
  async original(
    conversationId: Types.ObjectId,
    messageId: string,
  ): Promise<{ masked: string; original?: string }> {
    const message = await this.messages.findById(messageId);
    if (!message || !message.conversationId.equals(conversationId)) {
      throw new DomainError('NOT_FOUND', 'Message not found in this conversation');
    }
    const original = await this.originals.findById(messageId);
    return {
      masked: message.text,
      ...(original && { original: this.cipher.open(original.text, messageId) }),
    };
  }
}
