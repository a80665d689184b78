import { parseChineseNumeral } from './chinese-numeral';
import { monthNumber } from './date-resolver';

/**
 * Which bill a customer means. "This month" is the latest bill issued (the calendar month has no
 * bill yet), "last month" the one before it; a named month is itself. Written as `latest`,
 * `latest-1`, `latest-2`, or `YYYY-MM`, and resolved against the account's bills later.
 */
export type MonthReference = string;

const RELATIVE: readonly [RegExp, MonthReference][] = [
  // "The month before that" follows a bill just shown: one before it, like "last month".
  // "大上个月" is colloquial for the month before last, not "last month".
  [
    /上上个?月|大上个?月|前两个月|两个月前|(month|bill|one|statement) before (the )?last|two (months|bills) ago/i,
    'latest-2',
  ],
  [
    /上个?月|上期|前一个?月|last (month|mth|mo)\b|prev(ious)? (month|mth|bill)|the month before|month prior/i,
    'latest-1',
  ],
  [
    /这个?月|本月|当月|本期|最新|最近一期|这期|this month|current (month|bill)|latest bill|newest bill|most recent bill|this bill/i,
    'latest',
  ],
];

const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';

/** The month a message refers to, if any; named months are the latest such month not in the future. */
export function monthReference(
  text: string,
  reference: Date = new Date(),
): MonthReference | undefined {
  const folded = text.normalize('NFKC').toLowerCase();
  const full = /(?<!\d)(20\d{2})\s*[年/-]\s*(\d{1,2})\s*月?(?![\d日号])/.exec(folded);
  if (full && Number(full[2]) >= 1 && Number(full[2]) <= 12)
    return period(Number(full[1]), Number(full[2]));
  const named = new RegExp(
    `\\b(${MONTHS})\\b(?!\\s*\\d{1,2}(st|nd|rd|th)?\\b)(?:\\s+(20\\d{2}))?`,
  ).exec(folded);
  // "may" is also a verb: only "in May", "May bill", "May's" count.
  if (named && (named[1] !== 'may' || /\b(in|for|of|from) may\b|may('s| bill)/.test(folded))) {
    return pastMonth(monthNumber(named[1]) ?? 0, reference, named[3]);
  }
  const zh =
    /(?<![\d年上下这本])(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?(?![\d日号一二三四五六七八九十])/.exec(
      folded,
    );
  if (zh) {
    const m = /^\d+$/.test(zh[1]) ? Number(zh[1]) : (parseChineseNumeral(zh[1]) ?? 0);
    if (m >= 1 && m <= 12) return pastMonth(m, reference);
  }
  // "2 months ago", "3 bills ago", "三个月前": that many bills back (a year at most).
  const ago =
    /(?<!\d)(\d{1,2}|[二两三四五六七八九十]|十[一二])\s*(?:个)?\s*(?:months?|mths?|bills?|月)\s*(?:ago|前|以前|之前)/.exec(
      folded,
    );
  if (ago) {
    const back = /^\d+$/.test(ago[1])
      ? Number(ago[1])
      : (parseChineseNumeral(ago[1].replace('两', '二')) ?? 0);
    if (back >= 1 && back <= 12) return `latest-${back}`;
  }
  return RELATIVE.find(([re]) => re.test(folded))?.[1];
}

function pastMonth(month: number, reference: Date, year?: string): MonthReference | undefined {
  if (month < 1 || month > 12) return undefined;
  if (year) return period(Number(year), month);
  const y = reference.getUTCFullYear();
  return month > reference.getUTCMonth() + 1 ? period(y - 1, month) : period(y, month);
}

function period(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}
