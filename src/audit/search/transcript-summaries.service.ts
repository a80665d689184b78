import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, mongo } from 'mongoose';
import { DomainError } from '../../common/domain-error';
import { KeyedMutex } from '../../common/keyed-mutex';
import { ConversationView, MessageView } from '../../conversations/conversation.views';
import {
  decodeLines,
  decodeTerms,
  encodeLines,
  encodeTerms,
  StoredSummary,
  SUMMARY_COLLECTION_PREFIX,
  summaryCollection,
} from './search-index.schema';
import {
  ALL_TERM,
  facet,
  FacetSummary,
  isPersonalFacet,
  summariseFacets,
  textTerms,
} from './search-terms';
import {
  IndexMatch,
  IndexQuery,
  TranscriptIndex,
  TranscriptLine,
  TranscriptSummary,
} from './transcript-index';

export interface SummaryChange {
  lines: MessageView[];
  terms: string[];
}

/** Lines kept per conversation for snippets; a longer conversation is still indexed whole. */
const LINES_KEPT = 40;
const LINE_CHARS = 400;
const LOAD_RETRY_MS = 2000;
const STATE_COLLECTION = 'search_state';
const CATCH_UP_STATE = 'catch-up';
/** How long a search waits for the index to finish loading before it answers 503. */
const READY_WAIT_MS = 10_000;

/**
 * The transcript search's store: one summary document per conversation in MongoDB (durable) and
 * the in-memory TranscriptIndex built from them. Every change is written to MongoDB first and
 * shown in the index only once stored, so the index never finds what a restart would lose.
 * Written only from domain events (SearchIndexerListener).
 */
@Injectable()
export class TranscriptSummariesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TranscriptSummariesService.name);
  private readonly index = new TranscriptIndex();
  // Orders this process's writes to its in-memory index and their summaries (the index is
  // per process until the search is shared across instances).
  private readonly lock = new KeyedMutex();
  private markReady!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));
  private isLoaded = false;
  private lastIndexedAt: Date | undefined;

  constructor(@InjectConnection() private readonly connection: Connection) {}

  onApplicationBootstrap(): void {
    // In the background: the chat must not wait for search; writes and searches wait instead.
    void this.loadUntilDone();
  }

  /** Drops the in-memory index and reads it again from MongoDB (tests that empty the database). */
  async reload(): Promise<void> {
    await this.ready;
    await this.load();
  }

  private async loadUntilDone(): Promise<void> {
    for (;;) {
      try {
        const started = Date.now();
        await this.load();
        this.isLoaded = true;
        this.markReady();
        this.logger.log(
          `search index loaded: ${this.index.size} conversations in ${Date.now() - started} ms`,
        );
        return;
      } catch (error) {
        this.logger.warn(`search index not loaded, retrying: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, LOAD_RETRY_MS));
      }
    }
  }

  private async load(): Promise<void> {
    this.index.clear();
    this.lastIndexedAt = undefined;
    const db = this.connection.db;
    if (!db) throw new Error('no database connection');
    const names = (await db.listCollections({}, { nameOnly: true }).toArray())
      .map((c) => c.name)
      .filter((name) => name.startsWith(SUMMARY_COLLECTION_PREFIX))
      .sort();
    for (const name of names) {
      const docs = await db.collection<StoredSummary>(name).find({}).toArray();
      // ObjectIds sort by creation time: numbering in that order keeps postings append-only.
      docs.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
      for (const doc of docs) {
        if (doc.indexedAt && !(this.lastIndexedAt && this.lastIndexedAt >= doc.indexedAt)) {
          this.lastIndexedAt = new Date(doc.indexedAt);
        }
        const summary = toSummary(doc);
        this.index.put(
          summary,
          doc.terms === undefined ? derivedTerms(summary) : decodeTerms(doc.terms),
        );
      }
    }
  }

  /** Resolves when the index has loaded; a search that waits too long gets UNAVAILABLE. */
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

  /** Resolves once the index has loaded, however long that takes (background work). */
  loaded(): Promise<void> {
    return this.ready;
  }

  /** The newest summary write found at load: the catch-up re-reads what changed after it. */
  get newestWrite(): Date | undefined {
    return this.lastIndexedAt;
  }

  async exists(conversationId: string): Promise<boolean> {
    await this.ready;
    return this.index.get(conversationId) !== undefined;
  }

  /** Creates or refreshes the conversation's own fields (status, language, customer). */
  async upsertConversation(view: ConversationView, terms: readonly string[] = []): Promise<void> {
    await this.ready;
    await this.lock.run(view.id, async () => {
      const current = this.index.get(view.id);
      // A view without a name (a status change) keeps the name the summary has.
      const customerName = view.customerName ?? current?.customerName;
      const summary = summaryOf({ ...view, customerName }, current?.lines ?? []);
      const fresh = terms.filter((t) => !this.index.has(view.id, t));
      await this.collectionOf(summary).updateOne(
        { _id: view.id },
        {
          $set: {
            ...ownFields(summary),
            ...(fresh.length > 0 && { terms: encodeTerms([...this.termsOf(view.id), ...fresh]) }),
            indexedAt: new Date(),
          },
          $setOnInsert: { lines: encodeLines([]) },
        },
        { upsert: true },
      );
      this.index.put(summary, fresh);
    });
  }

  /**
   * Adds a line (kept while the summary has fewer than LINES_KEPT, each seq once) and terms to a
   * summarised conversation, in one write; nothing is written when nothing is new.
   */
  async update(
    conversationId: string,
    change: { line?: MessageView; terms: Iterable<string> },
  ): Promise<void> {
    await this.ready;
    await this.lock.run(conversationId, async () => {
      const current = this.index.get(conversationId);
      if (!current) return;
      const fresh = [...new Set(change.terms)].filter((t) => !this.index.has(conversationId, t));
      const message = change.line;
      const line: TranscriptLine | undefined =
        message &&
        current.lines.length < LINES_KEPT &&
        !current.lines.some((l) => l.seq === message.seq)
          ? lineOf(message)
          : undefined;
      if (!line && fresh.length === 0) return;
      const lines = line ? [...current.lines, line].sort((a, b) => a.seq - b.seq) : current.lines;
      await this.collectionOf(current).updateOne(
        { _id: conversationId },
        {
          $set: {
            indexedAt: new Date(),
            ...(line && { lines: encodeLines(lines) }),
            ...(fresh.length > 0 && {
              terms: encodeTerms([...this.termsOf(conversationId), ...fresh]),
            }),
          },
        },
      );
      if (line) this.index.put({ ...current, lines });
      this.index.addTerms(conversationId, fresh);
    });
  }

  /**
   * Many conversations' new lines and terms in one round trip per day collection: the
   * listener gathers what a short window of messages added (a customer's message and the bot's
   * replies usually fall into one), so search costs a fraction of a write per message.
   */
  async updateMany(changes: ReadonlyMap<string, SummaryChange>): Promise<void> {
    await this.ready;
    const ids = [...changes.keys()].sort();
    await this.lockAll(ids, async () => {
      const writes = new Map<
        string,
        { ops: mongo.AnyBulkWriteOperation<StoredSummary>[]; apply: (() => void)[] }
      >();
      for (const id of ids) {
        const current = this.index.get(id);
        const change = changes.get(id);
        if (!current || !change) continue;
        const fresh = [...new Set(change.terms)].filter((t) => !this.index.has(id, t));
        const seen = new Set(current.lines.map((l) => l.seq));
        const added = change.lines.filter((m) => !seen.has(m.seq)).map(lineOf);
        const lines = [...current.lines, ...added]
          .sort((a, b) => a.seq - b.seq)
          .slice(0, LINES_KEPT);
        const linesChanged = lines.length !== current.lines.length;
        if (!linesChanged && fresh.length === 0) continue;
        const day = current.createdAt.toISOString().slice(0, 10);
        const batch = writes.get(day) ?? { ops: [], apply: [] };
        batch.ops.push({
          updateOne: {
            filter: { _id: id },
            update: {
              $set: {
                indexedAt: new Date(),
                ...(linesChanged && { lines: encodeLines(lines) }),
                ...(fresh.length > 0 && { terms: encodeTerms([...this.termsOf(id), ...fresh]) }),
              },
            },
          },
        });
        batch.apply.push(() => {
          if (linesChanged) this.index.put({ ...current, lines });
          this.index.addTerms(id, fresh);
        });
        writes.set(day, batch);
      }
      for (const [day, batch] of writes) {
        await summaryCollection(this.connection, day).bulkWrite(batch.ops, { ordered: false });
        batch.apply.forEach((apply) => apply());
      }
    });
  }

  /** Holds the locks of all `ids` (taken in sorted order; other writers hold one at a time). */
  private lockAll(ids: readonly string[], task: () => Promise<void>): Promise<void> {
    if (ids.length === 0) return task();
    return this.lock.run(ids[0], () => this.lockAll(ids.slice(1), task));
  }

  /**
   * Rewrites a conversation's summary from its records (the catch-up): `read` runs under the
   * summary's lock, so no live write lands between the read and the rewrite. Fields and lines as
   * the records have them; terms added to what the index has, except that an anonymised
   * conversation keeps no facet that leads to its customer.
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
    await this.ready;
    await this.lock.run(conversationId, async () => {
      const { view, messages, terms, anonymised } = await read();
      const keep = (t: string) => !anonymised || !isPersonalFacet(t, conversationId);
      const lines = [...messages]
        .sort((a, b) => a.seq - b.seq)
        .slice(0, LINES_KEPT)
        .map(lineOf);
      const summary = summaryOf(view, lines);
      const before = this.termsOf(conversationId);
      const all = [...new Set([...before, ...terms])].filter(keep);
      await this.collectionOf(summary).updateOne(
        { _id: view.id },
        {
          $set: {
            ...ownFields(summary),
            lines: encodeLines(lines),
            terms: encodeTerms(all),
            indexedAt: new Date(),
          },
          ...(view.customerName === undefined && { $unset: { customerName: 1 } }),
        },
        { upsert: true },
      );
      this.index.put(summary, all);
      before.filter((t) => !keep(t)).forEach((t) => this.index.removeTerm(conversationId, t));
    });
  }

  /** Until when the catch-up has rebuilt what changed (stored: it must outlive the process). */
  async caughtUpUntil(): Promise<Date | undefined> {
    const state = await this.connection
      .collection<{ _id: string; until: Date }>(STATE_COLLECTION)
      .findOne({ _id: CATCH_UP_STATE });
    return state ? new Date(state.until) : undefined;
  }

  async markCaughtUp(until: Date): Promise<void> {
    await this.connection
      .collection<{ _id: string; until: Date }>(STATE_COLLECTION)
      .updateOne({ _id: CATCH_UP_STATE }, { $set: { until } }, { upsert: true });
  }

  /**
   * Retention: the summary keeps its (masked) lines but loses the customer's name and the facets
   * that lead to the customer (name, account numbers).
   */
  async forgetCustomer(conversationId: string): Promise<void> {
    await this.ready;
    await this.lock.run(conversationId, async () => {
      const current = this.index.get(conversationId);
      if (!current) return;
      const personal = (t: string) => isPersonalFacet(t, conversationId);
      const terms = this.termsOf(conversationId);
      const forgotten = terms.filter(personal);
      if (current.customerName === undefined && forgotten.length === 0) return;
      await this.collectionOf(current).updateOne(
        { _id: conversationId },
        {
          $unset: { customerName: 1 },
          $set: { terms: encodeTerms(terms.filter((t) => !personal(t))), indexedAt: new Date() },
        },
      );
      const rest = { ...current };
      delete rest.customerName;
      this.index.put(rest);
      forgotten.forEach((t) => this.index.removeTerm(conversationId, t));
    });
  }

  private collectionOf(summary: TranscriptSummary) {
    return summaryCollection(this.connection, summary.createdAt.toISOString().slice(0, 10));
  }

  /** The conversation's stored terms: all it has in the index but the one every conversation has. */
  private termsOf(conversationId: string): string[] {
    return this.index.termsOf(conversationId).filter((t) => t !== ALL_TERM);
  }

  /** Intents, outcome and rating of a conversation, from its facets (for result rows). */
  facetsOf(conversationId: string): FacetSummary {
    return summariseFacets(this.index.termsOf(conversationId));
  }

  match(query: IndexQuery): IndexMatch {
    return this.index.match(query);
  }
}

function lineOf(message: MessageView): TranscriptLine {
  return { seq: message.seq, sender: message.sender, text: message.text.slice(0, LINE_CHARS) };
}

function summaryOf(view: ConversationView, lines: TranscriptLine[]): TranscriptSummary {
  return {
    _id: view.id,
    createdAt: new Date(view.createdAt),
    language: view.language,
    status: view.status,
    channel: view.channel,
    ...(view.customerName !== undefined && { customerName: view.customerName }),
    lines,
  };
}

/** The conversation's own fields as stored: not its id (immutable), lines, terms or write time. */
function ownFields({ createdAt, language, status, channel, customerName }: TranscriptSummary) {
  return {
    createdAt,
    language,
    status,
    channel,
    ...(customerName !== undefined && { customerName }),
  };
}

function toSummary(doc: StoredSummary): TranscriptSummary {
  return {
    _id: doc._id,
    createdAt: new Date(doc.createdAt),
    language: doc.language,
    status: doc.status,
    channel: doc.channel,
    ...(doc.customerName !== undefined && { customerName: doc.customerName }),
    lines: decodeLines(doc.lines),
  };
}

/** Summaries stored before terms were: their words, channel and customer, not the facets. */
function derivedTerms(doc: TranscriptSummary): string[] {
  const terms = new Set<string>([facet.customer(doc._id), facet.channel(doc.channel)]);
  if (doc.customerName) terms.add(facet.customer(doc.customerName));
  for (const line of doc.lines) textTerms(line.text).forEach((t) => terms.add(t));
  return [...terms];
}
