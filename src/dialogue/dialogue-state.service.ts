import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import {
  ConversationAnonymisedEvent,
  ConversationEvents,
} from '../conversations/conversation.events';
import { Model, Types } from 'mongoose';
import { DialogueState } from './dialogue-state.schema';

/** Loads and stores a conversation's dialogue state by the conversation's id. */
@Injectable()
export class DialogueStateService {
  constructor(@InjectModel(DialogueState.name) private readonly states: Model<DialogueState>) {}

  async load(conversationId: Types.ObjectId): Promise<DialogueState> {
    const found = await this.states.findById(conversationId).lean<DialogueState>();
    return (
      found ?? {
        _id: conversationId,
        verificationFailures: 0,
        misunderstood: 0,
        intentPath: [],
        answered: [],
        lastCustomerTexts: [],
      }
    );
  }

  /** Retention: the dialogue's memory of the customer (their last texts, account) goes too. */
  @OnEvent(ConversationEvents.conversationAnonymised)
  async forget({ conversationId }: ConversationAnonymisedEvent): Promise<void> {
    await this.states.deleteOne({ _id: new Types.ObjectId(conversationId) });
  }

  /** One writer per conversation (its turns are serialised), so a whole-document replace is safe. */
  async save(state: DialogueState): Promise<void> {
    await this.states.replaceOne({ _id: state._id }, state, { upsert: true });
  }
}
