import type { Key } from '../shared/catalogue';
import type { TranscriptHit } from './supervisor-protocol';

export const PAGE_SIZE = 20;

/** The search form's fields, named as GET /transcripts/search names its parameters. */
export const FILTERS = [
  'q',
  'customer',
  'account',
  'channel',
  'agentId',
  'intent',
  'district',
  'outcome',
  'rating',
  'from',
  'to',
] as const;
export type Filter = (typeof FILTERS)[number];
export type Filters = Partial<Record<Filter, string>>;

/** The query string of one page: empty fields are left out, values trimmed. */
export function searchParams(filters: Filters, page: number): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = filters[name]?.trim();
    if (value) params.set(name, value);
  }
  params.set('page', String(page));
  params.set('limit', String(PAGE_SIZE));
  return params;
}

export const OUTCOME_KEY: Record<TranscriptHit['outcome'], Key> = {
  bot: 'supOutcomeBot',
  escalated: 'supOutcomeEscalated',
  abandoned: 'supOutcomeAbandoned',
  resolved: 'supOutcomeResolved',
};

/** The districts of the service area, as the search filters them (src/utility/demo-city.ts). */
export const DISTRICTS: readonly [code: string, zh: string, en: string][] = [
  ['QH-DH', '东湖区', 'Donghu'],
  ['QH-XS', '西山区', 'Xishan'],
  ['QH-NG', '南港区', 'Nangang'],
  ['QH-BC', '北城区', 'Beicheng'],
  ['QH-GX', '高新区', 'Gaoxin'],
  ['QH-LJ', '临江新区', 'Linjiang'],
  ['QH-LT', '柳塘镇', 'Liutang'],
  ['QH-SQ', '石桥镇', 'Shiqiao'],
];

/**
 * A snippet cut where the query occurs, case-insensitively, so that the page can mark each
 * occurrence: the parts alternate between plain text and a match, starting with plain text.
 */
export function highlight(text: string, q: string): { text: string; match: boolean }[] {
  const needle = q.trim().toLowerCase();
  if (!needle || !text) return [{ text, match: false }];
  const lower = text.toLowerCase();
  const parts: { text: string; match: boolean }[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  parts.push({ text: text.slice(from), match: false });
  return parts.filter((p) => p.match || p.text);
}

export const stars = (n: number): string => (n ? '★'.repeat(n) + '☆'.repeat(5 - n) : '');

/** Until the search endpoint exists its path falls through to GET /transcripts/:id. */
export const searchMissing = (status: number, message: string): boolean =>
  status === 404 || (status === 400 && /conversationId/.test(message));
