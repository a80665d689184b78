import { io, Socket } from 'socket.io-client';
import type { Ack } from './protocol';
import { readServiceZone } from './service-zone';
import { StaffApi, staffApi, StaffAnswer, staffFetch } from './staff-api';
import { CommandPolicy, CommandSocket, sendCommand } from './staff-command';
import { savedSession, saveSession, StaffSession, watchSession } from './staff-session';
import { PENDING_ZONE, ShownZone } from './time-zone';

/** Ends the session on the server (auth.controller.ts). */
const LOGOUT_PATH = '/auth/logout';

/** A namespace's commands (`AgentCommandMap`): each with its payload and the body of its ok ack. */
export type CommandMap<C> = { [K in keyof C]: [object, object] };
/** A namespace's server events (`AgentServerEvents`), as socket.io types them. */
export type EventMap<E> = { [K in keyof E]: (...args: never[]) => void };

export interface StaffDeskOptions {
  namespace: '/agent' | '/supervisor';
  /** Where this tab keeps its session (sessionStorage). */
  sessionKey: string;
  /** What the page says when a command fails; the failed ack goes back to the caller either way. */
  commands?: CommandPolicy;
}

/**
 * What both staff pages' stores do alike: one socket per login on their namespace, typed
 * commands with a time limit, REST with the session's token, re-rendering on `subscribe`, and
 * the end of a session (logout, or the server ending it). A page's store adds its domain state
 * and fills in the three hooks at the end.
 */
export abstract class StaffDesk<
  S extends StaffSession,
  C extends CommandMap<C>,
  E extends EventMap<E>,
> {
  session: S | null = null;
  connection: 'connecting' | 'up' | 'down' = 'connecting';
  /** The server ended the session: the login form says so, in both languages. */
  sessionEnded = false;
  loginError = '';
  /**
   * The zone every time on the page is shown in: the service's (GET /service-settings, read once
   * per login); until the answer the server's default, if it fails the browser's, named as such.
   * `settingsRead` says the answer is in.
   */
  zone: ShownZone = PENDING_ZONE;
  settingsRead = false;
  private socket: Socket | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: StaffDeskOptions) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  get me(): S['staff'] | null {
    return this.session?.staff ?? null;
  }

  /** REST with this session's token; a 401 ends the session on the page. */
  get api(): StaffApi {
    return staffApi(this.session?.token ?? '', () => this.endSession());
  }
  get<T>(path: string): Promise<StaffAnswer<T>> {
    return this.api.get<T>(path);
  }

  call<K extends keyof C & string>(event: K, payload: C[K][0]): Promise<Ack<C[K][1]>> {
    // A generic K is beyond socket.io's event typing; the command map types both ends.
    const socket = this.socket as CommandSocket | null;
    return sendCommand<C[K][1]>(socket, event, payload, this.options.commands);
  }

  /**
   * A server event for a part of the page that keeps its own state (the incidents panels), on
   * the desk's socket: a second socket would be a second "tab" to the server, joining every
   * room of the staff member and doubling what they are sent. `connect` also fires after a
   * reconnect. Nothing is heard while logged out.
   */
  listen<K extends (keyof E & string) | 'connect'>(
    event: K,
    handler: K extends keyof E ? E[K] : () => void,
  ): () => void {
    const socket = this.socket;
    if (!socket) return () => undefined;
    const listener = handler as (...args: unknown[]) => void;
    socket.on(event as string, listener);
    return () => void socket.off(event as string, listener);
  }

  start(session: S): void {
    this.session = session;
    this.sessionEnded = false;
    this.loginError = '';
    this.connection = 'connecting';
    saveSession(this.options.sessionKey, session);
    void this.readSettings(session.token);
    const socket = io(this.options.namespace, { auth: { token: session.token } });
    this.socket = socket;
    watchSession(socket, {
      up: () => {
        this.connection = 'up';
        this.onConnect();
        this.changed();
      },
      down: () => {
        this.connection = 'down';
        this.changed();
      },
      ended: () => this.endSession(),
      refused: (message) => this.leave(message),
    });
    this.onStart(socket as Socket<E>);
  }

  private async readSettings(token: string): Promise<void> {
    const zone = await readServiceZone(token, () => this.endSession());
    // A late answer of an earlier login must not set the zone of the next one.
    if (this.session?.token !== token) return;
    // Read or not, the page goes on: a failed answer gives the browser's zone, named as such.
    this.zone = zone;
    this.settingsRead = true;
    this.changed();
  }

  /**
   * The staff member logs out: the server ends the session (its other sockets close, the token
   * stops working), then the page forgets it. No 401 handling here: a late answer must not end
   * a session logged in since.
   */
  logout(): void {
    const token = this.session?.token;
    if (token) void staffFetch(LOGOUT_PATH, token, { method: 'POST' });
    this.leave();
  }

  /** Back to the login form (with `reason` as its error): socket closed, state forgotten. */
  private leave(reason = ''): void {
    saveSession(this.options.sessionKey, null);
    this.socket?.disconnect();
    this.socket = null;
    this.session = null;
    this.loginError = reason;
    this.zone = PENDING_ZONE;
    this.settingsRead = false;
    this.onLogout();
    this.changed();
  }

  /** The server ended the session: back to the login form, with a notice in both languages. */
  protected endSession(): void {
    if (!this.session) return;
    this.leave();
    this.sessionEnded = true;
    this.changed();
  }

  /** The session this tab saved (a reload logs in with it), if any. */
  restore(): S | null {
    return savedSession(this.options.sessionKey) as S | null;
  }

  /** Just logged in: listen to the page's events on the new socket and show the first view. */
  protected abstract onStart(socket: Socket<E>): void;
  /** The socket is (re)connected: read back what was missed. */
  protected abstract onConnect(): void;
  /** Logged out or ended: forget the domain state (the session, socket and zone are forgotten here). */
  protected abstract onLogout(): void;
}
