import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { RedisService } from '../common/redis.service';
import { errorAck } from '../common/ws-ack';
import { AuthEvents, SessionsEndedEvent } from './auth.events';
import { Session } from './staff.schema';

/** What this service needs of a staff socket (kept free of socket.io's types). */
export interface SessionSocket {
  id: string;
  emit(event: 'error:occurred', body: unknown): unknown;
  disconnect(close?: boolean): unknown;
  once(event: 'disconnect', listener: () => void): unknown;
}

const CHANNEL = 'sessions:ended';
/** How often connected sockets' sessions are checked against the store (a deleted session). */
export const SESSION_SWEEP_MS = 60_000;
/** setTimeout's limit; a longer session is caught by the sweep. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Staff sockets live only as long as their session: closed when it expires (a timer), when it
 * is ended (logout, revoke: announced over Redis to every instance) and, for a session removed
 * any other way, at the next sweep.
 */
@Injectable()
export class SessionSocketsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SessionSocketsService.name);
  private readonly bySession = new Map<string, Map<string, SessionSocket>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisService,
    @InjectModel(Session.name) private readonly sessions: Model<Session>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.redis.subscribe(CHANNEL, (message) => this.onEnded(message));
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), SESSION_SWEEP_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const timer of this.timers.values()) clearTimeout(timer);
  }

  track(socket: SessionSocket, sessionId: string, expiresAt: Date): void {
    const sockets = this.bySession.get(sessionId) ?? new Map<string, SessionSocket>();
    sockets.set(socket.id, socket);
    this.bySession.set(sessionId, sockets);
    const timer = setTimeout(
      () => this.end(socket, 'Session expired; log in again'),
      Math.min(MAX_TIMER_MS, Math.max(0, expiresAt.getTime() - Date.now())),
    );
    timer.unref();
    this.timers.set(socket.id, timer);
    socket.once('disconnect', () => {
      clearTimeout(this.timers.get(socket.id));
      this.timers.delete(socket.id);
      sockets.delete(socket.id);
      if (sockets.size === 0 && this.bySession.get(sessionId) === sockets)
        this.bySession.delete(sessionId);
    });
  }

  /** Tells every instance, this one included (it hears its own message). */
  @OnEvent(AuthEvents.sessionsEnded)
  async announce({ sessionIds }: SessionsEndedEvent): Promise<void> {
    if (sessionIds.length === 0) return;
    await this.redis.publish(CHANNEL, JSON.stringify(sessionIds));
  }

  /** Closes the sockets whose session no longer exists or has expired. */
  async sweep(): Promise<number> {
    const ids = [...this.bySession.keys()];
    if (ids.length === 0) return 0;
    const live = await this.sessions
      .find({ _id: { $in: ids }, expiresAt: { $gt: new Date() } }, { _id: 1 })
      .lean();
    const alive = new Set(live.map((s) => s._id));
    const gone = ids.filter((id) => !alive.has(id));
    this.endSessions(gone, 'Session ended; log in again');
    return gone.length;
  }

  private onEnded(message: string): void {
    try {
      const ids = JSON.parse(message) as unknown;
      if (Array.isArray(ids)) this.endSessions(ids.map(String), 'Session ended; log in again');
    } catch {
      this.logger.warn('unreadable session revocation message');
    }
  }

  private endSessions(sessionIds: string[], why: string): void {
    for (const id of sessionIds) {
      for (const socket of [...(this.bySession.get(id)?.values() ?? [])]) this.end(socket, why);
    }
  }

  private end(socket: SessionSocket, why: string): void {
    socket.emit('error:occurred', {
      ...errorAck({ code: 'UNAUTHENTICATED', message: `${why} / 会话已结束，请重新登录` }),
      event: 'session',
    });
    socket.disconnect(true);
  }
}
