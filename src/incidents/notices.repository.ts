import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKey } from '../common/mongo-errors';
import { Notice, NoticeRun, Subscription } from './subscription.schema';

/**
 * The storage door of subscriptions and notice records. A
 * notice is inserted once under an id derived from what it is about: that insert, not any
 * process, decides that it exists once.
 */
@Injectable()
export class NoticesRepository {
  constructor(
    @InjectModel(Subscription.name) private readonly subscriptions: Model<Subscription>,
    @InjectModel(Notice.name) private readonly notices: Model<Notice>,
    @InjectModel(NoticeRun.name) private readonly runs: Model<NoticeRun>,
  ) {}

  async hasRun(id: string): Promise<boolean> {
    return (await this.runs.exists({ _id: id })) !== null;
  }

  async recordRun(id: string, at: Date): Promise<void> {
    try {
      await this.runs.create({ _id: id, at });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** Subscribes (again): an opted-out subscription made again is active again. */
  async subscribe(subscription: Subscription): Promise<Subscription> {
    const { _id, active, createdAt, optedOutAt, ...rest } = subscription;
    void active;
    void optedOutAt;
    try {
      await this.subscriptions.updateOne(
        { _id },
        { $set: { ...rest, active: true }, $unset: { optedOutAt: 1 }, $setOnInsert: { createdAt } },
        { upsert: true },
      );
    } catch (error) {
      // Two instances upserting one new id at once: the other's insert stands, ours applies now.
      if (!isDuplicateKey(error)) throw error;
      await this.subscriptions.updateOne({ _id }, { $set: { ...rest, active: true } });
    }
    return (await this.subscriptions.findById(_id).lean<Subscription>()) as Subscription;
  }

  getSubscription(id: string): Promise<Subscription | null> {
    return this.subscriptions.findById(id).lean<Subscription>();
  }

  /** Off the hot path: once per notice event. */
  activeSubscriptionsOf(incidentId: string): Promise<Subscription[]> {
    return this.subscriptions.find({ incidentId, active: true }).lean<Subscription[]>();
  }

  /** The ids of the notice records of an incident (the repair's comparison). */
  async noticeIdsOf(incidentId: string): Promise<Set<string>> {
    const found = await this.notices.find({ incidentId }, { _id: 1 }).lean<{ _id: string }[]>();
    return new Set(found.map((n) => n._id));
  }

  /** Stops every notice this chat asked for (chat and SMS); returns how many were active. */
  async optOutConversation(conversationId: string, at: Date): Promise<number> {
    const result = await this.subscriptions.updateMany(
      { conversationId, active: true },
      { $set: { active: false, optedOutAt: at } },
    );
    return result.modifiedCount;
  }

  async optOutIds(ids: string[], at: Date): Promise<number> {
    const result = await this.subscriptions.updateMany(
      { _id: { $in: ids }, active: true },
      { $set: { active: false, optedOutAt: at } },
    );
    return result.modifiedCount;
  }

  /** Retention: a chat's numbers go (its subscriptions stop; CallbacksService removes callbacks). */
  async forgetConversation(conversationId: string, at: Date): Promise<void> {
    await this.subscriptions.updateMany(
      { conversationId },
      { $set: { active: false, optedOutAt: at }, $unset: { phoneSealed: 1, phoneMasked: 1 } },
    );
  }

  countSubscriptions(incidentId: string): Promise<number> {
    return this.subscriptions.countDocuments({ incidentId, active: true });
  }

  /** The notice's record, created pending if it did not exist. */
  async claimNotice(notice: Notice): Promise<Notice> {
    try {
      await this.notices.create(notice);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const stored = await this.notices
      .findOneAndUpdate({ _id: notice._id }, { $inc: { attempts: 1 } }, { new: true })
      .lean<Notice>();
    return stored as Notice;
  }

  async markNotice(id: string, status: 'sent' | 'skipped', at: Date): Promise<void> {
    await this.notices.updateOne(
      { _id: id, status: 'pending' },
      { $set: { status, ...(status === 'sent' && { sentAt: at }) } },
    );
  }

  noticesOf(incidentId: string): Promise<Notice[]> {
    return this.notices.find({ incidentId }).lean<Notice[]>();
  }
}
