import request from 'supertest';
import type { ReportRow as Row } from '../src/audit/reports/reports.service';
import { todayIn } from '../src/common/report-dates';
import {
  connectAgent,
  login,
  messageId,
  RecordingClient,
  sayToBot,
  startCustomer,
} from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

interface Ticket {
  id: string;
  conversationId: string;
}

describe('service-quality reports', () => {
  let t: TestApp;
  let token: string;
  const clients: RecordingClient[] = [];
  // Reports count days in the service's zone (Asia/Shanghai by default), not UTC.
  const today = todayIn('Asia/Shanghai');

  const customer = (language: 'zh' | 'en') => startCustomer(t.url, language, clients);

  const say = sayToBot;

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    // Contained by the bot; missed by the bot; escalated, served and rated 4; escalated, left the queue.
    await say((await customer('zh')).client, '你好');
    await say((await customer('zh')).client, '充电宝没电了怎么办');
    await say((await customer('en')).client, 'my power bank is dead, can you charge it');

    const served = await customer('zh');
    const desk = await connectAgent(t.url, 'agent.li');
    clients.push(desk);
    await say(served.client, '转人工');
    const offered = await desk.waitFor<Ticket>(
      'ticket:offered',
      (tk) => tk.conversationId === served.conversationId,
    );
    await desk.emit('ticket:accept', { ticketId: offered.id });
    await desk.emit('message:send', {
      ticketId: offered.id,
      clientMessageId: messageId(),
      text: '您好',
    });
    await desk.emit('ticket:close', { ticketId: offered.id, resolution: 'resolved' });
    await served.client.waitFor('survey:requested');
    await served.client.emit('survey:submit', {
      ticketId: offered.id,
      agentRating: 4,
      botRating: 3,
    });
    desk.close();

    const leaver = await customer('en');
    await say(leaver.client, 'I want to talk to an agent');
    await leaver.client.waitFor<{ status: string }>(
      'conversation:updated',
      (c) => c.status === 'waiting',
    );
    await leaver.client.emit('queue:leave', {});
    await leaver.client.waitFor<{ status: string }>(
      'conversation:updated',
      (c) => c.status === 'bot',
    );
    token = await login(t.url, 'supervisor.qa');
  }, 60_000);
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t.close();
  });

  const get = (path: string) => request(t.url).get(path).set('authorization', `Bearer ${token}`);

  it('reports volume, containment, escalation, waits and satisfaction by day', async () => {
    const res = await get(`/reports/quality?from=${today}&to=${today}&groupBy=day`).expect(200);
    const [row] = (res.body as { rows: Row[] }).rows;
    expect(row).toMatchObject({ group: today, conversations: 5, tickets: 2, agentRatingMean: 4 });
    expect(row.containmentRate).toBe(0.6);
    expect(row.escalationRate).toBe(0.4);
    expect(row.escalationReasons).toEqual({ customer_request: 2 });
    expect(row.waitP50).toEqual(expect.any(Number));
    expect(row.agentRatings).toMatchObject({ '4': 1, '5': 0 });
  });

  it('attributes ratings to the agent', async () => {
    const res = await get(`/reports/quality?from=${today}&to=${today}&groupBy=agent`).expect(200);
    const li = (res.body as { rows: Row[] }).rows.find((r) => r.group.includes('Li Na'));
    expect(li).toMatchObject({ tickets: 1, agentRatingMean: 4, conversations: null });
  });

  it('exports every report as CSV', async () => {
    const res = await get(
      `/reports/quality?from=${today}&to=${today}&groupBy=intent&format=csv`,
    ).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.text.split('\r\n')[0]).toMatch(/^group,conversations,containmentRate/);
  });

  it('groups what the bot failed on, as candidate training data', async () => {
    const res = await get(`/reports/bot-misses?from=${today}&to=${today}`).expect(200);
    const texts = (res.body as { groups: { examples: string[] }[] }).groups.flatMap(
      (g) => g.examples,
    );
    expect(texts).toEqual(expect.arrayContaining(['充电宝没电了怎么办']));
    const csv = await get(`/reports/bot-misses?from=${today}&to=${today}&format=csv`).expect(200);
    expect(csv.text).toMatch(/^group,size,language,text,intent\r\n/);
  });

  it('is for supervisors only, and refuses bad ranges', async () => {
    await request(t.url).get(`/reports/quality?from=${today}&to=${today}`).expect(401);
    const agent = await login(t.url, 'agent.li');
    await request(t.url)
      .get(`/reports/quality?from=${today}&to=${today}`)
      .set('authorization', `Bearer ${agent}`)
      .expect(403);
    await get('/reports/quality?from=yesterday&to=today').expect(400);
    await get(`/reports/quality?from=2026-12-31&to=2026-01-01`).expect(400);
    await get(`/reports/quality?from=${today}&to=${today}&groupBy=planet`).expect(400);
  });
});
