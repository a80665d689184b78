import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AppConfig } from '../config/app-config';
import { ConversationAnonymisedEvent, ConversationEvents } from './conversation.events';
import { Conversation } from './conversation.schema';
import { MessageOriginal } from './message-original.schema';

const CHECK_EVERY_MS = 60 * 60 * 1000;
const BATCH = 500;

/**
 * Retention: conversations idle for RETENTION_DAYS lose their personal data. Message texts were
 * masked when stored; what remains personal is the unmasked originals and the customer's name,
 * here, and what other modules kept (they hear `conversation.anonymised`). Runs at start and
 * hourly; each run handles a bounded batch, so a backlog drains over a few runs.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectModel(Conversation.name) private readonly conversations: Model<Conversation>,
    @InjectModel(MessageOriginal.name) private readonly originals: Model<MessageOriginal>,
    private readonly events: EventEmitter2,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.RETENTION_DAYS === 0) return;
    const run = () =>
      this.run().catch((error: Error) =>
        this.logger.warn(`retention run failed: ${error.message}`),
      );
    void run();
    this.timer = setInterval(run, CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
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
