import { io, Socket } from 'socket.io-client';
import type { Key } from '../shared/catalogue';
import type { MessageView } from '../shared/protocol';
import { savedSession, saveSession, watchSession } from '../shared/staff-session';
import { readServiceZone } from '../shared/service-zone';
import { PENDING_ZONE, ShownZone } from '../shared/time-zone';
import type { BoardAt } from './board-view';
import { ApiAnswer, errorText, getJson } from '../shared/staff-api';
import { parseRoute, Route, routeHash } from './desk-route';
import type {
  MonitorSnapshot,
  SupervisorAck,
  SupervisorCommandMap,
  SupervisorEvents,
  SupervisorStaff,
  Transcript,
} from './supervisor-protocol';

const SESSION_KEY = 'pd.supervisor.session';

export interface SupervisorSession {
  token: string;
  staff: SupervisorStaff;
}

/**
 * The supervisor's desk as the server tells it: the board, the section shown, the transcript
 * open and whether it is watched. One instance per page; components re-render on `subscribe`.
 * Search, reports and the access log keep their own state in their components.
 */
export class SupervisorDesk {
  session: SupervisorSession | null = null;
  connection: 'connecting' | 'up' | 'down' = 'connecting';
  board: BoardAt | null = null;
  /** SLA breaches pushed while another section was shown. */
  unseenAlerts = 0;
  route: Route = { tab: 'live' };
  transcript: Transcript | null = null;
  transcriptError = '';
  watching: string | null = null;
  /** Messages that arrived through the watch (marked as live on screen). */
  liveMessageIds = new Set<string>();
  /** The access log's filter: a target, or '' for every entry. */
  accessTarget = '';
  /** Bumped to make the access log load again (a filter chosen elsewhere, e.g. the transcript). */
  accessAsked = 0;
  sessionEnded = false;
  loginError = '';
  /**
   * The service's zone (GET /service-settings): every time on the desk is shown in it and the
   * reports' days are counted in it; until the answer the server's default, if it fails the
   * browser's, said in the header. `settingsRead` says the answer is in.
   */
  zone: ShownZone = PENDING_ZONE;
  settingsRead = false;
  socket: Socket<SupervisorEvents> | null = null;
  private transcriptSeq = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    /** Something the page says for a while (a toast): a catalogue key and its values. */
    readonly tell: (key: Key, values?: Record<string, string>) => void,
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  get me(): SupervisorStaff | null {
    return this.session?.staff ?? null;
  }

  /** GET with this session's token; a 401 ends the session on the page. */
  get<T>(path: string): Promise<ApiAnswer<T>> {
    return getJson<T>(path, this.session?.token ?? '', () => this.endSession());
  }

  start(session: SupervisorSession): void {
    this.session = session;
    this.sessionEnded = false;
    this.loginError = '';
    saveSession(SESSION_KEY, session);
    void this.readSettings(session.token);
    this.connection = 'connecting';
    const socket: Socket<SupervisorEvents> = io('/supervisor', {
      auth: { token: session.token },
    });
    this.socket = socket;
    watchSession(socket as Socket, {
      up: () => {
        this.connection = 'up';
        void this.snapshot();
        if (this.watching) void this.call('conversation:watch', { conversationId: this.watching });
        this.changed();
      },
      down: () => {
        this.connection = 'down';
        this.changed();
      },
      ended: () => this.endSession(),
      refused: (message) => this.logout(message),
    });
    socket.on('monitor:updated', (board) => this.setBoard(board));
    socket.on('agent:presence', ({ agentId, presence }) => {
      const agent = this.board?.board.agents.find((a) => a.id === agentId);
      if (!agent) return;
      agent.presence = presence;
      this.changed();
    });
    socket.on('ticket:sla_breached', () => {
      if (this.route.tab !== 'live') this.unseenAlerts += 1;
      // The breach changes the board (the gateway pushes it); ask now rather than wait.
      void this.snapshot();
    });
    socket.on('message:created', (m) => this.onLiveMessage(m));
    this.go(parseRoute(location.hash));
  }

  private async readSettings(token: string): Promise<void> {
    const zone = await readServiceZone(token, () => this.endSession());
    // A late answer of an earlier login must not set the zone of the next one.
    if (this.session?.token !== token) return;
    // Read or not, the reports go on: a failed answer gives the browser's zone, named as such.
    this.zone = zone;
    this.settingsRead = true;
    this.changed();
  }

  logout(reason = ''): void {
    saveSession(SESSION_KEY, null);
    this.socket?.disconnect();
    this.socket = null;
    this.session = null;
    Object.assign(this, { board: null, transcript: null, watching: null, unseenAlerts: 0 });
    Object.assign(this, { zone: PENDING_ZONE, settingsRead: false });
    this.loginError = reason;
    history.replaceState(null, '', location.pathname);
    this.changed();
  }

  /** The server ended the session: back to the login form, with a notice in both languages. */
  private endSession(): void {
    if (!this.session) return;
    this.logout();
    this.sessionEnded = true;
    this.changed();
  }

  async call<K extends keyof SupervisorCommandMap>(
    event: K,
    payload: SupervisorCommandMap[K][0],
  ): Promise<SupervisorAck<SupervisorCommandMap[K][1]>> {
    if (!this.socket) return { ok: false, error: { code: 'UNAVAILABLE', message: 'offline' } };
    try {
      // A generic K is beyond socket.io's event typing; the map above types both ends.
      const ack: SupervisorAck<SupervisorCommandMap[K][1]> = await (this.socket as Socket)
        .timeout(8000)
        .emitWithAck(event, payload);
      return ack;
    } catch {
      return { ok: false, error: { code: 'TIMEOUT', message: 'no answer' } };
    }
  }

  async snapshot(): Promise<void> {
    const ack = await this.call('monitor:snapshot', {});
    // No answer: the next push or reconnect brings the board.
    if (ack.ok) this.setBoard(ack);
  }

  private setBoard(board: MonitorSnapshot): void {
    this.board = { board, receivedAt: Date.now() };
    this.changed();
  }

  /** Shows a section; the address says which, so a reload comes back to it. */
  go(route: Route): void {
    this.route = route;
    history.replaceState(null, '', routeHash(route));
    if (route.tab === 'live') this.unseenAlerts = 0;
    if (route.tab === 'access') {
      this.accessTarget = route.target;
      this.accessAsked++;
    }
    const id = route.tab === 'transcript' ? route.conversationId : '';
    if (id && id !== this.transcript?.conversation.id) return void this.openTranscript(id);
    this.changed();
  }

  /** Opens a conversation's transcript (the read is in the access log), and watches it if asked. */
  async openTranscript(conversationId: string, watch = false): Promise<void> {
    this.route = { tab: 'transcript', conversationId };
    history.replaceState(null, '', routeHash(this.route));
    this.changed();
    if (this.watching && this.watching !== conversationId) this.stopWatching();
    const seq = ++this.transcriptSeq;
    const res = await this.get<Transcript>(`/transcripts/${encodeURIComponent(conversationId)}`);
    if (seq !== this.transcriptSeq) return;
    this.transcript = res.ok ? res.body : null;
    this.liveMessageIds = new Set();
    this.transcriptError = res.ok ? '' : errorText(res);
    this.changed();
    if (res.ok && watch && this.watching !== conversationId) await this.toggleWatch();
  }

  async toggleWatch(): Promise<void> {
    const id = this.transcript?.conversation.id;
    if (!id) return;
    if (this.watching === id) {
      this.stopWatching();
      this.changed();
      return;
    }
    const ack = await this.call('conversation:watch', { conversationId: id });
    if (ack.ok) this.watching = id;
    else this.tell('supWatchFailed', { m: ack.error.message });
    this.changed();
  }

  private stopWatching(): void {
    if (this.watching) void this.call('conversation:unwatch', { conversationId: this.watching });
    this.watching = null;
  }

  private onLiveMessage(m: MessageView): void {
    const shown = this.transcript;
    if (!shown || m.conversationId !== shown.conversation.id || this.watching !== m.conversationId)
      return;
    if (shown.messages.some((x) => x.id === m.id)) return;
    shown.messages = [...shown.messages, m];
    this.liveMessageIds.add(m.id);
    this.changed();
  }

  /** A word to the agent of the ticket; the answer is what the page says next to the box. */
  whisper(ticketId: string, text: string): Promise<SupervisorAck<Record<string, never>>> {
    return this.call('agent:whisper', { ticketId, text });
  }
}

export const restoreSession = (): SupervisorSession | null =>
  savedSession(SESSION_KEY) as SupervisorSession | null;
