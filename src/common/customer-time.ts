import { ChatLanguage } from '../conversations/conversation.schema';

/** The utility's zone: what customers' clocks say. */
export const CUSTOMER_TIME_ZONE = 'Asia/Shanghai';

/** A date and time as customers read it, in the utility's zone ("12月1日 14:30", "1 Dec, 14:30"). */
export function customerClock(at: Date | string, language: ChatLanguage): string {
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: CUSTOMER_TIME_ZONE,
    month: language === 'zh' ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(typeof at === 'string' ? new Date(at) : at);
}
