import { Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import Redis from 'ioredis';
import { RedisService } from '../common/redis.service';

/** Longer than a dispatch run takes; a holder that died frees the lease after this. */
export const DISPATCH_LEASE_MS = 10_000;

/** Takes the lease, or leaves word for its holder that another run is wanted. */
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
return 0`;

/** Keeps the lease for one more run if someone asked for one meanwhile, else lets it go. */
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('DEL', KEYS[2]) == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
redis.call('DEL', KEYS[1])
return 0`;

interface LeaseScripts {
  pdDispatchAcquire(...args: (string | number)[]): Promise<number>;
  pdDispatchRelease(...args: (string | number)[]): Promise<number>;
}

/**
 * One dispatch run at a time across the cluster. Offers are already decided one per ticket by
 * the ticket's compare-and-set; the lease keeps two instances from planning at the same moment
 * from the same loads, which could offer one agent more chats than their capacity. Both steps
 * are single scripts, so a request for a run is never lost between a holder's last run and its
 * release: whoever asks while the lease is held makes the holder run once more.
 */
@Injectable()
export class DispatchLease {
  private readonly owner = randomBytes(8).toString('hex');
  private readonly keys: [string, string];
  private scripts?: Redis & LeaseScripts;

  constructor(private readonly redis: RedisService) {
    this.keys = [redis.key('dispatch', 'lease'), redis.key('dispatch', 'again')];
  }

  async acquire(): Promise<boolean> {
    return (
      (await this.client().pdDispatchAcquire(...this.keys, this.owner, DISPATCH_LEASE_MS)) === 1
    );
  }

  /** True when the holder must run again (it still holds the lease then). */
  async releaseOrContinue(): Promise<boolean> {
    return (
      (await this.client().pdDispatchRelease(...this.keys, this.owner, DISPATCH_LEASE_MS)) === 1
    );
  }

  /** A run was asked for and nobody has done it (say, its holder died). */
  async wanted(): Promise<boolean> {
    return (await this.client().exists(this.keys[1])) === 1;
  }

  private client(): Redis & LeaseScripts {
    if (!this.scripts) {
      const client = this.redis.client;
      client.defineCommand('pdDispatchAcquire', { numberOfKeys: 2, lua: ACQUIRE });
      client.defineCommand('pdDispatchRelease', { numberOfKeys: 2, lua: RELEASE });
      this.scripts = client as Redis & LeaseScripts;
    }
    return this.scripts;
  }
}
