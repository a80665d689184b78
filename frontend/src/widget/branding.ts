// The utility's branding as the server's configuration gives it (GET /widget/branding), and the
// colours derived from its primary colour so that text on it stays readable (pure, unit-tested).
import { DEFAULT_SERVICE_ZONE, isTimeZone } from '../shared/time-zone';
import type { Lang } from './words';

export interface Branding {
  name: Record<Lang, string>;
  logoText: string;
  primaryColor: string;
  /** The service's zone (SERVICE_TIMEZONE): the widget shows times in it. */
  timeZone: string;
}

const HEX = /^#[0-9a-f]{6}$/i;

/**
 * The answer of /widget/branding, if it has the expected shape; otherwise null (keep defaults).
 * A zone this browser does not know falls back to the default rather than losing the branding.
 */
export function readBranding(body: unknown): Branding | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Partial<Branding>;
  const name = b.name as Partial<Record<Lang, unknown>> | undefined;
  if (
    !name ||
    typeof name.zh !== 'string' ||
    typeof name.en !== 'string' ||
    typeof b.logoText !== 'string' ||
    typeof b.primaryColor !== 'string' ||
    !HEX.test(b.primaryColor)
  ) {
    return null;
  }
  return {
    name: { zh: name.zh, en: name.en },
    logoText: b.logoText,
    primaryColor: b.primaryColor,
    timeZone: isTimeZone(b.timeZone) ? b.timeZone : DEFAULT_SERVICE_ZONE,
  };
}

function channels(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `hex` darkened by `amount` (0..1) towards black. */
export function darken(hex: string, amount: number): string {
  return toHex(channels(hex).map((c) => c * (1 - amount)) as [number, number, number]);
}

/**
 * The widget's colours from one primary colour: the brand as configured for surfaces (buttons,
 * the customer's bubbles) with white or near-black text, whichever reads better (WCAG AA asks
 * 4.5:1), and a darker shade for text on light backgrounds, darkened until it reaches 4.5:1 on
 * white.
 */
export function brandColours(primary: string): { brand: string; onBrand: string; ink: string } {
  const onBrand =
    contrast(primary, '#ffffff') >= contrast(primary, '#1d2630') ? '#ffffff' : '#1d2630';
  let ink = darken(primary, 0.25);
  for (let i = 0; i < 10 && contrast(ink, '#ffffff') < 4.5; i++) ink = darken(ink, 0.2);
  return { brand: primary, onBrand, ink };
}
