import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { KeyedMutex } from '../../common/keyed-mutex';
import { ALL_TERM, conversationDay, postingId } from './search-terms';
import { SearchPosting, SearchTerm } from './search-index.schema';

export interface PostingQuery {
  /** Every one of these terms (an empty list means every conversation). */
  all: readonly string[];
  /** None of these. */
  none?: readonly string[];
  /** Inclusive UTC days, YYYY-MM-DD. */
  fromDay?: string;
  toDay?: string;
  skip: number;
  take: number;
}

export interface PostingMatch {
  ids: string[];
  hasMore: boolean;
  /** Postings read: the cost of the query. */
  reads: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** FerretDB v1 was seen to stall on one bulk of thousands of upserts; a hundred take ~0.1 s. */
const WRITE_CHUNK = 100;
const MIN_BATCH_DAYS = 2;
const MAX_BATCH_DAYS = 24;

/**
 * The inverted index of transcripts. Writes are coalesced: adds wait in memory and one flush at
 * a time sends them as a bulk of `$addToSet` by `_id` (atomic on MongoDB; on FerretDB, which
 * rewrites whole documents, safe because this process is the only writer and flushes one at a
 * time). Adding a conversation twice leaves it once.
 */
@Injectable()
export class SearchIndexService {
  private readonly flushLock = new KeyedMutex();
  private pending = new Map<string, Set<string>>();
  private waiters: Waiter[] = [];

  constructor(
    @InjectModel(SearchPosting.name) private readonly postings: Model<SearchPosting>,
    @InjectModel(SearchTerm.name) private readonly terms: Model<SearchTerm>,
  ) {}

  /** Indexes `terms` for a conversation; resolves once they are stored. */
  add(conversationId: string, terms: Iterable<string>): Promise<void> {
    const day = conversationDay(conversationId);
    for (const term of terms) {
      const key = postingId(term, day);
      const ids = this.pending.get(key) ?? new Set<string>();
      ids.add(conversationId);
      this.pending.set(key, ids);
    }
    const stored = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    void this.flushLock.run('flush', () => this.flush());
    return stored;
  }

  /** Resolves when everything added so far is stored (tests, benchmarks, shutdown). */
  async idle(): Promise<void> {
    await this.flushLock.run('flush', () => this.flush());
  }

  private async flush(): Promise<void> {
    if (this.pending.size === 0) {
      this.waiters.splice(0).forEach((w) => w.resolve());
      return;
    }
    const batch = this.pending;
    const waiters = this.waiters;
    this.pending = new Map();
    this.waiters = [];
    try {
      await this.write(batch);
      waiters.forEach((w) => w.resolve());
    } catch (error) {
      // Kept for the next flush: an add during an outage is stored when the database is back.
      for (const [key, ids] of batch) {
        const merged = this.pending.get(key) ?? new Set<string>();
        ids.forEach((id) => merged.add(id));
        this.pending.set(key, merged);
      }
      waiters.forEach((w) => w.reject(error));
    }
  }

  private async write(batch: Map<string, Set<string>>): Promise<void> {
    const postingOps: AnyBulkWriteOperation<SearchPosting>[] = [];
    const days = new Map<string, string[]>();
    for (const [key, ids] of batch) {
      postingOps.push({
        updateOne: {
          filter: { _id: key },
          update: { $addToSet: { ids: { $each: [...ids] } } },
          upsert: true,
        },
      });
      const cut = key.lastIndexOf('|');
      const term = key.slice(0, cut);
      days.set(term, [...(days.get(term) ?? []), key.slice(cut + 1)]);
    }
    const termOps: AnyBulkWriteOperation<SearchTerm>[] = [...days].map(([term, list]) => ({
      updateOne: {
        filter: { _id: term },
        update: { $addToSet: { days: { $each: list } } },
        upsert: true,
      },
    }));
    for (let i = 0; i < postingOps.length; i += WRITE_CHUNK) {
      await this.postings.bulkWrite(postingOps.slice(i, i + WRITE_CHUNK), { ordered: false });
    }
    for (let i = 0; i < termOps.length; i += WRITE_CHUNK) {
      await this.terms.bulkWrite(termOps.slice(i, i + WRITE_CHUNK), { ordered: false });
    }
  }

  /**
   * Conversations that have every term of `all` and none of `none`, newest first. Reads the
   * terms' day lists, then the postings of the common days from the newest, a few days at a
   * time in parallel, until the page (plus one, for `hasMore`) is full.
   */
  async match(query: PostingQuery): Promise<PostingMatch> {
    const all = query.all.length > 0 ? [...new Set(query.all)] : [ALL_TERM];
    const none = [...new Set(query.none ?? [])];
    const directories = await Promise.all(all.map((t) => this.terms.findById(t).lean()));
    let reads = directories.length;
    let days: string[] | undefined;
    for (const directory of directories) {
      const own = new Set(directory?.days ?? []);
      days = (days ?? [...own]).filter((d) => own.has(d));
    }
    const candidates = (days ?? [])
      .filter((d) => (!query.fromDay || d >= query.fromDay) && (!query.toDay || d <= query.toDay))
      .sort()
      .reverse();

    const wanted = query.skip + query.take + 1;
    const found: string[] = [];
    let next = 0;
    let batchDays = MIN_BATCH_DAYS;
    while (next < candidates.length && found.length < wanted) {
      const slice = candidates.slice(next, next + batchDays);
      next += slice.length;
      const perDay = await Promise.all(slice.map((day) => this.matchDay(day, all, none)));
      reads += slice.length * (all.length + none.length);
      for (const ids of perDay) found.push(...ids);
      // Sparse matches read more days at once: fewer round trips for the same page.
      const perDayRate = found.length / next;
      const missing = wanted - found.length;
      batchDays = Math.min(
        MAX_BATCH_DAYS,
        Math.max(MIN_BATCH_DAYS, Math.ceil(missing / Math.max(perDayRate, 0.5))),
      );
    }
    return {
      ids: found.slice(query.skip, query.skip + query.take),
      hasMore: found.length > query.skip + query.take,
      reads,
    };
  }

  private async matchDay(day: string, all: string[], none: string[]): Promise<string[]> {
    const [required, excluded] = await Promise.all([
      Promise.all(all.map((t) => this.postings.findById(postingId(t, day)).lean())),
      Promise.all(none.map((t) => this.postings.findById(postingId(t, day)).lean())),
    ]);
    const lists = required.map((p) => p?.ids ?? []).sort((a, b) => a.length - b.length);
    const others = lists.slice(1).map((ids) => new Set(ids));
    const without = new Set(excluded.flatMap((p) => p?.ids ?? []));
    return lists[0]
      .filter((id) => others.every((s) => s.has(id)) && !without.has(id))
      .sort()
      .reverse();
  }

  /** Takes one conversation out of one term's posting for its day (retention of a name facet). */
  async remove(term: string, conversationId: string): Promise<void> {
    await this.flushLock.run('flush', async () => {
      // Pending adds first, so a queued add of this very id cannot land after the removal.
      await this.flush();
      await this.postings.updateOne(
        { _id: postingId(term, conversationDay(conversationId)) },
        { $pull: { ids: conversationId } },
      );
    });
  }
}
