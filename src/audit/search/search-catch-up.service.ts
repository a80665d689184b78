import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Types } from 'mongoose';
import { ClusterJobsService } from '../../jobs/cluster-jobs.service';
import { ConversationDocument } from '../../conversations/conversation.schema';
import {
  accountRefsOf,
  toConversationView,
  toMessageView,
} from '../../conversations/conversation.views';
import { ConversationsService } from '../../conversations/conversations.service';
import { MessagesService } from '../../conversations/messages.service';
import { PersonalRefService } from '../../conversations/personal-ref.service';
import { RedisService } from '../../common/redis.service';
import { toTicketView } from '../../tickets/ticket.views';
import { TicketsQueryService } from '../../tickets/tickets-query.service';
import { conversationTerms, isSearchable, messageTerms, ticketTerms } from './conversation-terms';
import { SearchCopyService } from './search-copy.service';
import { TranscriptSummariesService } from './transcript-summaries.service';

/** Summary writes in flight when a process died are at most this much older than its last mark. */
const MARGIN_MS = 5 * 60_000;
/** With no mark at all (an index new to old data), the most recent conversations. */
const FIRST_BUILD_LIMIT = 2_000;
const CATCH_UP_LIMIT = 10_000;
/** How often conversations whose summary write failed are rebuilt. */
const RETRY_EVERY_MS = 30_000;
/** How often, with nothing left to retry, the mark moves forward (bounding the next start's work). */
const MARK_EVERY_MS = 10 * 60_000;
/** Conversations whose summary write failed, on any instance (`<QUEUE_PREFIX>:search:dirty`). */
const DIRTY_KEY = 'search:dirty';
const OBJECT_ID = /^[0-9a-f]{24}$/;

/**
 * The search follows domain events; a failed summary write, or a crash between storing a message
 * and storing its summary, would leave a conversation unsearchable. So:
 * - at start, every conversation changed since the stored mark (minus a margin) is rebuilt from
 *   its records (conversation, messages, tickets), oldest change first, one failure not stopping
 *   the rest; the mark moves only after a run with no failure;
 * - while running, conversations whose write failed (on any instance: they are kept in a Redis
 *   set, and here until Redis has them) are rebuilt every 30 s, and the mark moves forward every
 *   10 minutes when none is left. `runOnce` is one such pass: each instance runs its start-up
 *   pass itself, and the later ones run as a cluster job (`search-catch-up`, once per 30 s in the
 *   cluster). Ids kept here while Redis refused them are handed over by this instance's own timer.
 */
@Injectable()
export class SearchCatchUpService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SearchCatchUpService.name);
  private readonly dirty = new Set<string>();
  private timer?: NodeJS.Timeout;
  private lastMark = 0;
  private startupDone = false;
  private running?: Promise<void>;
  private queued?: Promise<void>;

  constructor(
    private readonly summaries: TranscriptSummariesService,
    private readonly copy: SearchCopyService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly tickets: TicketsQueryService,
    private readonly refs: PersonalRefService,
    private readonly redis: RedisService,
    private readonly jobs: ClusterJobsService,
  ) {}

  onApplicationBootstrap(): void {
    void this.runOnce();
    this.jobs.every('search-catch-up', RETRY_EVERY_MS, () => this.runOnce());
    this.timer = setInterval(() => void this.share(), RETRY_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** A summary write for this conversation failed: rebuild it on the next pass, on any instance. */
  markDirty(conversationId: string): Promise<void> {
    this.dirty.add(conversationId);
    return this.share();
  }

  /** Moves this instance's dirty ids into the shared set (kept here while Redis refuses). */
  private async share(): Promise<void> {
    const ids = [...this.dirty];
    if (ids.length === 0) return;
    try {
      await this.redis.client.sadd(this.redis.key(DIRTY_KEY), ...ids);
      ids.forEach((id) => this.dirty.delete(id));
    } catch {
      // Redis is down: they stay here and go with the next pass.
    }
  }

  /** The start-up run; returns how many conversations were rebuilt. */
  async run(): Promise<number> {
    const started = Date.now();
    await this.copy.loaded();
    const mark = await this.summaries.caughtUpUntil();
    const newest = this.copy.newestWrite;
    const since = mark ?? (newest ? new Date(newest.getTime() - MARGIN_MS) : undefined);
    const changed = since
      ? await this.conversations.listUpdatedSince(since, CATCH_UP_LIMIT)
      : await this.conversations.listRecent(FIRST_BUILD_LIMIT);
    let failed = 0;
    for (const conversation of changed) {
      if (!(await this.rebuildQuietly(conversation._id))) failed++;
    }
    if (failed === 0) await this.mark(new Date(started - MARGIN_MS));
    this.startupDone = true;
    if (changed.length > 0) {
      this.logger.log(
        `search caught up on ${changed.length - failed} of ${changed.length} changed conversations`,
      );
    }
    return changed.length - failed;
  }

  private async runQuietly(): Promise<void> {
    try {
      await this.run();
    } catch (error) {
      // The database may be down at start: the next pass tries again.
      this.logger.warn(`search catch-up not done: ${(error as Error).message}`);
    }
  }

  /**
   * One pass: the first on this instance is the start-up run (`run`); later ones rebuild the
   * conversations whose write failed (on any instance) and move the mark when none is left.
   * Resolves when a pass begun after the call is done (a call during a pass waits for the next
   * one; calls meanwhile share it). Never throws.
   */
  runOnce(): Promise<void> {
    if (!this.running) {
      this.running = this.pass().finally(() => (this.running = undefined));
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.runOnce();
    });
    return this.queued;
  }

  private async pass(): Promise<void> {
    if (!this.startupDone) return this.runQuietly();
    await this.share();
    const key = this.redis.key(DIRTY_KEY);
    const shared = await this.redis.client.smembers(key).catch(() => undefined);
    let left = 0;
    for (const id of new Set([...this.dirty, ...(shared ?? [])])) {
      if (!OBJECT_ID.test(id)) {
        await this.redis.client.srem(key, id).catch(() => undefined);
      } else if (await this.rebuildQuietly(new Types.ObjectId(id))) {
        this.dirty.delete(id);
        await this.redis.client.srem(key, id).catch(() => undefined);
      } else left++;
    }
    if (shared && left === 0 && Date.now() - this.lastMark > MARK_EVERY_MS) {
      await this.mark(new Date(Date.now() - MARGIN_MS)).catch(() => undefined);
    }
  }

  private async mark(until: Date): Promise<void> {
    await this.summaries.markCaughtUp(until);
    this.lastMark = Date.now();
  }

  private async rebuildQuietly(id: Types.ObjectId): Promise<boolean> {
    try {
      await this.rebuild(id);
      return true;
    } catch (error) {
      this.logger.warn(`search summary not rebuilt: ${(error as Error).message}`);
      return false;
    }
  }

  private async rebuild(id: Types.ObjectId): Promise<void> {
    await this.summaries.rebuild(id.toHexString(), async () => {
      const conversation: ConversationDocument = await this.conversations.get(id);
      const view = toConversationView(conversation);
      const stored = await this.messages.list(id, 'customer');
      const messages = stored.map(toMessageView);
      const tickets = (await this.tickets.listForConversation(id)).map(toTicketView);
      const refOf = (n: string) => this.refs.of(n);
      const terms = [
        ...conversationTerms(view),
        ...stored.flatMap((m, i) => messageTerms(messages[i], accountRefsOf(m))),
        ...tickets.flatMap((t) => ticketTerms(t, refOf)),
      ];
      return {
        view,
        messages: messages.filter(isSearchable),
        terms,
        anonymised: conversation.anonymisedAt !== undefined,
      };
    });
  }
}
