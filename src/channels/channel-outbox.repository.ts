import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { PiiCipherService } from '../common/pii-cipher.service';
import { ChannelOutbox } from './channel-outbox.schema';
import type { DeliverJob } from './channel-relay';

/** The one door of `channel_outbox` (see channel-outbox.schema.ts). */
@Injectable()
export class ChannelOutboxRepository {
  constructor(
    @InjectModel(ChannelOutbox.name) private readonly outbox: Model<ChannelOutbox>,
    private readonly cipher: PiiCipherService,
  ) {}

  /** Notes a delivery as owed; an upsert, so a message noted twice is owed once. */
  async owe(job: DeliverJob, at = new Date()): Promise<void> {
    await this.outbox.updateOne(
      { _id: job.messageId },
      {
        $setOnInsert: {
          channel: job.channel,
          conversationId: job.conversationId,
          sealedText: this.cipher.seal(job.text, job.messageId),
          at,
        },
      },
      { upsert: true },
    );
  }

  /** The delivery's job has done its work (sent, or found nothing to send). */
  async settle(messageId: string): Promise<void> {
    await this.outbox.deleteOne({ _id: messageId });
  }

  /**
   * Owed since before `before`, oldest first. On mongo-java-server a scan, of the undelivered
   * messages only: the collection holds nothing else.
   */
  async overdue(before: Date, limit: number): Promise<{ job: DeliverJob; at: Date }[]> {
    const owed = await this.outbox
      .find({ at: { $lt: before } })
      .sort({ at: 1 })
      .limit(limit)
      .lean();
    return owed.map((o) => ({
      at: o.at,
      job: {
        channel: o.channel,
        conversationId: o.conversationId,
        messageId: o._id,
        text: this.cipher.open(o.sealedText, o._id),
      },
    }));
  }
}
