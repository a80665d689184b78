// The widget: its state, its drawing and the customer's actions. The socket side is session.ts,
// messages on their way outbox.ts; the parts are drawn by chrome.ts, log-view.ts and dock.ts.
import type { MessageView } from '../shared/protocol';
import type { Branding } from './branding';
import { buildChrome, Chrome, Mode, renderChrome } from './chrome';
import { renderDock } from './dock';
import { newClientMessageId } from './format';
import { renderLog } from './log-view';
import { Outbox } from './outbox';
import { Session } from './session';
import { initialState, KEY, store, WidgetState } from './state';
import { countUnread, titleWithUnread } from './unread';
import { Lang, word, WidgetKey } from './words';

const MAX_TEXT = 2000;
const TYPING_MAX_MS = 20000;

export class Widget {
  readonly state: WidgetState;
  readonly chrome: Chrome;
  private readonly session: Session;
  private readonly outbox: Outbox;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private lastTypingSent = 0;
  /** The host page's own title while the unread count is shown in front of it. */
  private pageTitle: string | null = null;

  constructor(
    origin: string,
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
    this.session = new Session(origin, {
      state: this.state,
      t: (key) => this.t(key),
      render: () => this.render(),
      renderDock: () => this.renderDock(),
      showBanner: (text) => this.showBanner(text),
      arrived: (m, shown) => this.arrived(m, shown),
      ready: () => this.outbox.flush(),
    });
    this.outbox = new Outbox(this.state, {
      command: (event, body) => this.session.command(event, body),
      stored: (m) => this.session.add(m),
      render: () => this.render(),
      showError: (text) => this.showBanner(text),
    });
    document.addEventListener('visibilitychange', () => this.markSeen());
  }

  t(key: WidgetKey, values?: Record<string, string | number>): string {
    return word(this.state.lang, key, values);
  }

  connect(): void {
    this.session.connect();
  }

  // ---- drawing -------------------------------------------------------------------------------

  render(): void {
    renderChrome(this.chrome, this.state);
    this.validateInput();
    renderLog(this.chrome.log, this.state, (p) => this.outbox.retry(p));
    this.renderDock();
    this.renderTyping();
  }

  private renderDock(): void {
    renderDock(this.chrome.dock, this.chrome.log, this.state, {
      command: (event, body) => this.session.command(event, body),
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

  /**
   * The configured name and logo, the colours (CSS properties, set through the CSSOM) and the
   * service's zone; the log is drawn again when the zone changes its times.
   */
  applyBranding(branding: Branding, colours: Record<string, string>): void {
    this.state.branding = branding;
    for (const [name, value] of Object.entries(colours)) {
      this.chrome.shell.style.setProperty(name, value);
    }
    if (branding.timeZone !== this.state.timeZone) {
      this.state.timeZone = branding.timeZone;
      this.render();
    } else {
      renderChrome(this.chrome, this.state);
    }
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
    if (this.state.conversation?.status !== 'agent') return;
    const typing = this.chrome.input.value.trim() !== '';
    const now = Date.now();
    if (typing && now - this.lastTypingSent < 3000) return;
    this.lastTypingSent = typing ? now : 0;
    this.session.typing(typing);
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
    if (!this.session.live) this.session.connect();
    this.outbox.flush();
  }

  // ---- unread replies ------------------------------------------------------------------------

  private arrived(m: MessageView, shown: boolean): void {
    const s = this.state;
    const unread = countUnread(s.unread, m, this.seen(), shown);
    const changed = unread !== s.unread;
    s.unread = unread;
    this.render();
    if (changed) this.showUnread();
  }

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
    if (open) this.session.connect();
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
      void this.session.start();
    }
    this.render();
  }
}
