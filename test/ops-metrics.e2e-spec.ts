import { EventEmitter2 } from '@nestjs/event-emitter';
import request from 'supertest';
import {
  connect,
  connectAgent,
  messageId,
  RecordingClient,
  startCustomer,
} from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

interface Ticket {
  id: string;
  conversationId: string;
}

/** One sample's value from a Prometheus text page (0 when absent). */
function sample(page: string, name: string, labels = ''): number {
  const line = page.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

describe('operators metrics at /metrics', () => {
  let t: TestApp;
  const clients: RecordingClient[] = [];
  const scrape = async () => (await request(t.url).get('/metrics').expect(200)).text;

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t.close();
  });

  async function escalate(): Promise<string> {
    const { client, conversationId } = await startCustomer(t.url, 'zh', clients);
    await client.emit('message:send', { clientMessageId: messageId(), text: '转人工' });
    await client.waitFor<{ status: string }>('conversation:updated', (c) => c.status === 'waiting');
    return conversationId;
  }

  it('counts offers by outcome and observes the queue wait of an accepted ticket', async () => {
    const desk = await connectAgent(t.url, 'agent.li');
    clients.push(desk);
    const first = await escalate();
    const offer = await desk.waitFor<Ticket>('ticket:offered', (o) => o.conversationId === first);
    await new Promise((r) => setTimeout(r, 300));
    expect((await desk.emit('ticket:accept', { ticketId: offer.id })).ok).toBe(true);

    const second = await escalate();
    const next = await desk.waitFor<Ticket>('ticket:offered', (o) => o.conversationId === second);
    expect((await desk.emit('ticket:decline', { ticketId: next.id })).ok).toBe(true);

    const page = await scrape();
    const offers = (outcome: string) =>
      sample(page, 'powerdesk_ticket_offers_total', `{outcome="${outcome}"}`);
    expect(offers('offered')).toBeGreaterThanOrEqual(2);
    expect(offers('accepted')).toBe(1);
    expect(offers('declined')).toBe(1);
    expect(sample(page, 'powerdesk_ticket_queue_wait_seconds_count')).toBe(1);
    // It waited at least the 300 ms the agent took to accept.
    expect(sample(page, 'powerdesk_ticket_queue_wait_seconds_sum')).toBeGreaterThanOrEqual(0.3);
  });

  it('counts dispatcher runs and their offers from the dispatch.ran event', async () => {
    const before = await scrape();
    t.app.get(EventEmitter2).emit('dispatch.ran', { offers: 3, ms: 5000 });
    const after = await scrape();
    const delta = (name: string) => sample(after, name) - sample(before, name);
    expect(delta('powerdesk_dispatch_runs_total')).toBeGreaterThanOrEqual(1);
    expect(delta('powerdesk_dispatch_offers_total')).toBeGreaterThanOrEqual(3);
    expect(delta('powerdesk_dispatch_seconds_sum')).toBeGreaterThanOrEqual(5);
  });

  it('gauges the sockets of this instance per namespace, and has event-loop lag', async () => {
    const extra = await connect(t.url, '/customer');
    clients.push(extra);
    const page = await scrape();
    // Two customers of the first test and this one; the agent.
    expect(sample(page, 'powerdesk_sockets_connected', '{namespace="/customer"}')).toBe(3);
    expect(sample(page, 'powerdesk_sockets_connected', '{namespace="/agent"}')).toBe(1);
    expect(sample(page, 'powerdesk_sockets_connected', '{namespace="/supervisor"}')).toBe(0);
    extra.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(sample(await scrape(), 'powerdesk_sockets_connected', '{namespace="/customer"}')).toBe(
      2,
    );
    expect(page).toMatch(/^powerdesk_nodejs_eventloop_lag_seconds \d/m);
    expect(page).toMatch(/^powerdesk_nodejs_eventloop_lag_p99_seconds \d/m);
  });
});
