import { clockTime } from '../shared/format';
import type { Translator } from '../shared/translate';
import type { Chat } from './desk-store';

/**
 * What the agent calls this customer: the verified account holder, else the name they gave,
 * else a readable label (channel and the time they were queued, in the service's `zone`), never
 * a raw id.
 */
export function chatTitle(chat: Chat, tr: Translator, zone: string): string {
  if (chat.customer?.verified) return tr.pick(chat.customer.account.holderName);
  if (chat.conversation?.customerName) return chat.conversation.customerName;
  const ref = `${tr.code('channels', chat.ticket.channel)} ${clockTime(chat.ticket.queuedAt, tr.locale, zone)}`;
  return tr.t('chatLabel', { ref });
}
