import request from 'supertest';
import { Types } from 'mongoose';
import { TicketsQueryService } from '../src/tickets/tickets-query.service';
import { TicketsService } from '../src/tickets/tickets.service';
import {
  connect,
  connectAgent,
  login,
  messageId,
  RecordingClient,
  startCustomer,
} from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

interface Ticket {
  id: string;
  conversationId: string;
  status: string;
  priority: number;
  skill: string;
  offeredTo?: string;
  agentId?: string;
  slaBreaches: string[];
  waitedSeconds?: number;
  firstResponseSeconds?: number;
  handleSeconds?: number;
  rating?: { agent?: number; bot?: number; agentId?: string };
  history: { status: string; by: string; note?: string }[];
}
interface Message {
  sender: string;
  text: string;
  internal?: boolean;
}
interface QueueStatus {
  ticketId: string;
  position: number;
  estimatedWaitSeconds: number | null;
  agentsOnline: number;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('agent desk: routing, presence, SLA, notes, ratings', () => {
  let t: TestApp;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      OFFER_TIMEOUT_SECONDS: '2',
      AGENT_GRACE_SECONDS: '2',
      SLA_FIRST_RESPONSE_SECONDS: '2,2,2',
      SLA_RESOLUTION_SECONDS: '600,600,600',
    });
  });
  beforeEach(() => t.reset());
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await wait(50);
  });
  afterAll(() => t.close());

  const customer = (language: 'zh' | 'en' = 'zh') => startCustomer(t.url, language, clients);

  async function agent(username = 'agent.li') {
    const client = await connectAgent(t.url, username);
    clients.push(client);
    return client;
  }

  /** Opens a ticket the way the bot does after it decided to escalate. */
  async function escalate(
    reason: string,
    skill: 'outage' | 'billing' | 'account' | 'general' = 'general',
  ) {
    const { client, conversationId } = await customer();
    const ticket = await t.app.get(TicketsService).open({
      conversationId: new Types.ObjectId(conversationId),
      reason,
      language: 'zh',
      skill,
    });
    return { client, conversationId, ticketId: ticket.id as string };
  }

  it('offers the hazard first, then the complaint, then the rest, within the agent capacity', async () => {
    const normal = await escalate('customer_request');
    await wait(20);
    const complaint = await escalate('complaint');
    const hazard = await escalate('safety_hazard', 'outage');
    const desk = await agent('agent.li'); // capacity 3 by default: all three fit, in order
    const offers = [
      await desk.waitFor<Ticket>('ticket:offered', (tk) => tk.id === hazard.ticketId),
      await desk.waitFor<Ticket>('ticket:offered', (tk) => tk.id === complaint.ticketId),
      await desk.waitFor<Ticket>('ticket:offered', (tk) => tk.id === normal.ticketId),
    ];
    expect(offers.map((o) => o.priority)).toEqual([0, 1, 2]);
    const order = desk.events<Ticket>('ticket:offered').map((o) => o.id);
    expect(order.slice(0, 3)).toEqual([hazard.ticketId, complaint.ticketId, normal.ticketId]);
  });

  it('never offers an agent more chats than their capacity', async () => {
    const tickets = [];
    for (let i = 0; i < 4; i++) tickets.push(await escalate('customer_request'));
    const desk = await agent('agent.li'); // the default capacity: 3
    await desk.waitFor<Ticket>('ticket:offered');
    await wait(500);
    expect(desk.events<Ticket>('ticket:offered')).toHaveLength(3);
    const list = await desk.emit('ticket:list', {});
    expect((list.queued as Ticket[]).filter((tk) => tk.status === 'queued')).toHaveLength(1);
  });

  it('routes by skill and language: an English-only billing agent is not offered a Chinese outage', async () => {
    const zhOutage = await escalate('customer_request', 'outage');
    const sam = await agent('agent.sam'); // en only, billing and account
    await wait(500);
    expect(sam.events<Ticket>('ticket:offered')).toHaveLength(0);
    const li = await agent('agent.li');
    await li.waitFor<Ticket>('ticket:offered', (tk) => tk.id === zhOutage.ticketId);
  });

  it('moves an offer that is not accepted in time to the next agent, and sets the first away', async () => {
    const { ticketId } = await escalate('customer_request');
    const first = await agent('agent.li');
    const offer = await first.waitFor<Ticket>('ticket:offered', (tk) => tk.id === ticketId);
    expect(offer.offeredTo).toBeDefined();
    // Nobody else can take a Chinese ticket: li lets the offer lapse and is set away.
    await first.waitFor<{ why: string }>('ticket:offer_lapsed', (l) => l.why === 'timeout', 6000);
    await first.waitFor<{ presence: string }>('presence:updated', (p) => p.presence === 'away');
    const list = await first.emit('ticket:list', {});
    expect(list.presence).toBe('away');
    // Back online, the still-waiting ticket is offered again.
    await first.emit('presence:set', { presence: 'online' });
    await first.waitFor<Ticket>(
      'ticket:offered',
      (tk) => tk.id === ticketId && tk.history.length > 3,
    );
  });

  it('gives a declined offer to another agent who can take it', async () => {
    const { client, conversationId } = await customer('en');
    const ticket = await t.app.get(TicketsService).open({
      conversationId: new Types.ObjectId(conversationId),
      reason: 'customer_request',
      language: 'en',
      skill: 'billing',
    });
    const li = await agent('agent.li');
    const sam = await agent('agent.sam');
    const offeredTo = await Promise.race([
      li.waitFor<Ticket>('ticket:offered').then(() => li),
      sam.waitFor<Ticket>('ticket:offered').then(() => sam),
    ]);
    const other = offeredTo === li ? sam : li;
    expect((await offeredTo.emit('ticket:decline', { ticketId: ticket.id })).ok).toBe(true);
    await other.waitFor<Ticket>('ticket:offered', (tk) => tk.id === ticket.id);
    expect((await other.emit('ticket:accept', { ticketId: ticket.id })).ok).toBe(true);
    await client.waitFor<{ status: string }>('conversation:updated', (c) => c.status === 'agent');
  });

  it('puts a disconnected agent’s chat back at the front of the queue after the grace period', async () => {
    const { client, ticketId } = await escalate('customer_request');
    const li = await agent('agent.li');
    await li.waitFor<Ticket>('ticket:offered', (tk) => tk.id === ticketId);
    expect((await li.emit('ticket:accept', { ticketId })).ok).toBe(true);
    li.close();

    await client.waitFor<{ status: string }>(
      'conversation:updated',
      (c) => c.status === 'waiting',
      8000,
    );
    await client.waitFor<Message>(
      'message:created',
      (m) => m.sender === 'system' && /重新排队/.test(m.text),
    );
    const back = await t.app.get(TicketsQueryService).get(ticketId);
    expect(back.status).toBe('queued');
    expect(back.queueSortAt.getTime()).toBe(0);

    const again = await agent('agent.li');
    await again.waitFor<Ticket>('ticket:offered', (tk) => tk.id === ticketId);
  });

  it('keeps the chats of an agent who reconnects within the grace period', async () => {
    const { ticketId } = await escalate('customer_request');
    const li = await agent('agent.li');
    await li.waitFor<Ticket>('ticket:offered', (tk) => tk.id === ticketId);
    await li.emit('ticket:accept', { ticketId });
    li.close();
    const back = await agent('agent.li');
    await wait(3000);
    expect((await t.app.get(TicketsQueryService).get(ticketId)).status).toBe('assigned');
    expect(
      (
        await back.emit('message:send', {
          ticketId,
          clientMessageId: messageId(),
          text: '我回来了',
        })
      ).ok,
    ).toBe(true);
  });

  it('alerts supervisors when the first-response target is missed, raises the priority and records the figures', async () => {
    const token = await login(t.url, 'supervisor.zhou');
    const supervisor = await connect(t.url, '/supervisor', { token });
    clients.push(supervisor);
    const { ticketId } = await escalate('customer_request');
    const breach = await supervisor.waitFor<{ ticket: Ticket; kind: string }>(
      'ticket:sla_breached',
      (b) => b.ticket.id === ticketId,
      8000,
    );
    expect(breach.kind).toBe('first_response');
    expect(breach.ticket.priority).toBe(1);
    expect(breach.ticket.slaBreaches).toEqual(['first_response']);

    const li = await agent('agent.li');
    await li.waitFor<Ticket>('ticket:offered', (tk) => tk.id === ticketId);
    await li.emit('ticket:accept', { ticketId });
    await li.emit('message:send', { ticketId, clientMessageId: messageId(), text: '您好' });
    const closed = await li.emit('ticket:close', { ticketId, resolution: 'resolved' });
    const ticket = closed.ticket as Ticket;
    expect(ticket.waitedSeconds).toEqual(expect.any(Number));
    expect(ticket.firstResponseSeconds).toEqual(expect.any(Number));
    expect(ticket.handleSeconds).toEqual(expect.any(Number));
  });

  it('never sends an internal note to the customer, and shows it to the next agent and the supervisor', async () => {
    const { client, conversationId, ticketId } = await escalate('customer_request', 'billing');
    const li = await agent('agent.li');
    await li.waitFor<Ticket>('ticket:offered', (tk) => tk.id === ticketId);
    await li.emit('ticket:accept', { ticketId });
    const note = await li.emit('note:add', {
      ticketId,
      clientMessageId: messageId(),
      text: 'INTERNAL: customer sounds upset',
    });
    expect(note.ok).toBe(true);
    await li.emit('message:send', {
      ticketId,
      clientMessageId: messageId(),
      text: 'visible reply',
    });
    await client.waitFor<Message>('message:created', (m) => m.text === 'visible reply');
    await li.waitFor<Message>('message:created', (m) => m.text.startsWith('INTERNAL'));

    const transfer = await li.emit('ticket:transfer', {
      ticketId,
      toSkill: 'billing',
      note: 'INTERNAL: over to billing',
    });
    expect(transfer.ok).toBe(true);

    const everything = JSON.stringify(client.received);
    expect(everything).not.toContain('INTERNAL');
    const resumed = await client.emit('conversation:resume', { resumeToken: client.resumeToken });
    expect(JSON.stringify(resumed)).not.toContain('INTERNAL');

    const token = await login(t.url, 'supervisor.zhou');
    const res = await request(t.url)
      .get(`/transcripts/${conversationId}`)
      .set('authorization', `Bearer ${token}`);
    const notes = (res.body as { messages: Message[] }).messages.filter((m) => m.internal);
    expect(notes.map((m) => m.text)).toEqual([
      'INTERNAL: customer sounds upset',
      'INTERNAL: over to billing',
    ]);
  });

  it('stores a rating attributed to the agent, once, and only after the chat is closed', async () => {
    const { client, ticketId } = await escalate('customer_request');
    const li = await agent('agent.li');
    await li.waitFor<Ticket>('ticket:offered', (tk) => tk.id === ticketId);
    const accepted = await li.emit('ticket:accept', { ticketId });
    const agentId = (accepted.ticket as Ticket).agentId;
    expect(await client.emit('survey:submit', { ticketId, agentRating: 5 })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    await li.emit('ticket:close', { ticketId, resolution: 'information_given' });
    await client.waitFor<{ ticketId: string }>('survey:requested', (s) => s.ticketId === ticketId);

    expect(await client.emit('survey:submit', { ticketId, agentRating: 6 })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
    expect(
      (
        await client.emit('survey:submit', {
          ticketId,
          agentRating: 4,
          botRating: 2,
          comment: '还行',
        })
      ).ok,
    ).toBe(true);
    expect(await client.emit('survey:submit', { ticketId, agentRating: 1 })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    const stored = await t.app.get(TicketsQueryService).get(ticketId);
    expect(stored.rating).toMatchObject({ agent: 4, bot: 2, comment: '还行', agentId });
  });

  it('tells a waiting customer their place, says when nobody is online, takes a callback, and lets them leave', async () => {
    const first = await escalate('customer_request');
    const second = await escalate('customer_request');
    await second.client.waitFor<Message>(
      'message:created',
      (m) => m.sender === 'system' && /没有在线/.test(m.text),
    );
    const status = await second.client.waitFor<QueueStatus>(
      'queue:updated',
      (q) => q.position === 2,
    );
    expect(status).toMatchObject({
      ticketId: second.ticketId,
      estimatedWaitSeconds: null,
      agentsOnline: 0,
    });

    expect(await second.client.emit('callback:leave', { phone: '12345' })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
    expect(
      (
        await second.client.emit('callback:leave', {
          phone: '13812345678',
          message: '停电了请回电',
        })
      ).ok,
    ).toBe(true);
    expect((await t.app.get(TicketsQueryService).get(second.ticketId)).callback?.phone).toBe(
      '13812345678',
    );

    expect((await first.client.emit('queue:leave', {})).ok).toBe(true);
    await first.client.waitFor<{ status: string }>(
      'conversation:updated',
      (c) => c.status === 'bot',
    );
    expect((await t.app.get(TicketsQueryService).get(first.ticketId)).status).toBe('abandoned');
    await second.client.waitFor<QueueStatus>('queue:updated', (q) => q.position === 1);

    await agent('agent.li');
    const online = await second.client.waitFor<QueueStatus>(
      'queue:updated',
      (q) => q.agentsOnline === 1,
    );
    expect(online.estimatedWaitSeconds).toEqual(expect.any(Number));
  });

  it('reopens the same ticket when the customer comes back within the window', async () => {
    const { client, conversationId, ticketId } = await escalate('customer_request');
    const li = await agent('agent.li');
    await li.waitFor<Ticket>('ticket:offered', (tk) => tk.id === ticketId);
    await li.emit('ticket:accept', { ticketId });
    await li.emit('ticket:close', { ticketId, resolution: 'resolved' });
    await client.waitFor<{ status: string }>('conversation:updated', (c) => c.status === 'bot');

    const again = await t.app.get(TicketsService).open({
      conversationId: new Types.ObjectId(conversationId),
      reason: 'customer_request',
      language: 'zh',
      skill: 'general',
    });
    expect(again.id).toBe(ticketId);
    expect(again.status).toBe('queued');
    expect(again.history.map((h) => h.status).slice(-2)).toEqual(['resolved', 'queued']);
    expect(again.history.at(-1)?.note).toMatch(/reopened/);
    await li.waitFor<Ticket>('ticket:offered', (tk) => tk.id === ticketId && tk.history.length > 4);
  });
});

describe('agent desk across a restart of the service', () => {
  it('loses no queued or assigned ticket, even when Redis lost the jobs', async () => {
    let t = await startTestApp();
    await t.reset();
    const clients: RecordingClient[] = [];
    const tickets = t.app.get(TicketsService);
    const open = async () => {
      const c = await connect(t.url, '/customer');
      clients.push(c);
      const ack = await c.emit('conversation:start', { language: 'zh' });
      const id = (ack.conversation as { id: string }).id;
      const ticket = await tickets.open({
        conversationId: new Types.ObjectId(id),
        reason: 'customer_request',
        language: 'zh',
        skill: 'general',
      });
      return ticket.id as string;
    };
    const assignedId = await open();
    const li = await connectAgent(t.url, 'agent.li');
    await li.waitFor<Ticket>('ticket:offered', (tk) => tk.id === assignedId);
    expect((await li.emit('ticket:accept', { ticketId: assignedId })).ok).toBe(true);
    await li.emit('presence:set', { presence: 'away' });
    const queuedId = await open();
    clients.forEach((c) => c.close());
    li.close();
    await t.close({ keepData: true });

    // A new process with a new Bull prefix: nothing of the old jobs is visible to it.
    t = await startTestApp({ MONGODB_URI: t.mongoUri, AGENT_GRACE_SECONDS: '30' });
    try {
      const again = await connectAgent(t.url, 'agent.li');
      const list = await again.emit('ticket:list', {});
      expect((list.mine as Ticket[]).map((tk) => tk.id)).toEqual([assignedId]);
      expect(
        (
          await again.emit('message:send', {
            ticketId: assignedId,
            clientMessageId: messageId(),
            text: '我回来了',
          })
        ).ok,
      ).toBe(true);
      await again.waitFor<Ticket>('ticket:offered', (tk) => tk.id === queuedId);
      again.close();
    } finally {
      await t.close();
    }
  }, 60_000);
});

describe('agent desk outside service hours', () => {
  let t: TestApp;
  let client: RecordingClient | undefined;

  beforeAll(async () => {
    // Hours that exclude the present moment, whenever the test runs.
    const hour = (new Date().getUTCHours() + 2) % 24;
    const hh = (h: number) => String(h % 24).padStart(2, '0');
    t = await startTestApp({
      SERVICE_HOURS: `${hh(hour)}:00-${hh(hour + 1)}:00`,
      SERVICE_TIMEZONE: 'UTC',
    });
    await t.reset();
  });
  afterAll(async () => {
    client?.close();
    await t.close();
  });

  it('tells a customer who escalates that agents are off duty and offers a callback', async () => {
    client = await connect(t.url, '/customer');
    await client.emit('conversation:start', { language: 'en' });
    await client.emit('message:send', {
      clientMessageId: messageId(),
      text: 'I want to talk to an agent',
    });
    await client.waitFor<Message>(
      'message:created',
      (m) => m.sender === 'system' && /off duty/.test(m.text),
    );
    const status = await client.waitFor<QueueStatus & { outOfHours: boolean }>('queue:updated');
    expect(status.outOfHours).toBe(true);
  });
});
