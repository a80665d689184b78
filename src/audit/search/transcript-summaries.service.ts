import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { ConversationView, MessageView } from '../../conversations/conversation.views';
import { FacetSummary } from './search-terms';
import { SearchFeedService } from './search-feed.service';
import { OwnChange, SummaryCache } from './summary-cache';
import {
  deltaOps,
  forgetOps,
  LINES_KEPT,
  lineOf,
  ownFieldsOf,
  SummaryDelta,
  withoutPersonal,
} from './summary-document';
import { IndexMatch, IndexQuery, TranscriptSummary } from './transcript-index';
import { TranscriptSummariesRepository } from './transcript-summaries.repository';

export interface SummaryChange {
  lines: MessageView[];
  terms: string[];
}

const LOAD_RETRY_MS = 2000;
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
 * The transcript search's summaries: written to `transcript_summaries` with atomic operators
 * (so concurrent writes of two instances merge), answered from this instance's SummaryCache.
 * Each write is applied to the own copy once stored and announced to the other instances
 * (SearchFeedService), which read the summaries back by id. Written only from domain events
 * (SearchIndexerListener) and the catch-up (SearchCatchUpService).
 */
@Injectable()
export class TranscriptSummariesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TranscriptSummariesService.name);
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

  constructor(
    private readonly repository: TranscriptSummariesRepository,
    private readonly feed: SearchFeedService,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: the chat must not wait for search; searches wait instead.
    void this.start();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async start(): Promise<void> {
    // Listening first, so that nothing written during the load goes unheard.
    await this.feed
      .listen(
        (ids) => this.readBack(ids),
        () => void this.look(),
      )
      .catch((error: Error) => this.logger.warn(`search feed not heard: ${error.message}`));
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
        this.logger.warn(`search index not loaded, retrying: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, LOAD_RETRY_MS));
      }
    }
    this.timer = setInterval(() => void this.look(), LOOK_EVERY_MS);
    this.timer.unref();
    this.drain();
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

  /** Creates the summary, or refreshes its own fields, and adds `terms`. */
  async upsertConversation(view: ConversationView, terms: readonly string[] = []): Promise<void> {
    const delta: SummaryDelta = { fields: ownFieldsOf(view), terms: [...terms] };
    await this.repository.write(deltaOps(view.id, delta, new Date(), true));
    await this.applied([[view.id, [delta]]]);
  }

  /** A status change: refreshes the fields of a summary that exists (creates none). */
  async updateFields(view: ConversationView): Promise<void> {
    const delta: SummaryDelta = { fields: ownFieldsOf(view) };
    const result = await this.repository.write(deltaOps(view.id, delta, new Date()));
    if (result.matchedCount > 0) await this.applied([[view.id, [delta]]]);
  }

  /** Adds a line and terms to a summary that exists. */
  async update(
    conversationId: string,
    change: { line?: MessageView; terms: Iterable<string> },
  ): Promise<void> {
    await this.updateMany(
      new Map([
        [conversationId, { lines: change.line ? [change.line] : [], terms: [...change.terms] }],
      ]),
    );
  }

  /**
   * Many conversations' new lines and terms in one round trip: the listener gathers what a
   * short window of messages added (a customer's message and the bot's replies usually fall
   * into one), so search costs a fraction of a write per message. What this copy already has
   * is not written again.
   */
  async updateMany(changes: ReadonlyMap<string, SummaryChange>): Promise<void> {
    const now = new Date();
    const deltas: [string, SummaryDelta][] = [];
    for (const [id, change] of changes) {
      const delta = this.newIn(id, change);
      if (delta) deltas.push([id, delta]);
    }
    if (deltas.length === 0) return;
    try {
      await this.repository.write(deltas.flatMap(([id, delta]) => deltaOps(id, delta, now)));
    } catch (error) {
      // Some may have been stored: every copy reads them back.
      const ids = deltas.map(([id]) => id);
      this.readBack(ids);
      await this.feed.announce(ids);
      throw error;
    }
    await this.applied(deltas.map(([id, delta]) => [id, [delta]]));
  }

  private newIn(id: string, change: SummaryChange): SummaryDelta | undefined {
    const current = this.cache.get(id);
    const known = new Set(this.cache.termsOf(id));
    const terms = [...new Set(change.terms)].filter((t) => !known.has(t));
    const seen = new Set(current?.lines.map((l) => l.seq));
    // With LINES_KEPT lines stored, a later line would be trimmed away at once.
    const full =
      current && current.lines.length >= LINES_KEPT ? current.lines[LINES_KEPT - 1].seq : Infinity;
    const lines = change.lines.filter((m) => !seen.has(m.seq) && m.seq < full).map(lineOf);
    return terms.length === 0 && lines.length === 0 ? undefined : { terms, lines };
  }

  /**
   * Rewrites a conversation's summary from its records (the catch-up): fields, lines and terms
   * merged into what is stored, except that an anonymised conversation loses every facet that
   * leads to its customer.
   */
  async rebuild(
    conversationId: string,
    read: () => Promise<{
      view: ConversationView;
      messages: readonly MessageView[];
      terms: readonly string[];
      anonymised: boolean;
    }>,
  ): Promise<void> {
    const { view, messages, terms, anonymised } = await read();
    const now = new Date();
    const delta: SummaryDelta = {
      fields: ownFieldsOf(view),
      lines: [...messages]
        .sort((a, b) => a.seq - b.seq)
        .slice(0, LINES_KEPT)
        .map(lineOf),
      terms: anonymised ? withoutPersonal(terms, conversationId) : [...terms],
    };
    const ops = [
      ...(anonymised ? forgetOps(conversationId, now) : []),
      ...deltaOps(conversationId, delta, now, true),
    ];
    await this.repository.write(ops, true);
    await this.applied([[conversationId, anonymised ? ['forget', delta] : [delta]]]);
  }

  /**
   * Retention: the summary keeps its (masked) lines but loses the customer's name and the facets
   * that lead to the customer (name, account numbers).
   */
  async forgetCustomer(conversationId: string): Promise<void> {
    await this.repository.write(forgetOps(conversationId, new Date()));
    await this.applied([[conversationId, ['forget']]]);
  }

  /** Stored: shows the changes in this copy and tells the other instances. */
  private async applied(changes: [string, OwnChange[]][]): Promise<void> {
    for (const [id, list] of changes) list.forEach((c) => this.cache.applyOwn(id, c));
    await this.feed.announce(changes.map(([id]) => id));
  }

  caughtUpUntil(): Promise<Date | undefined> {
    return this.repository.caughtUpUntil();
  }

  markCaughtUp(until: Date): Promise<void> {
    return this.repository.markCaughtUp(until);
  }

  /** Intents, outcome and rating of a conversation, from its facets (for result rows). */
  facetsOf(conversationId: string): FacetSummary {
    return this.cache.facetsOf(conversationId);
  }

  get(conversationId: string): TranscriptSummary | undefined {
    return this.cache.get(conversationId);
  }

  match(query: IndexQuery): IndexMatch {
    return this.cache.match(query);
  }
}
