import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { ChatService } from '../chat/chat.service';
import { ConversationsService } from '../conversations/conversations.service';
import { detectLanguage } from '../nlu/language-detector';
import { SmsOptOutsService } from '../sms/sms-opt-outs.service';
import { Channel } from './channel-thread.schema';
import { ChannelThreadsRepository } from './channel-threads.repository';

/** A thread quiet for longer than this starts a new conversation with its next message. */
const THREAD_IDLE_MS = 24 * 60 * 60 * 1000;

export interface InboundResult {
  threadId: string;
  conversationId: Types.ObjectId;
  clientMessageId: string;
  duplicate: boolean;
}

/**
 * A customer's message from a channel other than the web: into the thread's conversation (or a
 * new one), through the same path as a web message (ChatService.receive: stored once per
 * provider message id, then the bot's turn). What goes back is the outbound relay's business.
 */
@Injectable()
export class ChannelInboundService {
  constructor(
    private readonly threads: ChannelThreadsRepository,
    private readonly conversations: ConversationsService,
    private readonly chat: ChatService,
    private readonly smsOptOuts: SmsOptOutsService,
  ) {}

  async receive(
    channel: Channel,
    address: string,
    externalId: string,
    text: string,
  ): Promise<InboundResult> {
    const threadId = this.threads.threadIdOf(channel, address);
    const conversationId = await this.conversationFor(channel, address, threadId, text);
    // The provider's id makes a redelivered webhook a duplicate, not a second message.
    const clientMessageId = `${channel}:${externalId}`;
    const { duplicate } = await this.chat.receive(conversationId, clientMessageId, text);
    return { threadId, conversationId, clientMessageId, duplicate };
  }

  /**
   * Opt-out (or back in) of everything sent to this address on this channel. A number's SMS
   * opt-out is the one record of SmsOptOutsService, which the outage notices read too.
   */
  async setOptedOut(channel: Channel, address: string, optedOut: boolean): Promise<void> {
    if (channel === 'sms') await this.smsOptOuts.set(address, optedOut);
    else await this.threads.setOptedOut(this.threads.threadIdOf(channel, address), optedOut);
  }

  private async conversationFor(
    channel: Channel,
    address: string,
    threadId: string,
    text: string,
  ): Promise<Types.ObjectId> {
    const thread = await this.threads.find(threadId);
    // Writing to us again is asking for an answer: the opt-out covers what we would send unasked.
    // (A WeChat thread's; an SMS opt-out stays, and the relay answers what was written after it.)
    if (thread?.optedOut) await this.threads.setOptedOut(threadId, false);
    if (thread) {
      const recent = (thread.lastInboundAt?.getTime() ?? 0) > Date.now() - THREAD_IDLE_MS;
      const open = recent && (await this.isOpen(thread.conversationId));
      if (open) {
        await this.threads.touch(threadId);
        return thread.conversationId;
      }
    }
    const language = detectLanguage(text) === 'en' ? 'en' : 'zh';
    const { conversation } = await this.chat.start(language, undefined, {
      channel,
      channelThread: threadId,
    });
    return this.threads.moveTo(channel, address, conversation._id, thread?.conversationId);
  }

  private async isOpen(conversationId: Types.ObjectId): Promise<boolean> {
    try {
      return (await this.conversations.getLean(conversationId)).status !== 'closed';
    } catch {
      return false;
    }
  }
}
