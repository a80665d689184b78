import { io, Socket } from 'socket.io-client';
import type {
  Ack,
  AgentCommandMap,
  AgentServerEvents,
  AgentListing,
  CannedReply,
  CustomerRecords,
  ConversationView,
  EarlierTicketView,
  MessageView,
  TicketContext,
  TicketView,
} from '../shared/protocol';
import { readServiceZone } from '../shared/service-zone';
import { savedSession, saveSession, StaffSession, watchSession } from '../shared/staff-session';
import { PENDING_ZONE, ShownZone } from '../shared/time-zone';
import { listenToDesk } from './desk-events';

const SESSION_KEY = 'pd.agent.session';

export interface Chat {
  ticket: TicketView;
  conversation?: ConversationView;
  messages: Map<string, MessageView>;
  history: TicketView[];
  /** The verified account's other conversations (their tickets), newest first. */
  earlier: EarlierTicketView[];
  customer?: CustomerRecords;
  unread: number;
  ended: boolean;
  /** When the server last said the customer is typing (0: they stopped). */
  customerTypingAt: number;
}

/**
 * The agent's desk as the server tells it: queue, offers, chats, presence. One instance per
 * page; components read it and re-render on `subscribe`. Texts are keys the page translates.
 */
export class DeskStore {
  session: StaffSession | null = null;
  presence = 'offline';
  capacity: number | null = null;
  queue = new Map<string, TicketView>();
  offers = new Map<string, TicketView>();
  chats = new Map<string, Chat>();
  active: string | null = null;
  canned: CannedReply[] = [];
  agents: AgentListing[] = [];
  connected = true;
  sessionEnded = false;
  loginError = '';
  /** The zone every time on the console is shown in: the service's, read once per login. */
  zone: ShownZone = PENDING_ZONE;
  private socket: Socket | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    /** Events the page shows: what happened (a catalogue key) and for which ticket. */
    readonly tell: (event: DeskEvent) => void,
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  get me() {
    return this.session?.staff ?? null;
  }
  get openChats(): number {
    return [...this.chats.values()].filter((c) => !c.ended).length;
  }
  get unread(): number {
    return [...this.chats.values()].reduce((n, c) => n + c.unread, 0);
  }

  async call<K extends keyof AgentCommandMap>(
    event: K,
    payload: AgentCommandMap[K][0],
  ): Promise<Ack<AgentCommandMap[K][1]>> {
    if (!this.socket) return { ok: false, error: { code: 'UNAVAILABLE', message: 'offline' } };
    try {
      const ack: Ack<AgentCommandMap[K][1]> = await this.socket
        .timeout(8000)
        .emitWithAck(event, payload);
      if (!ack.ok) this.tell({ kind: 'error', text: ack.error.message });
      return ack;
    } catch {
      this.tell({ kind: 'disconnected' });
      return { ok: false, error: { code: 'TIMEOUT', message: 'no answer' } };
    }
  }

  /**
   * A server event for a part of the page that keeps its own state (the incidents panel), on
   * the desk's socket: a second socket would be a second "tab" to the server, joining every
   * chat room and doubling what the agent is sent. `connect` also fires after a reconnect.
   */
  listen<E extends keyof AgentServerEvents | 'connect'>(
    event: E,
    handler: E extends keyof AgentServerEvents ? AgentServerEvents[E] : () => void,
  ): () => void {
    const socket = this.socket;
    if (!socket) return () => undefined;
    socket.on(event as string, handler as (...args: unknown[]) => void);
    return () => void socket.off(event as string, handler as (...args: unknown[]) => void);
  }

  start(session: StaffSession): void {
    this.session = session;
    this.sessionEnded = false;
    this.loginError = '';
    saveSession(SESSION_KEY, session);
    void this.readZone(session.token);
    const socket = io('/agent', { auth: { token: session.token } });
    this.socket = socket;
    watchSession(socket, {
      up: () => {
        this.connected = true;
        void this.refresh();
      },
      down: () => {
        this.connected = false;
        this.changed();
      },
      ended: () => this.endSession(),
      refused: (message) => this.logout(message),
    });
    listenToDesk(this, socket as Socket<AgentServerEvents>);
    this.changed();
  }

  private async readZone(token: string): Promise<void> {
    const zone = await readServiceZone(token, () => this.endSession());
    // A late answer of an earlier login must not set the zone of the next one.
    if (this.session?.token !== token) return;
    this.zone = zone;
    this.changed();
  }

  logout(reason = ''): void {
    saveSession(SESSION_KEY, null);
    this.socket?.disconnect();
    this.socket = null;
    this.session = null;
    Object.assign(this, { active: null, capacity: null, presence: 'offline', loginError: reason });
    this.zone = PENDING_ZONE;
    this.queue = new Map();
    this.offers = new Map();
    this.chats = new Map();
    this.changed();
  }

  /** The server ended the session: back to the login form, with a notice in both languages. */
  private endSession(): void {
    if (!this.session) return;
    this.logout();
    this.sessionEnded = true;
    this.changed();
  }

  async refresh(): Promise<void> {
    const me = this.me;
    const ack = await this.call('ticket:list', {});
    if (!ack.ok || !me) return;
    this.presence = ack.presence ?? this.presence;
    this.capacity = ack.capacity ?? this.capacity;
    this.queue = new Map(ack.queued.map((tk) => [tk.id, tk]));
    for (const tk of ack.queued) {
      if (tk.status === 'offered' && tk.offeredTo === me.id) this.offers.set(tk.id, tk);
    }
    const mine = new Set(ack.mine.map((tk) => tk.id));
    for (const [id, chat] of this.chats) if (!mine.has(id) && !chat.ended) this.chats.delete(id);
    await Promise.all(
      ack.mine.map((tk) => (this.chats.has(tk.id) ? this.upsert(tk) : this.loadContext(tk))),
    );
    const canned = await this.call('canned:list', {});
    if (canned.ok) this.canned = canned.replies;
    if (this.active && !this.chats.has(this.active)) this.active = null;
    if (!this.active && this.chats.size > 0) this.active = this.chats.keys().next().value ?? null;
    this.changed();
  }

  async loadAgents(): Promise<void> {
    const ack = await this.call('agents:list', {});
    if (ack.ok) {
      this.agents = ack.agents;
      this.changed();
    }
  }

  upsert(ticket: TicketView, context?: TicketContext): Chat {
    const chat: Chat = this.chats.get(ticket.id) ?? {
      ticket,
      messages: new Map(),
      history: [],
      earlier: [],
      unread: 0,
      customerTypingAt: 0,
      ended: false,
    };
    chat.ticket = ticket;
    chat.history = chat.history.map((h) => (h.id === ticket.id ? ticket : h));
    if (context) {
      chat.conversation = context.conversation;
      chat.history = context.history;
      chat.earlier = context.earlier;
      chat.customer = context.customer;
      for (const m of context.messages) chat.messages.set(m.id, m);
    }
    this.chats.set(ticket.id, chat);
    return chat;
  }

  async loadContext(ticket: TicketView): Promise<void> {
    const ack = await this.call('ticket:context', { ticketId: ticket.id });
    if (ack.ok) this.upsert(ticket, ack);
  }

  open(ticketId: string): void {
    // An ended chat stays on screen, read-only, until the agent opens another one.
    const previous = this.active ? this.chats.get(this.active) : undefined;
    if (previous?.ended && this.active !== ticketId) this.chats.delete(previous.ticket.id);
    this.active = ticketId;
    const chat = this.chats.get(ticketId);
    if (chat) chat.unread = 0;
    this.changed();
  }

  /** The next chat in the list after the open one (keyboard: Alt+↓). */
  openNext(step = 1): void {
    const ids = [...this.chats.keys()];
    if (ids.length === 0) return;
    const at = this.active ? ids.indexOf(this.active) : -1;
    this.open(ids[(at + step + ids.length) % ids.length]);
  }

  async accept(ticketId: string): Promise<void> {
    const ack = await this.call('ticket:accept', { ticketId });
    this.offers.delete(ticketId);
    this.queue.delete(ticketId);
    if (!ack.ok) return this.refresh(); // taken by someone else, or no longer waiting
    this.upsert(ack.ticket, ack);
    this.open(ack.ticket.id);
  }

  async decline(ticketId: string): Promise<void> {
    this.offers.delete(ticketId);
    this.changed();
    await this.call('ticket:decline', { ticketId });
  }

  endChat(ticketId: string, why?: DeskEvent): void {
    const chat = this.chats.get(ticketId);
    if (!chat) return;
    if (why) this.tell(why);
    // Closed or transferred chats leave the list; the open one stays, read-only, until another is opened.
    if (this.active === ticketId) chat.ended = true;
    else this.chats.delete(ticketId);
    this.changed();
  }

  addMessage(chat: Chat, m: MessageView): void {
    if (chat.messages.has(m.id)) return;
    chat.messages.set(m.id, m);
    this.changed();
  }
}

export type DeskEvent =
  | { kind: 'error'; text: string }
  | {
      kind:
        | 'disconnected'
        | 'lapsedTimeout'
        | 'lapsedDeclined'
        | 'taken'
        | 'abandoned'
        | 'resolvedElsewhere'
        | 'transferred'
        | 'closed';
    }
  | { kind: 'offer'; ticket: TicketView }
  | { kind: 'breach'; sla: string }
  | { kind: 'whisper'; from: string; text: string }
  | { kind: 'message'; chat: Chat; message: MessageView };

export const restoreSession = (): StaffSession | null => savedSession(SESSION_KEY);
