// The widget: its state, the socket's facts applied to it, and the customer's actions. Drawing
// is chrome.ts, log-view.ts and dock.ts; the protocol's helpers are connection.ts.
import type { ConversationView, MessageView } from '../shared/protocol';
import { Branding } from './branding';
import { buildChrome, Chrome, Mode, renderChrome } from './chrome';
import { CustomerSocket, emitWithAck, loadSocketIo, retryAfterRefusal } from './connection';
import { renderDock } from './dock';
import { newClientMessageId } from './format';
import { renderLog } from './log-view';
import { Outbox } from './outbox';
import { initialState, KEY, parseJson, store, WidgetState } from './state';
import { countUnread, titleWithUnread } from './unread';
import { Lang, word, WidgetKey } from './words';

const MAX_TEXT = 2000;
const TYPING_MAX_MS = 20000;

export class Widget {
  readonly state: WidgetState;
  readonly chrome: Chrome;
  private socket: CustomerSocket | null = null;
  private connecting = false;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private lastTypingSent = 0;
  private pageTitle: string | null = null;
  private readonly outbox: Outbox;

  constructor(
    readonly origin: string,
    readonly mode: Mode,
    lang: Lang,
    open: boolean,
  ) {
    this.state = initialState(lang, open);
    this.chrome = buildChrome(mode, {
      toggleOpen: () => this.setOpen(!this.state.open),
      close: () => this.setOpen(false),
      switchLanguage: () => this.switchLanguage(this.state.lang === 'zh' ? 'en' : 'zh'),
      send: (text) => this.send(text),
      submitInput: () => this.submitInput(),
      inputChanged: () => {
        this.validateInput();
        this.autoGrow();
        this.tellTyping();
      },
    });
    this.outbox = new Outbox(this.state, {
      command: (event, body) => this.command(event, body),
      stored: (m) => this.addMessage(m),
      render: () => this.render(),
      showError: (text) => this.showBanner(text),
    });
    document.addEventListener('visibilitychange', () => this.markSeen());
  }

  t(key: WidgetKey, values?: Record<string, string | number>): string {
    return word(this.state.lang, key, values);
  }

  // ---- drawing -------------------------------------------------------------------------------

  render(): void {
    renderChrome(this.chrome, this.state);
    this.validateInput();
    this.renderLog();
    this.renderDock();
    this.renderTyping();
  }

  private renderLog(): void {
    renderLog(this.chrome.log, this.state, (p) => this.outbox.retry(p));
  }

  private renderDock(): void {
    renderDock(this.chrome.dock, this.chrome.log, this.state, {
      command: (event, body) => this.command(event, body),
      callbackLeft: (phone) => {
        this.state.callbackDone = phone;
        this.renderDock();
      },
      rated: () => this.rated(),
      showError: (text) => this.showBanner(text),
    });
  }

  private renderTyping(): void {
    const until = this.state.typingUntil;
    const show = until > Date.now();
    this.chrome.typing.hidden = !show;
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = show ? setTimeout(() => this.renderTyping(), until - Date.now() + 10) : null;
  }

  showBanner(text: string | null): void {
    this.state.banner = text;
    renderChrome(this.chrome, this.state);
  }

  applyBranding(branding: Branding, colours: Record<string, string>): void {
    this.state.branding = branding;
    for (const [name, value] of Object.entries(colours)) {
      this.chrome.shell.style.setProperty(name, value);
    }
    renderChrome(this.chrome, this.state);
  }

  // ---- the composer --------------------------------------------------------------------------

  /** Longer texts are refused by the server; say so here, before anything is sent. */
  private validateInput(): boolean {
    const { input, inputError, sendButton } = this.chrome;
    const count = input.value.length;
    const tooLong = count > MAX_TEXT;
    inputError.hidden = !tooLong;
    inputError.textContent = tooLong ? this.t('tooLong', { max: MAX_TEXT, count }) : '';
    input.setAttribute('aria-invalid', tooLong ? 'true' : 'false');
    sendButton.disabled = tooLong;
    return !tooLong;
  }

  private autoGrow(): void {
    const { input } = this.chrome;
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
  }

  /** With an agent, they see the customer typing (at most every 3 s; nothing is stored). */
  private tellTyping(): void {
    const s = this.state;
    if (!this.socket || !s.attached || s.conversation?.status !== 'agent') return;
    const typing = this.chrome.input.value.trim() !== '';
    const now = Date.now();
    if (typing && now - this.lastTypingSent < 3000) return;
    this.lastTypingSent = typing ? now : 0;
    this.socket.emit('typing:set', { typing }, () => undefined);
  }

  private submitInput(): void {
    if (!this.validateInput()) return;
    const text = this.chrome.input.value.trim();
    if (!text) return;
    this.chrome.input.value = '';
    this.autoGrow();
    this.send(text);
  }

  send(text: string): void {
    if (text.length > MAX_TEXT) return;
    const s = this.state;
    const id = newClientMessageId();
    s.pending.set(id, { id, text, tries: 0, failed: false, inFlight: false });
    if (!s.conversation || s.conversation.status === 'bot') {
      s.typingWho = 'bot';
      s.typingUntil = Date.now() + TYPING_MAX_MS;
    }
    this.lastTypingSent = 0;
    this.render();
    if (!this.socket) this.connect();
    this.outbox.flush();
  }

  // ---- unread replies ------------------------------------------------------------------------

  private seen(): boolean {
    return this.state.open && document.visibilityState !== 'hidden';
  }

  private markSeen(): void {
    if (!this.seen() || this.state.unread === 0) return;
    this.state.unread = 0;
    this.showUnread();
  }

  private showUnread(): void {
    const count = this.state.unread;
    if (count > 0 && this.pageTitle === null) this.pageTitle = document.title;
    if (this.pageTitle !== null) {
      document.title = titleWithUnread(this.pageTitle, count, this.t('pageTitleUnread', { count }));
      if (count === 0) this.pageTitle = null;
    }
    renderChrome(this.chrome, this.state);
  }

  // ---- the socket ----------------------------------------------------------------------------

  /** Emits a command on the attached socket; resolves with its ack or a made-up failure. */
  command(event: string, body: Record<string, unknown>) {
    if (!this.socket || !this.state.attached) {
      return Promise.resolve({
        ok: false as const,
        error: { code: 'UNAVAILABLE' as const, message: this.t('offline') },
      });
    }
    return emitWithAck<Record<string, unknown>>(this.socket, event, body, this.t('retrying'));
  }

  connect(): void {
    if (this.socket || this.connecting) return;
    this.connecting = true;
    this.state.started = true;
    this.showBanner(this.t('connecting'));
    loadSocketIo(this.origin).then(
      (io) => this.listen(io(`${this.origin}/customer`, { transports: ['websocket', 'polling'] })),
      () => {
        this.connecting = false;
        this.showBanner(this.t('offline'));
        setTimeout(() => this.connect(), 3000);
      },
    );
  }

  private listen(socket: CustomerSocket): void {
    this.socket = socket;
    const s = this.state;
    socket.on('connect', () => {
      s.online = true;
      void this.attach();
    });
    socket.on('disconnect', () => {
      s.online = false;
      s.attached = false;
      this.showBanner(this.t('offline'));
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
      this.addMessage(m);
      if (m.sender !== 'customer') s.typingUntil = 0;
      const unread = countUnread(s.unread, m, this.seen(), shown);
      const changed = unread !== s.unread;
      s.unread = unread;
      this.render();
      if (changed) this.showUnread();
    });
    socket.on('conversation:updated', (c) => {
      if (c.id !== s.conversation?.id) return;
      s.conversation = c;
      if (c.status !== 'waiting') {
        s.queue = null;
        s.callbackDone = null;
      }
      if (c.status !== 'bot') s.typingUntil = 0;
      this.render();
    });
    socket.on('typing:updated', (e) => {
      if (e?.who !== 'agent') return;
      s.typingWho = 'agent';
      s.typingUntil = e.typing ? Date.now() + 6000 : 0;
      this.render();
    });
    socket.on('queue:updated', (q) => {
      s.queue = q;
      this.renderDock();
    });
    socket.on('survey:requested', ({ ticketId }) => {
      s.survey = { ticketId };
      if (s.conversation) {
        store.set(KEY.survey, JSON.stringify({ conversationId: s.conversation.id, ticketId }));
      }
      this.render();
    });
  }

  /** Resumes the stored conversation on every (re)connect; starts a new one when that fails. */
  private async attach(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.state.attached = false;
    const token = store.get(KEY.resume);
    if (token) {
      const ack = await emitWithAck<Attached>(socket, 'conversation:resume', {
        resumeToken: token,
      });
      if (ack.ok) return this.attached(ack.conversation, ack.messages, true);
      if (['TIMEOUT', 'UNAVAILABLE', 'INTERNAL'].includes(ack.error.code))
        return this.retryAttach();
      store.set(KEY.resume, null);
    }
    await this.startConversation();
  }

  private async startConversation(): Promise<void> {
    if (!this.socket) return;
    const ack = await emitWithAck<Attached & { resumeToken: string }>(
      this.socket,
      'conversation:start',
      { language: this.state.lang },
    );
    if (!ack.ok) return this.retryAttach();
    store.set(KEY.resume, ack.resumeToken);
    this.attached(ack.conversation, ack.messages, false);
  }

  private retryAttach(): void {
    this.showBanner(this.t('offline'));
    setTimeout(() => {
      if (this.socket?.connected) void this.attach();
    }, 2000);
  }

  private attached(conversation: ConversationView, history: MessageView[], resumed: boolean) {
    const s = this.state;
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
    for (const m of history) this.addMessage(m);
    s.attached = true;
    s.banner = null;
    if (!resumed) s.typingUntil = 0;
    this.render();
    this.outbox.flush();
  }

  private addMessage(m: MessageView): void {
    if (m.internal) return;
    this.state.messages.set(m.id, m);
    if (m.sender === 'customer') this.state.pending.delete(m.clientMessageId);
  }

  // ---- the customer's actions ----------------------------------------------------------------

  private rated(): void {
    const s = this.state;
    if (!s.survey) return;
    s.survey = { ticketId: s.survey.ticketId, done: true };
    store.set(KEY.survey, null);
    this.render();
    setTimeout(() => {
      if (s.survey?.done) {
        s.survey = null;
        this.renderDock();
      }
    }, 4000);
  }

  setOpen(open: boolean): void {
    this.state.open = open;
    if (this.mode === 'embed') store.set(KEY.open, open ? '1' : null);
    if (open) this.connect();
    this.render();
    this.markSeen();
    if (open) {
      this.chrome.log.scrollTop = this.chrome.log.scrollHeight;
      setTimeout(() => this.chrome.input.focus(), 0);
    }
  }

  switchLanguage(next: Lang): void {
    const s = this.state;
    s.lang = next;
    store.set(KEY.lang, next);
    // Before the customer has said anything, start over in the chosen language so that the
    // greeting and every later system notice come in it; afterwards the bot follows the
    // language the customer writes in.
    const spoke =
      [...s.messages.values()].some((m) => m.sender === 'customer') || s.pending.size > 0;
    if (s.conversation && !spoke && s.attached && s.conversation.language !== next) {
      s.attached = false;
      store.set(KEY.resume, null);
      void this.startConversation();
    }
    this.render();
  }
}

interface Attached {
  conversation: ConversationView;
  messages: MessageView[];
}
