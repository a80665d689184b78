import type { Socket } from 'socket.io-client';
import type { Key } from '../shared/catalogue';
import type { Ack, MessageView } from '../shared/protocol';
import { StaffDesk } from '../shared/staff-desk';
import type { BoardAt } from './board-view';
import type { StaffFailure } from '../shared/staff-api';
import { parseRoute, Route, routeHash } from './desk-route';
import type {
  MonitorSnapshot,
  SupervisorCommandMap,
  SupervisorEvents,
  SupervisorStaff,
  Transcript,
} from './supervisor-protocol';

export interface SupervisorSession {
  token: string;
  staff: SupervisorStaff;
}

/**
 * The supervisor's desk as the server tells it: the board, the section shown, the transcript
 * open and whether it is watched. One instance per page; components re-render on `subscribe`.
 * Search, reports and the access log keep their own state in their components.
 */
export class SupervisorDesk extends StaffDesk<
  SupervisorSession,
  SupervisorCommandMap,
  SupervisorEvents
> {
  board: BoardAt | null = null;
  /** SLA breaches pushed while another section was shown. */
  unseenAlerts = 0;
  route: Route = { tab: 'live' };
  transcript: Transcript | null = null;
  /** Why the transcript asked for last could not be read, if it could not. */
  transcriptFailure: StaffFailure | null = null;
  watching: string | null = null;
  /** Messages that arrived through the watch (marked as live on screen). */
  liveMessageIds = new Set<string>();
  /** The access log's filter: a target, or '' for every entry. */
  accessTarget = '';
  /** Bumped to make the access log load again (a filter chosen elsewhere, e.g. the transcript). */
  accessAsked = 0;
  private transcriptSeq = 0;

  constructor(
    /** Something the page says for a while (a toast): a catalogue key and its values. */
    readonly tell: (key: Key, values?: Record<string, string>) => void,
  ) {
    // No policy for failed commands: each caller says it where it was asked (the watch button).
    super({ namespace: '/supervisor', sessionKey: 'pd.supervisor.session' });
  }

  protected onStart(socket: Socket<SupervisorEvents>): void {
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

  protected onConnect(): void {
    void this.snapshot();
    if (this.watching) void this.call('conversation:watch', { conversationId: this.watching });
  }

  protected onLogout(): void {
    Object.assign(this, { board: null, transcript: null, watching: null, unseenAlerts: 0 });
    history.replaceState(null, '', location.pathname);
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
    this.transcriptFailure = res.ok ? null : res;
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
  whisper(ticketId: string, text: string): Promise<Ack<Record<string, never>>> {
    return this.call('agent:whisper', { ticketId, text });
  }
}
