import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'crypto';
import { Model, mongo, Types } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { PiiCipherService } from '../common/pii-cipher.service';
import { isDuplicateKey } from '../common/mongo-errors';
import { ConversationEvents, MessageCreatedEvent } from './conversation.events';
import {
  maskNumber,
  maskPii,
  maskPiiDeep,
  MaskResult,
  maskVerificationAnswer,
} from '../common/pii-masker';
import { MessageOriginal } from './message-original.schema';
import { LeanConversation } from './conversation.schema';
import { ConversationsService } from './conversations.service';
import { ConversationTurnsService } from './conversation-turns.service';
import { accountRefsOf, toMessageView } from './conversation.views';
import { PersonalRefService } from './personal-ref.service';
import { Message, Sender } from './message.schema';

export interface AppendMessage {
  sender: Sender;
  text: string;
  /** Omitted for the server's own turns, which get a fresh id. */
  clientMessageId?: string;
  agentId?: string;
  internal?: boolean;
  intent?: string;
  confidence?: number;
  nluStage?: string;
  card?: { type: string; data: Record<string, unknown> };
  /** As read by the NLU, unmasked: append masks them. */
  entities?: { type: string; value: string; unit?: string }[];
}

/** Attempts at a message number before the write fails (see append). */
const MAX_SEQ_ATTEMPTS = 5;

/** Entity types whose values are personal numbers. */
const PERSONAL_ENTITIES = new Set(['account_number', 'phone']);

export interface AppendResult {
  message: Message;
  duplicate: boolean;
  /** The conversation as the message's number was reserved (absent for a duplicate). */
  conversation?: LeanConversation;
}

/** A message ready to insert: masked, but not yet numbered (its `_id` comes with its number). */
export type PreparedMessage = Omit<Message, '_id' | 'seq' | 'createdAt' | 'internal'> & {
  internal?: boolean;
  /** The unmasked text, kept apart for the audited unmask path; only when something was masked. */
  original?: string;
};

/**
 * A message's `_id` is `<conversationId>:<seq>`. Why: a conversation's messages are then read
 * by `_id` (`$in` of its numbers, which the conversation's counter tells), a lookup every store
 * answers from its primary index; mongo-java-server uses no index but a unique one, and only
 * for an equality on all its fields, so a `find({ conversationId })` would scan every message.
 */
export function messageIdOf(conversationId: Types.ObjectId, seq: number): string {
  return `${conversationId.toHexString()}:${seq}`;
}

@Injectable()
export class MessagesService {
  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly conversations: ConversationsService,
    private readonly turns: ConversationTurnsService,
    private readonly events: EventEmitter2,
    @InjectModel(MessageOriginal.name) private readonly originals: Model<MessageOriginal>,
    private readonly refs: PersonalRefService,
    private readonly cipher: PiiCipherService,
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
   * conversation), then the message is inserted; the unique (conversationId, clientMessageId)
   * index refuses a resend, and only then is the stored copy read.
   */
  async append(conversationId: Types.ObjectId, input: AppendMessage): Promise<AppendResult> {
    let prepared = this.prepare(conversationId, input);
    for (let attempt = 1; ; attempt++) {
      const conversation = await this.turns.reserveSeq(
        conversationId,
        1,
        new Date(),
        // Only the first attempt marks it: a retry after a taken number has marked it already.
        input.sender === 'customer' && attempt === 1
          ? { clientMessageId: prepared.clientMessageId }
          : undefined,
      );
      if (input.sender === 'customer' && conversation.expectsSecret && attempt === 1) {
        // The answer to "the last four digits of your phone": never stored in clear.
        prepared = this.prepare(conversationId, input, maskVerificationAnswer);
      }
      try {
        const message = await this.insert(prepared, conversation.messageSeq, conversation.channel);
        return { message, duplicate: false, conversation };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const stored = await this.findByClientId(conversationId, prepared.clientMessageId);
        if (stored) return { message: stored, duplicate: true };
        // Not a resend: the number was taken. The counter is atomic, so this should not
        // happen; if a store ever hands a number out twice, the writer takes a fresh one.
        if (attempt >= MAX_SEQ_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Masks a message. Personal numbers are masked before anything is stored or sent on; the
   * original is kept apart for the unmask path only.
   */
  prepare(
    conversationId: Types.ObjectId,
    input: AppendMessage,
    mask: (text: string) => MaskResult = maskPii,
  ): PreparedMessage {
    const clientMessageId = input.clientMessageId ?? `srv-${randomUUID()}`;
    const masked = mask(input.text);
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
   * turn's state write reserved), in one round trip. A retried turn finds some already stored
   * (same clientMessageIds): those are skipped.
   */
  async insertNumbered(
    prepared: PreparedMessage[],
    lastSeq: number,
    channel?: string,
  ): Promise<Message[]> {
    const stored: Message[] = [];
    let pending = prepared;
    let last = lastSeq;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const docs = pending.map((m, i) => toStoredMessage(m, last - pending.length + 1 + i));
      const refused = await this.insertAll(docs);
      stored.push(...docs.filter((_, i) => !refused.has(i)));
      const retry: PreparedMessage[] = [];
      for (const i of refused) {
        const m = pending[i];
        if (!(await this.findByClientId(m.conversationId, m.clientMessageId))) retry.push(m);
      }
      pending = retry;
      if (pending.length === 0) break;
      if (attempt >= MAX_SEQ_ATTEMPTS) throw new DomainError('CONFLICT', 'message numbers collide');
      const reserved = await this.turns.reserveSeq(
        pending[0].conversationId,
        pending.length,
        new Date(),
      );
      last = reserved.messageSeq;
    }
    const originals = stored.flatMap((m) => {
      const original = prepared.find((p) => p.clientMessageId === m.clientMessageId)?.original;
      return original === undefined
        ? []
        : [{ _id: m._id, text: this.cipher.seal(original, m._id) }];
    });
    if (originals.length > 0) await this.originals.insertMany(originals, { ordered: false });
    for (const message of stored) this.announce(message, channel);
    return stored;
  }

  /** One insertMany; returns the indexes the unique indexes refused. */
  private async insertAll(docs: Message[]): Promise<Set<number>> {
    try {
      await this.raw.insertMany(docs, { ordered: false });
      return new Set();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // The driver gives one write error as an object, several as an array.
      const errors = (error as { writeErrors?: { index: number } | { index: number }[] })
        .writeErrors;
      return new Set((Array.isArray(errors) ? errors : errors ? [errors] : []).map((e) => e.index));
    }
  }

  /** A message by its sender's id (the unique (conversationId, clientMessageId) index). */
  findByClientId(conversationId: Types.ObjectId, clientMessageId: string): Promise<Message | null> {
    return this.messages.findOne({ conversationId, clientMessageId }).lean<Message>();
  }

  /**
   * The driver's insert, not mongoose's `create`: on the message path the document is built
   * here already (masked, numbered, defaults set), and a model document's casting, validation
   * and hydration cost more CPU than the rest of the write.
   */
  private async insert(prepared: PreparedMessage, seq: number, channel?: string): Promise<Message> {
    const message = toStoredMessage(prepared, seq);
    await this.raw.insertOne(message);
    if (prepared.original !== undefined) {
      await this.originals.create({
        _id: message._id,
        text: this.cipher.seal(prepared.original, message._id),
      });
    }
    this.announce(message, channel);
    return message;
  }

  private announce(message: Message, channel?: string): void {
    this.events.emit(ConversationEvents.messageCreated, {
      message: toMessageView(message),
      accountRefs: accountRefsOf(message),
      channel,
    } satisfies MessageCreatedEvent);
  }

  /**
   * The conversation in order; internal notes only for staff (`audience: 'staff'`). Read by
   * `_id` (see messageIdOf): the conversation's counter says which numbers exist; a number a
   * failed write left unused is simply not found.
   */
  async list(conversationId: Types.ObjectId, audience: 'customer' | 'staff'): Promise<Message[]> {
    const messageSeq = await this.conversations.messageCount(conversationId);
    const ids = Array.from({ length: messageSeq }, (_, i) => messageIdOf(conversationId, i + 1));
    const found = ids.length === 0 ? [] : await this.raw.find({ _id: { $in: ids } }).toArray();
    return found.filter((m) => audience === 'staff' || !m.internal).sort((a, b) => a.seq - b.seq);
  }

  /** The unmasked text of one message of a conversation (undefined when nothing was masked). */
  async original(
    conversationId: Types.ObjectId,
    messageId: string,
  ): Promise<{ masked: string; original?: string }> {
    const message = await this.messages.findById(messageId).lean<Message>();
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

/** The stored shape of a prepared message: numbered, defaults set, no undefined fields. */
function toStoredMessage(prepared: PreparedMessage, seq: number): Message {
  const message: Record<string, unknown> = { _id: messageIdOf(prepared.conversationId, seq) };
  // Undefined fields are left out as the object is built: deleting them afterwards turned every
  // message into a slow dictionary-mode object for the BSON writer and the broadcasts.
  for (const [key, value] of Object.entries(prepared))
    if (value !== undefined && key !== 'original') message[key] = value;
  message.internal = prepared.internal ?? false;
  message.seq = seq;
  message.createdAt = new Date();
  return message as unknown as Message;
}
