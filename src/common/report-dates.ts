/**
 * Calendar keys stored on records for the search facets. Days are UTC; weeks are ISO 8601
 * (`2026-W09`). Reports group in the database by the service's time zone instead.
 */
export function dayKey(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function weekKey(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Minutes `zone` is ahead of UTC at `at` (e.g. 480 for Asia/Shanghai). */
function zoneOffsetMinutes(at: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instants a range of calendar days (`YYYY-MM-DD`, inclusive) covers in `zone`: reports
 * count a day as the utility's customers live it, not as UTC cuts it.
 */
export function dayRangeIn(from: string, to: string, zone: string): { start: Date; end: Date } {
  const midnight = (day: string) => {
    const guess = new Date(`${day}T00:00:00Z`);
    return new Date(guess.getTime() - zoneOffsetMinutes(guess, zone) * 60_000);
  };
  const next = new Date(`${to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { start: midnight(from), end: midnight(next.toISOString().slice(0, 10)) };
}

/** Today's calendar day in `zone`. */
export function todayIn(zone: string, now = new Date()): string {
  return new Date(now.getTime() + zoneOffsetMinutes(now, zone) * 60_000).toISOString().slice(0, 10);
}

/** The aggregation expression of a date field's calendar day or ISO week in `zone`. */
export function calendarKeyExpression(
  field: string,
  unit: 'day' | 'week',
  zone: string,
): Record<string, unknown> {
  return {
    $dateToString: {
      format: unit === 'day' ? '%Y-%m-%d' : '%G-W%V',
      date: `$${field}`,
      timezone: zone,
    },
  };
}

/** A group key that is never null: reports show records without the field as `(none)`. */
export const NO_GROUP = '(none)';
export function orNone(expression: unknown): Record<string, unknown> {
  return { $ifNull: [expression, NO_GROUP] };
}
