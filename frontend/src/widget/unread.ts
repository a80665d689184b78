// Replies that arrive while the customer cannot see the chat: counted for the launcher's badge
// and the page title, cleared when the chat is seen again (pure, unit-tested).
import type { MessageView } from '../shared/protocol';

/** Who may reply: what the customer sends themselves is never "new" to them. */
export function isReply(message: Pick<MessageView, 'sender' | 'internal'>): boolean {
  return message.sender !== 'customer' && !message.internal;
}

/**
 * The unread count after `message` arrived. Seen: the panel is open and the page visible.
 * A message already shown (a resend, the history of a resume) is not counted twice.
 */
export function countUnread(
  unread: number,
  message: Pick<MessageView, 'sender' | 'internal'>,
  seen: boolean,
  alreadyShown: boolean,
): number {
  if (seen || alreadyShown || !isReply(message)) return seen ? 0 : unread;
  return unread + 1;
}

/** The page's title with the count in front, or the page's own title when nothing is new. */
export function titleWithUnread(base: string, count: number, badge: string): string {
  return count > 0 ? `${badge} ${base}` : base;
}
