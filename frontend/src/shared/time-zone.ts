// The service's zone (SERVICE_TIMEZONE) as the pages receive it: the widget from GET
// /widget/branding, the agent console and the supervisor desk from GET /service-settings. Until
// the answer comes, they use the server's default, so that times are the utility's customers'
// wherever the browser is; only if the answer fails do the staff pages fall back to the browser's
// own zone, and then they say so beside the times (see ShownZone).

export const DEFAULT_SERVICE_ZONE = 'Asia/Shanghai';

/** Whether this browser knows `zone` as a time zone (an unknown one would throw when formatting). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone === '') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone a staff page shows its times in, and where it came from: `default` while the
 * settings are asked for, `service` once GET /service-settings answered, `browser` when it
 * could not (then the page names the zone as the browser's, so nobody takes it for the service's).
 */
export interface ShownZone {
  zone: string;
  source: 'default' | 'service' | 'browser';
}

export const PENDING_ZONE: ShownZone = { zone: DEFAULT_SERVICE_ZONE, source: 'default' };

/** This browser's own zone (the operating system's), or UTC if the browser does not say. */
export function browserZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return isTimeZone(zone) ? zone : 'UTC';
}

/** The zone to show from the answer of GET /service-settings (a failed or odd answer: `browser`). */
export function shownZone(
  answer: { ok: true; body: unknown } | { ok: false },
  browser: string,
): ShownZone {
  const zone = answer.ok ? (answer.body as { timeZone?: unknown } | null)?.timeZone : undefined;
  return isTimeZone(zone) ? { zone, source: 'service' } : { zone: browser, source: 'browser' };
}
