import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ConversationEvents, MessageCreatedEvent } from '../conversations/conversation.events';
import { MessageView } from '../conversations/conversation.views';

/** After the first reply of a turn, its siblings (stored in the same write) are waited for this long. */
const SIBLINGS_MS = 30;

interface Waiter {
  prefix: string;
  replies: MessageView[];
  done: (replies: MessageView[]) => void;
  timer?: NodeJS.Timeout;
}

/**
 * Lets a WeChat push wait for the bot's answer to its own message (replies have ids derived
 * from it: `bot#<clientMessageId>#n`), to return it in the HTTP answer. In process on purpose:
 * the turn runs where the message was received, and an answer that comes later or elsewhere
 * goes out through the delivery job instead. Nothing depends on a waiter being heard.
 */
@Injectable()
export class ReplyWaiter {
  private readonly waiting = new Map<string, Waiter[]>();

  wait(conversationId: string, clientMessageId: string, ms: number): Promise<MessageView[]> {
    return new Promise((resolve) => {
      const waiter: Waiter = { prefix: `bot#${clientMessageId}#`, replies: [], done: resolve };
      const list = this.waiting.get(conversationId) ?? [];
      list.push(waiter);
      this.waiting.set(conversationId, list);
      const finish = () => {
        const left = (this.waiting.get(conversationId) ?? []).filter((w) => w !== waiter);
        if (left.length > 0) this.waiting.set(conversationId, left);
        else this.waiting.delete(conversationId);
        resolve(waiter.replies.sort((a, b) => a.seq - b.seq));
      };
      waiter.done = finish;
      setTimeout(finish, ms).unref();
    });
  }

  @OnEvent(ConversationEvents.messageCreated)
  onMessage({ message }: MessageCreatedEvent): void {
    for (const waiter of this.waiting.get(message.conversationId) ?? []) {
      if (!message.clientMessageId.startsWith(waiter.prefix)) continue;
      waiter.replies.push(message);
      waiter.timer ??= setTimeout(() => waiter.done(waiter.replies), SIBLINGS_MS);
    }
  }
}
