import request from 'supertest';
import { login } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

describe('the queue board (/admin/queues): read-only, supervisors only', () => {
  let t: TestApp;
  let supervisor: string;
  let agent: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    supervisor = await login(t.url, 'supervisor.qa');
    agent = await login(t.url, 'agent.li');
  });
  afterAll(() => t.close());

  it('answers 401 without a session and 403 to an agent, by header or cookie', async () => {
    await request(t.url).get('/admin/queues').expect(401);
    await request(t.url).get('/admin/queues/api/queues').expect(401);
    await request(t.url)
      .get('/admin/queues')
      .set('authorization', 'Bearer not-a-real-token-at-all')
      .expect(401);
    await request(t.url).get('/admin/queues').set('authorization', `Bearer ${agent}`).expect(403);
    await request(t.url)
      .post('/admin/queues/session')
      .set('authorization', `Bearer ${agent}`)
      .expect(403);
    await request(t.url).get('/admin/queues').set('cookie', `pd_queue_board=${agent}`).expect(403);
  });

  it('serves the board to a supervisor with a CSP that allows its inline styles only', async () => {
    const page = await request(t.url)
      .get('/admin/queues')
      .set('authorization', `Bearer ${supervisor}`)
      .expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // Its scripts are files of its own (allowed by script-src 'self'), no inline code.
    const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    for (const attributes of scripts)
      expect(attributes).toMatch(/src="static\/|type="application\/json"/);
    const asset = /src="(static\/js\/main[^"]+)"/.exec(page.text)?.[1];
    expect(asset).toBeDefined();
    await request(t.url)
      .get(`/admin/queues/${asset}`)
      .set('authorization', `Bearer ${supervisor}`)
      .expect(200);
    // The rest of the app keeps its strict policy.
    const home = await request(t.url).get('/').expect(200);
    expect(String(home.headers['content-security-policy'])).toContain("style-src 'self';");
  });

  it('opens by a cookie set from the supervisor token, shows the tickets queue, read-only', async () => {
    const session = await request(t.url)
      .post('/admin/queues/session')
      .set('authorization', `Bearer ${supervisor}`)
      .expect(204);
    const setCookie = String(session.headers['set-cookie']);
    expect(setCookie).toMatch(/pd_queue_board=.+; Path=\/admin\/queues; HttpOnly; SameSite=Strict/);
    const cookie = setCookie.split(';')[0];
    const queues = await request(t.url)
      .get('/admin/queues/api/queues')
      .set('cookie', cookie)
      .expect(200);
    const body = queues.body as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(body.queues).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'tickets', readOnlyMode: true })]),
    );
    const pause = await request(t.url)
      .put('/admin/queues/api/queues/tickets/pause')
      .set('cookie', cookie);
    expect(pause.status).toBe(405);
  });
});
