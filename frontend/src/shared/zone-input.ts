// A `datetime-local` input holds a wall-clock time without a zone, and the browser reads it in its
// own. The staff pages show times in the service's zone, so their inputs are read in it too: an
// ETA typed as 16:30 is 16:30 on the service's clock, the one the customers are told.

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of `at` in `zone`. */
function wall(at: number, zone: string): number[] {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(new Date(at));
  const field = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return ['year', 'month', 'day', 'hour', 'minute', 'second'].map(field);
}

/** How far `zone`'s clock is ahead of UTC at `at`, in milliseconds. */
function offsetAt(at: number, zone: string): number {
  const [y, mo, d, h, mi, s] = wall(at, zone);
  return Date.UTC(y, mo - 1, d, h, mi, s) - (at - (((at % 1000) + 1000) % 1000));
}

/** An instant as a `datetime-local` value: its wall-clock time in `zone` ('' for none). */
export function toZoneInput(iso: string | undefined, zone: string): string {
  if (!iso) return '';
  const [y, mo, d, h, mi] = wall(Date.parse(iso), zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}`;
}

/**
 * A `datetime-local` value read as a wall-clock time in `zone`: the ISO instant it names, or
 * undefined when it is not such a value. A time that a clock change skips (02:30 on a spring
 * night) is read with the offset from before the change, so it lands an hour later.
 */
export function fromZoneInput(value: string, zone: string): string | undefined {
  const m = WALL.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(asUtc)) return undefined;
  // The offset at a first guess, then at the instant it gives: they differ only near a change.
  const guess = asUtc - offsetAt(asUtc, zone);
  return new Date(asUtc - offsetAt(guess, zone)).toISOString();
}
