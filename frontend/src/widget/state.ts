// What the widget knows, in one place: the views draw from it, the connection and the customer's
// actions change it.
import type { ConversationView, MessageView, QueueStatus } from '../shared/protocol';
import type { Branding } from './branding';
import { DEFAULT_SERVICE_ZONE } from '../shared/time-zone';
import type { Lang } from './words';

/** A message sent but not yet acknowledged; its clientMessageId stays the same across retries. */
export interface Pending {
  id: string;
  text: string;
  tries: number;
  failed: boolean;
  inFlight: boolean;
}

export interface WidgetState {
  lang: Lang;
  open: boolean;
  /** A socket exists (connecting or connected). */
  started: boolean;
  online: boolean;
  attached: boolean;
  conversation: ConversationView | null;
  /** Stored messages by id, shown in `seq` order: a message arriving twice is shown once. */
  messages: Map<string, MessageView>;
  pending: Map<string, Pending>;
  typingUntil: number;
  /** Who the "typing" line is about: the bot after a message, or the agent as they type. */
  typingWho: 'bot' | 'agent';
  queue: QueueStatus | null;
  callbackDone: string | null;
  survey: { ticketId: string; done?: boolean } | null;
  banner: string | null;
  /** Replies that arrived while the chat was out of sight. */
  unread: number;
  branding: Branding | null;
  /** The zone times are shown in: the service's (from /widget/branding), Shanghai until then. */
  timeZone: string;
}

export function initialState(lang: Lang, open: boolean): WidgetState {
  return {
    lang,
    open,
    started: false,
    online: false,
    attached: false,
    conversation: null,
    messages: new Map(),
    pending: new Map(),
    typingUntil: 0,
    typingWho: 'bot',
    queue: null,
    callbackDone: null,
    survey: null,
    banner: null,
    unread: 0,
    branding: null,
    timeZone: DEFAULT_SERVICE_ZONE,
  };
}

/** The stored messages in the order the server numbered them. */
export function ordered(state: WidgetState): MessageView[] {
  return [...state.messages.values()].sort((a, b) => a.seq - b.seq);
}

/** Local storage, when the browser allows it (private modes may not: the chat still works). */
export const store = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string | null): void {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch {
      // Storage disabled: the chat still works, it just does not resume.
    }
  },
};

export const KEY = {
  resume: 'powerdesk:resume',
  lang: 'powerdesk:lang',
  open: 'powerdesk:open',
  survey: 'powerdesk:survey',
} as const;

export function parseJson<T>(text: string | null): T | null {
  try {
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}
