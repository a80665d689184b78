import request from 'supertest';
import { DrainState } from '../src/health/drain-state';
import { canRunOwnStore, OwnServer } from './support/own-servers';
import { startTestApp, TestApp } from './support/test-app';

interface Readiness {
  status: string;
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string }>;
}

/** GET /health/ready, timed: a probe must answer fast even while a store hangs or is gone. */
async function ready(t: TestApp) {
  const started = Date.now();
  const res = await request(t.url).get('/health/ready');
  return { status: res.status, body: res.body as Readiness, ms: Date.now() - started };
}

describe('liveness and readiness', () => {
  let redis: OwnServer;
  let t: TestApp;

  beforeAll(async () => {
    redis = await OwnServer.start('redis');
    t = await startTestApp({ REDIS_URL: redis.uri });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('is live and ready with both stores up, and keeps the old /health shape', async () => {
    await request(t.url)
      .get('/health/live')
      .expect(200, { status: 'ok', info: {}, error: {}, details: {} });
    const r = await ready(t);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'ok',
      info: { drain: { status: 'up' }, mongodb: { status: 'up' }, redis: { status: 'up' } },
    });
    const old = await request(t.url).get('/health').expect(200);
    expect(old.body).toMatchObject({ status: 'ok', mongodb: 'up', redis: 'up' });
  });

  it('is not ready while Redis is down (answering within about a second), live all along', async () => {
    await redis.kill();
    const down = await ready(t);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'error', error: { redis: { status: 'down' } } });
    expect(down.body.info).toMatchObject({ mongodb: { status: 'up' } });
    expect(down.ms).toBeLessThan(2500);
    await request(t.url).get('/health/live').expect(200);

    await redis.up();
    let back = await ready(t);
    for (let i = 0; i < 50 && back.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      back = await ready(t);
    }
    expect(back.status).toBe(200);
  }, 30_000);

  it('is not ready once the instance drains, at once, while still live', async () => {
    t.app.get(DrainState).start();
    const r = await ready(t);
    expect(r.status).toBe(503);
    expect(r.body.error).toMatchObject({ drain: { status: 'down' } });
    await request(t.url).get('/health/live').expect(200);
  });
});

// Killing the database needs a store of the test's own (see store-outage.e2e-spec.ts).
const describeWithOwnDb = canRunOwnStore ? describe : describe.skip;

describeWithOwnDb('readiness while MongoDB is down', () => {
  let db: OwnServer;
  let t: TestApp;

  beforeAll(async () => {
    db = await OwnServer.start('mongo');
    t = await startTestApp({ MONGODB_URI: db.uri });
  });
  afterAll(async () => {
    await t.close();
    await db.stop();
  });

  it('fails with mongodb down within about a second, and recovers', async () => {
    expect((await ready(t)).status).toBe(200);
    await db.kill();
    const down = await ready(t);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ error: { mongodb: { status: 'down' } } });
    expect(down.ms).toBeLessThan(2500);
    await db.up();
    let back = await ready(t);
    for (let i = 0; i < 100 && back.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      back = await ready(t);
    }
    expect(back.status).toBe(200);
  }, 60_000);
});
