import {
  chineseMobileWithCountryCode,
  internationalPhone,
  isChineseLandline,
  isChineseMobile,
  looksLikeResidentId,
  passesLuhn,
  PiiKind,
} from './pii-checks';

/**
 * Finds the personal numbers in a text, number by number. Digits are read in groups (a run of
 * digits); groups join into one number only along the groupings people really type (a card in
 * fours, a mobile as 3-4-4, an identity number as 6-8-4, a country code before a phone). A group
 * of ten or more digits never joins its neighbour, so "户号 1000003051 2026年" is an account and
 * a year, and "20261201-01" (a date and a sequence) is nothing. Numbers glued to letters
 * (OUT-20261201-01, SR261201-000123, an ObjectId) are references and never masked.
 */
export interface PiiSpan {
  start: number;
  end: number;
  kind: PiiKind;
  masked: string;
}

interface Group {
  start: number;
  end: number;
  digits: string;
  /** Glued to letters or a decimal point: part of a reference or an amount, never personal. */
  glued: boolean;
}

/** Groupings (group lengths) under which neighbouring groups form one number. */
const JOINED = new Set([
  // identity numbers
  '6-8-4',
  '6-4-4-4',
  // bank cards
  '4-4-4-4',
  '4-4-4-4-3',
  '4-4-4-4-2',
  '4-4-4-4-1',
  '4-4-4-3',
  '4-4-4-2',
  '4-4-4-1',
  '4-6-5',
  '4-6-4',
  '6-13',
  // mobiles, landlines with their area code, accounts
  '3-4-4',
  '3-8',
  '4-3-4',
  '7-4',
  '4-8',
  '4-7',
  '4-4-4',
  '4-3-3',
  '3-3-4',
  '2-4-4',
  '4-4-2',
  '5-5',
]);

/** What may stand between two groups of one number: a space, a dash, a bracket around an area code. */
const GAP = /^(?: ?[-()] ?| |\) ?\(|\)-)$/;
const MAX_GROUPS = 6;

export function findPii(folded: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const chain of chains(groupsOf(folded), folded)) {
    let i = 0;
    while (i < chain.length) {
      const span = matchAt(chain, i, folded);
      if (span) {
        spans.push(span.span);
        i += span.used;
      } else {
        i++;
      }
    }
  }
  return spans;
}

function groupsOf(text: string): Group[] {
  const groups: Group[] = [];
  for (const m of text.matchAll(/\d+/g)) {
    const start = m.index;
    let digits = m[0];
    // The check character X of an identity number, not the x of "2x" or a word.
    // (It may close any group: "1101 0519 4912 3100 2X" is typed too.)
    if (
      digits.length <= 17 &&
      /[Xx]/.test(text[start + digits.length] ?? '') &&
      !/[A-Za-z]/.test(text[start + digits.length + 1] ?? '')
    ) {
      digits += 'X';
    }
    const end = start + digits.length;
    groups.push({ start, end, digits, glued: isGlued(text, start, end) });
  }
  return groups;
}

function isGlued(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(end, end + 2);
  if (/[A-Za-z]$|[A-Za-z][-_]$/.test(before)) return true;
  if (/\d[.,]$/.test(before) || /^[.,]\d/.test(after)) return true;
  const word =
    /[0-9A-Za-z]*$/.exec(text.slice(0, start))![0] + /^[0-9A-Za-z]*/.exec(text.slice(start))![0];
  return /^[0-9a-f]{24}$/i.test(word) && /[a-f]/i.test(word);
}

/**
 * Groups that follow each other with a number's separator between them. A reference
 * (OUT-20261201-01) runs on through its dashes and is dropped as a whole; a space ends it.
 */
function* chains(groups: Group[], text: string): Generator<Group[]> {
  let chain: Group[] = [];
  for (const group of groups) {
    const previous = chain.at(-1);
    const gap = previous ? text.slice(previous.end, group.start) : '';
    const joins =
      previous !== undefined &&
      !group.glued &&
      (chain[0].glued ? gap === '-' || gap === '_' : GAP.test(gap));
    if (!joins && chain.length > 0) {
      if (!chain[0].glued) yield chain;
      chain = [];
    }
    chain.push(group);
  }
  if (chain.length > 0 && !chain[0].glued) yield chain;
}

function matchAt(
  chain: Group[],
  i: number,
  text: string,
): { span: PiiSpan; used: number } | undefined {
  const first = chain[i];
  const international = text[first.start - 1] === '+' || /^00[1-9]/.test(first.digits);
  const most = Math.min(MAX_GROUPS, chain.length - i);
  for (let k = most; k >= 1; k--) {
    const part = chain.slice(i, i + k);
    const digits = part.map((g) => g.digits).join('');
    const signature = part.map((g) => g.digits.length).join('-');
    if (!international && k > 1 && !JOINED.has(signature)) continue;
    const found = international ? classifyInternational(digits) : classify(digits);
    if (!found) continue;
    const end = part[k - 1].end;
    let start = international && text[first.start - 1] === '+' ? first.start - 1 : first.start;
    // "(+86) 138…", "(021) 6123…": the bracket goes with the number it opened.
    if (text[start - 1] === '(' && text.slice(start, end).includes(')')) start--;
    return { span: { start, end, ...found }, used: k };
  }
  return undefined;
}

type Found = { kind: PiiKind; masked: string };

function classifyInternational(digits: string): Found | undefined {
  const phone = internationalPhone(digits);
  if (!phone) return undefined;
  // Only a Chinese mobile is a `mobile`; anything abroad is a `phone`, whatever its line.
  if (phone.countryCode === '+86' && isChineseMobile(phone.national)) {
    return { kind: 'mobile', masked: `+86 ${maskMobile(phone.national)}` };
  }
  return { kind: 'phone', masked: `${phone.countryCode} ${keepLast(phone.national, 4)}` };
}

function classify(digits: string): Found | undefined {
  if (digits.length === 18 && looksLikeResidentId(digits)) {
    return { kind: 'resident_id', masked: keepLast(digits, 4) };
  }
  if (!/^\d+$/.test(digits)) return undefined;
  const withCode = chineseMobileWithCountryCode(digits);
  if (withCode) return { kind: 'mobile', masked: `+86 ${maskMobile(withCode)}` };
  if (isChineseMobile(digits)) return { kind: 'mobile', masked: maskMobile(digits) };
  // Every account-shaped number, check digit right or not: a mistyped account is still someone's.
  if (digits.length === 10) {
    return { kind: 'account_number', masked: `${digits.slice(0, 2)}******${digits.slice(-2)}` };
  }
  if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits) && !isTimestamp(digits)) {
    return { kind: 'bank_card', masked: keepLast(digits, 4) };
  }
  if (digits.length === 15 && looksLikeResidentId(digits)) {
    return { kind: 'resident_id', masked: keepLast(digits, 4) };
  }
  if (isChineseLandline(digits)) return { kind: 'phone', masked: keepLast(digits, 4) };
  return undefined;
}

/** YYYYMMDDhhmmss, as systems print a time: fourteen digits that are no card. */
function isTimestamp(digits: string): boolean {
  return /^20\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])[0-5]\d[0-5]\d$/.test(digits);
}

function maskMobile(digits: string): string {
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function keepLast(value: string, keep: number): string {
  return '*'.repeat(Math.max(0, value.length - keep)) + value.slice(-keep);
}
