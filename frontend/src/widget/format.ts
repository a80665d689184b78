// Numbers, dates and bilingual texts as the widget shows them (pure, unit-tested). Times and
// dates are read in `zone`, the service's zone that the widget's state holds (see state.ts).
import type { Lang } from './words';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 12345 fen → "123.45". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function parts(
  iso: string,
  zone: string,
  options: Intl.DateTimeFormatOptions,
): Record<string, string> {
  const out: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour12: false,
    ...options,
  });
  for (const p of format.formatToParts(new Date(iso))) out[p.type] = p.value;
  return out;
}

/** "11月28日 09:22" / "28 Nov 09:22" in `zone`; with `withDate` false the time alone (bubbles). */
export function formatTime(
  lang: Lang,
  zone: string,
  iso: string | undefined,
  withDate = true,
): string {
  if (!iso) return '';
  const p = parts(iso, zone, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const time = `${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
  if (!withDate) return time;
  const month = Number(p.month);
  return lang === 'zh'
    ? `${month}月${Number(p.day)}日 ${time}`
    : `${Number(p.day)} ${MONTHS[month - 1]} ${time}`;
}

/** "2026年11月28日" / "28 Nov 2026": the calendar day in `zone`. */
export function formatDate(lang: Lang, zone: string, iso: string): string {
  const p = parts(iso, zone, { year: 'numeric', month: 'numeric', day: 'numeric' });
  const month = Number(p.month);
  return lang === 'zh'
    ? `${p.year}年${month}月${Number(p.day)}日`
    : `${Number(p.day)} ${MONTHS[month - 1]} ${p.year}`;
}

/** A bill's "2026-11" → "2026年11月" / "November 2026". */
export function formatPeriod(lang: Lang, period: string): string {
  const [y, m] = String(period).split('-');
  if (lang === 'zh') return `${y}年${Number(m)}月`;
  const month = new Date(`${period}-01T00:00:00Z`).toLocaleString('en-GB', {
    month: 'long',
    timeZone: 'UTC',
  });
  return `${month} ${y}`;
}

export type BilingualText = string | Partial<Record<Lang, string>> | undefined | null;

/** A text the server gives in both languages, in `lang` (the other one rather than nothing). */
export function pick(lang: Lang, text: BilingualText): string {
  if (!text) return '';
  if (typeof text === 'string') return text;
  return text[lang] || text.zh || text.en || '';
}

/** The minutes a wait estimate shows: never "0 minutes", and null when there is no estimate. */
export function waitMinutes(seconds: number | null | undefined): number | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return null;
  return Math.max(1, Math.round(seconds / 60));
}

/** A new id for a message, kept across its retries so the server stores it once. */
export function newClientMessageId(now = Date.now(), random = Math.random()): string {
  return `w-${now.toString(36)}-${random.toString(36).slice(2, 10)}`;
}
