/**
 * The figures both benches report: nearest-rank percentiles of latency samples, rounded and
 * formatted the same way so the printed lines and the final JSON line read alike.
 */

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

export function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { p50: NaN, p99: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the value below which the given share of samples lies, an observed value.
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}

/** Tenths of a millisecond: the clocks and the noise of a shared box are not finer than that. */
export const round1 = (n: number): number => Math.round(n * 10) / 10;

export function roundAll(p: Percentiles): Percentiles {
  return { p50: round1(p.p50), p99: round1(p.p99), max: round1(p.max) };
}

/** 'n/a' rather than 'NaN' when a phase measured nothing (every customer failed, say). */
export const fmt = (n: number | null | undefined, digits = 1): string =>
  n === null || n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits);

/** Three significant digits: a throughput ratio can be far below 0.01. */
export const ratio = (a: number, b: number): number => Number((a / b).toPrecision(3));
