import { ALL_TERM, FacetSummary, summariseFacets } from './search-terms';
import {
  mergeLines,
  StoredSummary,
  SummaryDelta,
  toSummary,
  withoutPersonal,
} from './summary-document';
import { IndexMatch, IndexQuery, TranscriptIndex, TranscriptSummary } from './transcript-index';

/** A write of this instance, as its own copy applies it: a delta, or retention's forgetting. */
export type OwnChange = SummaryDelta | 'forget';

/**
 * One instance's copy of `transcript_summaries`, as a TranscriptIndex. It changes in two ways:
 * - this instance's acknowledged writes, applied at once (`applyOwn`), so its own writes are
 *   searchable without a read;
 * - copies read back from the store (`applySnapshot`) for what other instances wrote, which
 *   replace the conversation's summary and terms.
 * A copy read while one of our writes was in flight may predate it; so while a read is under
 * way each own change is kept, and re-applied onto any copy that read brings. Own changes only
 * add (or forget), so applying one twice is harmless. Once the read is done they are dropped:
 * the next read begins after them, so the store's copy has them. Reads must not overlap (the
 * caller serialises them): then a completed read is never older than one before it.
 */
export class SummaryCache {
  private readonly index = new TranscriptIndex();
  /** `rev` of the last copy read per conversation (own writes do not know the stored rev). */
  private readonly revs = new Map<string, number>();
  /** Own changes acknowledged during the current read. */
  private readonly own = new Map<string, OwnChange[]>();
  private reading = false;

  get size(): number {
    return this.index.size;
  }

  get(id: string): TranscriptSummary | undefined {
    return this.index.get(id);
  }

  /** The conversation's terms, without the one every conversation has. */
  termsOf(id: string): string[] {
    return this.index.termsOf(id).filter((t) => t !== ALL_TERM);
  }

  /** Whether the copy of `id` was read at `rev` (else it is read again). */
  isCurrent(id: string, rev: number): boolean {
    return this.revs.get(id) === rev;
  }

  /** Own changes kept for re-applying (only while a read is under way). */
  get ownChangesKept(): number {
    let n = 0;
    for (const list of this.own.values()) n += list.length;
    return n;
  }

  /** A write of this instance was acknowledged by the store. */
  applyOwn(id: string, change: OwnChange): void {
    if (this.reading) this.own.set(id, [...(this.own.get(id) ?? []), change]);
    this.apply(id, change);
  }

  /** Call before a read of the store (one at a time), and endRead after it, failed or not. */
  beginRead(): void {
    if (this.reading) throw new Error('reads of the store must not overlap');
    this.reading = true;
  }

  /** A stored summary, brought by the current read. */
  applySnapshot(doc: StoredSummary): void {
    this.index.put(toSummary(doc));
    this.index.setTerms(doc._id, doc.terms ?? []);
    this.revs.set(doc._id, doc.rev);
    for (const change of this.own.get(doc._id) ?? []) this.apply(doc._id, change);
  }

  endRead(): void {
    this.reading = false;
    this.own.clear();
  }

  match(query: IndexQuery): IndexMatch {
    return this.index.match(query);
  }

  facetsOf(id: string): FacetSummary {
    return summariseFacets(this.index.termsOf(id));
  }

  /** Empties the copy (before a full read: call it inside that read). */
  clear(): void {
    this.index.clear();
    this.revs.clear();
  }

  private apply(id: string, change: OwnChange): void {
    const current = this.index.get(id);
    if (change === 'forget') {
      if (!current) return;
      const rest = { ...current };
      delete rest.customerName;
      this.index.put(rest);
      const terms = this.termsOf(id);
      const kept = new Set(withoutPersonal(terms, id));
      terms.filter((t) => !kept.has(t)).forEach((t) => this.index.removeTerm(id, t));
      return;
    }
    const fields = change.fields ?? {};
    if (!current) {
      // Only a creating write carries every field; anything else waits for the stored copy.
      const { createdAt, language, status, channel } = fields;
      if (!createdAt || !language || !status || !channel) return;
      const lines = mergeLines([], change.lines);
      this.index.put({ _id: id, createdAt, language, status, channel, ...fields, lines });
    } else if (Object.keys(fields).length > 0 || change.lines?.length) {
      this.index.put({ ...current, ...fields, lines: mergeLines(current.lines, change.lines) });
    }
    if (change.terms && change.terms.length > 0) this.index.addTerms(id, change.terms);
  }
}
