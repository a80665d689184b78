import { isValidAccountNumber } from './account-number';
import { CHINESE_NUMERAL_CHARS, parseChineseNumeral } from './chinese-numeral';
import { addDays, addMonths, isoDate, isoMonth, monthNumber, weekStart } from './date-resolver';
import { Entity, EntityType } from './nlu.types';
import { SERVICE_AREA } from './service-area';

/** A match on the normalised text, before its offsets are mapped back to the original. */
interface Candidate {
  type: EntityType;
  start: number;
  end: number;
  value: string;
  unit?: string;
}

type Rule = (text: string, reference: Date) => Candidate[];

const CN_NUM = `[${CHINESE_NUMERAL_CHARS}]+`;
const AMOUNT = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?`;
const MONTH_NAME =
  'january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec';
const CN_SMALL = '[一二三四五六七八九十]{1,3}';

/**
 * Finds account numbers, phone numbers, money, kWh figures, dates and districts. Works on an
 * NFKC-folded copy (full-width digits, ￥, ㎾) and maps offsets back to the customer's text.
 * Earlier rules win overlaps: a valid account number is never also read as a phone or an amount.
 */
export class EntityExtractor {
  private readonly rules: Rule[] = [
    internationalPhones,
    chineseMobiles,
    accountNumbers,
    isoDates,
    chineseDates,
    englishDates,
    relativeDates,
    money,
    kilowattHours,
    districts,
  ];

  extract(text: string, reference: Date = new Date()): Entity[] {
    return this.apply(this.rules, text, reference);
  }

  /**
   * The districts alone (the search's district terms, for every stored message): no other rule
   * runs. A district is never inside another entity's words, so this finds what `extract` does.
   */
  districts(text: string): Entity[] {
    return this.apply([districts], text, new Date());
  }

  private apply(rules: readonly Rule[], text: string, reference: Date): Entity[] {
    const { normalized, starts, ends } = foldWithOffsets(text);
    const taken = new Uint8Array(normalized.length);
    const found: Entity[] = [];
    for (const rule of rules) {
      for (const c of rule(normalized, reference)) {
        if (c.end <= c.start || taken.subarray(c.start, c.end).some((t) => t === 1)) continue;
        taken.fill(1, c.start, c.end);
        const start = starts[c.start];
        const end = ends[c.end - 1];
        const entity: Entity = {
          type: c.type,
          text: text.slice(start, end),
          value: c.value,
          start,
          end,
        };
        if (c.unit) entity.unit = c.unit;
        found.push(entity);
      }
    }
    return found.sort((a, b) => a.start - b.start);
  }
}

/** NFKC + lower case, one code point at a time, remembering where each folded char came from. */
function foldWithOffsets(text: string): { normalized: string; starts: number[]; ends: number[] } {
  let normalized = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const folded = foldCodePoint(cp, text, i);
    for (let k = 0; k < folded.length; k++) {
      starts.push(i);
      ends.push(i + width);
    }
    normalized += folded;
    i += width;
  }
  return { normalized, starts, ends };
}

/**
 * One code point folded. ASCII and the unified CJK ideographs (nearly every character customers
 * type) are their own NFKC form and lower-case simply: they skip \`normalize\`, which cost more
 * than the rest of the reading, on every message and every stored one.
 */
function foldCodePoint(cp: number, text: string, i: number): string {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 0x20) : text[i];
  if (cp >= 0x4e00 && cp <= 0x9fff) return text[i];
  return String.fromCodePoint(cp).normalize('NFKC').toLowerCase();
}

function matches(pattern: RegExp, text: string): RegExpExecArray[] {
  return [...text.matchAll(pattern)];
}

function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

function internationalPhones(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches(/(?<![\d+])\+\d(?:[\s-]?\d){7,14}(?!\d)/g, text)) {
    const digits = digitsOf(m[0]);
    // +86 mobiles are stored in their national form, the form our records use.
    const value = /^861[3-9]\d{9}$/.test(digits) ? digits.slice(2) : `+${digits}`;
    out.push({ type: 'phone', start: m.index, end: m.index + m[0].length, value });
  }
  return out;
}

function chineseMobiles(text: string): Candidate[] {
  return matches(/(?<![\d+])1[3-9]\d(?:[\s-]?\d){8}(?!\d)/g, text).map((m) => ({
    type: 'phone',
    start: m.index,
    end: m.index + m[0].length,
    value: digitsOf(m[0]),
  }));
}

function accountNumbers(text: string): Candidate[] {
  return matches(/(?<!\d)\d(?:[\s-]?\d){9}(?!\d)/g, text)
    .filter((m) => isValidAccountNumber(digitsOf(m[0])))
    .map((m) => ({
      type: 'account_number',
      start: m.index,
      end: m.index + m[0].length,
      value: digitsOf(m[0]),
    }));
}

function dateCandidate(m: RegExpExecArray, value: string | undefined): Candidate[] {
  return value ? [{ type: 'date', start: m.index, end: m.index + m[0].length, value }] : [];
}

function isoDates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches(/(?<!\d)(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?(?!\d)/g, text)) {
    out.push(...dateCandidate(m, isoDate(Number(m[1]), Number(m[2]), Number(m[3]))));
  }
  for (const m of matches(/(?<!\d)(\d{4})年(\d{1,2})月(?![\d一二三四五六七八九十])/g, text)) {
    const month = Number(m[2]);
    if (month >= 1 && month <= 12) out.push(...dateCandidate(m, isoMonth(Number(m[1]), month)));
  }
  return out;
}

function smallNumber(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : (parseChineseNumeral(s) ?? NaN);
}

/** "3月5号", "三月五日": the year is the reference date's. */
function chineseDates(text: string, reference: Date): Candidate[] {
  const pattern = new RegExp(
    `(?<![\\d年])(\\d{1,2}|${CN_SMALL})月(\\d{1,2}|${CN_SMALL})[日号]`,
    'g',
  );
  return matches(pattern, text).flatMap((m) =>
    dateCandidate(m, isoDate(reference.getUTCFullYear(), smallNumber(m[1]), smallNumber(m[2]))),
  );
}

function englishDates(text: string, reference: Date): Candidate[] {
  const out: Candidate[] = [];
  const year = (s: string | undefined): number => (s ? Number(s) : reference.getUTCFullYear());
  const monthFirst = new RegExp(
    `\\b(${MONTH_NAME})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`,
    'g',
  );
  for (const m of matches(monthFirst, text)) {
    out.push(...dateCandidate(m, isoDate(year(m[3]), monthNumber(m[1]) ?? 0, Number(m[2]))));
  }
  const dayFirst = new RegExp(
    `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_NAME})\\b\\.?(?:,?\\s+(\\d{4}))?`,
    'g',
  );
  for (const m of matches(dayFirst, text)) {
    out.push(...dateCandidate(m, isoDate(year(m[3]), monthNumber(m[2]) ?? 0, Number(m[1]))));
  }
  return out;
}

/** Relative expressions; days become dates, months YYYY-MM, weeks the date of their Monday. */
const RELATIVE: readonly { pattern: RegExp; resolve: (r: Date, m: RegExpExecArray) => string }[] = [
  {
    pattern: /the day before yesterday|大前天/g,
    resolve: (r, m) => addDays(r, m[0] === '大前天' ? -3 : -2),
  },
  {
    pattern: /the day after tomorrow|大后天/g,
    resolve: (r, m) => addDays(r, m[0] === '大后天' ? 3 : 2),
  },
  { pattern: /\byesterday\b|昨天|昨日|昨晚/g, resolve: (r) => addDays(r, -1) },
  { pattern: /\btoday\b|\btonight\b|今天|今日|今晚/g, resolve: (r) => addDays(r, 0) },
  { pattern: /\btomorrow\b|明天|明日/g, resolve: (r) => addDays(r, 1) },
  { pattern: /前天/g, resolve: (r) => addDays(r, -2) },
  { pattern: /后天/g, resolve: (r) => addDays(r, 2) },
  {
    pattern: new RegExp(`(\\d{1,3}|${CN_SMALL}) ?(?:days ago|天前)`, 'g'),
    resolve: (r, m) => addDays(r, -smallNumber(m[1])),
  },
  { pattern: /\blast month\b|上个月|上月/g, resolve: (r) => addMonths(r, -1) },
  { pattern: /\bthis month\b|这个月|本月|这月/g, resolve: (r) => addMonths(r, 0) },
  { pattern: /\bnext month\b|下个月|下月/g, resolve: (r) => addMonths(r, 1) },
  {
    pattern: /\blast week\b|上周|上个星期|上星期|上个礼拜|上礼拜/g,
    resolve: (r) => weekStart(r, -1),
  },
  { pattern: /\bthis week\b|本周|这周|这个星期|这星期/g, resolve: (r) => weekStart(r, 0) },
  { pattern: /\bnext week\b|下周|下个星期|下星期|下个礼拜/g, resolve: (r) => weekStart(r, 1) },
];

function relativeDates(text: string, reference: Date): Candidate[] {
  const out: Candidate[] = [];
  for (const { pattern, resolve } of RELATIVE) {
    for (const m of matches(pattern, text)) {
      const value = resolve(reference, m);
      if (!value.includes('NaN')) out.push(...dateCandidate(m, value));
    }
  }
  // Longest first, so "the day before yesterday" beats "yesterday" for the same characters.
  return out.sort((a, b) => b.end - b.start - (a.end - a.start));
}

function amountValue(s: string): string | undefined {
  const n = /^[\d,.]+$/.test(s) ? Number(s.replace(/,/g, '')) : parseChineseNumeral(s);
  return n === undefined || !Number.isFinite(n) ? undefined : n.toFixed(2);
}

function money(text: string): Candidate[] {
  const out: Candidate[] = [];
  const push = (m: RegExpExecArray, amount: string, currency: string): void => {
    const value = amountValue(amount);
    if (value)
      out.push({
        type: 'money',
        start: m.index,
        end: m.index + m[0].length,
        value,
        unit: currency,
      });
  };
  const prefix = new RegExp(`(¥|us\\$|\\$|\\brmb|\\bcny|\\busd)\\s?(${AMOUNT})(?!\\d)`, 'g');
  for (const m of matches(prefix, text)) push(m, m[2], currencyOf(m[1]));
  // 块 alone is also a measure word ("两块电池"), so it only counts at the end of a phrase.
  const suffix = new RegExp(
    `(?<![\\d.,])(${AMOUNT}|${CN_NUM})\\s?(元|块钱|块(?!\\p{Script=Han})|yuan\\b|rmb\\b|cny\\b|dollars?\\b|usd\\b|bucks\\b)`,
    'gu',
  );
  for (const m of matches(suffix, text)) push(m, m[1], currencyOf(m[2]));
  return out;
}

function currencyOf(token: string): string {
  return /\$|dollar|usd|bucks/.test(token) ? 'USD' : 'CNY';
}

function kilowattHours(text: string): Candidate[] {
  const pattern = new RegExp(
    `(?<![\\d.])(\\d+(?:\\.\\d+)?|${CN_NUM})\\s?(千瓦时|千瓦小时|度电|度(?![c℃])|kwh\\b|kw·h|kw\\.h|kw h\\b|kilowatt[- ]hours?\\b)`,
    'gu',
  );
  const out: Candidate[] = [];
  for (const m of matches(pattern, text)) {
    // 度 is also a temperature ("空调开到26度").
    if (
      m[2] === '度' &&
      /温|空调|摄氏|零下|发烧|体温/.test(text.slice(Math.max(0, m.index - 8), m.index))
    ) {
      continue;
    }
    const n = /^\d/.test(m[1]) ? Number(m[1]) : parseChineseNumeral(m[1]);
    if (n === undefined || !Number.isFinite(n)) continue;
    out.push({
      type: 'kwh',
      start: m.index,
      end: m.index + m[0].length,
      value: String(n),
      unit: 'kWh',
    });
  }
  return out;
}

const DISTRICT_NAMES: readonly { name: string; code: string; pattern: RegExp }[] =
  SERVICE_AREA.flatMap((d) =>
    [d.zh, d.en, ...d.aliases].map((alias) => {
      const name = alias.toLowerCase();
      const escaped = name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
      // Compiled once: this runs on every customer message and on every stored one (search).
      const pattern = new RegExp(/^[a-z]/.test(name) ? `\\b${escaped}\\b` : escaped, 'g');
      return { name, code: d.code, pattern };
    }),
  ).sort((a, b) => b.name.length - a.name.length);

function districts(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const { name, code, pattern } of DISTRICT_NAMES) {
    // A name the text does not contain cannot match: most messages name no district.
    if (!text.includes(name)) continue;
    for (const m of matches(pattern, text)) {
      out.push({ type: 'district', start: m.index, end: m.index + m[0].length, value: code });
    }
  }
  return out;
}
