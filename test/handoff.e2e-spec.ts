import request from 'supertest';
import { connect, connectAgent, login, messageId, RecordingClient } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

interface Message {
  id: string;
  conversationId: string;
  seq: number;
  sender: string;
  text: string;
  intent?: string;
  confidence?: number;
}
interface Ticket {
  id: string;
  conversationId: string;
  status: string;
  agentId?: string;
  history: { status: string; by: string }[];
}
interface Conversation {
  id: string;
  status: string;
}

describe('customer → bot → ticket → agent → transcript', () => {
  let t: TestApp;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(() => t.reset());
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => t.close());

  async function customer(language: 'zh' | 'en') {
    const client = await connect(t.url, '/customer');
    clients.push(client);
    const ack = await client.emit('conversation:start', { language });
    expect(ack.ok).toBe(true);
    return {
      client,
      conversation: ack.conversation as Conversation,
      resumeToken: ack.resumeToken as string,
    };
  }

  async function agent(username = 'agent.li') {
    const client = await connectAgent(t.url, username);
    clients.push(client);
    return client;
  }

  it('hands a conversation over to an agent and back, and the supervisor sees all of it', async () => {
    const { client: cust, conversation } = await customer('en');
    const desk = await agent();

    expect(
      (await cust.emit('message:send', { clientMessageId: messageId(), text: 'hello' })).ok,
    ).toBe(true);
    const greeting = await cust.waitFor<Message>(
      'message:created',
      (m) => m.sender === 'bot' && m.intent === 'greeting',
    );
    expect(greeting.text).toMatch(/help/i);

    await cust.emit('message:send', {
      clientMessageId: messageId(),
      text: 'I want to talk to an agent',
    });
    await cust.waitFor<Conversation>('conversation:updated', (c) => c.status === 'waiting');

    // The Bull processor offers the new ticket to connected agents.
    const offered = await desk.waitFor<Ticket>(
      'ticket:queued',
      (tk) => tk.conversationId === conversation.id,
    );
    const accepted = await desk.emit('ticket:accept', { ticketId: offered.id });
    expect(accepted.ok).toBe(true);
    const transcript = accepted.messages as Message[];
    expect(transcript.map((m) => m.text)).toEqual(
      expect.arrayContaining(['hello', 'I want to talk to an agent']),
    );
    await cust.waitFor<Conversation>('conversation:updated', (c) => c.status === 'agent');
    await cust.waitFor<Message>(
      'message:created',
      (m) => m.sender === 'system' && /joined/.test(m.text),
    );

    await desk.emit('message:send', {
      ticketId: offered.id,
      clientMessageId: messageId(),
      text: 'Hi, this is Li Na.',
    });
    await cust.waitFor<Message>(
      'message:created',
      (m) => m.sender === 'agent' && m.text === 'Hi, this is Li Na.',
    );
    await cust.emit('message:send', {
      clientMessageId: messageId(),
      text: 'my lights are flickering',
    });
    await desk.waitFor<Message>(
      'message:created',
      (m) => m.sender === 'customer' && m.text === 'my lights are flickering',
    );

    const closed = await desk.emit('ticket:close', {
      ticketId: offered.id,
      resolution: 'information_given',
    });
    expect(closed.ok).toBe(true);
    await cust.waitFor<Conversation>('conversation:updated', (c) => c.status === 'bot');
    await cust.waitFor<Message>(
      'message:created',
      (m) => m.sender === 'system' && /ended/.test(m.text),
    );

    const token = await login(t.url, 'supervisor.zhou');
    const res = await request(t.url)
      .get(`/transcripts/${conversation.id}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    const body = res.body as { messages: Message[]; tickets: Ticket[] };
    const seqs = body.messages.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(body.messages.map((m) => m.sender)).toEqual(
      expect.arrayContaining(['bot', 'customer', 'agent', 'system']),
    );
    // The bot stayed quiet while the agent had the conversation: no bot turn between join and close.
    const joinedAt = body.messages.findIndex((m) => m.sender === 'system');
    const afterJoin = body.messages.slice(joinedAt);
    const closedAt = afterJoin.findIndex((m) => m.sender === 'system' && /ended/.test(m.text));
    expect(afterJoin.slice(0, closedAt).some((m) => m.sender === 'bot')).toBe(false);
    for (const bot of body.messages.filter((m) => m.sender === 'bot' && m.intent)) {
      expect(typeof bot.confidence).toBe('number');
    }
    expect(body.tickets).toHaveLength(1);
    // Offered first when the dispatcher got there before the agent took it from the list.
    expect(body.tickets[0].history.map((h) => h.status).filter((s) => s !== 'offered')).toEqual([
      'queued',
      'assigned',
      'resolved',
    ]);
  });

  it('answers in Chinese when the customer writes Chinese', async () => {
    const { client } = await customer('en');
    await client.emit('message:send', { clientMessageId: messageId(), text: '我家停电了' });
    const reply = await client.waitFor<Message>(
      'message:created',
      (m) => m.sender === 'bot' && m.intent !== undefined,
    );
    expect(reply.intent).toBe('outage.report');
    expect(reply.text).toMatch(/户号|区域/); // it asks where, in Chinese
  });

  it('shows typing both ways, only to the other side and only for the chat’s owner', async () => {
    const { client: cust, conversation } = await customer('en');
    const li = await agent('agent.li');
    await cust.emit('message:send', {
      clientMessageId: messageId(),
      text: 'my meter is beeping and the display says E3, can I talk to an agent',
    });
    const offered = await li.waitFor<Ticket>(
      'ticket:queued',
      (tk) => tk.conversationId === conversation.id,
    );
    expect((await li.emit('ticket:accept', { ticketId: offered.id })).ok).toBe(true);
    const sam = await agent('agent.sam');

    expect((await cust.emit('typing:set', { typing: true })).ok).toBe(true);
    await li.waitFor<{ conversationId: string; who: string; typing: boolean }>(
      'typing:updated',
      (e) => e.conversationId === conversation.id && e.who === 'customer' && e.typing,
    );
    expect((await li.emit('typing:set', { ticketId: offered.id, typing: true })).ok).toBe(true);
    await cust.waitFor<{ who: string; typing: boolean }>(
      'typing:updated',
      (e) => e.who === 'agent' && e.typing,
    );
    // An agent who does not own the chat cannot pretend to type in it, and never hears it.
    const stranger = await sam.emit('typing:set', { ticketId: offered.id, typing: true });
    expect(stranger.ok).toBe(false);
    expect(sam.events('typing:updated')).toEqual([]);
    expect((await cust.emit('typing:set', { typing: 'yes' })).error?.code).toBe('VALIDATION');
  });

  it('lets exactly one of several racing agents take a ticket', async () => {
    const { client: cust, conversation } = await customer('en');
    const desks: RecordingClient[] = [];
    for (let i = 0; i < 8; i++) desks.push(await agent(i % 2 === 0 ? 'agent.li' : 'agent.sam'));
    await cust.emit('message:send', {
      clientMessageId: messageId(),
      text: 'can I talk to an agent please',
    });
    const offered = await desks[0].waitFor<Ticket>(
      'ticket:queued',
      (tk) => tk.conversationId === conversation.id,
    );

    const acks = await Promise.all(
      desks.map((d) => d.emit('ticket:accept', { ticketId: offered.id })),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    for (const lost of acks.filter((a) => !a.ok)) expect(lost.error?.code).toBe('CONFLICT');
    await desks[1].waitFor<Ticket>('ticket:assigned', (tk) => tk.id === offered.id);
  });

  it('keeps every one of a burst of concurrent messages, each with its own number, in order', async () => {
    const { client, conversation } = await customer('en');
    const texts = Array.from({ length: 20 }, (_, i) => `burst ${i}`);
    const acks = await Promise.all(
      texts.map((text) => client.emit('message:send', { clientMessageId: messageId(), text })),
    );
    expect(acks.every((a) => a.ok)).toBe(true);

    const token = await login(t.url, 'supervisor.zhou');
    const res = await request(t.url)
      .get(`/transcripts/${conversation.id}`)
      .set('authorization', `Bearer ${token}`);
    const messages = (res.body as { messages: Message[] }).messages;
    expect(
      messages
        .filter((m) => m.sender === 'customer')
        .map((m) => m.text)
        .sort(),
    ).toEqual([...texts].sort());
    // Numbers come from an atomic counter: unique and in order. A bot turn still storing its
    // replies holds numbers not yet visible, so the transcript read now may show a gap.
    const seqs = messages.map((m) => m.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const customerSeqs = messages.filter((m) => m.sender === 'customer').map((m) => m.seq);
    expect(Math.max(...customerSeqs)).toBeLessThanOrEqual(seqs.length + 20);
  });

  it('resumes a conversation after a reconnect with its full history', async () => {
    const { client, conversation, resumeToken } = await customer('en');
    await client.emit('message:send', { clientMessageId: messageId(), text: 'hello' });
    await client.waitFor<Message>(
      'message:created',
      (m) => m.sender === 'bot' && m.intent === 'greeting',
    );
    client.close();

    const again = await connect(t.url, '/customer');
    clients.push(again);
    const ack = await again.emit('conversation:resume', { resumeToken });
    expect(ack.ok).toBe(true);
    expect((ack.conversation as Conversation).id).toBe(conversation.id);
    const history = ack.messages as Message[];
    expect(history.map((m) => m.sender)).toEqual(['bot', 'customer', 'bot']);
    expect(history[1].text).toBe('hello');

    await again.emit('message:send', { clientMessageId: messageId(), text: 'my power is out' });
    await again.waitFor<Message>(
      'message:created',
      (m) => m.sender === 'bot' && m.intent === 'outage.report',
    );
  });

  it('stores a message sent twice with one client message id once', async () => {
    const { client, conversation } = await customer('en');
    const id = messageId();
    const [a, b] = await Promise.all([
      client.emit('message:send', { clientMessageId: id, text: 'hello' }),
      client.emit('message:send', { clientMessageId: id, text: 'hello' }),
    ]);
    const c = await client.emit('message:send', { clientMessageId: id, text: 'hello' });
    expect([a.ok, b.ok, c.ok]).toEqual([true, true, true]);
    const ids = [a, b, c].map((x) => (x.message as Message).id);
    expect(new Set(ids).size).toBe(1);
    expect(c.duplicate).toBe(true);

    await client.waitFor<Message>(
      'message:created',
      (m) => m.sender === 'bot' && m.intent === 'greeting',
    );
    const token = await login(t.url, 'supervisor.zhou');
    const res = await request(t.url)
      .get(`/transcripts/${conversation.id}`)
      .set('authorization', `Bearer ${token}`);
    const messages = (res.body as { messages: Message[] }).messages;
    expect(messages.filter((m) => m.sender === 'customer')).toHaveLength(1);
    // One stored message, so one bot answer to it (plus the welcome).
    expect(messages.filter((m) => m.sender === 'bot')).toHaveLength(2);
  });
});
