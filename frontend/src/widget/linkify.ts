// Finds the web addresses and phone numbers in a message, so that they become tappable links.
// Pure: it returns segments; the caller builds elements from them with textContent and an href
// it has checked, so no message text is ever parsed as HTML.

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'url'; text: string; href: string }
  | { kind: 'tel'; text: string; href: string };

// Addresses: http(s):// and www. (up to a space or a CJK/closing punctuation mark). Phones:
// Chinese mobiles (1[3-9] and 9 more digits, spaced or not), landlines with their area code
// (0571-87654321) and +country numbers. Account numbers (10 digits from 1), amounts and dates
// match none of them.
const PATTERN =
  /(https?:\/\/[^\s<>"'，。！？、；）)]+|www\.[^\s<>"'，。！？、；）)]+)|(\+\d{1,3}[ -]?\d{6,12}|1[3-9]\d[ -]?\d{4}[ -]?\d{4}|0\d{2,3}-?\d{7,8})/g;

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
    } else if (standsAlone(text.slice(0, start), text.slice(start + found.length))) {
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
