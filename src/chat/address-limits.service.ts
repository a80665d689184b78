import { Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { RedisService } from '../common/redis.service';
import { AppConfig } from '../config/app-config';
import { addressKey } from './client-address';

/**
 * A token bucket in Redis, taken from atomically on Redis's clock so that every instance
 * agrees: `capacity` at once, then `ARGV[2]` tokens per millisecond.
 * KEYS: the bucket (a hash of tokens and when they were counted). ARGV: capacity, rate.
 * Returns {1, 0} when a token was taken, else {0, milliseconds until one is there}.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or capacity
local at = tonumber(b[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local taken = 0
if tokens >= 1 then
  tokens = tokens - 1
  taken = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 1000)
if taken == 1 then return {1, 0} end
return {0, math.ceil((1 - tokens) / rate)}
`;

interface TakeScript {
  pdTakeToken(key: string, capacity: number, perMs: number): Promise<[number, number]>;
}

export type AddressLimit = 'messages' | 'starts' | 'connections';

export type AddressVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Per client address limits that hold across instances (a socket's own buckets live in its
 * process; an address spreads its sockets over every instance behind the load balancer).
 * Keys under the configured QUEUE_PREFIX, so apps sharing a prefix share limits.
 */
@Injectable()
export class AddressLimitsService {
  private readonly logger = new Logger(AddressLimitsService.name);
  private readonly perMinute: Record<AddressLimit, number>;
  private lastWarning = 0;
  private scripts?: Redis & TakeScript;

  constructor(
    private readonly redis: RedisService,
    config: AppConfig,
  ) {
    this.perMinute = {
      messages: config.CHAT_IP_MESSAGES_PER_MINUTE,
      starts: config.CHAT_IP_STARTS_PER_MINUTE,
      connections: config.CHAT_IP_CONNECTIONS_PER_MINUTE,
    };
  }

  async take(limit: AddressLimit, address: string): Promise<AddressVerdict> {
    const perMinute = this.perMinute[limit];
    try {
      const [taken, waitMs] = await this.client().pdTakeToken(
        this.redis.key('chat-ip', limit, addressKey(address)),
        perMinute,
        perMinute / 60000,
      );
      return taken === 1
        ? { ok: true }
        : { ok: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
    } catch (error) {
      // Without Redis the per-socket limits still hold; refusing every customer would be worse.
      this.warn(error);
      return { ok: true };
    }
  }

  /**
   * Taken once per customer message: defineCommand sends the script's SHA (EVALSHA), not its
   * text, so neither side hashes 600 bytes of Lua each time; it falls back to EVAL once per
   * connection.
   */
  private client(): Redis & TakeScript {
    if (!this.scripts) {
      const client = this.redis.client;
      client.defineCommand('pdTakeToken', { numberOfKeys: 1, lua: TAKE });
      this.scripts = client as Redis & TakeScript;
    }
    return this.scripts;
  }

  private warn(error: unknown): void {
    if (Date.now() - this.lastWarning < 10000) return;
    this.lastWarning = Date.now();
    this.logger.warn(`address limits not applied: ${(error as Error).message}`);
  }
}
