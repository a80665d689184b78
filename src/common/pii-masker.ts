import { createHmac } from 'crypto';
import { PiiKind } from './pii-checks';
import { findPii, keepLast } from './pii-number-scan';

export { isResidentId, passesLuhn } from './pii-checks';
export type { PiiKind } from './pii-checks';

/**
 * Masks personal numbers in free text before it is stored or shown: resident identity numbers
 * (18 characters, check character right or not; the old 15-digit form), bank card numbers
 * (13–19 digits passing Luhn), every 10-digit account-shaped number, Chinese mobiles (with or
 * without +86/0086), landlines with their area code and international numbers (libphonenumber).
 * Numbers are read on their own boundaries (see pii-number-scan.ts), so dates, amounts, kWh
 * figures and reference numbers stay readable.
 */
export interface MaskResult {
  text: string;
  /** What kinds were found, for the audit trail; never the values. */
  found: PiiKind[];
}

/**
 * Full-width digits, X, plus, dash, brackets and the ideographic space as ASCII. Each is one
 * UTF-16 unit and so is its ASCII twin: positions in the folded text are positions in the input.
 */
function fold(text: string): string {
  return text
    .replace(/[０-９Ｘｘ＋－（）]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

export function maskPii(input: string): MaskResult {
  const spans = findPii(fold(input));
  if (spans.length === 0) return { text: input, found: [] };
  let text = '';
  let at = 0;
  for (const span of spans) {
    text += input.slice(at, span.start) + span.masked;
    at = span.end;
  }
  text += input.slice(at);
  return { text, found: [...new Set(spans.map((s) => s.kind))] };
}

/** Every string inside a card's data masked as text is; numbers and structure kept. */
export function maskPiiDeep<T>(value: T): T {
  if (typeof value === 'string') return maskPii(value).text as T;
  if (Array.isArray(value)) return value.map((v: unknown) => maskPiiDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskPiiDeep(v)]),
    ) as T;
  }
  return value;
}

/**
 * The customer's answer to "the last four digits of your registered phone": those digits are a
 * secret however short, so every standalone run of four digits goes (the general masker rightly
 * leaves short numbers alone). Amounts, readings and dates keep theirs: a run followed by a
 * decimal point or a unit (元, kWh, 度, 年, 月, 日) is not the answer. For the caller that knows
 * the bot asked for the digits.
 */
export function maskVerificationAnswer(input: string): MaskResult {
  const first = maskPii(input);
  let hit = false;
  const text = first.text.replace(
    /(?<![\d*.．])[0-9０-９]{4}(?![\d*]|\s*(?:[.．]\d|元|块|kwh|度|年|月|日|号))/giu,
    (run) => {
      hit = true;
      return '*'.repeat(run.length);
    },
  );
  return hit ? { text, found: [...new Set([...first.found, 'mobile' as const])] } : first;
}

/**
 * A stable reference to a personal number that does not show it: what the transcript search
 * indexes to find an account's conversations. Keyed (HMAC-SHA256, 24 hex digits): a plain hash
 * of a 10-digit number is reversed by trying them all, so without the key, which lives only in
 * the environment, a stored reference says nothing. Never sent to any reader either.
 */
export function personalRef(digits: string, key: string): string {
  return createHmac('sha256', key).update(digits).digest('hex').slice(0, 24);
}

/** An account or phone number as a transcript shows it: only its last digits. */
export function maskNumber(digits: string): string {
  const masked = maskPii(digits).text;
  return masked !== digits ? masked : keepLast(digits, Math.min(4, Math.floor(digits.length / 2)));
}
