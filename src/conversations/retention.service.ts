import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AppConfig } from '../config/app-config';
import { ClusterJobsService } from '../jobs/cluster-jobs.service';
import { ConversationAnonymisedEvent, ConversationEvents } from './conversation.events';
import { Conversation } from './conversation.schema';
import { MessageOriginal } from './message-original.schema';

const CHECK_EVERY_MS = 60 * 60 * 1000;
const BATCH = 500;

/**
 * Retention: conversations idle for RETENTION_DAYS lose their personal data. Message texts were
 * masked when stored; what remains personal is the unmasked originals and the customer's name,
 * here, and what other modules kept (they hear `conversation.anonymised`). Runs hourly, once
 * per cluster; each run handles a bounded batch, so a backlog drains over a few runs, and a run
 * repeated after a crash finds nothing left to do for what it already did.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
    @InjectModel(MessageOriginal.name) private readonly originals: Model<MessageOriginal>,
    private readonly events: EventEmitter2,
    private readonly config: AppConfig,
    private readonly jobs: ClusterJobsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.RETENTION_DAYS === 0) return;
    this.jobs.every('retention', CHECK_EVERY_MS, ({ at }) => this.run(at));
  }

  /** Anonymises what fell out of retention by `now`; returns how many conversations. */
  async run(now = new Date()): Promise<number> {
    if (this.config.RETENTION_DAYS === 0) return 0;
    const cutoff = new Date(now.getTime() - this.config.RETENTION_DAYS * 86_400_000);
    const due = await this.conversations
      .find({ lastMessageAt: { $lt: cutoff }, anonymisedAt: { $exists: false } }, { _id: 1 })
      .limit(BATCH)
      .lean();
    for (const { _id } of due) {
      const id = _id.toHexString();
      await this.originals.deleteMany({ _id: { $regex: `^${id}:` } });
      // The dialogue's memory (accounts, the customer's last texts) and the last turn's replies go too.
      await this.conversations.updateOne(
        { _id },
        {
          $set: { anonymisedAt: now },
          $unset: { customerName: 1, dialogue: 1, lastTurn: 1 },
          $inc: { dialogueVersion: 1 },
        },
      );
      this.events.emit(ConversationEvents.conversationAnonymised, {
        conversationId: id,
      } satisfies ConversationAnonymisedEvent);
    }
    if (due.length > 0)
      this.logger.log(
        `anonymised ${due.length} conversations idle since before ${cutoff.toISOString()}`,
      );
    return due.length;
  }
}
