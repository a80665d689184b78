import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { FacetSummary } from './search-terms';
import { SearchFeedService } from './search-feed.service';
import { OwnChange, SummaryCache } from './summary-cache';
import { IndexMatch, IndexQuery, TranscriptSummary } from './transcript-index';
import { TranscriptSummariesRepository } from './transcript-summaries.repository';

const LOAD_RETRY_MS = 2000;
const LISTEN_RETRY_MAX_MS = 60_000;
/** How long a search waits for the copy to finish loading before it answers 503. */
const READY_WAIT_MS = 10_000;
/**
 * Every instance looks this often for summaries changed without a notice reaching it. Per
 * instance by design: each keeps its own copy (this is not a cluster job).
 */
const LOOK_EVERY_MS = 30_000;
/** A look goes this far back before the previous one began: writes in flight, clock skew. */
const LOOK_MARGIN_MS = 60_000;

/**
 * This instance's copy of `transcript_summaries` (a SummaryCache), which every search reads:
 * loaded at start, then kept in step with this instance's writes (`applied`) and, over Redis
 * (SearchFeedService), with the other instances' writes, read back by id. A look every 30 s,
 * and whenever the subscription comes back, finds what a lost notice did not bring.
 */
@Injectable()
export class SearchCopyService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SearchCopyService.name);
  private readonly cache = new SummaryCache();
  private markReady!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));
  private isLoaded = false;
  private lastIndexedAt: Date | undefined;
  /** Reads of the store run one at a time (SummaryCache relies on it). */
  private reads: Promise<void> = Promise.resolve();
  private readonly toRead = new Set<string>();
  private draining = false;
  private lookedAt = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly repository: TranscriptSummariesRepository,
    private readonly feed: SearchFeedService,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: the chat must not wait for search; searches wait instead.
    void this.start();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  private async start(): Promise<void> {
    // Listening first, so that nothing written during the load goes unheard; without Redis the
    // copy loads anyway and listens once Redis is back (then looks for what it missed).
    if (!(await this.listen())) void this.listenUntilDone();
    for (;;) {
      try {
        const started = Date.now();
        await this.repository.migrateLegacy();
        await this.repository.ensureIndexes();
        await this.load();
        this.isLoaded = true;
        this.markReady();
        this.logger.log(
          `search index loaded: ${this.cache.size} conversations in ${Date.now() - started} ms`,
        );
        break;
      } catch (error) {
        if (this.stopped) return;
        this.logger.warn(`search index not loaded, retrying: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, LOAD_RETRY_MS));
      }
    }
    this.timer = setInterval(() => void this.look(), LOOK_EVERY_MS);
    this.timer.unref();
    this.drain();
  }

  private async listen(): Promise<boolean> {
    try {
      await this.feed.listen(
        (ids) => this.readBack(ids),
        () => void this.look(),
      );
      return true;
    } catch (error) {
      this.logger.warn(`search change notices not heard: ${(error as Error).message}`);
      return false;
    }
  }

  private async listenUntilDone(): Promise<void> {
    for (let wait = LOAD_RETRY_MS; !this.stopped; wait = Math.min(wait * 2, LISTEN_RETRY_MAX_MS)) {
      await new Promise((r) => setTimeout(r, wait).unref());
      if (await this.listen()) return void this.look();
    }
  }

  /** Drops this instance's copy and reads it again (tests that empty the database). */
  async reload(): Promise<void> {
    await this.ready;
    await this.load();
  }

  private load(): Promise<void> {
    return this.reading(async () => {
      const started = Date.now();
      this.cache.clear();
      const docs = await this.repository.all();
      this.lastIndexedAt = undefined;
      for (const doc of docs) {
        this.cache.applySnapshot(doc);
        const at = new Date(doc.indexedAt);
        if (!this.lastIndexedAt || at > this.lastIndexedAt) this.lastIndexedAt = at;
      }
      this.lookedAt = started;
    });
  }

  /** Other instances changed these summaries: read them back (batched, one read at a time). */
  private readBack(ids: Iterable<string>): void {
    for (const id of ids) this.toRead.add(id);
    if (this.isLoaded) this.drain();
  }

  private drain(): void {
    if (this.toRead.size === 0 || this.draining) return;
    this.draining = true;
    void this.reading(async () => {
      this.draining = false;
      const ids = [...this.toRead];
      this.toRead.clear();
      try {
        for (const doc of await this.repository.byIds(ids)) this.cache.applySnapshot(doc);
      } catch (error) {
        ids.forEach((id) => this.toRead.add(id));
        this.logger.warn(`search copies not read back: ${(error as Error).message}`);
      }
    });
  }

  /**
   * Looks for summaries changed since the last look (minus a margin) whose copy here is older
   * (another `rev`), and reads them: what notices lost with Redis did not bring.
   */
  async look(): Promise<void> {
    if (!this.isLoaded) return;
    await this.reading(async () => {
      const started = Date.now();
      try {
        const since = new Date(this.lookedAt - LOOK_MARGIN_MS);
        const changed = await this.repository.changedSince(since);
        const stale = changed.filter((c) => !this.cache.isCurrent(c._id, c.rev)).map((c) => c._id);
        for (const doc of await this.repository.byIds(stale)) this.cache.applySnapshot(doc);
        this.lookedAt = started;
      } catch (error) {
        this.logger.warn(`search look for changes failed: ${(error as Error).message}`);
      }
    });
  }

  /** Reads of the store, one at a time, each between the cache's beginRead and endRead. */
  private reading(task: () => Promise<void>): Promise<void> {
    const run = this.reads.then(async () => {
      this.cache.beginRead();
      try {
        await task();
      } finally {
        this.cache.endRead();
      }
    });
    this.reads = run.catch(() => undefined);
    return run;
  }

  /** Resolves when the copy has loaded; a search that waits too long gets UNAVAILABLE. */
  async whenReady(waitMs = READY_WAIT_MS): Promise<void> {
    if (this.isLoaded) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DomainError('UNAVAILABLE', 'the transcript search is still loading')),
        waitMs,
      );
    });
    try {
      await Promise.race([this.ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves once the copy has loaded, however long that takes (background work). */
  loaded(): Promise<void> {
    return this.ready;
  }

  /** The newest summary write found at load: the catch-up re-reads what changed after it. */
  get newestWrite(): Date | undefined {
    return this.lastIndexedAt;
  }

  /** Whether this instance's copy has the conversation (a miss only costs a redundant upsert). */
  async exists(conversationId: string): Promise<boolean> {
    await this.ready;
    return this.cache.get(conversationId) !== undefined;
  }

  /** This instance's writes, stored: shown here at once, and announced to the others. */
  async applied(changes: [string, OwnChange[]][]): Promise<void> {
    for (const [id, list] of changes) list.forEach((c) => this.cache.applyOwn(id, c));
    await this.feed.announce(changes.map(([id]) => id));
  }

  /** A write whose outcome is unknown (it failed part way): every copy reads the summaries. */
  async unsure(ids: string[]): Promise<void> {
    this.readBack(ids);
    await this.feed.announce(ids);
  }

  get(conversationId: string): TranscriptSummary | undefined {
    return this.cache.get(conversationId);
  }

  termsOf(conversationId: string): string[] {
    return this.cache.termsOf(conversationId);
  }

  /** Intents, outcome and rating of a conversation, from its facets (for result rows). */
  facetsOf(conversationId: string): FacetSummary {
    return this.cache.facetsOf(conversationId);
  }

  match(query: IndexQuery): IndexMatch {
    return this.cache.match(query);
  }
}
