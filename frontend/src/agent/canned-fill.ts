import type { CannedReply, StaffView } from '../shared/protocol';
import type { Chat } from './desk-store';

/** A canned reply with its placeholders filled for this customer and agent. */
export function fillCanned(reply: CannedReply, chat: Chat, me: StaffView): string {
  const text = reply.text[chat.ticket.language] ?? reply.text.en;
  const name = me.displayName;
  // Display names are often "李娜 Li Na": use the part in the customer's language.
  const cjk = /[\u3400-\u9fff]/;
  const parts = name.split(/\s+/);
  const agentName =
    chat.ticket.language === 'zh'
      ? (parts.find((p) => cjk.test(p)) ?? name)
      : parts.filter((p) => !cjk.test(p)).join(' ') || name;
  const customer =
    chat.conversation?.customerName ?? (chat.ticket.language === 'zh' ? '' : 'there');
  return text
    .replaceAll('{agent}', agentName)
    .replaceAll('{ticket}', chat.ticket.id)
    .replaceAll('{customer}', customer);
}

/** Whether a canned reply matches what the agent typed: its title or text, in either language. */
export function cannedMatches(reply: CannedReply, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [...Object.values(reply.title), ...Object.values(reply.text)].some((s) =>
    s.toLowerCase().includes(q),
  );
}
