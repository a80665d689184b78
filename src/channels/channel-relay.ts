import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { JobOptions, Queue } from 'bull';
import { ConversationEvents, MessageCreatedEvent } from '../conversations/conversation.events';
import { MessageView } from '../conversations/conversation.views';
import { ChannelOutboxRepository } from './channel-outbox.repository';
import { CHANNELS, Channel } from './channel-thread.schema';

export const CHANNELS_QUEUE = 'channels';

export interface DeliverJob {
  channel: Channel;
  conversationId: string;
  messageId: string;
  text: string;
}

/**
 * A WeChat answer ready within the push's wait goes back in the HTTP answer itself; the job
 * waits a little longer than that, and finds the delivery claimed if it did.
 */
const WECHAT_DELAY_MS = 5000;

/** One job per message (its id the message's); `delay` only for the first queueing of a WeChat one. */
export function deliverJobOptions(messageId: string, delay = 0): JobOptions {
  return {
    jobId: `deliver:${messageId}`,
    delay,
    attempts: 6,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: 1000,
  };
}

/** What the customer sees on the web is relayed to their channel: the bot's, agents', system lines. */
export function relayed(message: MessageView): boolean {
  return message.sender !== 'customer' && !message.internal && message.text.trim() !== '';
}

/**
 * Every message for the customer in an SMS or WeChat conversation becomes a delivery job (its
 * id the message's, so a message is queued once). Bull retries a failed send; the delivery
 * record (ChannelThreadsRepository.claimDelivery) makes the send itself happen once. The
 * delivery is first noted as owed in MongoDB (ChannelOutboxRepository): Redis may lose the job,
 * and the repair job queues again what is still owed.
 */
@Injectable()
export class ChannelRelay {
  private readonly logger = new Logger(ChannelRelay.name);

  constructor(
    @InjectQueue(CHANNELS_QUEUE) private readonly queue: Queue<DeliverJob>,
    private readonly outbox: ChannelOutboxRepository,
  ) {}

  @OnEvent(ConversationEvents.messageCreated)
  async onMessage({ message, channel }: MessageCreatedEvent): Promise<void> {
    if (!channel || !(CHANNELS as readonly string[]).includes(channel) || !relayed(message)) return;
    const job: DeliverJob = {
      channel: channel as Channel,
      conversationId: message.conversationId,
      messageId: message.id,
      text: message.text,
    };
    // Without the note a lost job would be lost for good; the job is still worth queueing.
    await this.outbox
      .owe(job)
      .catch((error: Error) =>
        this.logger.warn(`delivery of ${message.id} not noted as owed: ${error.message}`),
      );
    await this.queue
      .add(
        'deliver',
        job,
        deliverJobOptions(message.id, channel === 'wechat' ? WECHAT_DELAY_MS : 0),
      )
      .catch((error: Error) =>
        this.logger.warn(
          `delivery of ${message.id} not queued (the repair will): ${error.message}`,
        ),
      );
  }
}
