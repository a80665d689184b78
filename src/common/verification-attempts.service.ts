import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { personalRef } from './pii-masker';
import { RedisService } from './redis.service';
import {
  toVerificationVerdict,
  VERIFICATION_LIMIT,
  VerificationVerdict,
} from './verification-limit';

/** Counts a failure; at the limit starts the cool-down. KEYS: count, lock. ARGV: max, window, cool-down. */
const FAIL = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if n >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return tonumber(ARGV[3])
end
return 0
`;

/**
 * Phone-digit attempts per account across conversations and instances (Redis). The account is
 * keyed by its keyed reference (personalRef), so Redis holds no account number.
 *
 * The dialogue calls `check` before comparing the digits (refused: tell the customer
 * `coolDownText`), `failed` after a mismatch and `succeeded` after a match.
 */
@Injectable()
export class VerificationAttemptsService {
  constructor(
    private readonly redis: RedisService,
    private readonly config: AppConfig,
  ) {}

  async check(accountNumber: string): Promise<VerificationVerdict> {
    const [, lock] = this.keys(accountNumber);
    return toVerificationVerdict(await this.redis.client.pttl(lock));
  }

  /** Returns the cool-down it started, if this failure reached the limit. */
  async failed(accountNumber: string): Promise<VerificationVerdict> {
    const started = (await this.redis.client.eval(
      FAIL,
      2,
      ...this.keys(accountNumber),
      VERIFICATION_LIMIT.maxFailures,
      VERIFICATION_LIMIT.windowMs,
      VERIFICATION_LIMIT.coolDownMs,
    )) as number;
    return toVerificationVerdict(started);
  }

  async succeeded(accountNumber: string): Promise<void> {
    await this.redis.client.del(this.keys(accountNumber)[0]);
  }

  private keys(accountNumber: string): [string, string] {
    const ref = personalRef(accountNumber, this.config.PII_REF_SECRET);
    return [this.redis.key('verify', 'count', ref), this.redis.key('verify', 'lock', ref)];
  }
}
