import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { timingSafeEqual } from 'crypto';
import { Model, Types } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { parseObjectId } from '../common/object-id';
import { dayKey, weekKey } from '../common/report-dates';
import { hashToken, newToken } from '../common/tokens';
import { ConversationEvents, ConversationUpdatedEvent } from './conversation.events';
import { ConversationWriteLock } from './conversation-write-lock';
import {
  BotTurnRecord,
  ChatLanguage,
  Conversation,
  ConversationDocument,
  ConversationStatus,
} from './conversation.schema';
import { toConversationView } from './conversation.views';

/** Which statuses a conversation may move to from which: the only writer of `status`. */
const TRANSITIONS: Record<ConversationStatus, ConversationStatus[]> = {
  bot: ['waiting', 'closed'],
  waiting: ['agent', 'bot', 'closed'],
  agent: ['bot', 'waiting', 'closed'],
  closed: ['bot'],
};

/** How many bot turns the dialogue remembers (for streaks of misunderstanding, the skill). */
const BOT_TURNS_KEPT = 6;

export interface StartConversation {
  language: ChatLanguage;
  customerName?: string;
  channel?: string;
}

@Injectable()
export class ConversationsService {
  constructor(
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
    private readonly events: EventEmitter2,
    private readonly lock: ConversationWriteLock,
  ) {}

  /**
   * The resume token is `<conversationId>.<secret>`: the id finds the conversation by primary key
   * (FerretDB v1 pushes down only `_id` lookups; anything else scans the collection), the secret
   * proves the caller may have it.
   */
  async start(
    input: StartConversation,
  ): Promise<{ conversation: ConversationDocument; resumeToken: string }> {
    const secret = newToken();
    const conversation = await this.conversations.create({
      resumeTokenHash: hashToken(secret),
      language: input.language,
      channel: input.channel ?? 'web',
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
   * Moves a conversation to `to` if its current status allows it. Callers that could race have
   * already won a claim (see TicketsService); the write lock orders this process's writes.
   */
  async transition(
    id: Types.ObjectId,
    to: ConversationStatus,
    set: Partial<Pick<Conversation, 'ticketId'>> = {},
  ): Promise<ConversationDocument> {
    const updated = await this.lock.run(id.toHexString(), async () => {
      const current = await this.get(id);
      if (!TRANSITIONS[current.status].includes(to)) {
        throw new DomainError(
          'CONFLICT',
          `Conversation is ${current.status}, cannot become ${to}`,
          {
            status: current.status,
          },
        );
      }
      current.set({ status: to, ...set });
      return current.save();
    });
    this.events.emit(ConversationEvents.conversationUpdated, {
      conversation: toConversationView(updated),
    } satisfies ConversationUpdatedEvent);
    return updated;
  }

  /** Records a bot turn (and the language it answered in) for the dialogue's next turns. */
  async recordBotTurn(
    id: Types.ObjectId,
    turn: BotTurnRecord,
    language: ChatLanguage,
    facts: { understood: boolean; districtCode?: string } = { understood: false },
  ): Promise<void> {
    await this.lock.run(id.toHexString(), async () => {
      const current = await this.get(id);
      const botTurns = [...current.botTurns, turn].slice(-BOT_TURNS_KEPT);
      const intents =
        facts.understood && !current.intents.includes(turn.intent)
          ? [...current.intents, turn.intent].slice(0, 10)
          : current.intents;
      await this.conversations.updateOne(
        { _id: id },
        {
          $set: {
            botTurns,
            language,
            intents,
            ...(facts.districtCode && { districtCode: facts.districtCode }),
          },
        },
      );
    });
  }

  /** Escalated stays escalated; abandoned only replaces the plain bot outcome of a handoff. */
  async recordOutcome(id: Types.ObjectId, outcome: 'escalated' | 'abandoned'): Promise<void> {
    await this.lock.run(id.toHexString(), async () => {
      await this.conversations.updateOne({ _id: id }, { $set: { outcome } });
    });
  }

  /** Conversations started in a day range (`YYYY-MM-DD`, inclusive), for reports. */
  async listForReport(from: string, to: string): Promise<ConversationDocument[]> {
    return this.conversations
      .find(
        { day: { $gte: from, $lte: to } },
        { day: 1, week: 1, channel: 1, outcome: 1, intents: 1, districtCode: 1 },
      )
      .limit(200_000);
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

  /** Conversations by status, as counts (a $group with $sum: FerretDB has it). */
  async countByStatus(): Promise<Record<ConversationStatus, number>> {
    const rows = await this.conversations.aggregate<{ _id: ConversationStatus; n: number }>([
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
