/** Pure figures for reports: percentiles, rates, and grouping of texts the bot missed. */

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export function mean(values: number[]): number | null {
  return values.length === 0
    ? null
    : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
}

export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

/** Character bigrams of a normalised text (Han and Latin alike): the basis of similarity here. */
function bigrams(text: string): Set<string> {
  const t = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const grams = new Set<string>();
  for (let i = 0; i < t.length - 1; i++)
    if (t[i] !== ' ' && t[i + 1] !== ' ') grams.add(t.slice(i, i + 2));
  if (grams.size === 0 && t) grams.add(t);
  return grams;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return shared === 0 ? 0 : shared / (a.size + b.size - shared);
}

export interface TextGroup {
  size: number;
  examples: string[];
}

/**
 * Groups similar texts greedily: each text joins the first group whose first text it resembles
 * (Jaccard similarity of character bigrams ≥ threshold), else starts a group. Largest first.
 */
export function groupSimilar(texts: string[], threshold = 0.45, examplesPerGroup = 5): TextGroup[] {
  const groups: { seed: Set<string>; texts: string[] }[] = [];
  for (const text of texts) {
    const grams = bigrams(text);
    const home = groups.find((g) => jaccard(g.seed, grams) >= threshold);
    if (home) home.texts.push(text);
    else groups.push({ seed: grams, texts: [text] });
  }
  return groups
    .sort((a, b) => b.texts.length - a.texts.length)
    .map((g) => ({
      size: g.texts.length,
      examples: [...new Set(g.texts)].slice(0, examplesPerGroup),
    }));
}

/** One CSV line per row, RFC 4180 quoting; a leading `=`,`+`,`-`,`@` is defused for spreadsheets. */
export function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]);
  const cell = (v: unknown) => {
    let s =
      v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    if (/^[=+\-@]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (
    [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') +
    '\r\n'
  );
}
