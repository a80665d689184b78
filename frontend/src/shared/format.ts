import type { SlaKind, TicketView } from './protocol';

/** mm:ss, or h:mm:ss past an hour. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

type TimeKind = 'clock' | 'dateTime' | 'dateTimeSeconds' | 'offset';

const OPTIONS: Record<TimeKind, Intl.DateTimeFormatOptions> = {
  clock: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  dateTime: { dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' },
  dateTimeSeconds: { dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23' },
  offset: { timeZoneName: 'shortOffset' },
};

// A formatter is costly to build and a transcript shows hundreds of times: one per kind, locale
// and zone (a page has one zone and two locales, so this stays tiny).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: TimeKind, locale: string, zone: string): Intl.DateTimeFormat {
  const key = `${kind}|${locale}|${zone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...OPTIONS[kind], timeZone: zone });
    formatters.set(key, format);
  }
  return format;
}

/**
 * The staff pages' times are read in `zone`, the service's (SERVICE_TIMEZONE), never the
 * browser's: an agent on a laptop set elsewhere must see the times the customer was told.
 */
export const clockTime = (iso: string, locale: string, zone: string): string =>
  formatter('clock', locale, zone).format(new Date(iso));

export const dateTime = (iso: string, locale: string, zone: string): string =>
  formatter('dateTime', locale, zone).format(new Date(iso));

/** With seconds: the access log, where the order of close entries matters. */
export const dateTimeSeconds = (iso: string, locale: string, zone: string): string =>
  formatter('dateTimeSeconds', locale, zone).format(new Date(iso));

export type SlaTone = 'ok' | 'warn' | 'breach';

export interface SlaState {
  /** The target the clock counts down to; absent when the ticket has none (then it counts up). */
  kind?: SlaKind;
  /** Seconds left to the target (negative once passed), or seconds since queued without one. */
  seconds: number;
  tone: SlaTone;
  breached: boolean;
}

/** Below this share of its target's time left, a clock turns amber. */
const WARN_SHARE = 0.25;

/**
 * The clock an agent watches: until the first reply it counts down to the first-response target,
 * then to the resolution target. Red once passed or reported breached by the server.
 */
export function slaState(ticket: TicketView, now: number): SlaState {
  const breachedAny = ticket.slaBreaches.length > 0;
  const kind: SlaKind = ticket.firstResponseAt ? 'resolution' : 'first_response';
  const due = kind === 'first_response' ? ticket.firstResponseDueAt : ticket.resolutionDueAt;
  if (!due) {
    const since = (now - Date.parse(ticket.queuedAt)) / 1000;
    return { seconds: since, tone: breachedAny ? 'breach' : 'ok', breached: breachedAny };
  }
  const dueAt = Date.parse(due);
  const seconds = (dueAt - now) / 1000;
  const total = (dueAt - Date.parse(ticket.queuedAt)) / 1000;
  const breached = seconds <= 0 || ticket.slaBreaches.includes(kind);
  const tone: SlaTone =
    breached || breachedAny ? 'breach' : seconds < total * WARN_SHARE ? 'warn' : 'ok';
  return { kind, seconds, tone, breached: breached || breachedAny };
}

/** Long digit runs masked in the middle, as the transcript shows them (the server masks first). */
export function maskDigits(text: string): string {
  return text.replace(
    /\d{6,}/g,
    (d) => `${d.slice(0, 2)}${'*'.repeat(d.length - 4)}${d.slice(-2)}`,
  );
}

/** The page's times, bound to its language and the zone they are read in. */
export interface Clock {
  zone: string;
  time(iso: string): string;
  dateTime(iso: string): string;
  dateTimeSeconds(iso: string): string;
}

export const clockIn = (locale: string, zone: string): Clock => ({
  zone,
  time: (iso) => clockTime(iso, locale, zone),
  dateTime: (iso) => dateTime(iso, locale, zone),
  dateTimeSeconds: (iso) => dateTimeSeconds(iso, locale, zone),
});

/** `UTC+8`, `UTC+0`, `UTC+5:30`: the zone's offset at `at`, which a zone's name does not say. */
export function zoneOffset(zone: string, at: number): string {
  const parts = formatter('offset', 'en-GB', zone).formatToParts(new Date(at));
  // ICU writes `GMT+8`, and for UTC itself `GMT` or `GMT+0` depending on the locale data.
  const gmt = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = gmt.replace(/^GMT/, '');
  return `UTC${offset === '' ? '+0' : offset}`;
}
