import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { timingSafeEqual } from 'crypto';
import { Model, Types } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { parseObjectId } from '../common/object-id';
import { calendarKeyExpression, dayKey, orNone, weekKey } from '../common/report-dates';
import { hashToken, newToken } from '../common/tokens';
import { ConversationEvents, ConversationUpdatedEvent } from './conversation.events';
import {
  ChatLanguage,
  Conversation,
  ConversationDocument,
  ConversationStatus,
  LeanConversation,
} from './conversation.schema';
import { toConversationView } from './conversation.views';

/** Which statuses a conversation may move to from which: the only writer of `status`. */
const TRANSITIONS: Record<ConversationStatus, ConversationStatus[]> = {
  bot: ['waiting', 'closed'],
  waiting: ['agent', 'bot', 'closed'],
  agent: ['bot', 'waiting', 'closed'],
  closed: ['bot'],
};

export type ConversationGroup = 'day' | 'week' | 'district' | 'intent' | 'channel';

export interface StartConversation {
  language: ChatLanguage;
  customerName?: string;
  channel?: string;
  channelThread?: string;
}

@Injectable()
export class ConversationsService {
  constructor(
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * The resume token is `<conversationId>.<secret>`: the id finds the conversation by primary key,
   * the secret proves the caller may have it.
   */
  async start(
    input: StartConversation,
  ): Promise<{ conversation: ConversationDocument; resumeToken: string }> {
    const secret = newToken();
    const conversation = await this.conversations.create({
      resumeTokenHash: hashToken(secret),
      language: input.language,
      channel: input.channel ?? 'web',
      ...(input.channelThread && { channelThread: input.channelThread }),
      customerName: input.customerName,
      status: 'bot',
      day: dayKey(new Date()),
      week: weekKey(new Date()),
    });
    return { conversation, resumeToken: `${conversation.id as string}.${secret}` };
  }

  async resume(resumeToken: string): Promise<ConversationDocument> {
    const [id, secret] = resumeToken.split('.');
    const conversation =
      secret && /^[0-9a-f]{24}$/.test(id)
        ? await this.conversations.findById(new Types.ObjectId(id))
        : null;
    if (!conversation || !safeEqual(conversation.resumeTokenHash, hashToken(secret))) {
      throw new DomainError('NOT_FOUND', 'No conversation for this resume token');
    }
    return conversation;
  }

  async get(id: string | Types.ObjectId): Promise<ConversationDocument> {
    const _id = typeof id === 'string' ? parseObjectId(id, 'conversationId') : id;
    const conversation = await this.conversations.findById(_id);
    if (!conversation) throw new DomainError('NOT_FOUND', 'Conversation not found');
    return conversation;
  }

  /**
   * Moves a conversation to `to` if its current status allows it: one conditional update, so of
   * racing callers (a resolve and a transfer) exactly one moves it and the others get CONFLICT.
   */
  async transition(
    id: Types.ObjectId,
    to: ConversationStatus,
    set: Partial<Pick<Conversation, 'ticketId'>> = {},
  ): Promise<ConversationDocument> {
    let updated: ConversationDocument | null = null;
    // Compare-and-set on the status as read (an equality the unique (_id, status) index
    // answers: mongo-java-server would scan for `status: {$in: …}`); a lost write reads again.
    for (let attempt = 1; !updated; attempt++) {
      const current = await this.getLean(id);
      if (!TRANSITIONS[current.status].includes(to) || attempt > 5) {
        throw new DomainError(
          'CONFLICT',
          `Conversation is ${current.status}, cannot become ${to}`,
          {
            status: current.status,
          },
        );
      }
      updated = await this.conversations.findOneAndUpdate(
        { _id: id, status: current.status },
        { $set: { status: to, ...set } },
        { new: true },
      );
    }
    this.events.emit(ConversationEvents.conversationUpdated, {
      conversation: toConversationView(updated),
    } satisfies ConversationUpdatedEvent);
    return updated;
  }

  /** The last message number given (a listing reads numbers 1 to this), without the rest. */
  async messageCount(id: Types.ObjectId): Promise<number> {
    const found = await this.conversations
      .findById(id, { messageSeq: 1 })
      .lean<Pick<Conversation, 'messageSeq'>>();
    if (!found) throw new DomainError('NOT_FOUND', 'Conversation not found');
    return found.messageSeq;
  }

  /** The conversation's fields, without a model document (the bot turn's re-read). */
  async getLean(id: Types.ObjectId): Promise<LeanConversation> {
    const conversation = await this.conversations.findById(id).lean<LeanConversation>();
    if (!conversation) throw new DomainError('NOT_FOUND', 'Conversation not found');
    return conversation;
  }

  /** The dialogue state written outside a bot turn (no version check: one writer). */
  async saveDialogue(id: Types.ObjectId, dialogue: Record<string, unknown>): Promise<void> {
    await this.conversations.updateOne(
      { _id: id },
      { $set: { dialogue }, $inc: { dialogueVersion: 1 } },
    );
  }

  /** How the conversation's latest handoff ended for reports: escalated, or abandoned in the queue. */
  async recordOutcome(id: Types.ObjectId, outcome: 'escalated' | 'abandoned'): Promise<void> {
    await this.conversations.updateOne({ _id: id }, { $set: { outcome } });
  }

  /**
   * Conversations started in [start, end), counted per group in the database: how many, and
   * how many the bot handled alone.
   */
  async qualityGroups(
    start: Date,
    end: Date,
    groupBy: ConversationGroup,
    zone: string,
  ): Promise<{ group: string; conversations: number; contained: number }[]> {
    const key: Record<ConversationGroup, unknown> = {
      day: calendarKeyExpression('createdAt', 'day', zone),
      week: calendarKeyExpression('createdAt', 'week', zone),
      district: '$districtCode',
      intent: { $arrayElemAt: ['$intents', 0] },
      channel: '$channel',
    };
    return this.conversations.aggregate([
      { $match: { createdAt: { $gte: start, $lt: end } } },
      {
        $group: {
          _id: orNone(key[groupBy]),
          conversations: { $sum: 1 },
          contained: { $sum: { $cond: [{ $eq: ['$outcome', 'bot'] }, 1, 0] } },
        },
      },
      { $project: { _id: 0, group: '$_id', conversations: 1, contained: 1 } },
    ]);
  }

  /** Conversations with any change since `since`, oldest change first (search catch-up). */
  async listUpdatedSince(since: Date, limit: number): Promise<ConversationDocument[]> {
    return this.conversations
      .find({ updatedAt: { $gte: since } })
      .sort({ updatedAt: 1 })
      .limit(limit);
  }

  async listRecent(limit: number): Promise<ConversationDocument[]> {
    return this.conversations.find().sort({ updatedAt: -1 }).limit(limit);
  }

  /** Conversations by status, as counts. */
  /**
   * Conversations going on now: every one waiting for or with an agent, and those with the bot
   * that heard from the customer within `botActiveMs` (a chat left open for days is not "with the
   * bot" any more). Closed ones are not counted.
   */
  async countByStatus(botActiveMs = 30 * 60_000): Promise<Record<ConversationStatus, number>> {
    const since = new Date(Date.now() - botActiveMs);
    const rows = await this.conversations.aggregate<{ _id: ConversationStatus; n: number }>([
      {
        $match: {
          $or: [
            { status: { $in: ['waiting', 'agent'] } },
            { status: 'bot', lastMessageAt: { $gte: since } },
          ],
        },
      },
      { $group: { _id: '$status', n: { $sum: 1 } } },
    ]);
    const counts = { bot: 0, waiting: 0, agent: 0, closed: 0 };
    for (const row of rows) counts[row._id] = row.n;
    return counts;
  }
}

function safeEqual(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
