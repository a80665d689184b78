import { RedisService } from '../src/common/redis.service';
import { VerificationAttemptsService } from '../src/common/verification-attempts.service';
import { VERIFICATION_LIMIT } from '../src/common/verification-limit';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The phone-digit limit per account across conversations, on the real Redis. (The dialogue
 * calls it; see the service's comment. Two apps stand for two instances.)
 */
describe('phone-digit attempts per account, across conversations and instances', () => {
  let one: TestApp;
  let two: TestApp;
  const ACCOUNT = '1000001014';

  beforeAll(async () => {
    // One queue prefix: two instances of one deployment.
    const prefix = `pd-e2e-verify-${Date.now().toString(36)}`;
    one = await startTestApp({ QUEUE_PREFIX: prefix });
    two = await startTestApp({ QUEUE_PREFIX: prefix, MONGODB_URI: one.mongoUri });
  });
  afterAll(async () => {
    await two.close({ keepData: true });
    await one.close();
  });

  it('cools an account down after its failures add up, whichever instance saw them', async () => {
    const a = one.app.get(VerificationAttemptsService);
    const b = two.app.get(VerificationAttemptsService);
    for (let i = 1; i < VERIFICATION_LIMIT.maxFailures; i++) {
      expect(await (i % 2 ? a : b).failed(ACCOUNT)).toEqual({ allowed: true });
      expect(await a.check(ACCOUNT)).toEqual({ allowed: true });
    }
    const started = await b.failed(ACCOUNT);
    expect(started).toEqual({
      allowed: false,
      retryAfterSeconds: VERIFICATION_LIMIT.coolDownMs / 1000,
    });
    const refused = await a.check(ACCOUNT);
    expect(refused.allowed).toBe(false);
    expect(await b.check('1000004067')).toEqual({ allowed: true });
  });

  it('forgets the failures of an account verified in time, and stores no account number', async () => {
    const a = one.app.get(VerificationAttemptsService);
    await a.failed('1000004067');
    await a.succeeded('1000004067');
    for (let i = 1; i < VERIFICATION_LIMIT.maxFailures; i++) await a.failed('1000004067');
    expect(await a.check('1000004067')).toEqual({ allowed: true });
    const redis = one.app.get(RedisService);
    const keys = await redis.client.keys(`${redis.prefix}verify:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toMatch(/1000001014|1000004067/);
  });
});
