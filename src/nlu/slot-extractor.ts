import { isValidAccountNumber } from './account-number';
import { Entity } from './nlu.types';

/** The details a task may need, read from any message that carries them. */
export interface Slots {
  accountNumber?: string;
  /** Ten digits that fail the check digit: a typo, not someone else's account. */
  badAccountNumber?: string;
  phoneLast4?: string;
  /** A full mobile number: a new contact number, or the registered phone written out. */
  phone?: string;
  /** A district code (QH-…). */
  district?: string;
  /** "the second one", "第二个", "2": a position in a list the bot showed. */
  choice?: number;
  /** The message without the details and their labels: what is left to understand. */
  rest: string;
}

export interface SlotContext {
  /** The bot asked for the phone's last four digits: four digits alone are that answer. */
  awaitingLast4?: boolean;
  /** The bot showed a numbered list: a digit alone is a choice. */
  awaitingChoice?: boolean;
}

const LAST4_PATTERNS: readonly RegExp[] = [
  /(?:手机号?|电话号?码?|号码|预留手机|登记手机)?的?(?:尾号|后四位|后4位|末四位|末4位|最后四位|最后4位)(?:是|为|:|：)?\s*(\d{4})(?!\d)/gu,
  /(?<!\d)(\d{4})\s*(?:是)?(?:手机)?尾号/gu,
  /(?:last|las|lst|final)\s*(?:4|four|for)(?:\s*dig[a-z]*)?(?:\s*(?:of|on|for)\s*(?:my|the)?\s*(?:registered\s*)?(?:phone|mobile|number|cell)(?:\s*number)?)?\s*(?:is|are|:|-|=)?\s*(\d{4})(?!\d)/giu,
  /(?:phone|mobile|number|cell)\s*(?:number\s*)?(?:ending|ends|that ends)\s*(?:in|with)?\s*(\d{4})(?!\d)/giu,
  /\bending\s*(?:in|with)\s*(\d{4})(?!\d)/giu,
  // "1000004067 phone 4321": four digits where a phone number should be are its last four.
  /\b(?:phone|mobile|cell)\s*(?:no\.?|number|#)?\s*(?:is|:)?\s*(\d{4})(?!\d)/giu,
];

const CHOICE_WORDS: readonly [RegExp, number][] = [
  [/第\s*(?:一|1)\s*个|\bfirst\b|\b1st\b/iu, 1],
  [/第\s*(?:二|2)\s*个|\bsecond\b|\b2nd\b/iu, 2],
  [/第\s*(?:三|3)\s*个|\bthird\b|\b3rd\b/iu, 3],
  [/第\s*(?:四|4)\s*个|\bfourth\b|\b4th\b/iu, 4],
];

/** Labels customers put around their details; what remains after them is the request. */
const LABELS =
  /户号|户口号|账户号?|帐户号?|账号|帐号|用户号|用电户号|客户编号|手机号码?|手机|电话号码?|号码|是|为|我的|\b(?:my|account(?:\s*(?:number|no|#))?|acct|a\/c|no|number|phone|mobile|digits|last\s*(?:4|four)|is|it'?s|here|and|the|of|for|registered)\b|[:：]/giu;

/** Reads every detail the dialogue can use from one message. */
export function extractSlots(text: string, entities: Entity[], context: SlotContext = {}): Slots {
  const folded = text.normalize('NFKC');
  const slots: Slots = { rest: '' };
  const spans: [number, number][] = [];

  // With two accounts in one message ("户号…2020，尾号5678，查下…2046的欠费") the question is
  // about the last one named; the holder's digits verify either.
  let accountEnd = folded.length;
  for (const account of entities.filter((e) => e.type === 'account_number')) {
    if (!isValidAccountNumber(account.value)) continue;
    slots.accountNumber = account.value;
    accountEnd = account.end;
    spans.push([labelStart(folded, account.start), account.end]);
  }
  // A district is a detail too: "高新区" alone answers "where?", it asks for nothing.
  for (const d of entities.filter((e) => e.type === 'district')) {
    slots.district ??= d.value;
    spans.push([d.start, d.end]);
  }
  const phone = entities.find((e) => e.type === 'phone');
  if (phone) {
    slots.phone = phone.value;
    spans.push([phone.start, phone.end]);
  }
  if (!slots.accountNumber) {
    const bad = /(?<![\d+])\d(?:[\s-]?\d){9}(?![\d])/u.exec(folded);
    if (bad && !insideAny(bad.index, spans)) {
      slots.badAccountNumber = bad[0].replace(/\D/g, '');
      spans.push([bad.index, bad.index + bad[0].length]);
    }
  }

  for (const pattern of LAST4_PATTERNS) {
    for (const m of folded.matchAll(pattern)) {
      if (insideAny(m.index, spans)) continue;
      slots.phoneLast4 ??= m[1];
      spans.push([m.index, m.index + m[0].length]);
    }
  }
  // "1000003051 9012": an account with four bare digits beside it is the account and its digits,
  // also in a longer message ("how much was my bill 2 months ago? 1000004067 4321",
  // "1000004067/4321 bill for oct").
  const besideAccount =
    slots.accountNumber !== undefined &&
    (/^\D{0,12}\d{10}\D{0,6}\d{4}\D{0,6}$|^\D{0,12}\d{4}\D{0,6}\d{10}\D{0,6}$/u.test(folded) ||
      /^[\s,，;；/]{1,3}\d{4}(?![\d年月/.\-:%])/u.test(folded.slice(accountEnd)));
  if (!slots.phoneLast4 && (context.awaitingLast4 || besideAccount)) {
    const taken = entities.filter((e) => ['money', 'kwh', 'date'].includes(e.type));
    for (const m of folded.matchAll(/(?<![\d.])\d{4}(?![\d.%])/gu)) {
      if (insideAny(m.index, spans) || taken.some((e) => m.index >= e.start && m.index < e.end))
        continue;
      slots.phoneLast4 = m[0];
      spans.push([m.index, m.index + 4]);
      break;
    }
  }

  if (context.awaitingChoice) {
    const digit = /^\s*(?:no\.?|#|选)?\s*([1-9])\s*[.。)]?\s*$/iu.exec(folded);
    slots.choice = digit ? Number(digit[1]) : CHOICE_WORDS.find(([re]) => re.test(folded))?.[1];
  }

  slots.rest = without(folded, spans);
  return slots;
}

/** Whether anything but details and labels is left: a request, a question, an act. */
export function restHasContent(rest: string): boolean {
  const stripped = rest
    .replace(LABELS, ' ')
    .replace(/[\p{P}\p{S}\s\d]/gu, '')
    .replace(/^(and|also|还有|和|跟|以及)+/iu, '');
  const han = stripped.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = stripped.match(/[a-z]/giu)?.length ?? 0;
  return han >= 2 || latin >= 3;
}

/**
 * The label written before an account number goes with it ("acct 1000-001-014"): left in the
 * rest, "what about my outage? account" reads as an account request (stop service, 0.78).
 */
const ACCOUNT_LABEL =
  /(?:户号|户口号|账户号?|帐户号?|账号|帐号|用户号|用电户号|客户编号|\b(?:account(?:\s*(?:number|no\.?|#))?|acct\.?|a\/c))\s*(?:是|为|\bis\b)?\s*[:：#]?\s*$/iu;

function labelStart(text: string, start: number): number {
  const from = Math.max(0, start - 24);
  const label = ACCOUNT_LABEL.exec(text.slice(from, start));
  return label ? from + label.index : start;
}

function insideAny(index: number, spans: [number, number][]): boolean {
  return spans.some(([s, e]) => index >= s && index < e);
}

function without(text: string, spans: [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (s < at) continue;
    out += `${text.slice(at, s)} `;
    at = e;
  }
  return (out + text.slice(at)).replace(/\s+/g, ' ').trim();
}
