/**
 * Whether agents are at work at `now`, for hours like `08:00-20:00` in a time zone. An empty
 * spec means around the clock; an end before the start spans midnight (`22:00-06:00`).
 */
export function withinServiceHours(now: Date, spec: string, timeZone: string): boolean {
  if (!spec) return true;
  const [start, end] = spec.split('-').map(toMinutes);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  const minute = (Number(parts.hour) % 24) * 60 + Number(parts.minute);
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}
