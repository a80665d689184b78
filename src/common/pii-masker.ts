import { createHmac } from 'crypto';

/**
 * Masks personal numbers in free text before it is stored: resident identity numbers (18 digits
 * with the GB 11643 check digit), bank card numbers (13–19 digits passing Luhn), the utility's
 * account numbers (10 digits passing Luhn) and Chinese mobile numbers. Only numbers whose check
 * digit is right are masked, so dates, amounts and kWh figures stay readable.
 */
export interface MaskResult {
  text: string;
  /** What kinds were found, for the audit trail; never the values. */
  found: PiiKind[];
}

export type PiiKind = 'resident_id' | 'bank_card' | 'account_number' | 'mobile';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function isResidentId(value: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17].toUpperCase();
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function keepLast(value: string, keep: number): string {
  return '*'.repeat(Math.max(0, value.length - keep)) + value.slice(-keep);
}

/** Full-width digits (and X) as ASCII, leaving the rest of the text (punctuation too) as it was. */
function foldWideDigits(text: string): string {
  return text.replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

// Runs of digits (allowing the spaces or dashes people type inside card numbers), not inside a
// longer number. Full-width digits are folded first.
const NUMBER_RUN = /(?<![\dA-Za-z])\d[\d -]{8,22}[\dXx](?![\dA-Za-z])/g;

export function maskPii(input: string): MaskResult {
  const found = new Set<PiiKind>();
  const text = foldWideDigits(input).replace(NUMBER_RUN, (run) => {
    const compact = run.replace(/[ -]/g, '');
    if (compact.length === 18 && isResidentId(compact)) {
      found.add('resident_id');
      return keepLast(compact, 4);
    }
    if (!/^\d+$/.test(compact)) return run;
    if (compact.length >= 13 && compact.length <= 19 && passesLuhn(compact)) {
      found.add('bank_card');
      return keepLast(compact, 4);
    }
    if (compact.length === 11 && /^1[3-9]/.test(compact)) {
      found.add('mobile');
      return `${compact.slice(0, 3)}****${compact.slice(-4)}`;
    }
    if (compact.length === 10 && passesLuhn(compact)) {
      found.add('account_number');
      return `${compact.slice(0, 2)}******${compact.slice(-2)}`;
    }
    return run;
  });
  return { text: found.size > 0 ? text : input, found: [...found] };
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
