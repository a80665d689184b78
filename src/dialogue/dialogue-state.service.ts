import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { PiiCipherService } from '../common/pii-cipher.service';
import { LeanConversation } from '../conversations/conversation.schema';
import { ConversationsService } from '../conversations/conversations.service';
import { DialogueState } from './dialogue-state.schema';

/**
 * A conversation's dialogue state. It is stored on the conversation document (`dialogue`, with
 * `dialogueVersion`), so the write that numbers a customer's message returns it and a bot turn
 * reads nothing else; the chat saves a turn's state in the same write as its replies. Retention
 * removes it with the conversation's other personal data.
 *
 * The state holds the customer's account numbers (what the bot looks up), so it is stored
 * sealed (AES-256-GCM, bound to the conversation), whole: a field added to the state later
 * cannot leak by being forgotten here.
 */
@Injectable()
export class DialogueStateService {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly cipher: PiiCipherService,
  ) {}

  /** The state a conversation document carries (a fresh one before the first turn). */
  of(conversation: Pick<LeanConversation, '_id' | 'dialogue'>): DialogueState {
    const sealed = (conversation.dialogue as { sealed?: unknown } | undefined)?.sealed;
    const stored =
      typeof sealed === 'string'
        ? (JSON.parse(
            this.cipher.open(sealed, recordIdOf(conversation._id)),
          ) as Partial<DialogueState>)
        : (conversation.dialogue as Partial<DialogueState> | undefined);
    return {
      verificationFailures: 0,
      misunderstood: 0,
      intentPath: [],
      answered: [],
      lastCustomerTexts: [],
      ...stored,
      _id: conversation._id,
    };
  }

  async load(conversationId: Types.ObjectId): Promise<DialogueState> {
    return this.of(await this.conversations.get(conversationId));
  }

  /** Outside a chat turn (tests, tools): one writer, so no version check. */
  async save(state: DialogueState): Promise<void> {
    await this.conversations.saveDialogue(state._id, this.toStored(state, state._id));
  }

  /** What is written: the state without its `_id` (the conversation's own), sealed. */
  toStored(state: DialogueState, conversationId: Types.ObjectId): Record<string, unknown> {
    const { _id, ...rest } = state;
    void _id;
    return { sealed: this.cipher.seal(JSON.stringify(rest), recordIdOf(conversationId)) };
  }
}

function recordIdOf(conversationId: Types.ObjectId): string {
  return `dialogue:${conversationId.toHexString()}`;
}
