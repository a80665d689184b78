import { Process, Processor } from '@nestjs/bull';
import { Inject, Logger } from '@nestjs/common';
import { Job } from 'bull';
import { Types } from 'mongoose';
import { ConversationsService } from '../conversations/conversations.service';
import { CHANNELS_QUEUE, DeliverJob } from './channel-relay';
import { ChannelOutboxRepository } from './channel-outbox.repository';
import { ChannelThreadsRepository } from './channel-threads.repository';
import { SmsOptOutsService } from '../sms/sms-opt-outs.service';
import { SMS_PROVIDER, SmsProvider } from '../sms/sms-provider';
import { splitSms } from './sms/sms-text';
import { WechatApiClient } from './wechat/wechat-api.client';

/**
 * Sends a relayed message to its channel. Idempotent: each part is claimed in the delivery
 * record before it is sent, so a retry (or a second instance) sends only what was not sent; a
 * failed send gives its claim back and throws, for Bull to retry.
 */
@Processor(CHANNELS_QUEUE)
export class ChannelDeliveryProcessor {
  private readonly logger = new Logger(ChannelDeliveryProcessor.name);

  constructor(
    private readonly conversations: ConversationsService,
    private readonly threads: ChannelThreadsRepository,
    @Inject(SMS_PROVIDER) private readonly sms: SmsProvider,
    private readonly wechat: WechatApiClient,
    private readonly smsOptOuts: SmsOptOutsService,
    private readonly outbox: ChannelOutboxRepository,
  ) {}

  /**
   * A number that opted out gets nothing we would send unasked; one that wrote to us after its
   * opt-out is answered in that conversation (notices stay off until START: SmsOptOutsService).
   */
  private async answersSms(address: string, lastInboundAt?: Date): Promise<boolean> {
    const since = await this.smsOptOuts.optedOutSince(address);
    return !since || (lastInboundAt !== undefined && lastInboundAt > since);
  }

  /** Owed until this returns: a send that throws leaves it owed, for Bull's retry or the repair. */
  @Process('deliver')
  async deliver(job: Job<DeliverJob>): Promise<void> {
    await this.send(job.data);
    await this.outbox.settle(job.data.messageId);
  }

  private async send({ channel, conversationId, messageId, text }: DeliverJob): Promise<void> {
    const conversation = await this.conversations.getLean(new Types.ObjectId(conversationId));
    const threadId = conversation.channelThread;
    const thread = threadId ? await this.threads.find(threadId) : null;
    if (!threadId || !thread) return;
    if (thread.optedOut) {
      this.logger.debug(`not relayed to opted-out thread: message ${messageId}`);
      return;
    }
    const address = await this.threads.addressOf(threadId);
    if (!address) return;
    if (channel === 'sms' && !(await this.answersSms(address, thread.lastInboundAt))) {
      this.logger.debug(`not relayed to an opted-out number: message ${messageId}`);
      return;
    }
    const parts = channel === 'sms' ? splitSms(text) : [text];
    for (const [i, part] of parts.entries()) {
      const deliveryId = parts.length === 1 ? messageId : `${messageId}#${i + 1}`;
      const via = channel === 'sms' ? 'sms' : 'api';
      if (!(await this.threads.claimDelivery(deliveryId, channel, threadId, via))) continue;
      try {
        if (channel === 'sms')
          await this.sms.send({ to: address, text: part, idempotencyKey: deliveryId });
        else await this.wechat.sendText(address, part);
      } catch (error) {
        await this.threads.releaseDelivery(deliveryId);
        throw error;
      }
    }
  }
}
