import { randomBytes } from 'crypto';
import { connect, login, messageId, RecordingClient } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

interface Message {
  conversationId: string;
  sender: string;
  text: string;
}

/**
 * Two app instances on one database and one Redis (the same Bull and socket.io prefix, as two
 * replicas behind a load balancer): room broadcasts travel between them over Redis.
 */
describe('two instances', () => {
  let a: TestApp;
  let b: TestApp;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    const shared = { QUEUE_PREFIX: `pd-e2e-pair-${randomBytes(4).toString('hex')}` };
    a = await startTestApp(shared);
    await a.reset();
    b = await startTestApp({ ...shared, MONGODB_URI: a.mongoUri });
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await b.close({ keepData: true });
    await a.close();
  });

  it('shows a customer on instance A to a supervisor watching on instance B, live', async () => {
    const customer = await connect(a.url, '/customer');
    clients.push(customer);
    const started = await customer.emit('conversation:start', { language: 'en' });
    const conversationId = (started.conversation as { id: string }).id;
    const supervisor = await connect(b.url, '/supervisor', {
      token: await login(b.url, 'supervisor.zhou'),
    });
    clients.push(supervisor);
    expect((await supervisor.emit('conversation:watch', { conversationId })).ok).toBe(true);

    await customer.emit('message:send', {
      clientMessageId: messageId(),
      text: 'is there an outage?',
    });
    const seen = await supervisor.waitFor<Message>(
      'message:created',
      (m) => m.conversationId === conversationId && m.sender === 'customer',
    );
    expect(seen.text).toBe('is there an outage?');
    // The bot's answer, written on A, reaches B's watcher too.
    await supervisor.waitFor<Message>(
      'message:created',
      (m) => m.conversationId === conversationId && m.sender === 'bot' && m.text !== '',
    );
  });
});
