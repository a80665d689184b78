import { Collection, Connection } from 'mongoose';
import { TranscriptLine, TranscriptSummary } from './transcript-index';

/**
 * The audit module's durable summary of one conversation: what a result list shows (status,
 * customer, the first lines for snippets) and every search term the conversation has (words and
 * facets). The in-memory TranscriptIndex is rebuilt from these documents at start.
 *
 * Shaped for FerretDB v1 (docs/storage.md), measured on 5,000 summaries:
 * - one collection per UTC day the conversations started: FerretDB's SQLite backend scans the
 *   whole table even for a lookup by `_id`, so an update costs time in proportion to its
 *   collection (≈ 30 ms at 5,000 documents); a day's collection stays small;
 * - lines and terms as one string each, not arrays: FerretDB decodes every array element on its
 *   own, and reading 5,000 summaries took 3.2 s with arrays, 0.7 s with strings.
 * The system of record for what was said stays the messages collection.
 */
export interface StoredSummary extends Omit<TranscriptSummary, 'lines'> {
  /** JSON of TranscriptLine[]. */
  lines: string;
  /** The terms, one per line; absent on a summary written before terms were stored. */
  terms?: string;
  /** When this summary was last written: the newest one bounds what a crash can have lost. */
  indexedAt?: Date;
}

export const SUMMARY_COLLECTION_PREFIX = 'search_transcripts_';

/** `search_transcripts_20261127` for the conversations that started on 2026-11-27 (UTC). */
export function summaryCollection(connection: Connection, day: string): Collection<StoredSummary> {
  return connection.collection<StoredSummary>(
    `${SUMMARY_COLLECTION_PREFIX}${day.replace(/-/g, '')}`,
  );
}

export function encodeLines(lines: readonly TranscriptLine[]): string {
  return JSON.stringify(lines);
}

export function decodeLines(raw: string | undefined): TranscriptLine[] {
  if (!raw) return [];
  const parsed: unknown = JSON.parse(raw);
  return Array.isArray(parsed) ? (parsed as TranscriptLine[]) : [];
}

export function encodeTerms(terms: Iterable<string>): string {
  return [...terms].join('\n');
}

export function decodeTerms(raw: string): string[] {
  return raw.length === 0 ? [] : raw.split('\n');
}
