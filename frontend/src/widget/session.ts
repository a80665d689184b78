// The customer's session on the socket: connecting, resuming the stored conversation on every
// (re)connect or starting one, and the server's facts applied to the state.
import type { Ack, ConversationView, MessageView } from '../shared/protocol';
import { CustomerSocket, emitWithAck, loadSocketIo, retryAfterRefusal } from './connection';
import { KEY, parseJson, store, WidgetState } from './state';
import type { WidgetKey } from './words';

export interface SessionHooks {
  readonly state: WidgetState;
  t(key: WidgetKey): string;
  render(): void;
  renderDock(): void;
  showBanner(text: string | null): void;
  /** A message of this conversation arrived, before it is stored (`shown`: it was already). */
  arrived(message: MessageView, shown: boolean): void;
  /** Attached to a conversation: pending messages may go. */
  ready(): void;
}

interface Attached {
  conversation: ConversationView;
  messages: MessageView[];
}

export class Session {
  private socket: CustomerSocket | null = null;
  private connecting = false;

  constructor(
    private readonly origin: string,
    private readonly w: SessionHooks,
  ) {}

  get live(): boolean {
    return this.socket !== null;
  }

  /** Emits a command on the attached socket; resolves with its ack or a made-up failure. */
  command(event: string, body: Record<string, unknown>): Promise<Ack<Record<string, unknown>>> {
    if (!this.socket || !this.w.state.attached) {
      return Promise.resolve({
        ok: false as const,
        error: { code: 'UNAVAILABLE' as const, message: this.w.t('offline') },
      });
    }
    return emitWithAck(this.socket, event, body, this.w.t('retrying'));
  }

  /** Live only, no ack awaited: the agent sees the customer typing. */
  typing(typing: boolean): void {
    if (this.socket && this.w.state.attached) {
      this.socket.emit('typing:set', { typing }, () => undefined);
    }
  }

  connect(): void {
    if (this.socket || this.connecting) return;
    this.connecting = true;
    this.w.state.started = true;
    this.w.showBanner(this.w.t('connecting'));
    loadSocketIo(this.origin).then(
      (io) => this.listen(io(`${this.origin}/customer`, { transports: ['websocket', 'polling'] })),
      () => {
        this.connecting = false;
        this.w.showBanner(this.w.t('offline'));
        setTimeout(() => this.connect(), 3000);
      },
    );
  }

  private listen(socket: CustomerSocket): void {
    this.socket = socket;
    const s = this.w.state;
    socket.on('connect', () => {
      s.online = true;
      void this.attach();
    });
    socket.on('disconnect', () => {
      s.online = false;
      s.attached = false;
      this.w.showBanner(this.w.t('offline'));
    });
    // Too many new connections from this address (a carrier NAT, say): socket.io does not
    // retry a handshake the server refused, so try again when the server says.
    socket.on('connect_error', (error: unknown) => {
      const seconds = retryAfterRefusal(error);
      if (seconds !== null) setTimeout(() => socket.connect(), seconds * 1000);
    });
    socket.on('message:created', (m) => {
      if (m.conversationId !== s.conversation?.id) return;
      const shown = s.messages.has(m.id);
      this.add(m);
      if (m.sender !== 'customer') s.typingUntil = 0;
      this.w.arrived(m, shown);
    });
    socket.on('conversation:updated', (c) => {
      if (c.id !== s.conversation?.id) return;
      s.conversation = c;
      if (c.status !== 'waiting') {
        s.queue = null;
        s.callbackDone = null;
      }
      if (c.status !== 'bot') s.typingUntil = 0;
      this.w.render();
    });
    socket.on('typing:updated', (e) => {
      if (e?.who !== 'agent') return;
      s.typingWho = 'agent';
      s.typingUntil = e.typing ? Date.now() + 6000 : 0;
      this.w.render();
    });
    socket.on('queue:updated', (q) => {
      s.queue = q;
      this.w.renderDock();
    });
    socket.on('survey:requested', ({ ticketId }) => {
      s.survey = { ticketId };
      if (s.conversation) {
        store.set(KEY.survey, JSON.stringify({ conversationId: s.conversation.id, ticketId }));
      }
      this.w.render();
    });
  }

  /** Resumes the stored conversation on every (re)connect; starts a new one when that fails. */
  private async attach(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.w.state.attached = false;
    const token = store.get(KEY.resume);
    if (token) {
      const ack = await emitWithAck<Attached>(socket, 'conversation:resume', {
        resumeToken: token,
      });
      if (ack.ok) return this.attached(ack.conversation, ack.messages, true);
      if (['TIMEOUT', 'UNAVAILABLE', 'INTERNAL'].includes(ack.error.code)) return this.retry();
      store.set(KEY.resume, null);
    }
    await this.start();
  }

  /** A new conversation in the state's language (also when the customer switched it early). */
  async start(): Promise<void> {
    if (!this.socket) return;
    this.w.state.attached = false;
    store.set(KEY.resume, null);
    const ack = await emitWithAck<Attached & { resumeToken: string }>(
      this.socket,
      'conversation:start',
      { language: this.w.state.lang },
    );
    if (!ack.ok) return this.retry();
    store.set(KEY.resume, ack.resumeToken);
    this.attached(ack.conversation, ack.messages, false);
  }

  private retry(): void {
    this.w.showBanner(this.w.t('offline'));
    setTimeout(() => {
      if (this.socket?.connected) void this.attach();
    }, 2000);
  }

  private attached(conversation: ConversationView, history: MessageView[], resumed: boolean) {
    const s = this.w.state;
    if (s.conversation?.id !== conversation.id) {
      s.messages.clear();
      // The server tells a returning customer their place right after the resume: that notice
      // may come before this ack, and belongs to this conversation if its ticket is this one.
      if (s.queue?.ticketId !== conversation.ticketId) s.queue = null;
      s.callbackDone = null;
      s.survey = null;
      const saved = parseJson<{ conversationId: string; ticketId: string }>(store.get(KEY.survey));
      if (saved?.conversationId === conversation.id) s.survey = { ticketId: saved.ticketId };
    }
    s.conversation = conversation;
    for (const m of history) this.add(m);
    s.attached = true;
    s.banner = null;
    if (!resumed) s.typingUntil = 0;
    this.w.render();
    this.w.ready();
  }

  /** Stores a message for the log; the customer's own replaces its pending copy. */
  add(m: MessageView): void {
    if (m.internal) return;
    this.w.state.messages.set(m.id, m);
    if (m.sender === 'customer') this.w.state.pending.delete(m.clientMessageId);
  }
}
