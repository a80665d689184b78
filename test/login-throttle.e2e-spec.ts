import request from 'supertest';
import { LoginThrottleService } from '../src/auth/login-throttle.service';
import { USERNAME_LIMITS } from '../src/auth/login-throttle.policy';
import { RedisService } from '../src/common/redis.service';
import { DEMO_PASSWORD } from '../src/seed/demo-seed.service';
import { login } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

interface ErrorBody {
  error: {
    code: string;
    message: string;
    details?: { retryAfterSeconds: number; locked: boolean };
  };
}
interface Entry {
  username: string;
  action: string;
  target: string;
  staffId: string;
}

describe('login throttling (state in Redis)', () => {
  let t: TestApp;
  let redis: RedisService;

  const attempt = (username: string, password = 'not-the-password') =>
    request(t.url).post('/auth/login').send({ username, password });

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    redis = t.app.get(RedisService);
  });
  beforeEach(async () => {
    // Every test starts with no attempts on record (the address's count included).
    const keys = await redis.client.keys(`${redis.prefix}login:*`);
    if (keys.length > 0) await redis.client.del(...keys);
  });
  afterAll(() => t.close());

  it('checks at most three of fifty wrong passwords sent at once; the rest wait (429, Retry-After)', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => attempt('agent.li')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(USERNAME_LIMITS.free);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(47);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const limited = answers.find((a) => a.status === 429)!;
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((limited.body as ErrorBody).error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('秒后再试'),
    });
  });

  it('makes each attempt past the free ones wait twice as long as the one before', async () => {
    for (let i = 0; i < USERNAME_LIMITS.free; i++) await attempt('agent.sam').expect(401);
    const first = await attempt('agent.sam').expect(429);
    expect((first.body as ErrorBody).error.details?.retryAfterSeconds).toBe(1);
    await new Promise((r) => setTimeout(r, 1100));
    await attempt('agent.sam').expect(401);
    const second = await attempt('agent.sam').expect(429);
    expect((second.body as ErrorBody).error.details?.retryAfterSeconds).toBe(2);
    // Even the right password waits its turn, so parallel guessing gains nothing.
    await attempt('agent.sam', DEMO_PASSWORD).expect(429);
    await new Promise((r) => setTimeout(r, 2100));
    await attempt('agent.sam', DEMO_PASSWORD).expect(200);
    // The right password cleared the name's count.
    await attempt('agent.sam').expect(401);
  });

  it('throttles an unknown username exactly like a known one, in about the same time', async () => {
    const timed = async (username: string) => {
      const started = performance.now();
      const res = await attempt(username);
      return { status: res.status, ms: performance.now() - started };
    };
    const known = [];
    const unknown = [];
    for (let i = 0; i < USERNAME_LIMITS.free; i++) {
      known.push(await timed('supervisor.qa'));
      unknown.push(await timed('nobody.here'));
    }
    expect([...known, ...unknown].map((r) => r.status)).toEqual(Array(6).fill(401));
    expect((await attempt('nobody.here')).status).toBe(429);
    // Both pay one scrypt: an unknown name is no longer answered several times faster.
    const median = (xs: { ms: number }[]) => xs.map((x) => x.ms).sort((a, b) => a - b)[1];
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('locks a name after too many attempts, refuses even the right password, and logs the lockout', async () => {
    // Ten failed attempts already on record within the window (as if spread over minutes).
    const [count] = t.app.get(LoginThrottleService).keys('user', 'supervisor.zhou');
    await redis.client.set(count, String(USERNAME_LIMITS.lockAfter), 'PX', 60_000);
    const locked = await attempt('supervisor.zhou', DEMO_PASSWORD).expect(429);
    expect((locked.body as ErrorBody).error.details).toMatchObject({ locked: true });
    expect((locked.body as ErrorBody).error.message).toMatch(/locked.*锁定/);
    await attempt('supervisor.zhou', DEMO_PASSWORD).expect(429);

    const token = await login(t.url, 'supervisor.qa');
    const log = await request(t.url)
      .get('/audit/access-log')
      .query({ target: 'login:user:supervisor.zhou' })
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    const entries = (log.body as { entries: Entry[] }).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'login.locked', username: 'supervisor.zhou' });
    expect(entries[0].staffId).toMatch(/^[0-9a-f]{24}$/);
  });
});
