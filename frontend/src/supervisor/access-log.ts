import type { Key } from '../shared/catalogue';
import type { AccessEntry, Transcript } from './supervisor-protocol';

/** The most entries the page asks for and shows. */
export const ACCESS_LIMIT = 100;

/** A bare conversation id stands for its transcript's target, as the server records reads. */
export function accessTarget(value: string): string {
  const v = value.trim();
  return /^[0-9a-f]{24}$/i.test(v) ? `conversation:${v.toLowerCase()}` : v;
}

/** Personal numbers are stored masked (138****5678): only such messages have an original. */
export const isMasked = (text: string): boolean => /\*{3,}/.test(text);

/**
 * The targets to ask for: reads and watches are logged against `conversation:<id>`, unmasking
 * against `message:<id>`, so for the transcript on screen its masked messages are asked too.
 */
export function accessTargets(
  target: string,
  shown: Transcript | null,
): { conversationId: string | null; targets: string[]; messageCount: number | null } {
  const conversationId = /^conversation:(.+)$/.exec(target)?.[1] ?? null;
  const own = shown && conversationId === shown.conversation.id ? shown : null;
  const messages = own
    ? own.messages.filter((m) => isMasked(m.text)).map((m) => `message:${m.id}`)
    : [];
  return {
    conversationId,
    targets: [target, ...messages],
    messageCount: own ? messages.length : null,
  };
}

/** The answers of several targets as one log: newest first, at most ACCESS_LIMIT. */
export const mergeEntries = (answers: AccessEntry[][]): AccessEntry[] =>
  answers
    .flat()
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, ACCESS_LIMIT);

/** What the list covers, in words. */
export function scopeLine(
  target: string,
  conversationId: string | null,
  messageCount: number | null,
): { key: Key; values: Record<string, string | number> } {
  if (!target) return { key: 'supAccessScopeAll', values: { n: ACCESS_LIMIT } };
  if (!conversationId) return { key: 'supAccessScopeTarget', values: { target } };
  return messageCount === null
    ? { key: 'supAccessScopeConversationOnly', values: { id: conversationId } }
    : { key: 'supAccessScopeConversation', values: { id: conversationId, n: messageCount } };
}

/** The log's actions in words; an action unknown here shows as its code. */
export const ACTION_KEY: Record<string, Key> = {
  'transcript.read': 'supActionRead',
  'transcript.unmask': 'supActionUnmask',
  'transcript.unmask_refused': 'supActionUnmaskRefused',
  'transcript.search': 'supActionSearch',
  'conversation.watch': 'supActionWatch',
  'agent.whisper': 'supActionWhisper',
  'login.locked': 'supActionLoginLocked',
};
