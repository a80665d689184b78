import request from 'supertest';
import { connect, connectAgent, messageId, RecordingClient } from './support/clients';
import { canRunOwnStore, OwnServer } from './support/own-servers';
import { startTestApp, TestApp } from './support/test-app';

interface Message {
  sender: string;
  text: string;
  intent?: string;
  clientMessageId: string;
}
interface Ticket {
  id: string;
  conversationId: string;
}

// Killing the database needs a store of the test's own (the mongo-java-server that
// scripts/services.sh builds); when the suite runs against an external MongoDB (MONGODB_URI
// set, so nothing was built) there is none to kill, and this block is skipped.
const describeWithOwnDb = canRunOwnStore ? describe : describe.skip;

describeWithOwnDb('when MongoDB goes down', () => {
  let db: OwnServer;
  let t: TestApp;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    db = await OwnServer.start('mongo');
    t = await startTestApp({ MONGODB_URI: db.uri });
    await t.reset();
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await t.close();
    await db.stop();
  });

  it('refuses a message with UNAVAILABLE, stays up, and stores the resend once it is back', async () => {
    const customer = await connect(t.url, '/customer');
    clients.push(customer);
    const started = await customer.emit('conversation:start', { language: 'en' });
    expect(started.ok).toBe(true);

    await db.kill();
    const id = messageId();
    const refused = await customer.emit('message:send', {
      clientMessageId: id,
      text: 'my power is out',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const health = await request(t.url).get('/health').expect(503);
    expect(health.body).toMatchObject({ mongodb: 'down', redis: 'up' });

    await db.up();
    // The client retries with the same id (as the widget does) until the store answers.
    let ack = await customer.emit('message:send', { clientMessageId: id, text: 'my power is out' });
    for (let i = 0; i < 20 && !ack.ok; i++) {
      await new Promise((r) => setTimeout(r, 500));
      ack = await customer.emit('message:send', { clientMessageId: id, text: 'my power is out' });
    }
    expect(ack.ok).toBe(true);
    await customer.waitFor<Message>(
      'message:created',
      (m) => m.sender === 'bot' && m.intent === 'outage.report',
    );
    const resumed = await customer.emit('conversation:resume', {
      resumeToken: started.resumeToken,
    });
    const mine = (resumed.messages as Message[]).filter((m) => m.clientMessageId === id);
    expect(mine).toHaveLength(1);
  }, 60_000);
});

describe('when Redis goes down', () => {
  let redis: OwnServer;
  let t: TestApp;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    redis = await OwnServer.start('redis');
    t = await startTestApp({ REDIS_URL: redis.uri, TICKETS_RECONCILE_SECONDS: '1' });
    await t.reset();
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('still records the escalation, and offers the ticket once Redis is back', async () => {
    const customer = await connect(t.url, '/customer');
    clients.push(customer);
    const started = await customer.emit('conversation:start', { language: 'zh' });
    const conversationId = (started.conversation as { id: string }).id;

    await redis.kill();
    expect(
      (await customer.emit('message:send', { clientMessageId: messageId(), text: '转人工' })).ok,
    ).toBe(true);
    await customer.waitFor<{ status: string }>(
      'conversation:updated',
      (c) => c.status === 'waiting',
      15_000,
    );
    const health = await request(t.url).get('/health').expect(503);
    expect(health.body).toMatchObject({ mongodb: 'up', redis: 'down' });

    // A fresh Redis has none of the old jobs: the reconciler rebuilds them from MongoDB.
    await redis.up();
    const desk = await connectAgent(t.url);
    clients.push(desk);
    const offered = await desk.waitFor<Ticket>(
      'ticket:queued',
      (tk) => tk.conversationId === conversationId,
      20_000,
    );
    expect((await desk.emit('ticket:accept', { ticketId: offered.id })).ok).toBe(true);
  }, 60_000);
});
