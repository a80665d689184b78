import { mongo } from 'mongoose';
import { ConversationView, MessageView } from '../../conversations/conversation.views';
import { facet, isPersonalFacet } from './search-terms';
import { TranscriptLine, TranscriptSummary } from './transcript-index';

/**
 * The durable summary of one conversation (`transcript_summaries`, `_id` = conversation id):
 * what a result row shows (status, customer, the first lines for snippets) and every search
 * term the conversation has (words and facets). Every instance's in-memory TranscriptIndex is a
 * cache of this collection. The system of record for what was said stays `messages`.
 *
 * Every write is made of atomic operators only, so two instances writing the same summary at
 * once merge: terms by `$addToSet`, lines by `$addToSet` (a line is a pure function of its
 * message, so a line written twice is one element) followed by `$push` of nothing with `$sort`
 * by seq and `$slice` to the first LINES_KEPT, fields by `$set`, `indexedAt` by `$max` and `rev`
 * by `$inc` (any change moves it: what the instances compare to find a summary they missed).
 */
export interface StoredSummary {
  _id: string;
  createdAt: Date;
  language: string;
  status: string;
  channel: string;
  customerName?: string;
  /** Absent until the first line is added. */
  lines?: TranscriptLine[];
  terms: string[];
  /** When this summary was last written (the newest bounds what a crash can have lost). */
  indexedAt: Date;
  /** Incremented by every write. */
  rev: number;
}

export const SUMMARY_COLLECTION = 'transcript_summaries';

/**
 * Declared for MongoDB 7: `terms` is a multikey index (a query by term would use it) and
 * `indexedAt` serves the instances' periodic look for summaries changed since. mongo-java-server
 * uses neither (it answers only `_id` and unique-key equalities from an index, docs/storage.md):
 * there both are scans, which is why queries are answered by the in-memory index.
 */
export const SUMMARY_INDEXES: { key: Record<string, 1 | -1>; name: string }[] = [
  { key: { terms: 1 }, name: 'terms_1' },
  { key: { indexedAt: 1 }, name: 'indexedAt_1' },
];

/** Lines kept per conversation for snippets; a longer conversation is still indexed whole. */
export const LINES_KEPT = 40;
const LINE_CHARS = 400;

/** The same message always gives the same line (key order included): `$addToSet` relies on it. */
export function lineOf(message: Pick<MessageView, 'seq' | 'sender' | 'text'>): TranscriptLine {
  return { seq: message.seq, sender: message.sender, text: message.text.slice(0, LINE_CHARS) };
}

/** Lines as the store keeps them: one per seq, by seq, the first LINES_KEPT. */
export function mergeLines(
  current: readonly TranscriptLine[],
  added: readonly TranscriptLine[] = [],
): TranscriptLine[] {
  const bySeq = new Map<number, TranscriptLine>();
  for (const line of [...current, ...added]) if (!bySeq.has(line.seq)) bySeq.set(line.seq, line);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(0, LINES_KEPT);
}

/** The conversation's own fields: what `$set` writes (a missing name is kept, not removed). */
export type OwnFields = Pick<
  TranscriptSummary,
  'createdAt' | 'language' | 'status' | 'channel' | 'customerName'
>;

export function ownFieldsOf(view: ConversationView): OwnFields {
  return {
    createdAt: new Date(view.createdAt),
    language: view.language,
    status: view.status,
    channel: view.channel,
    ...(view.customerName !== undefined && { customerName: view.customerName }),
  };
}

/**
 * The fields a conversation's change can bring: not `createdAt` (fixed), so that an instance's
 * copy never creates a conversation from a status change alone (SummaryCache).
 */
export function changingFieldsOf(view: ConversationView): Partial<OwnFields> {
  const fields: Partial<OwnFields> = ownFieldsOf(view);
  delete fields.createdAt;
  return fields;
}

/** What one write adds to a summary. */
export interface SummaryDelta {
  fields?: Partial<OwnFields>;
  lines?: TranscriptLine[];
  terms?: string[];
}

type Op = mongo.AnyBulkWriteOperation<StoredSummary>;

function stamp(now: Date) {
  return { $max: { indexedAt: now }, $inc: { rev: 1 } };
}

/**
 * The operations that add `delta` to a summary; with `upsert`, the first creates it. Lines are
 * added and then sorted and trimmed in a second operation (one field cannot take both
 * operators in one update).
 */
export function deltaOps(id: string, delta: SummaryDelta, now: Date, upsert = false): Op[] {
  const terms = [...new Set(delta.terms ?? [])];
  const lines = delta.lines ?? [];
  const addToSet = {
    ...(terms.length > 0 && { terms: { $each: terms } }),
    ...(lines.length > 0 && { lines: { $each: lines } }),
  };
  const fields = delta.fields ?? {};
  const update: mongo.UpdateFilter<StoredSummary> = {
    ...stamp(now),
    ...(Object.keys(fields).length > 0 && { $set: fields }),
    ...(Object.keys(addToSet).length > 0 && { $addToSet: addToSet }),
    // A summary always has a terms array, so that a `{terms: …}` query can match it.
    ...(upsert && terms.length === 0 && { $setOnInsert: { terms: [] } }),
  } as mongo.UpdateFilter<StoredSummary>;
  const ops: Op[] = [{ updateOne: { filter: { _id: id }, update, upsert } }];
  if (lines.length > 0) ops.push(trimLinesOp(id));
  return ops;
}

function trimLinesOp(id: string): Op {
  return {
    updateOne: {
      filter: { _id: id },
      update: { $push: { lines: { $each: [], $sort: { seq: 1 }, $slice: LINES_KEPT } } },
    },
  };
}

/**
 * Retention: the summary loses the customer's name and the facets that lead to the customer
 * (account references and names: every `account:` and `customer:` term but the conversation's
 * own id), in one update, so a term written at the same moment by another instance is not
 * put back by a stale copy.
 */
export function forgetOps(id: string, now: Date): Op[] {
  const own = facet.customer(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [
    {
      updateOne: {
        filter: { _id: id },
        update: {
          ...stamp(now),
          $unset: { customerName: '' },
          $pull: {
            terms: { $regex: `^(account:|customer:(?!${own.slice('customer:'.length)}$))` },
          },
        } as mongo.UpdateFilter<StoredSummary>,
      },
    },
  ];
}

/** Removes what forgetOps removes from a list of terms (the instance's own copy). */
export function withoutPersonal(terms: readonly string[], id: string): string[] {
  return terms.filter((t) => !isPersonalFacet(t, id));
}

/** A stored document as the index holds it (lines merged and trimmed, whatever wrote them). */
export function toSummary(doc: StoredSummary): TranscriptSummary {
  return {
    _id: doc._id,
    createdAt: new Date(doc.createdAt),
    language: doc.language,
    status: doc.status,
    channel: doc.channel,
    ...(doc.customerName !== undefined && { customerName: doc.customerName }),
    lines: mergeLines(doc.lines ?? []),
  };
}
