import type { SlaKind, TicketView } from './protocol';

/** mm:ss, or h:mm:ss past an hour. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export const clockTime = (iso: string, locale: string): string =>
  new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });

export const dateTime = (iso: string, locale: string): string =>
  new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });

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
