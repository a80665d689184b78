import { RedisService } from '../src/common/redis.service';
import { VerificationAttemptsService } from '../src/common/verification-attempts.service';
import { VERIFICATION_LIMIT } from '../src/common/verification-limit';
import { UtilitySeedService } from '../src/utility/utility-seed.service';
import { RecordingClient, sayToBot, startCustomer } from './support/clients';
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

  it('tells a customer who keeps guessing across new chats to wait, in their language', async () => {
    await one.app.get(UtilitySeedService).seed({ seed: 7, customers: 50, now: new Date() });
    const clients: RecordingClient[] = [];
    const wrongGuesses = async (language: 'zh' | 'en', guesses: string[]) => {
      const { client } = await startCustomer(one.url, language, clients);
      await sayToBot(
        client,
        language === 'zh'
          ? '查一下电费 户号1000003051'
          : 'why is my bill so high? account 1000003051',
      );
      for (const guess of guesses) await sayToBot(client, guess);
      return client.events<{ sender: string; text: string }>('message:created');
    };
    try {
      // Three wrong in one chat hand it to a person; two more in a new chat reach the limit.
      await wrongGuesses('zh', ['1111', '2222', '3333']);
      const second = await wrongGuesses('en', ['4444', '5555']);
      const last = second.filter((m) => m.sender === 'bot').at(-1);
      expect(last?.text).toMatch(/paused: please try again in \d+ min/);
      // The right digits now are refused too: the cool-down holds whatever is typed.
      const third = await wrongGuesses('zh', ['9012']);
      expect(third.filter((m) => m.sender === 'bot').at(-1)?.text).toMatch(/已暂停/);
    } finally {
      clients.forEach((c) => c.close());
    }
  });
});
