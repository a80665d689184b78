import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Types } from 'mongoose';
import { DomainError } from '../common/domain-error';
import { KeyedMutex } from '../common/keyed-mutex';
import { maskPii } from '../common/pii-masker';
import { ChatLanguage, ConversationDocument } from '../conversations/conversation.schema';
import { ConversationsService } from '../conversations/conversations.service';
import { MessageDocument } from '../conversations/message.schema';
import { MessagesService } from '../conversations/messages.service';
import { DialogueService } from '../dialogue/dialogue.service';
import { BotMissedEvent, ChatEvents } from './chat.events';
import { skillForIntents } from '../tickets/ticket-skill';
import { RatingInput, TicketsService } from '../tickets/tickets.service';

/** A customer's conversation: starting, resuming, and each message through bot and handoff. */
@Injectable()
export class ChatService {
  private readonly logger = new Logger(ChatService.name);
  private readonly turns = new KeyedMutex();

  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly dialogue: DialogueService,
    private readonly tickets: TicketsService,
    private readonly events: EventEmitter2,
  ) {}

  async start(language: ChatLanguage, customerName?: string) {
    const { conversation, resumeToken } = await this.conversations.start({
      language,
      customerName,
    });
    await this.messages.append(conversation._id, {
      sender: 'bot',
      text: this.dialogue.welcome(language),
    });
    return {
      conversation,
      resumeToken,
      messages: await this.messages.list(conversation._id, 'customer'),
    };
  }

  async resume(resumeToken: string) {
    const conversation = await this.conversations.resume(resumeToken);
    return { conversation, messages: await this.messages.list(conversation._id, 'customer') };
  }

  /**
   * Stores the customer's message and returns it: the caller acknowledges only after this.
   * The bot's answer follows asynchronously, so a slow classifier never delays the ack.
   */
  async receive(
    conversationId: Types.ObjectId,
    clientMessageId: string,
    text: string,
  ): Promise<{ message: MessageDocument; duplicate: boolean }> {
    const stored = await this.messages.append(conversationId, {
      sender: 'customer',
      clientMessageId,
      text,
    });
    if (!stored.duplicate) {
      setImmediate(() => {
        this.answer(conversationId, text, clientMessageId).catch((error: unknown) =>
          (error instanceof DomainError
            ? this.logger.warn.bind(this.logger)
            : this.logger.error.bind(this.logger))(
            `bot turn failed in conversation ${conversationId.toHexString()}: ${describe(error)}`,
          ),
        );
      });
    }
    return stored;
  }

  leaveQueue(conversationId: Types.ObjectId) {
    return this.tickets.abandon(conversationId, 'customer left the queue');
  }

  leaveCallback(conversationId: Types.ObjectId, phone: string, message?: string) {
    return this.tickets.leaveCallback(conversationId, phone, message);
  }

  rate(conversationId: Types.ObjectId, ticketId: string, rating: RatingInput) {
    return this.tickets.rate(conversationId, ticketId, rating);
  }

  /**
   * The bot's turn on a stored customer message (exported for the demo seed, which awaits it).
   * Turns of one conversation run one at a time, in order: each reads and writes the dialogue
   * state the previous one left.
   */
  answer(conversationId: Types.ObjectId, text: string, clientMessageId: string): Promise<void> {
    return this.turns.run(conversationId.toHexString(), () =>
      retryTransient(async () => {
        const conversation: ConversationDocument = await this.conversations.get(conversationId);
        // While people have the conversation the bot stays quiet: the agent gets the message.
        if (conversation.status !== 'bot') return;

        const turn = await this.dialogue.respond(conversationId, text, conversation.language);
        for (const [i, reply] of turn.replies.entries()) {
          await this.messages.append(conversationId, {
            sender: 'bot',
            // Derived from the customer's message (with a `#` no client may use): a retried turn
            // stores each reply once.
            clientMessageId: `bot#${clientMessageId}#${i}`,
            text: reply.text,
            ...(reply.card && { card: reply.card }),
            // The first reply carries what the bot understood.
            ...(i === 0 && {
              intent: turn.intent,
              confidence: turn.confidence,
              ...(turn.entities.length > 0 && { entities: turn.entities }),
            }),
          });
        }
        await this.conversations.recordBotTurn(
          conversationId,
          { intent: turn.intent, confidence: turn.confidence },
          turn.language,
          {
            understood: turn.understood,
            ...(turn.districtCode && { districtCode: turn.districtCode }),
          },
        );
        if (!turn.understood) {
          this.events.emit(ChatEvents.botMissed, {
            conversationId: conversationId.toHexString(),
            messageId: `${conversationId.toHexString()}:${clientMessageId}`,
            text: maskPii(text).text,
            language: turn.language,
            intent: turn.intent,
            confidence: turn.confidence,
            at: new Date().toISOString(),
          } satisfies BotMissedEvent);
        }
        if (turn.rejected) {
          // A confident answer the customer rejected is a miss too, recorded on the question.
          this.events.emit(ChatEvents.botMissed, {
            conversationId: conversationId.toHexString(),
            messageId: `${conversationId.toHexString()}:${clientMessageId}:rejected`,
            text: turn.rejected.text,
            language: turn.language,
            intent: turn.rejected.intent,
            confidence: turn.rejected.confidence,
            at: new Date().toISOString(),
          } satisfies BotMissedEvent);
        }
        if (turn.escalate) {
          await this.tickets.open({
            conversationId,
            reason: turn.escalate,
            language: turn.language,
            skill: skillForIntents([...(turn.caseCard?.intentPath ?? [])].reverse()),
            ...(turn.caseCard && { caseCard: { ...turn.caseCard } }),
          });
        }
      }),
    );
  }
}

/**
 * FerretDB's SQLite answers "database is locked" when writers queue longer than its busy
 * timeout (seen under a 200-customer load test). Such a turn is retried a few times; replies
 * have ids derived from the customer's message, so a retry stores nothing twice.
 */
async function retryTransient<T>(task: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      const transient =
        error instanceof Error && /SQLITE_BUSY|database is locked/.test(error.message);
      if (!transient || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

function describe(error: unknown): string {
  return error instanceof DomainError || error instanceof Error ? error.message : String(error);
}
