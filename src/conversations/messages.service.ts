import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'crypto';
import { Model, mongo, Types } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { isDuplicateKey } from '../common/mongo-errors';
import { ConversationEvents, MessageCreatedEvent } from './conversation.events';
import { maskNumber, maskPii, maskPiiDeep } from '../common/pii-masker';
import { MessageOriginal } from './message-original.schema';
import { LeanConversation } from './conversation.schema';
import { ConversationsService } from './conversations.service';
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

export interface AppendResult {
  message: Message;
  duplicate: boolean;
  /** The conversation as the message's number was reserved (absent for a duplicate). */
  conversation?: LeanConversation;
}

/** A message ready to insert: masked, with its `_id`, but not yet numbered. */
export type PreparedMessage = Omit<Message, 'seq' | 'createdAt' | 'internal'> & {
  internal?: boolean;
  /** The unmasked text, kept apart for the audited unmask path; only when something was masked. */
  original?: string;
};

@Injectable()
export class MessagesService {
  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly conversations: ConversationsService,
    private readonly events: EventEmitter2,
    @InjectModel(MessageOriginal.name) private readonly originals: Model<MessageOriginal>,
    private readonly refs: PersonalRefService,
  ) {}

  /** The driver's collection, typed with our `_id` (a string, not an ObjectId). */
  private get raw(): mongo.Collection<Message> {
    return this.messages.collection as unknown as mongo.Collection<Message>;
  }

  /**
   * Stores a message once per (conversation, clientMessageId): a client that resends after a
   * lost ack gets the stored message back with `duplicate: true`, and nothing is stored twice.
   *
   * Two round trips: the conversation's counter is advanced atomically (which also returns the
   * conversation), then the message is inserted. Its `_id` is `<conversationId>:<clientMessageId>`,
   * so the insert itself refuses a second copy; the stored copy is read only then.
   */
  async append(conversationId: Types.ObjectId, input: AppendMessage): Promise<AppendResult> {
    const prepared = this.prepare(conversationId, input);
    const conversation = await this.conversations.reserveSeq(conversationId, 1, new Date());
    try {
      const message = await this.insert(prepared, conversation.messageSeq);
      return { message, duplicate: false, conversation };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const stored = await this.messages.findById(prepared._id).lean<Message>();
      if (!stored) throw error;
      return { message: stored, duplicate: true };
    }
  }

  /**
   * Masks a message and gives it its `_id`. Personal numbers are masked before anything is
   * stored or sent on; the original is kept apart for the unmask path only.
   */
  prepare(conversationId: Types.ObjectId, input: AppendMessage): PreparedMessage {
    const clientMessageId = input.clientMessageId ?? `srv-${randomUUID()}`;
    const masked = maskPii(input.text);
    const card = input.card && maskPiiDeep(input.card);
    // Any entity value may hold a personal number (a card number read as an amount): all are
    // masked like text, account and phone numbers always, with a keyed reference for search.
    const entities = input.entities?.map((e) =>
      PERSONAL_ENTITIES.has(e.type)
        ? { ...e, value: maskNumber(e.value), ref: this.refs.of(e.value) }
        : { ...e, value: maskPii(e.value).text },
    );
    return {
      ...input,
      _id: `${conversationId.toHexString()}:${clientMessageId}`,
      conversationId,
      clientMessageId,
      text: masked.text,
      card,
      entities: entities && entities.length > 0 ? entities : undefined,
      ...(masked.found.length > 0 && { original: input.text }),
    };
  }

  /**
   * Stores prepared messages numbered up to `lastSeq` (the bot's replies, whose numbers the
   * turn's state write reserved). A retried turn finds some already stored: those are skipped.
   */
  async insertNumbered(prepared: PreparedMessage[], lastSeq: number): Promise<Message[]> {
    const first = lastSeq - prepared.length + 1;
    const docs = prepared.map((message, i) => toStoredMessage(message, first + i));
    let storedIds: Set<string>;
    try {
      // One round trip for all of a turn's replies.
      await this.raw.insertMany(docs, { ordered: false });
      storedIds = new Set(docs.map((d) => d._id));
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // A retried turn: what was stored before stays, the rest went in now.
      const refused = new Set(
        ((error as { writeErrors?: { index: number }[] }).writeErrors ?? []).map((e) => e.index),
      );
      storedIds = new Set(docs.filter((_, i) => !refused.has(i)).map((d) => d._id));
    }
    const stored = docs.filter((d) => storedIds.has(d._id));
    const originals = prepared
      .filter((m) => m.original !== undefined && storedIds.has(m._id))
      .map((m) => ({ _id: m._id, text: m.original as string }));
    if (originals.length > 0) await this.originals.insertMany(originals, { ordered: false });
    for (const message of stored) this.announce(message);
    return stored;
  }

  /**
   * The driver's insert, not mongoose's `create`: on the message path the document is built
   * here already (masked, numbered, defaults set), and a model document's casting, validation
   * and hydration cost more CPU than the rest of the write.
   */
  private async insert(prepared: PreparedMessage, seq: number): Promise<Message> {
    const message = toStoredMessage(prepared, seq);
    await this.raw.insertOne(message);
    if (prepared.original !== undefined) {
      await this.originals.create({ _id: prepared._id, text: prepared.original });
    }
    this.announce(message);
    return message;
  }

  private announce(message: Message): void {
    this.events.emit(ConversationEvents.messageCreated, {
      message: toMessageView(message),
      accountRefs: accountRefsOf(message),
    } satisfies MessageCreatedEvent);
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
    return { masked: message.text, ...(original && { original: original.text }) };
  }
}

/** The stored shape of a prepared message: numbered, defaults set, no undefined fields. */
function toStoredMessage(prepared: PreparedMessage, seq: number): Message {
  const { original, ...fields } = prepared;
  void original;
  const message: Record<string, unknown> = {
    ...fields,
    internal: fields.internal ?? false,
    seq,
    createdAt: new Date(),
  };
  for (const key of Object.keys(message)) if (message[key] === undefined) delete message[key];
  return message as unknown as Message;
}
