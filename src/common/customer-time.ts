import { ChatLanguage } from '../conversations/conversation.schema';

/**
 * The times customers read (bot answers, outage notices) are in the service's zone,
 * SERVICE_TIMEZONE: the zone the reports count days in and the service hours use. These stay
 * pure functions of the zone; the services that hold AppConfig pass it in.
 */

/** A date and time as customers read it in `zone` ("12月1日 14:30", "1 Dec, 14:30"). */
export function customerClock(at: Date | string, language: ChatLanguage, zone: string): string {
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: zone,
    month: language === 'zh' ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(typeof at === 'string' ? new Date(at) : at);
}

/** A calendar date as customers read it in `zone` ("2026年12月25日", "25 Dec 2026"). */
export function customerDate(at: Date | string, language: ChatLanguage, zone: string): string {
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: language === 'zh' ? 'long' : 'short',
    day: 'numeric',
  }).format(typeof at === 'string' ? new Date(at) : at);
}
