import type { Socket } from 'socket.io-client';
import type {
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
import { StaffDesk } from '../shared/staff-desk';
import type { StaffSession } from '../shared/staff-session';
import { listenToDesk } from './desk-events';

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
export class DeskStore extends StaffDesk<StaffSession, AgentCommandMap, AgentServerEvents> {
  presence = 'offline';
  capacity: number | null = null;
  queue = new Map<string, TicketView>();
  offers = new Map<string, TicketView>();
  chats = new Map<string, Chat>();
  active: string | null = null;
  canned: CannedReply[] = [];
  agents: AgentListing[] = [];

  constructor(
    /** Events the page shows: what happened (a catalogue key) and for which ticket. */
    readonly tell: (event: DeskEvent) => void,
  ) {
    // Every failed command is said on the console: the server's reason, or "reconnecting".
    super({
      namespace: '/agent',
      sessionKey: 'pd.agent.session',
      commands: {
        refused: (error) => tell({ kind: 'error', text: error.message }),
        unanswered: () => tell({ kind: 'disconnected' }),
      },
    });
  }

  /** "Reconnecting…" shows only once a connection was lost, not while the first one is made. */
  get connected(): boolean {
    return this.connection !== 'down';
  }
  get openChats(): number {
    return [...this.chats.values()].filter((c) => !c.ended).length;
  }
  get unread(): number {
    return [...this.chats.values()].reduce((n, c) => n + c.unread, 0);
  }

  protected onStart(socket: Socket<AgentServerEvents>): void {
    listenToDesk(this, socket);
    this.changed();
  }
  protected onConnect(): void {
    void this.refresh();
  }
  protected onLogout(): void {
    Object.assign(this, { active: null, capacity: null, presence: 'offline' });
    this.queue = new Map();
    this.offers = new Map();
    this.chats = new Map();
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
