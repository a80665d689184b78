import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Principal } from '../auth/principal';
import { AppConfig } from '../config/app-config';

export const PRESENCE = ['online', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCE)[number];

export interface AgentState {
  agent: Principal;
  presence: Presence;
  capacity: number;
  sockets: Set<string>;
  since: Date;
  lastAssignedAt?: Date;
}

export const AgentPresenceEvents = { changed: 'agent.presence_changed' } as const;

export interface PresenceChangedEvent {
  agentId: string;
  presence: Presence;
}

/**
 * Who is at the desk, from their sockets on this instance. Presence is live state, not a record:
 * after a restart every agent reconnects and is online again. (Several instances would share it
 * through Redis; see docs/agent-desk.md.)
 */
@Injectable()
export class AgentPresenceService {
  private readonly agents = new Map<string, AgentState>();

  constructor(
    private readonly events: EventEmitter2,
    private readonly config: AppConfig,
  ) {}

  connected(agent: Principal, socketId: string): AgentState {
    const state = this.agents.get(agent.id) ?? {
      agent,
      presence: 'offline' as Presence,
      capacity: agent.capacity ?? this.config.DEFAULT_AGENT_CAPACITY,
      sockets: new Set<string>(),
      since: new Date(),
    };
    state.agent = agent;
    state.sockets.add(socketId);
    this.agents.set(agent.id, state);
    // A reconnect keeps a chosen `away`; coming back from offline means online.
    if (state.presence === 'offline') this.set(state, 'online');
    return state;
  }

  /** Returns true when the agent's last socket is gone. */
  disconnected(agentId: string, socketId: string): boolean {
    const state = this.agents.get(agentId);
    if (!state) return false;
    state.sockets.delete(socketId);
    if (state.sockets.size > 0) return false;
    this.set(state, 'offline');
    return true;
  }

  setPresence(agentId: string, presence: Exclude<Presence, 'offline'>): AgentState | undefined {
    const state = this.agents.get(agentId);
    if (state && state.sockets.size > 0) this.set(state, presence);
    return state;
  }

  isConnected(agentId: string): boolean {
    return (this.agents.get(agentId)?.sockets.size ?? 0) > 0;
  }

  get(agentId: string): AgentState | undefined {
    return this.agents.get(agentId);
  }

  /** Agents who may be offered work now. */
  online(): AgentState[] {
    return [...this.agents.values()].filter((s) => s.presence === 'online');
  }

  all(): AgentState[] {
    return [...this.agents.values()];
  }

  markAssigned(agentId: string): void {
    const state = this.agents.get(agentId);
    if (state) state.lastAssignedAt = new Date();
  }

  private set(state: AgentState, presence: Presence): void {
    if (state.presence === presence) return;
    state.presence = presence;
    state.since = new Date();
    this.events.emit(AgentPresenceEvents.changed, {
      agentId: state.agent.id,
      presence,
    } satisfies PresenceChangedEvent);
  }
}
