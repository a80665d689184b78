/**
 * Calendar keys stored on records so reports can group without date operators (FerretDB v1 has
 * none in pipelines). Days are UTC; weeks are ISO 8601 (`2026-W09`).
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
