import request from 'supertest';
import { connect, connectAgent, login, messageId, RecordingClient } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

interface Board {
  conversations: { withBot: number; waiting: number; withAgent: number };
  queue: { priority: number; waiting: number; longestWaitSeconds: number }[];
  agents: { displayName: string; presence: string; load: number }[];
}
interface Ticket {
  id: string;
  conversationId: string;
}
interface Message {
  text: string;
  internal?: boolean;
}

describe('supervisor live monitoring', () => {
  let t: TestApp;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(() => t.reset());
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => t.close());

  async function supervisor(username = 'supervisor.qa') {
    const client = await connect(t.url, '/supervisor', { token: await login(t.url, username) });
    clients.push(client);
    return client;
  }

  async function waitingCustomer() {
    const client = await connect(t.url, '/customer');
    clients.push(client);
    const ack = await client.emit('conversation:start', { language: 'zh' });
    await client.emit('message:send', { clientMessageId: messageId(), text: '转人工' });
    await client.waitFor<{ status: string }>('conversation:updated', (c) => c.status === 'waiting');
    return { client, conversationId: (ack.conversation as { id: string }).id };
  }

  it('shows the board and pushes it again when the desk changes', async () => {
    const sup = await supervisor();
    const first = await sup.emit('monitor:snapshot', {});
    expect(first).toMatchObject({ ok: true, conversations: { waiting: 0 } });
    await waitingCustomer();
    const board = await sup.waitFor<Board>('monitor:updated', (b) => b.conversations.waiting === 1);
    expect(board.queue.find((q) => q.priority === 2)?.waiting).toBe(1);
    const agent = await connectAgent(t.url, 'agent.sam');
    clients.push(agent);
    await sup.waitFor<Board>('monitor:updated', (b) =>
      b.agents.some((a) => a.displayName === 'Sam Taylor' && a.presence === 'online'),
    );
  });

  it('lets a supervisor watch silently and whisper to the agent, and logs both', async () => {
    const { client: customer, conversationId } = await waitingCustomer();
    const agent = await connectAgent(t.url, 'agent.li');
    clients.push(agent);
    const offered = await agent.waitFor<Ticket>(
      'ticket:offered',
      (tk) => tk.conversationId === conversationId,
    );
    await agent.emit('ticket:accept', { ticketId: offered.id });

    const sup = await supervisor();
    expect((await sup.emit('conversation:watch', { conversationId })).ok).toBe(true);
    await agent.emit('note:add', {
      ticketId: offered.id,
      clientMessageId: messageId(),
      text: 'note for colleagues',
    });
    await sup.waitFor<Message>(
      'message:created',
      (m) => m.text === 'note for colleagues' && m.internal === true,
    );

    expect(
      (await sup.emit('agent:whisper', { ticketId: offered.id, text: 'offer the instalment plan' }))
        .ok,
    ).toBe(true);
    await agent.waitFor<{ text: string }>(
      'whisper:received',
      (w) => w.text === 'offer the instalment plan',
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(JSON.stringify(customer.received)).not.toMatch(/instalment plan|note for colleagues/);

    const token = await login(t.url, 'supervisor.zhou');
    const log = await request(t.url)
      .get('/audit/access-log')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    const actions = (log.body as { entries: { action: string; username: string }[] }).entries.map(
      (e) => `${e.username} ${e.action}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['supervisor.qa conversation.watch', 'supervisor.qa agent.whisper']),
    );
  });

  it('lets no agent or customer onto the supervisor namespace', async () => {
    const agentToken = await login(t.url, 'agent.li');
    await expect(connect(t.url, '/supervisor', { token: agentToken })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    await expect(connect(t.url, '/supervisor')).rejects.toMatchObject({
      data: { code: 'UNAUTHENTICATED' },
    });
  });

  it('refuses a whisper on a ticket nobody is handling', async () => {
    const sup = await supervisor();
    expect(
      await sup.emit('agent:whisper', { ticketId: '0123456789abcdef01234567', text: 'hi' }),
    ).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(await sup.emit('agent:whisper', { ticketId: 'nope', text: 'hi' })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
  });
});
