import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { parseObjectId } from '../common/object-id';
import { hashToken, newToken } from '../common/tokens';
import { ConversationEvents, ConversationUpdatedEvent } from './conversation.events';
import {
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
  agent: ['bot', 'closed'],
  closed: ['bot'],
};

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
  ) {}

  async start(
    input: StartConversation,
  ): Promise<{ conversation: ConversationDocument; resumeToken: string }> {
    const resumeToken = newToken();
    const conversation = await this.conversations.create({
      resumeTokenHash: hashToken(resumeToken),
      language: input.language,
      channel: input.channel ?? 'web',
      customerName: input.customerName,
      status: 'bot',
    });
    return { conversation, resumeToken };
  }

  async resume(resumeToken: string): Promise<ConversationDocument> {
    const conversation = await this.conversations.findOne({
      resumeTokenHash: hashToken(resumeToken),
    });
    if (!conversation) throw new DomainError('NOT_FOUND', 'No conversation for this resume token');
    return conversation;
  }

  async get(id: string | Types.ObjectId): Promise<ConversationDocument> {
    const _id = typeof id === 'string' ? parseObjectId(id, 'conversationId') : id;
    const conversation = await this.conversations.findById(_id);
    if (!conversation) throw new DomainError('NOT_FOUND', 'Conversation not found');
    return conversation;
  }

  /**
   * Moves a conversation to `to` if its current status allows it, atomically: of two racing
   * callers exactly one succeeds, the other gets CONFLICT.
   */
  async transition(
    id: Types.ObjectId,
    to: ConversationStatus,
    set: Partial<Pick<Conversation, 'ticketId'>> = {},
  ): Promise<ConversationDocument> {
    const from = (Object.keys(TRANSITIONS) as ConversationStatus[]).filter((s) =>
      TRANSITIONS[s].includes(to),
    );
    const updated = await this.conversations.findOneAndUpdate(
      { _id: id, status: { $in: from } },
      { $set: { status: to, ...set } },
      { new: true },
    );
    if (!updated) {
      const current = await this.get(id);
      throw new DomainError('CONFLICT', `Conversation is ${current.status}, cannot become ${to}`, {
        status: current.status,
      });
    }
    this.events.emit(ConversationEvents.conversationUpdated, {
      conversation: toConversationView(updated),
    } satisfies ConversationUpdatedEvent);
    return updated;
  }

  async listRecent(limit: number): Promise<ConversationDocument[]> {
    return this.conversations.find().sort({ updatedAt: -1 }).limit(limit);
  }

  async setLanguage(id: Types.ObjectId, language: ChatLanguage): Promise<void> {
    await this.conversations.updateOne({ _id: id }, { $set: { language } });
  }
}
