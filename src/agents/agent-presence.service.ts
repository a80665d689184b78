import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Principal } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { AgentState, Presence, PresenceStore } from './presence-store';

export { PRESENCE } from './presence-store';
export type { AgentState, Presence } from './presence-store';

export const AgentPresenceEvents = { changed: 'agent.presence_changed' } as const;

export interface PresenceChangedEvent {
  agentId: string;
  presence: Presence;
}

/**
 * Who is at the desk, cluster-wide (PresenceStore, in Redis). Each instance vouches for the
 * agent sockets it holds every third of AGENT_PRESENCE_TTL_SECONDS; a socket not vouched for
 * within the TTL (its instance died) no longer counts, and each instance's sweep takes such
 * agents offline. The instance that made a change emits `agent.presence_changed` to its own
 * listeners, which broadcast it to every instance's sockets and schedule dispatch there.
 *
 * The only per-process state is the list of this instance's own sockets, which is what it
 * vouches for: it is about this process and dies with it.
 */
@Injectable()
export class AgentPresenceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AgentPresenceService.name);
  private readonly local = new Map<string, { agent: Principal; capacity: number }>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: PresenceStore,
    private readonly events: EventEmitter2,
    private readonly config: AppConfig,
  ) {}

  private get ttlMs(): number {
    return this.config.AGENT_PRESENCE_TTL_SECONDS * 1000;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.heartbeat(), Math.ceil(this.ttlMs / 3));
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async connected(agent: Principal, socketId: string): Promise<void> {
    const capacity = agent.capacity ?? this.config.DEFAULT_AGENT_CAPACITY;
    this.local.set(socketId, { agent, capacity });
    // A reconnect keeps a chosen `away`; coming back from offline means online.
    if (await this.store.connect(agent, capacity, socketId, this.ttlMs))
      this.emit(agent.id, 'online');
  }

  /** Returns true when the agent's last socket, on any instance, is gone. */
  async disconnected(agentId: string, socketId: string): Promise<boolean> {
    this.local.delete(socketId);
    try {
      const offline = await this.store.disconnect(agentId, socketId);
      if (offline) this.emit(agentId, 'offline');
      return offline;
    } catch (error) {
      // Redis away (or this instance shutting down): the socket lapses by its TTL instead.
      this.logger.warn(`presence of ${agentId} not updated: ${(error as Error).message}`);
      return false;
    }
  }

  /** Undefined when the agent has no live socket (offline). */
  async setPresence(
    agentId: string,
    presence: Exclude<Presence, 'offline'>,
  ): Promise<AgentState | undefined> {
    const outcome = await this.store.set(agentId, presence);
    if (outcome === 'not-connected') return undefined;
    if (outcome === 'changed') this.emit(agentId, presence);
    return this.store.get(agentId);
  }

  async isConnected(agentId: string): Promise<boolean> {
    return ((await this.store.get(agentId))?.sockets ?? 0) > 0;
  }

  get(agentId: string): Promise<AgentState | undefined> {
    return this.store.get(agentId);
  }

  /** Agents who may be offered work now. */
  async online(): Promise<AgentState[]> {
    return (await this.store.snapshot()).filter((s) => s.presence === 'online');
  }

  all(): Promise<AgentState[]> {
    return this.store.snapshot();
  }

  /** The dispatcher's count of each agent's chats and offers, for everyone's transfer picker. */
  async recordLoads(everyone: AgentState[], load: Map<string, number>): Promise<void> {
    const changed = everyone
      .map((s) => ({ agentId: s.agent.id, load: load.get(s.agent.id) ?? 0, was: s.load }))
      .filter((l) => l.load !== l.was);
    await this.store.setLoads(changed);
  }

  markAssigned(agentId: string): Promise<void> {
    return this.store.markAssigned(agentId);
  }

  /** Vouches for this instance's sockets, then takes agents whose sockets all lapsed offline. */
  async heartbeat(): Promise<void> {
    try {
      for (const [socketId, { agent, capacity }] of this.local) {
        // Also brings back an agent a stalled instance let lapse while their socket stayed up.
        if (await this.store.connect(agent, capacity, socketId, this.ttlMs))
          this.emit(agent.id, 'online');
      }
      for (const agentId of await this.store.sweep()) this.emit(agentId, 'offline');
    } catch (error) {
      this.logger.warn(`presence heartbeat failed: ${(error as Error).message}`);
    }
  }

  private emit(agentId: string, presence: Presence): void {
    this.events.emit(AgentPresenceEvents.changed, {
      agentId,
      presence,
    } satisfies PresenceChangedEvent);
  }
}
