import { ChatLanguage } from '../conversations/conversation.schema';

/**
 * The times customers read (bot answers, outage notices) are in the service's zone,
 * SERVICE_TIMEZONE: the zone the reports count days in and the service hours use. These stay
 * pure functions of the zone; the services that hold AppConfig pass it in.
 */

/**
 * Formatters by kind, language and zone. Building an Intl.DateTimeFormat costs far more than
 * using one, and a storm's notices format one clock per subscriber. Immutable and derived from
 * their key alone, so a per-process cache is safe; there are a handful of keys.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'clock' | 'date', language: ChatLanguage, zone: string) {
  const key = `${kind}|${language}|${zone}`;
  let found = formatters.get(key);
  if (!found) {
    const month = language === 'zh' ? 'long' : 'short';
    found = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone: zone,
      ...(kind === 'clock'
        ? { month, day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }
        : { year: 'numeric', month, day: 'numeric' }),
    });
    formatters.set(key, found);
  }
  return found;
}

/** A date and time as customers read it in `zone` ("12月1日 14:30", "1 Dec, 14:30"). */
export function customerClock(at: Date | string, language: ChatLanguage, zone: string): string {
  return formatter('clock', language, zone).format(typeof at === 'string' ? new Date(at) : at);
}

/** A calendar date as customers read it in `zone` ("2026年12月25日", "25 Dec 2026"). */
export function customerDate(at: Date | string, language: ChatLanguage, zone: string): string {
  return formatter('date', language, zone).format(typeof at === 'string' ? new Date(at) : at);
}
