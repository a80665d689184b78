// Finds the web addresses and phone numbers in a message, so that they become tappable links.
// Pure: it returns segments; the caller builds elements from them with textContent and an href
// it has checked, so no message text is ever parsed as HTML.

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'url'; text: string; href: string }
  | { kind: 'tel'; text: string; href: string };

// Addresses: http(s):// and www. (up to a space or a CJK/closing punctuation mark). Phones: the
// service lines the bot and agents give (95598 and other 95xxx, 12345, 12398, 400/800 numbers),
// the emergency numbers 110/119/120 right after "call"/"拨打"/"或"/"/" (the safety answer says
// "call 95598 (or 119/110) now"), Chinese mobiles, landlines with their area code, +country
// numbers. Customers' own numbers are masked before they are stored, so those rarely show.
// Account numbers (10 digits from 1), amounts and dates match none of them.
const PATTERN =
  /(https?:\/\/[^\s<>"'，。！？、；）)]+|www\.[^\s<>"'，。！？、；）)]+)|(\+\d{1,3}[ -]?\d{6,12}|1[3-9]\d[ -]?\d{4}[ -]?\d{4}|0\d{2,3}-?\d{7,8}|[48]00-?\d{3}-?\d{4}|95\d{3}|123(?:45|98))|(11[09]|120)/g;

const EMERGENCY_BEFORE = /(拨打|致电|报警|call|dial|或|or|\/)\s*$/i;
const UNIT_AFTER = /^\s*(kwh|元|度|%|分|min|yuan|户|年|月|日|天|小时|hour|day)/i;

/** Trailing punctuation a sentence puts after an address is not part of it. */
function trimUrl(url: string): string {
  return url.replace(/[.,;:!?]+$/, '');
}

function digits(text: string): string {
  return text.replace(/[^\d+]/g, '');
}

/** Not a slice of a longer number ("¥1380013800012", "x13800138000.5"). */
function standsAlone(before: string, after: string): boolean {
  return !/[\d.¥$+]$/.test(before) && !/^[\d]|^\.\d/.test(after);
}

/** The message as text, address and phone segments, in order; their texts join to the input. */
export function linkify(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(PATTERN)) {
    const start = match.index ?? 0;
    let found = match[0];
    let segment: Segment | null = null;
    if (match[1]) {
      found = trimUrl(found);
      const href = found.startsWith('www.') ? `https://${found}` : found;
      if (safeHttpUrl(href)) segment = { kind: 'url', text: found, href };
    } else if (
      standsAlone(text.slice(0, start), text.slice(start + found.length)) &&
      !UNIT_AFTER.test(text.slice(start + found.length)) &&
      (!match[3] || EMERGENCY_BEFORE.test(text.slice(0, start)))
    ) {
      segment = { kind: 'tel', text: found, href: `tel:${digits(found)}` };
    }
    if (!segment) continue;
    if (start > last) out.push({ kind: 'text', text: text.slice(last, start) });
    out.push(segment);
    last = start + found.length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** Only http and https addresses become links (never javascript:, data: and the like). */
export function safeHttpUrl(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A text split into plain runs and amounts ("¥123.45", "0.5283 元/kWh", "1,250 kWh"): amounts
 * are drawn unbreakable, so a narrow bubble never splits a price across two lines.
 */
export function amountRuns(text: string): { text: string; amount: boolean }[] {
  const out: { text: string; amount: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(AMOUNT)) {
    const start = match.index ?? 0;
    if (start > last) out.push({ text: text.slice(last, start), amount: false });
    out.push({ text: match[0], amount: true });
    last = start + match[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), amount: false });
  return out;
}

const AMOUNT =
  /(?:[¥￥$]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:元\/kWh|元\/千瓦时|yuan\/kWh|元|yuan|kWh|度|%))?/g;
