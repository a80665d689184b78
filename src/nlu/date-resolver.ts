/** Calendar helpers for relative dates; all arithmetic in UTC so the server's zone never leaks in. */

export function isoDate(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return undefined;
  }
  return d.toISOString().slice(0, 10);
}

export function isoMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month - 1, 1));
  return d.toISOString().slice(0, 7);
}

export function addDays(reference: Date, days: number): string {
  const d = new Date(
    Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), reference.getUTCDate() + days),
  );
  return d.toISOString().slice(0, 10);
}

export function addMonths(reference: Date, months: number): string {
  return isoMonth(reference.getUTCFullYear(), reference.getUTCMonth() + 1 + months);
}

/** Monday of the week `weeks` away from the reference (ISO weeks start on Monday). */
export function weekStart(reference: Date, weeks: number): string {
  const weekday = (reference.getUTCDay() + 6) % 7;
  return addDays(reference, weeks * 7 - weekday);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 1–12 for an English month name or abbreviation ("Sept", "march"), else undefined. */
export function monthNumber(name: string): number | undefined {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i >= 0 ? i + 1 : undefined;
}
