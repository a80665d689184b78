import { Injectable, Logger } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Collection, Connection, mongo } from 'mongoose';
import { facet, textTerms } from './search-terms';
import { deltaOps, StoredSummary, SUMMARY_COLLECTION, SUMMARY_INDEXES } from './summary-document';
import { TranscriptLine } from './transcript-index';

const STATE_COLLECTION = 'search_state';
const CATCH_UP_STATE = 'catch-up';
/** The per-day collections of the first shared-store design (lines and terms as strings). */
const LEGACY_PREFIX = 'search_transcripts_';
const IDS_PER_READ = 1_000;

interface LegacySummary extends Omit<StoredSummary, 'lines' | 'terms' | 'rev' | 'indexedAt'> {
  lines?: string;
  terms?: string;
}

/** The search's storage door: `transcript_summaries` and the catch-up's mark in `search_state`. */
@Injectable()
export class TranscriptSummariesRepository {
  private readonly logger = new Logger(TranscriptSummariesRepository.name);

  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get summaries(): Collection<StoredSummary> {
    return this.connection.collection<StoredSummary>(SUMMARY_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.summaries.createIndexes(SUMMARY_INDEXES);
  }

  /** One round trip for any number of summaries' operations. */
  write(
    ops: mongo.AnyBulkWriteOperation<StoredSummary>[],
    ordered = false,
  ): Promise<mongo.BulkWriteResult> {
    return this.summaries.bulkWrite(ops, { ordered });
  }

  /** Every summary, oldest conversation first (ObjectIds sort by creation time). */
  async all(): Promise<StoredSummary[]> {
    const docs = await this.summaries.find({}).toArray();
    return docs.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  }

  /** By `_id: {$in}`: an index lookup on every server. */
  async byIds(ids: readonly string[]): Promise<StoredSummary[]> {
    const docs: StoredSummary[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_READ) {
      const some = ids.slice(i, i + IDS_PER_READ);
      docs.push(...(await this.summaries.find({ _id: { $in: some } }).toArray()));
    }
    return docs;
  }

  /**
   * Ids and revs of the summaries written since `since`: a scan on mongo-java-server (≈ 40 ms
   * at 100,000, bench/search), the `indexedAt` index on MongoDB.
   */
  async changedSince(since: Date): Promise<{ _id: string; rev: number }[]> {
    return this.summaries
      .find({ indexedAt: { $gte: since } }, { projection: { _id: 1, rev: 1 } })
      .toArray() as Promise<{ _id: string; rev: number }[]>;
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
   * Moves summaries of the per-day collections (`search_transcripts_YYYYMMDD`, lines and terms
   * as strings) into `transcript_summaries`, merged like any write, then drops each collection.
   * Two instances starting at once both merge the same terms: harmless.
   */
  async migrateLegacy(): Promise<number> {
    const db = this.connection.db;
    if (!db) throw new Error('no database connection');
    const names = (await db.listCollections({}, { nameOnly: true }).toArray())
      .map((c) => c.name)
      .filter((name) => name.startsWith(LEGACY_PREFIX));
    let moved = 0;
    for (const name of names) {
      const docs = await db.collection<LegacySummary>(name).find({}).toArray();
      const now = new Date();
      const ops = docs.flatMap((doc) => {
        const lines = decodeLines(doc.lines);
        const terms = doc.terms ? doc.terms.split('\n').filter(Boolean) : derivedTerms(doc, lines);
        const { createdAt, language, status, channel, customerName } = doc;
        const fields = { createdAt: new Date(createdAt), language, status, channel };
        return deltaOps(
          doc._id,
          { fields: { ...fields, ...(customerName && { customerName }) }, lines, terms },
          now,
          true,
        );
      });
      if (ops.length > 0) await this.write(ops);
      await db.dropCollection(name).catch(() => undefined);
      moved += docs.length;
    }
    if (moved > 0) this.logger.log(`moved ${moved} summaries from ${names.length} day collections`);
    return moved;
  }
}

function decodeLines(raw: string | undefined): TranscriptLine[] {
  if (!raw) return [];
  const parsed: unknown = JSON.parse(raw);
  return Array.isArray(parsed) ? (parsed as TranscriptLine[]) : [];
}

/** Summaries stored before terms were: their words, channel and customer, not the facets. */
function derivedTerms(doc: LegacySummary, lines: readonly TranscriptLine[]): string[] {
  const terms = new Set<string>([facet.customer(doc._id), facet.channel(doc.channel)]);
  if (doc.customerName) terms.add(facet.customer(doc.customerName));
  for (const line of lines) textTerms(line.text).forEach((t) => terms.add(t));
  return [...terms];
}
