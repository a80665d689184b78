import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { isDuplicateKey } from '../common/mongo-errors';
import { PiiCipherService } from '../common/pii-cipher.service';
import { PersonalRefService } from '../conversations/personal-ref.service';
import { Channel, ChannelDelivery, ChannelThread } from './channel-thread.schema';

export interface ThreadView {
  id: string;
  channel: Channel;
  conversationId: Types.ObjectId;
  optedOut: boolean;
  lastInboundAt?: Date;
}

/** The storage door of channel threads and of the record of what was relayed to them. */
@Injectable()
export class ChannelThreadsRepository {
  constructor(
    @InjectModel(ChannelThread.name) private readonly threads: Model<ChannelThread>,
    @InjectModel(ChannelDelivery.name) private readonly deliveries: Model<ChannelDelivery>,
    private readonly refs: PersonalRefService,
    private readonly cipher: PiiCipherService,
  ) {}

  threadIdOf(channel: Channel, address: string): string {
    return `${channel}:${this.refs.of(address)}`;
  }

  async find(id: string): Promise<ThreadView | null> {
    const found = await this.threads.findById(id).lean<ChannelThread>();
    return found && toView(found);
  }

  /** The address to write back to; only the delivery path asks for it. */
  async addressOf(id: string): Promise<string | null> {
    const found = await this.threads.findById(id, { sealedAddress: 1 }).lean<ChannelThread>();
    return found ? this.cipher.open(found.sealedAddress, id) : null;
  }

  /**
   * Points the thread at a new conversation, unless another message from the same address moved
   * it first (then that conversation is returned). `previous` is the conversation it pointed at.
   */
  async moveTo(
    channel: Channel,
    address: string,
    conversationId: Types.ObjectId,
    previous: Types.ObjectId | undefined,
  ): Promise<Types.ObjectId> {
    const id = this.threadIdOf(channel, address);
    const now = new Date();
    try {
      const moved = await this.threads
        .findOneAndUpdate(
          previous ? { _id: id, conversationId: previous } : { _id: id },
          {
            $set: { conversationId, lastInboundAt: now },
            $setOnInsert: {
              channel,
              sealedAddress: this.cipher.seal(address, id),
              optedOut: false,
            },
          },
          { upsert: !previous, new: true },
        )
        .lean<ChannelThread>();
      if (moved) return moved.conversationId;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const winner = await this.find(id);
    if (!winner) throw new Error(`channel thread ${id} vanished`);
    return winner.conversationId;
  }

  async touch(id: string): Promise<void> {
    await this.threads.updateOne({ _id: id }, { $set: { lastInboundAt: new Date() } });
  }

  async setOptedOut(id: string, optedOut: boolean): Promise<void> {
    await this.threads.updateOne({ _id: id }, { $set: { optedOut } });
  }

  /** True for the one caller that claims this delivery; false when it was claimed before. */
  async claimDelivery(
    deliveryId: string,
    channel: Channel,
    threadId: string,
    via: string,
  ): Promise<boolean> {
    try {
      await this.deliveries.create({ _id: deliveryId, channel, threadId, via, at: new Date() });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** A claim whose send failed is given back, so the job's retry sends it. */
  async releaseDelivery(deliveryId: string): Promise<void> {
    await this.deliveries.deleteOne({ _id: deliveryId });
  }
}

function toView(t: ChannelThread): ThreadView {
  return {
    id: t._id,
    channel: t.channel,
    conversationId: t.conversationId,
    optedOut: t.optedOut,
    lastInboundAt: t.lastInboundAt,
  };
}
