/** A billing period is a calendar month, written `YYYY-MM`; the tariff year is the calendar year. */
export type BillingPeriod = string;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The `_id` of an account's record for a month (bill, reading, payment). */
export function monthlyRecordId(accountNumber: string, period: BillingPeriod): string {
  return `${accountNumber}:${period}`;
}

export function isBillingPeriod(value: string): boolean {
  return PERIOD.test(value);
}

export function periodOf(year: number, month: number): BillingPeriod {
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function parsePeriod(period: BillingPeriod): { year: number; month: number } {
  const m = PERIOD.exec(period);
  if (!m) throw new Error(`not a billing period: ${period}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function addMonths(period: BillingPeriod, months: number): BillingPeriod {
  const { year, month } = parsePeriod(period);
  const index = year * 12 + (month - 1) + months;
  return periodOf(Math.floor(index / 12), (index % 12) + 1);
}

export function previousPeriod(period: BillingPeriod): BillingPeriod {
  return addMonths(period, -1);
}

export function sameMonthLastYear(period: BillingPeriod): BillingPeriod {
  return addMonths(period, -12);
}

/** The period containing a date, in UTC (the demo city's records are kept in UTC). */
export function periodOfDate(date: Date): BillingPeriod {
  return periodOf(date.getUTCFullYear(), date.getUTCMonth() + 1);
}

/** How a customer's month was resolved against the bills issued. */
export interface ResolvedPeriod {
  /** The bill's period, or undefined when there is no such bill. */
  period?: BillingPeriod;
  /** The latest issued bill, to say which month "this month" is, or what there is instead. */
  latest?: BillingPeriod;
  /** "this month" / "last month" were read relative to the latest bill. */
  relative: boolean;
}

/**
 * `latest` = the latest bill issued, `latest-N` = N bills before it, `YYYY-MM` = that month if a
 * bill exists. `issued` is newest first (vacant months have no bill and are skipped).
 */
export function resolveBillPeriod(
  wanted: string | undefined,
  issued: readonly BillingPeriod[],
): ResolvedPeriod {
  const latest = issued[0];
  const relative = /^latest(-\d+)?$/.exec(wanted ?? 'latest');
  if (relative) {
    const back = relative[1] ? Number(relative[1].slice(1)) : 0;
    return { period: issued[back], latest, relative: wanted !== undefined };
  }
  const found = issued.find((p) => p === wanted);
  return { ...(found && { period: found }), latest, relative: false };
}
