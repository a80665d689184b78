import { randomBytes } from 'crypto';
import { Types } from 'mongoose';
import { ConversationsService } from '../src/conversations/conversations.service';
import { MessagesService } from '../src/conversations/messages.service';
import { TicketsQueryService } from '../src/tickets/tickets-query.service';
import { AppProcess } from './support/app-process';
import { connect, connectAgent, login, messageId, RecordingClient } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

interface Message {
  conversationId: string;
  sender: string;
  text: string;
  clientMessageId?: string;
}
interface Ticket {
  id: string;
  conversationId: string;
  status: string;
  agentId?: string;
}
interface Board {
  agents: { id: string; presence: string }[];
}

/**
 * Two instances on one database and one Redis prefix, as two replicas behind a load balancer:
 * A runs inside this test process, B is a process of its own, so it can be killed with -9.
 */
describe('a cluster of two instances', () => {
  let a: TestApp;
  let b: AppProcess | undefined;
  const clients: RecordingClient[] = [];
  const fast = { AGENT_GRACE_SECONDS: '3', AGENT_PRESENCE_TTL_SECONDS: '3' };

  beforeAll(async () => {
    const shared = { QUEUE_PREFIX: `pd-e2e-cluster-${randomBytes(4).toString('hex')}`, ...fast };
    a = await startTestApp(shared);
    await a.reset();
    b = await AppProcess.start({ ...shared, MONGODB_URI: a.mongoUri });
  }, 90_000);
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await b?.kill();
    await a.close();
  });

  const instance = (which: 'a' | 'b') => (which === 'a' ? a.url : (b as AppProcess).url);

  async function customer(on: 'a' | 'b', language: 'zh' | 'en') {
    const client = await connect(instance(on), '/customer');
    clients.push(client);
    const ack = await client.emit('conversation:start', { language });
    expect(ack.ok).toBe(true);
    return { client, conversationId: (ack.conversation as { id: string }).id };
  }

  async function agent(on: 'a' | 'b', username: string) {
    const client = await connectAgent(instance(on), username);
    clients.push(client);
    return client;
  }

  async function say(client: RecordingClient, text: string) {
    expect((await client.emit('message:send', { clientMessageId: messageId(), text })).ok).toBe(
      true,
    );
  }

  it.each([
    ['a', 'b'],
    ['b', 'a'],
  ] as const)(
    'hands a customer on %s over to an agent on %s, live both ways',
    async (c, d) => {
      const desk = await agent(d, 'agent.li');
      const { client: cust, conversationId } = await customer(c, 'en');
      await say(cust, 'my power went off an hour ago, can I talk to an agent please');
      // The dispatcher (on whichever instance) offers it from the shared presence.
      const offer = await desk.waitFor<Ticket>(
        'ticket:offered',
        (tk) => tk.conversationId === conversationId,
        15_000,
      );
      expect((await desk.emit('ticket:accept', { ticketId: offer.id })).ok).toBe(true);
      await desk.emit('message:send', {
        ticketId: offer.id,
        clientMessageId: messageId(),
        text: 'Hi, Li here. Which district are you in?',
      });
      await cust.waitFor<Message>('message:created', (m) => m.sender === 'agent');
      await say(cust, 'donghu, near the school. whole street is dark');
      await desk.waitFor<Message>(
        'message:created',
        (m) => m.sender === 'customer' && /whole street/.test(m.text),
      );
      expect(
        (await desk.emit('ticket:close', { ticketId: offer.id, resolution: 'resolved' })).ok,
      ).toBe(true);
    },
    40_000,
  );

  it('shows an agent connected to B on the board of a supervisor connected to A', async () => {
    const supervisor = await connect(a.url, '/supervisor', {
      token: await login(a.url, 'supervisor.zhou'),
    });
    clients.push(supervisor);
    await agent('b', 'agent.sam');
    const deadline = Date.now() + 5000;
    let board: Board;
    do {
      board = (await supervisor.emit('monitor:snapshot', {})) as unknown as Board;
      if (board.agents?.some((x) => x.id && x.presence === 'online')) break;
      await new Promise((r) => setTimeout(r, 100));
    } while (Date.now() < deadline);
    const online = board.agents.filter((x) => x.presence === 'online');
    expect(online.length).toBeGreaterThanOrEqual(1);
  });

  it('lets an agent who moves from B to A keep their chat past the grace period', async () => {
    const tickets = a.app.get(TicketsQueryService);
    const first = await agent('b', 'agent.li');
    const { client: cust, conversationId } = await customer('a', 'zh');
    await say(cust, '停电两个小时了还没来电，转人工');
    await cust.waitFor<{ status: string }>('conversation:updated', (x) => x.status === 'waiting');
    const offer = await first.waitFor<Ticket>(
      'ticket:offered',
      (tk) => tk.conversationId === conversationId,
      15_000,
    );
    expect((await first.emit('ticket:accept', { ticketId: offer.id })).ok).toBe(true);
    // The agent's browser reconnects through the load balancer to the other instance.
    first.close();
    await agent('a', 'agent.li');
    // The grace job (3 s) runs on whichever instance Bull gives it: both ask the shared presence.
    await new Promise((r) => setTimeout(r, 6000));
    const ticket = await tickets.get(offer.id);
    expect(ticket.status).toBe('assigned');
    expect(ticket.agentId).toBeDefined();
  }, 40_000);

  it('survives kill -9 of B mid-chat: the customer resumes on A, every acknowledged message is kept and answered, B’s agents go offline', async () => {
    const supervisor = await connect(a.url, '/supervisor', {
      token: await login(a.url, 'supervisor.zhou'),
    });
    clients.push(supervisor);
    const sam = await agent('b', 'agent.sam');
    await sam.emit('presence:set', { presence: 'away' });
    const { client: cust, conversationId } = await customer('b', 'en');
    const resumeToken = cust.resumeToken as string;
    const texts = [
      'hi, the lights keep flickering since the storm',
      'account 1000004067',
      'is there an outage on my street?',
      'also my bill looks way too high this month',
      'how much was october?',
      'and when is it due',
      'can i pay it online',
      'thx',
    ];
    const acked: string[] = [];
    const sends = texts.map((text) => {
      const id = messageId();
      return cust
        .emit('message:send', { clientMessageId: id, text })
        .then((ack) => {
          if (ack.ok) acked.push(id);
        })
        .catch(() => undefined);
    });
    // Kill as soon as the first message is acknowledged: the others are in flight or pending.
    const deadline = Date.now() + 10_000;
    while (acked.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    await (b as AppProcess).kill();
    b = undefined;
    await Promise.all(sends);
    expect(acked.length).toBeGreaterThanOrEqual(1);

    // The browser reconnects through the load balancer to A, with its resume token.
    const again = await connect(a.url, '/customer');
    clients.push(again);
    const resumed = await again.emit('conversation:resume', { resumeToken });
    expect(resumed.ok).toBe(true);

    const messages = a.app.get(MessagesService);
    const id = new Types.ObjectId(conversationId);
    const answeredBy = Date.now() + 45_000;
    const unanswered = async () => {
      const left: string[] = [];
      for (const m of acked) {
        expect(await messages.findByClientId(id, m)).toBeTruthy();
        if (!(await messages.findByClientId(id, `bot#${m}#0`))) left.push(m);
      }
      return left;
    };
    let left = await unanswered();
    while (left.length > 0 && Date.now() < answeredBy) {
      await new Promise((r) => setTimeout(r, 500));
      left = await unanswered();
    }
    if (left.length > 0) {
      // What the store says about them, for the failure message.
      const conversation = await a.app.get(ConversationsService).getLean(id);
      throw new Error(
        `unanswered ${JSON.stringify(left)} of ${JSON.stringify(acked)}; awaiting ` +
          JSON.stringify(conversation.awaitingTurns) +
          ` status ${conversation.status}`,
      );
    }

    // B's agent lapses within the presence TTL (3 s) and the supervisor on A is told.
    await supervisor.waitFor<{ agentId: string; presence: string }>(
      'agent:presence',
      (p) => p.presence === 'offline',
      10_000,
    );
  }, 90_000);
});
