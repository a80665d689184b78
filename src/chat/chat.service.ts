import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Types } from 'mongoose';
import { DomainError } from '../common/domain-error';
import {
  ConversationEvents,
  CustomerReturnedEvent,
  TypingEvent,
} from '../conversations/conversation.events';
import { ChatLanguage } from '../conversations/conversation.schema';
import { ConversationsService } from '../conversations/conversations.service';
import { Message } from '../conversations/message.schema';
import { AppendResult, MessagesService } from '../conversations/messages.service';
import { DialogueService } from '../dialogue/dialogue.service';
import { RatingInput, TicketCustomerService } from '../tickets/ticket-customer.service';
import { MetricsService } from '../observability/metrics.service';
import { BotTurnsService } from './bot-turns.service';

/** Bot turns one conversation may have waiting in this process before new messages are refused. */
const MAX_PENDING_TURNS = 25;

/** A customer's conversation: starting, resuming, and each message through bot and handoff. */
@Injectable()
export class ChatService {
  private readonly logger = new Logger(ChatService.name);

  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly dialogue: DialogueService,
    private readonly customerSide: TicketCustomerService,
    private readonly botTurns: BotTurnsService,
    private readonly metrics: MetricsService,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * A conversation on a channel other than the web (an SMS, a WeChat message) starts with the
   * customer's own first message: it gets no welcome, only the answer.
   */
  async start(
    language: ChatLanguage,
    customerName?: string,
    via?: { channel: string; channelThread: string },
  ) {
    const { conversation, resumeToken } = await this.conversations.start({
      language,
      customerName,
      ...via,
    });
    if (via) return { conversation, resumeToken, messages: [] };
    // A new conversation holds only its welcome: no need to read it back.
    const welcome = await this.messages.append(conversation._id, {
      sender: 'bot',
      text: this.dialogue.welcome(language),
    });
    return { conversation, resumeToken, messages: [welcome.message] };
  }

  async resume(resumeToken: string) {
    const conversation = await this.conversations.resume(resumeToken);
    return { conversation, messages: await this.messages.list(conversation._id, 'customer') };
  }

  /**
   * Told once the resumed socket is in the conversation's room: a customer waiting for an agent
   * is then told their place again (the queue announces it to whoever listens), not only at the
   * next change of the queue.
   */
  returned(conversationId: string, status: CustomerReturnedEvent['status']): void {
    this.events.emit(ConversationEvents.customerReturned, {
      conversationId,
      status,
    } satisfies CustomerReturnedEvent);
  }

  /**
   * Stores the customer's message and returns it: the caller acknowledges only after this.
   * The bot's answer follows asynchronously, so a slow classifier never delays the ack.
   */
  async receive(
    conversationId: Types.ObjectId,
    clientMessageId: string,
    text: string,
  ): Promise<{ message: Message; duplicate: boolean }> {
    // A bounded queue of bot turns per conversation: past it the customer is asked to wait
    // (nothing stored), so one conversation cannot pile up work for the whole instance.
    if (!this.botTurns.reserve(conversationId, MAX_PENDING_TURNS)) {
      throw new DomainError(
        'RATE_LIMITED',
        'The assistant is still answering; send again shortly',
        {
          retryAfterSeconds: 2,
        },
      );
    }
    const acking = this.metrics.ackSeconds.startTimer();
    let stored: AppendResult;
    try {
      stored = await this.messages.append(conversationId, {
        sender: 'customer',
        clientMessageId,
        text,
      });
    } catch (error) {
      this.botTurns.release(conversationId);
      throw error;
    }
    acking();
    if (stored.duplicate) {
      this.botTurns.release(conversationId);
    } else {
      this.metrics.customerMessages.inc();
      this.botTurns
        .run(conversationId, text, clientMessageId, stored.conversation, true)
        .catch((error: unknown) =>
          (error instanceof DomainError
            ? this.logger.warn.bind(this.logger)
            : this.logger.error.bind(this.logger))(
            `bot turn failed in conversation ${conversationId.toHexString()}: ${describe(error)}`,
          ),
        );
    }
    return { message: stored.message, duplicate: stored.duplicate };
  }

  /** Live only: the agent sees the customer typing; nothing is stored. */
  typing(conversationId: Types.ObjectId, typing: boolean): void {
    this.events.emit(ConversationEvents.typing, {
      conversationId: conversationId.toHexString(),
      who: 'customer',
      typing,
    } satisfies TypingEvent);
  }

  leaveQueue(conversationId: Types.ObjectId) {
    return this.customerSide.abandon(conversationId, 'customer left the queue');
  }

  leaveCallback(conversationId: Types.ObjectId, phone: string, message?: string) {
    return this.customerSide.leaveCallback(conversationId, phone, message);
  }

  rate(conversationId: Types.ObjectId, ticketId: string, rating: RatingInput) {
    return this.customerSide.rate(conversationId, ticketId, rating);
  }

  /** The bot's turn on a stored customer message (for the demo seed, which awaits it). */
  answer(conversationId: Types.ObjectId, text: string, clientMessageId: string): Promise<void> {
    return this.botTurns.run(conversationId, text, clientMessageId);
  }
}

function describe(error: unknown): string {
  return error instanceof DomainError || error instanceof Error ? error.message : String(error);
}
