import type { Key } from '../shared/catalogue';
import { duration } from '../shared/format';
import type { GroupBy, ReportRow } from './supervisor-protocol';

export const GROUPS: readonly GroupBy[] = [
  'day',
  'week',
  'district',
  'intent',
  'channel',
  'agent',
  'skill',
];

export const GROUP_KEY: Record<GroupBy, Key> = {
  day: 'supGroupDay',
  week: 'supGroupWeek',
  district: 'supGroupDistrict',
  intent: 'supGroupIntent',
  channel: 'supGroupChannel',
  agent: 'supGroupAgent',
  skill: 'supGroupSkill',
};

export type Column = keyof ReportRow;

export const COLUMNS: readonly [Column, Key][] = [
  ['group', 'supColGroup'],
  ['conversations', 'supColConversations'],
  ['containmentRate', 'supColContainmentRate'],
  ['escalationRate', 'supColEscalationRate'],
  ['tickets', 'supColTickets'],
  ['escalationReasons', 'supColEscalationReasons'],
  ['waitP50', 'supColWaitP50'],
  ['waitP90', 'supColWaitP90'],
  ['firstResponseMean', 'supColFirstResponseMean'],
  ['handleMean', 'supColHandleMean'],
  ['slaBreachRate', 'supColSlaBreachRate'],
  ['agentRatingMean', 'supColAgentRatingMean'],
  ['agentRatings', 'supColAgentRatings'],
  ['botRatingMean', 'supColBotRatingMean'],
];

const pct = (r: number) => `${Math.round(r * 1000) / 10}%`;
const round = (n: number) => String(Math.round(n * 100) / 100);

/**
 * One report cell as text: rates in per cent, times as durations, rating means to two places,
 * counts per code with the code in words (`words`, e.g. escalation reasons).
 */
export function cell(
  column: Column,
  value: ReportRow[Column] | undefined,
  words: (code: string) => string = (c) => c,
): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'object') {
    const parts = Object.entries(value).map(([k, v]) => `${words(k)}: ${v}`);
    return parts.join(' · ') || '–';
  }
  if (typeof value === 'string') return value;
  if (column.endsWith('Rate')) return pct(value);
  if (column.endsWith('RatingMean')) return round(value);
  if (column.startsWith('wait') || column.endsWith('Mean')) return duration(value);
  return String(value);
}

/**
 * The dates of the last `days` days to today in `zone`, as the date inputs want them. The
 * reports' days are the service's calendar days (SERVICE_TIMEZONE, which GET /service-settings
 * gives), not the browser's or UTC: after 16:00 UTC "today" is already tomorrow in Shanghai, and
 * a UTC default range missed the day's conversations.
 */
export function lastDays(days: number, now: number, zone: string): { from: string; to: string } {
  // en-CA writes a date as YYYY-MM-DD.
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone });
  const day = (ms: number) => format.format(new Date(ms));
  return { from: day(now - (days - 1) * 86_400_000), to: day(now) };
}

/** The agent ratings of all rows, per star. */
export const ratingTotals = (rows: readonly ReportRow[]): number[] =>
  (['1', '2', '3', '4', '5'] as const).map((n) =>
    rows.reduce((sum, r) => sum + (r.agentRatings?.[n] ?? 0), 0),
  );
