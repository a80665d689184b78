import { Injectable } from '@nestjs/common';
import { RedisService } from '../common/redis.service';
import {
  ADDRESS_LIMITS,
  delaySchedule,
  ThrottleLimits,
  ThrottleVerdict,
  toVerdict,
  USERNAME_LIMITS,
} from './login-throttle.policy';

/**
 * One attempt, atomically: refused while locked or before its wait is over; otherwise counted
 * (before the password is checked, so fifty attempts sent at once are fifty attempts) and the
 * wait before the next one set. Redis's clock, so every instance agrees.
 * KEYS: count, next-allowed-at, lock. ARGV: window, lock, then the wait after attempt 1..n.
 */
const ATTEMPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local locked = redis.call('PTTL', KEYS[3])
if locked > 0 then return {1, locked} end
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if now < nextAt then return {2, nextAt - now} end
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if n > #ARGV - 2 then
  redis.call('SET', KEYS[3], '1', 'PX', ARGV[2])
  redis.call('DEL', KEYS[1], KEYS[2])
  return {3, tonumber(ARGV[2])}
end
local wait = tonumber(ARGV[2 + n])
if wait > 0 then redis.call('SET', KEYS[2], now + wait, 'PX', ARGV[1]) end
return {0, n}
`;

export type ThrottleScope = 'user' | 'ip';

@Injectable()
export class LoginThrottleService {
  private readonly limits: Record<ThrottleScope, ThrottleLimits> = {
    user: USERNAME_LIMITS,
    ip: ADDRESS_LIMITS,
  };

  constructor(private readonly redis: RedisService) {}

  keys(scope: ThrottleScope, who: string): [string, string, string] {
    const id = scope === 'user' ? who.trim().toLowerCase() : who;
    return ['count', 'next', 'lock'].map((k) => this.redis.key('login', scope, k, id)) as [
      string,
      string,
      string,
    ];
  }

  async attempt(scope: ThrottleScope, who: string): Promise<ThrottleVerdict> {
    const limits = this.limits[scope];
    const reply = (await this.redis.client.eval(
      ATTEMPT,
      3,
      ...this.keys(scope, who),
      limits.windowMs,
      limits.lockMs,
      ...delaySchedule(limits),
    )) as [number, number];
    return toVerdict(reply);
  }

  /** A right password: the name starts afresh; the address gives back the attempt it spent. */
  async succeeded(username: string, ip: string): Promise<void> {
    const [count, next] = this.keys('user', username);
    const [ipCount] = this.keys('ip', ip);
    await this.redis.client
      .multi()
      .del(count, next)
      .eval(
        "if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end",
        1,
        ipCount,
      )
      .exec();
  }
}
