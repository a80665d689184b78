import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { Principal } from '../auth/principal';
import { RedisService } from '../common/redis.service';

export const PRESENCE = ['online', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCE)[number];

/** One agent as the whole cluster sees them. */
export interface AgentState {
  agent: Principal;
  presence: Presence;
  capacity: number;
  /**
   * Chats assigned plus offers pending, as the last dispatch run counted them (it reads every
   * open ticket anyway): what the transfer picker shows, never what routing decides by.
   */
  load: number;
  /** Sockets of theirs that some live instance vouched for within the TTL, cluster-wide. */
  sockets: number;
  since: Date;
  lastAssignedAt?: Date;
}

/**
 * Keys, under `<prefix>presence:`: `agents` (set of ids), `agent:<id>` (hash: agent, presence,
 * capacity, load, since, lastAssignedAt), `sockets:<id>` (sorted set: socket id → the moment its
 * instance's vouching lapses). Every transition is one script, so two instances never both see
 * the same agent go offline or come online.
 */
const CONNECT = `
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])
redis.call('SADD', KEYS[3], ARGV[6])
redis.call('HSET', KEYS[1], 'agent', ARGV[4], 'capacity', ARGV[5])
local p = redis.call('HGET', KEYS[1], 'presence')
if (not p) or p == 'offline' then
  redis.call('HSET', KEYS[1], 'presence', 'online', 'since', ARGV[3])
  return 1
end
return 0`;

const DISCONNECT = `
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[2]) > 0 then return 0 end
local p = redis.call('HGET', KEYS[1], 'presence')
if p and p ~= 'offline' then
  redis.call('HSET', KEYS[1], 'presence', 'offline', 'since', ARGV[2])
  return 1
end
return 0`;

const SET_PRESENCE = `
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[2]) == 0 then return -1 end
if redis.call('HGET', KEYS[1], 'presence') == ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'presence', ARGV[1], 'since', ARGV[2])
return 1`;

/** Agents whose every socket lapsed (their instance died) go offline; returns their ids. */
const SWEEP = `
local changed = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local sockets = ARGV[2] .. 'sockets:' .. id
  redis.call('ZREMRANGEBYSCORE', sockets, '-inf', ARGV[1])
  if redis.call('ZCARD', sockets) == 0 then
    local agent = ARGV[2] .. 'agent:' .. id
    local p = redis.call('HGET', agent, 'presence')
    if p and p ~= 'offline' then
      redis.call('HSET', agent, 'presence', 'offline', 'since', ARGV[1])
      table.insert(changed, id)
    end
  end
end
return changed`;

const SNAPSHOT = `
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local v = redis.call('HMGET', ARGV[2] .. 'agent:' .. id,
    'agent', 'presence', 'capacity', 'since', 'lastAssignedAt', 'load')
  local n = redis.call('ZCOUNT', ARGV[2] .. 'sockets:' .. id, ARGV[1], '+inf')
  table.insert(out, {v[1], v[2], v[3], v[4], v[5], n, v[6]})
end
return out`;

type Row = [
  agent: string | null,
  presence: string | null,
  capacity: string | null,
  since: string | null,
  lastAssignedAt: string | null,
  sockets: number,
  load: string | null,
];

interface PresenceScripts {
  pdPresenceConnect(...args: (string | number)[]): Promise<number>;
  pdPresenceDisconnect(...args: (string | number)[]): Promise<number>;
  pdPresenceSet(...args: (string | number)[]): Promise<number>;
  pdPresenceSweep(...args: (string | number)[]): Promise<string[]>;
  pdPresenceSnapshot(...args: (string | number)[]): Promise<Row[]>;
}

/** The storage door of presence: shared by every instance, in Redis. */
@Injectable()
export class PresenceStore {
  private scripts?: Redis & PresenceScripts;
  private readonly base: string;

  constructor(private readonly redis: RedisService) {
    this.base = redis.key('presence', '');
  }

  async connect(agent: Principal, capacity: number, socketId: string, ttlMs: number) {
    const now = Date.now();
    const changed = await this.client().pdPresenceConnect(
      ...this.agentKeys(agent.id),
      this.base + 'agents',
      socketId,
      now + ttlMs,
      now,
      JSON.stringify(agent),
      capacity,
      agent.id,
    );
    return changed === 1;
  }

  /** True when this was the agent's last live socket (they are offline now). */
  async disconnect(agentId: string, socketId: string): Promise<boolean> {
    return (
      (await this.client().pdPresenceDisconnect(
        ...this.agentKeys(agentId),
        socketId,
        Date.now(),
      )) === 1
    );
  }

  /** 'changed', 'same', or 'not-connected'. */
  async set(agentId: string, presence: Presence): Promise<'changed' | 'same' | 'not-connected'> {
    const r = await this.client().pdPresenceSet(...this.agentKeys(agentId), presence, Date.now());
    return r === 1 ? 'changed' : r === 0 ? 'same' : 'not-connected';
  }

  sweep(): Promise<string[]> {
    return this.client().pdPresenceSweep(this.base + 'agents', Date.now(), this.base);
  }

  async snapshot(): Promise<AgentState[]> {
    const rows = await this.client().pdPresenceSnapshot(
      this.base + 'agents',
      Date.now(),
      this.base,
    );
    return rows.flatMap((row) => {
      const state = toState(row);
      return state ? [state] : [];
    });
  }

  async get(agentId: string): Promise<AgentState | undefined> {
    const [agentKey, socketsKey] = this.agentKeys(agentId);
    const result = await this.client()
      .multi()
      .hmget(agentKey, 'agent', 'presence', 'capacity', 'since', 'lastAssignedAt', 'load')
      .zcount(socketsKey, Date.now(), '+inf')
      .exec();
    if (!result) return undefined;
    const [[, fields], [, sockets]] = result as [[null, (string | null)[]], [null, number]];
    const [agent, presence, capacity, since, lastAssignedAt, load] = fields;
    return toState([agent, presence, capacity, since, lastAssignedAt, sockets, load]);
  }

  /** Stores each agent's load (only agents already known here: a hash needs its `agent`). */
  async setLoads(loads: { agentId: string; load: number }[]): Promise<void> {
    if (loads.length === 0) return;
    const batch = this.client().multi();
    for (const { agentId, load } of loads) batch.hset(this.agentKeys(agentId)[0], 'load', load);
    await batch.exec();
  }

  async markAssigned(agentId: string): Promise<void> {
    await this.client().hset(this.agentKeys(agentId)[0], 'lastAssignedAt', Date.now());
  }

  private agentKeys(agentId: string): [string, string] {
    return [`${this.base}agent:${agentId}`, `${this.base}sockets:${agentId}`];
  }

  private client(): Redis & PresenceScripts {
    if (!this.scripts) {
      const client = this.redis.client;
      // defineCommand sends EVALSHA and falls back to EVAL once per connection.
      client.defineCommand('pdPresenceConnect', { numberOfKeys: 3, lua: CONNECT });
      client.defineCommand('pdPresenceDisconnect', { numberOfKeys: 2, lua: DISCONNECT });
      client.defineCommand('pdPresenceSet', { numberOfKeys: 2, lua: SET_PRESENCE });
      client.defineCommand('pdPresenceSweep', { numberOfKeys: 1, lua: SWEEP });
      client.defineCommand('pdPresenceSnapshot', { numberOfKeys: 1, lua: SNAPSHOT });
      this.scripts = client as Redis & PresenceScripts;
    }
    return this.scripts;
  }
}

function toState([agent, presence, capacity, since, lastAssignedAt, sockets, load]: Row):
  AgentState | undefined {
  if (!agent) return undefined;
  const live = Number(sockets);
  const stored = (presence ?? 'offline') as Presence;
  return {
    agent: JSON.parse(agent) as Principal,
    // Sockets that lapsed a moment ago are offline already, before a sweep says so.
    presence: live > 0 ? stored : 'offline',
    capacity: Number(capacity),
    load: Number(load ?? 0),
    sockets: live,
    since: new Date(Number(since ?? Date.now())),
    lastAssignedAt: lastAssignedAt ? new Date(Number(lastAssignedAt)) : undefined,
  };
}
