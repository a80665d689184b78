import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, mongo, Types } from 'mongoose';
import { DomainError } from '../common/domain-error';
import {
  BotTurnRecord,
  ChatLanguage,
  Conversation,
  LastTurn,
  LeanConversation,
} from './conversation.schema';

/** How many bot turns the dialogue remembers (for streaks of misunderstanding, the skill). */
const BOT_TURNS_KEPT = 6;

export interface RecordTurn {
  expectedVersion: number;
  dialogue: Record<string, unknown>;
  language: ChatLanguage;
  record: BotTurnRecord;
  understood: boolean;
  districtCode?: string;
  lastTurn: LastTurn;
  /** The turn asked for verification digits (see Conversation.expectsSecret). */
  expectsSecret?: boolean;
  /**
   * Customer messages whose turns are complete, replies stored and any ticket opened: their
   * awaiting marks go in this write. The turn's own message keeps its mark until then.
   */
  settled: string[];
}

/**
 * The conversation's writes on the message path: numbers for messages, the bot turn's state
 * write, and the awaiting marks that let a crashed turn be found and retried. Part of the
 * conversation's storage door (ConversationsService has the rest); a file of its own because
 * these are the hot path, written with the driver and counted in bench:chat's round trips.
 */
@Injectable()
export class ConversationTurnsService {
  /** The driver's collection: on the message path the update is built here already, and
   * mongoose's casting of it cost more CPU than the write (bench:chat's profile). */
  private get raw(): mongo.Collection<LeanConversation> {
    return this.conversations.collection as unknown as mongo.Collection<LeanConversation>;
  }

  constructor(
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
  ) {}

  /**
   * Reserves the next `count` message numbers and returns the conversation as it is after that
   * (its status, language and dialogue come with it: the message's path reads nothing else).
   * Numbers are never reused; one left unused by a failed insert only leaves a gap.
   */
  async reserveSeq(
    id: Types.ObjectId,
    count: number,
    at: Date,
    awaiting?: { clientMessageId: string },
  ): Promise<LeanConversation> {
    // A customer message is marked as awaiting its bot turn in the same write. The driver's
    // call, not mongoose's: on the message path the update is built here already, and casting it
    // cost more CPU than the write (bench:chat's profile).
    const update: mongo.UpdateFilter<LeanConversation> = {
      $inc: { messageSeq: count },
      $set: { lastMessageAt: at, updatedAt: at },
    };
    if (awaiting) update.$push = { awaitingTurns: { clientMessageId: awaiting.clientMessageId } };
    const conversation = (await this.raw.findOneAndUpdate({ _id: id }, update, {
      returnDocument: 'after',
      includeResultMetadata: false,
    })) as unknown as LeanConversation | null;
    if (!conversation) throw new DomainError('NOT_FOUND', 'Conversation not found');
    return conversation;
  }

  /**
   * Stores a bot turn in one write: the dialogue's new state (only over the version the turn
   * read, and only while the bot still has the conversation), the turn's record and replies,
   * and numbers for the replies. Returns null when the state moved on or people took over: the
   * caller reads again and decides.
   */
  async recordTurn(id: Types.ObjectId, turn: RecordTurn): Promise<LeanConversation | null> {
    const update: mongo.UpdateFilter<LeanConversation> = {
      $set: {
        updatedAt: new Date(),
        dialogue: turn.dialogue,
        language: turn.language,
        lastTurn: turn.lastTurn,
        expectsSecret: turn.expectsSecret ?? false,
        ...(turn.districtCode && { districtCode: turn.districtCode }),
      },
      $inc: { dialogueVersion: 1, messageSeq: turn.lastTurn.replies.length },
      $push: { botTurns: { $each: [turn.record], $slice: -BOT_TURNS_KEPT } },
    };
    if (turn.settled.length > 0)
      update.$pull = { awaitingTurns: { clientMessageId: { $in: turn.settled } } };
    if (turn.understood) update.$addToSet = { intents: turn.record.intent };
    return (await this.raw.findOneAndUpdate(
      { _id: id, dialogueVersion: turn.expectedVersion, status: 'bot' },
      update,
      { returnDocument: 'after', includeResultMetadata: false },
    )) as unknown as LeanConversation | null;
  }

  /** Clears a message's awaiting mark without a turn (the bot does not answer it). */
  async settleAwaiting(id: Types.ObjectId, clientMessageIds: string[]): Promise<void> {
    await this.conversations.updateOne(
      { _id: id },
      { $pull: { awaitingTurns: { clientMessageId: { $in: clientMessageIds } } } },
    );
  }

  /**
   * Conversations with a customer message stored before `before` and still unanswered (a
   * crash between the ack and the turn). A scan on mongo-java-server, run by a periodic job.
   */
  listAwaiting(before: Date, limit: number): Promise<LeanConversation[]> {
    return this.conversations
      .find({ 'awaitingTurns.0': { $exists: true }, lastMessageAt: { $lt: before } })
      .limit(limit)
      .lean<LeanConversation[]>();
  }
}
