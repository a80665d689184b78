import { ALL_TERM } from './search-terms';

export interface TranscriptLine {
  seq: number;
  sender: string;
  text: string;
}

/** What a result list shows of a conversation (texts arrive masked: masking happens at write time). */
export interface TranscriptSummary {
  _id: string;
  createdAt: Date;
  language: string;
  status: string;
  channel: string;
  customerName?: string;
  lines: TranscriptLine[];
}

export interface IndexQuery {
  /** Every one of these terms (an empty list means every conversation). */
  all: readonly string[];
  /** None of these. */
  none?: readonly string[];
  /** Inclusive UTC days, YYYY-MM-DD, on which the conversation started. */
  fromDay?: string;
  toDay?: string;
  skip: number;
  take: number;
}

export interface IndexMatch {
  summaries: TranscriptSummary[];
  hasMore: boolean;
  /** Conversations that matched the terms and dates, before paging. */
  matched: number;
}

interface Entry {
  summary: TranscriptSummary;
  day: string;
  createdMs: number;
  /** Ids of the terms it has (numbers, not strings: a term's string is kept once). */
  terms: number[];
}

const NONE: readonly number[] = [];

/**
 * The in-memory inverted index behind transcript search: term → sorted conversation numbers.
 *
 * Why in memory: the shared store (mongo-java-server here) answers a `{terms: {$all}}` query by
 * scanning every summary; measured at 100,000 conversations, 0.2–1.5 s for a page and as much
 * again for its total, where the target is p95 < 300 ms (bench/search). Each instance keeps this
 * index as a cache of `transcript_summaries` (SummaryCache), rebuilt from it at start and kept
 * in step with every instance's writes. About 1.7 KB per conversation; see bench/search.
 */
export class TranscriptIndex {
  private readonly entries: Entry[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  /** By term id: conversation numbers, ascending. */
  private readonly postings: number[][] = [];

  get size(): number {
    return this.entries.length;
  }

  get(id: string): TranscriptSummary | undefined {
    const n = this.numbers.get(id);
    return n === undefined ? undefined : this.entries[n].summary;
  }

  /** Creates or replaces a conversation's summary; its terms are kept and `terms` added. */
  put(summary: TranscriptSummary, terms: Iterable<string> = []): void {
    const n = this.numbers.get(summary._id);
    if (n === undefined) {
      const day = summary.createdAt.toISOString().slice(0, 10);
      const entry = { summary, day, createdMs: summary.createdAt.getTime(), terms: [] };
      this.numbers.set(summary._id, this.entries.push(entry) - 1);
    } else {
      this.entries[n].summary = summary;
    }
    this.addTerms(summary._id, [ALL_TERM, ...terms]);
  }

  /** Adds terms to a known conversation; returns the ones it did not have yet. */
  addTerms(id: string, terms: Iterable<string>): string[] {
    const n = this.numbers.get(id);
    if (n === undefined) return [];
    const added: string[] = [];
    for (const term of terms) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.termNames.push(term) - 1;
        this.termIds.set(term, id);
        this.postings.push([]);
      }
      const list = this.postings[id];
      const at = lowerBound(list, n);
      if (list[at] === n) continue;
      // Numbers are handed out in arrival order, so this is nearly always an append.
      if (at === list.length) list.push(n);
      else list.splice(at, 0, n);
      this.entries[n].terms.push(id);
      added.push(term);
    }
    return added;
  }

  has(id: string, term: string): boolean {
    const n = this.numbers.get(id);
    return n !== undefined && contains(this.posting(term), n);
  }

  termsOf(id: string): string[] {
    const n = this.numbers.get(id);
    return n === undefined ? [] : this.entries[n].terms.map((t) => this.termNames[t]);
  }

  /** Makes the conversation's terms exactly `terms` (a copy read back from the store). */
  setTerms(id: string, terms: Iterable<string>): void {
    const wanted = new Set([ALL_TERM, ...terms]);
    for (const term of this.termsOf(id)) if (!wanted.has(term)) this.removeTerm(id, term);
    this.addTerms(id, wanted);
  }

  removeTerm(id: string, term: string): void {
    const n = this.numbers.get(id);
    const termId = this.termIds.get(term);
    if (n === undefined || termId === undefined) return;
    const list = this.postings[termId];
    const at = lowerBound(list, n);
    if (list[at] !== n) return;
    list.splice(at, 1);
    const own = this.entries[n].terms;
    own.splice(own.indexOf(termId), 1);
  }

  private posting(term: string): readonly number[] {
    const id = this.termIds.get(term);
    return id === undefined ? NONE : this.postings[id];
  }

  /** Conversations with every term of `all` and none of `none`, newest first. */
  match(query: IndexQuery): IndexMatch {
    const all = query.all.length > 0 ? [...new Set(query.all)] : [ALL_TERM];
    const lists = all.map((t) => this.posting(t)).sort((a, b) => a.length - b.length);
    const excluded = [...new Set(query.none ?? [])].map((t) => this.posting(t));
    const found: Entry[] = [];
    for (const n of lists[0]) {
      const entry = this.entries[n];
      if (query.fromDay && entry.day < query.fromDay) continue;
      if (query.toDay && entry.day > query.toDay) continue;
      if (!lists.every((l, i) => i === 0 || contains(l, n))) continue;
      if (excluded.some((l) => contains(l, n))) continue;
      found.push(entry);
    }
    found.sort(
      (a, b) =>
        b.createdMs - a.createdMs ||
        (a.summary._id < b.summary._id ? 1 : a.summary._id > b.summary._id ? -1 : 0),
    );
    const end = query.skip + query.take;
    return {
      summaries: found.slice(query.skip, end).map((e) => e.summary),
      hasMore: found.length > end,
      matched: found.length,
    };
  }

  clear(): void {
    this.entries.length = 0;
    this.numbers.clear();
    this.termIds.clear();
    this.termNames.length = 0;
    this.postings.length = 0;
  }
}

function lowerBound(list: readonly number[], n: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function contains(list: readonly number[], n: number): boolean {
  const at = lowerBound(list, n);
  return at < list.length && list[at] === n;
}
