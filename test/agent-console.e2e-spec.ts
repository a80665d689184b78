import { getConnectionToken } from '@nestjs/mongoose';
import { Connection, Types } from 'mongoose';
import { ConversationEvents } from '../src/conversations/conversation.events';
import { personalRef } from '../src/common/pii-masker';
import { AppConfig } from '../src/config/app-config';
import { TicketDocument } from '../src/tickets/ticket.schema';
import { AccountHistoryService } from '../src/tickets/account-history.service';
import { TicketsQueryService } from '../src/tickets/tickets-query.service';
import { TicketsService } from '../src/tickets/tickets.service';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { connectAgent, RecordingClient, startCustomer } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

interface Listing {
  id: string;
  displayName: string;
  presence: string;
  load: number;
  capacity: number;
  languages: string[];
  skills: string[];
}
interface Ticket {
  id: string;
  conversationId: string;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks until `check` holds (or fails with the last answer). */
async function until<T>(ask: () => Promise<T>, check: (v: T) => boolean, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  let last = await ask();
  while (!check(last)) {
    if (Date.now() > deadline) throw new Error(`never held; last: ${JSON.stringify(last)}`);
    await wait(100);
    last = await ask();
  }
  return last;
}

// Emily Carter's account in the demo city (src/utility/demo-city.ts); any 10 digits would do here.
const ACCOUNT = '1000004067';

describe('agent console: the transfer picker and the customer panel (issue 15)', () => {
  let t: TestApp;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(() => t.reset());
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await wait(50);
  });
  afterAll(() => t.close());

  async function agent(username: string) {
    const client = await connectAgent(t.url, username);
    clients.push(client);
    return client;
  }

  /** Opens a ticket the way the bot does, for a customer it verified when `account` is given. */
  async function escalate(account?: string) {
    const { client, conversationId } = await startCustomer(t.url, 'zh', clients);
    const ticket = await t.app.get(TicketsService).open({
      conversationId: new Types.ObjectId(conversationId),
      reason: 'customer_request',
      language: 'zh',
      skill: 'general',
      ...(account && { caseCard: { verifiedAccount: account, verification: 'verified' } }),
    });
    return { client, conversationId, ticketId: ticket.id as string };
  }

  const listing = async (client: RecordingClient) =>
    ((await client.emit('agents:list', {})).agents as Listing[]).sort((a, b) =>
      a.id.localeCompare(b.id),
    );

  it('lists every agent with presence, load against capacity, languages and skills', async () => {
    const li = await agent('agent.li');
    const sam = await agent('agent.sam');
    expect((await sam.emit('presence:set', { presence: 'away' })).ok).toBe(true);
    // Two Chinese chats: only Li speaks Chinese; one accepted, one still on offer. Both count.
    const first = await escalate();
    const second = await escalate();
    await li.waitFor<Ticket>('ticket:offered', (tk) => tk.id === second.ticketId);
    expect((await li.emit('ticket:accept', { ticketId: first.ticketId })).ok).toBe(true);

    const byName = (all: Listing[], name: string) => all.find((a) => a.displayName === name);
    const all = await until(
      () => listing(sam),
      (list) => byName(list, '李娜 Li Na')?.load === 2,
    );
    expect(byName(all, '李娜 Li Na')).toMatchObject({
      presence: 'online',
      load: 2,
      capacity: 3,
      languages: ['zh', 'en'],
      skills: ['outage', 'billing'],
    });
    expect(byName(all, 'Sam Taylor')).toMatchObject({
      presence: 'away',
      load: 0,
      languages: ['en'],
      skills: ['billing', 'account'],
    });
    // The same list from every agent: it is the cluster's, in Redis.
    expect(await listing(li)).toEqual(all);

    // Li closes one chat: the load drops with the next dispatch run. Li gone: offline, chats kept.
    await li.emit('ticket:close', { ticketId: first.ticketId, resolution: 'resolved' });
    await until(
      () => listing(sam),
      (list) => byName(list, '李娜 Li Na')?.load === 1,
    );
    li.close();
    const after = await until(
      () => listing(sam),
      (list) => byName(list, '李娜 Li Na')?.presence === 'offline',
    );
    expect(byName(after, '李娜 Li Na')?.load).toBe(1);
  });

  it("shows the account's earlier conversations and tickets, nothing personal in them", async () => {
    const li = await agent('agent.li');
    const before = await escalate(ACCOUNT);
    await li.waitFor<Ticket>('ticket:offered', (tk) => tk.id === before.ticketId);
    await li.emit('ticket:accept', { ticketId: before.ticketId });
    await li.emit('ticket:close', { ticketId: before.ticketId, resolution: 'information_given' });
    const someoneElse = await escalate('1000001014');
    await li.waitFor<Ticket>('ticket:offered', (tk) => tk.id === someoneElse.ticketId);
    await li.emit('ticket:accept', { ticketId: someoneElse.ticketId });

    const now = await escalate(ACCOUNT);
    await li.waitFor<Ticket>('ticket:offered', (tk) => tk.id === now.ticketId);
    const accepted = await li.emit('ticket:accept', { ticketId: now.ticketId });
    expect(accepted.earlier).toEqual([
      expect.objectContaining({
        id: before.ticketId,
        conversationId: before.conversationId,
        status: 'resolved',
        resolution: 'information_given',
        reason: 'customer_request',
        channel: 'web',
        agentName: '李娜 Li Na',
      }),
    ]);
    const context = await li.emit('ticket:context', { ticketId: now.ticketId });
    expect(context.earlier).toEqual(accepted.earlier);
    // The earlier tickets carry no case card or callback; no payload holds the account number.
    expect(Object.keys((context.earlier as object[])[0])).not.toContain('caseCard');
    expect(JSON.stringify(context)).not.toContain(ACCOUNT);
    // The other customer's panel shows none of it; a customer never verified has no history.
    const other = await li.emit('ticket:context', { ticketId: someoneElse.ticketId });
    expect(other).toMatchObject({ ok: true, earlier: [] });

    // The store keeps the account only as its keyed reference.
    const db = t.app.get<Connection>(getConnectionToken()).db!;
    const stored = await db.collection('account_histories').find().toArray();
    expect(stored.map((d) => String(d._id))).toEqual(
      expect.arrayContaining([personalRef(ACCOUNT, t.app.get(AppConfig).PII_REF_SECRET)]),
    );
    expect(JSON.stringify(stored)).not.toContain(ACCOUNT);

    // Retention: an anonymised conversation leaves the account's history.
    await t.app.get(EventEmitter2).emitAsync(ConversationEvents.conversationAnonymised, {
      conversationId: before.conversationId,
    });
    expect((await li.emit('ticket:context', { ticketId: now.ticketId })).earlier).toEqual([]);
  });

  it("keeps an account's latest 20 handoffs, each counted once", async () => {
    const history = t.app.get(AccountHistoryService);
    const tickets: TicketDocument[] = [];
    for (let i = 0; i < 23; i++) {
      const { ticketId } = await escalate(); // not verified: recorded by hand below
      tickets.push(await t.app.get(TicketsQueryService).get(ticketId));
    }
    for (const ticket of tickets) await history.record(ACCOUNT, ticket);
    await history.record(ACCOUNT, tickets[22]); // a retried escalation
    const earlier = await history.earlier(ACCOUNT, new Types.ObjectId());
    expect(earlier).toHaveLength(19);
    expect(earlier.map((tk) => tk.id as string)).toEqual(
      tickets
        .slice(4)
        .reverse()
        .map((tk) => tk.id as string),
    );
  });

  it('tells the customer the owner is typing, checks a repeat once per window, refuses others', async () => {
    const li = await agent('agent.li');
    const sam = await agent('agent.sam');
    const chat = await escalate();
    await li.waitFor<Ticket>('ticket:offered', (tk) => tk.id === chat.ticketId);
    await li.emit('ticket:accept', { ticketId: chat.ticketId });
    const heard = () => chat.client.events<{ who: string; typing: boolean }>('typing:updated');

    expect((await li.emit('typing:set', { ticketId: chat.ticketId, typing: true })).ok).toBe(true);
    await chat.client.waitFor('typing:updated', (e: { typing: boolean }) => e.typing);
    // A client sending faster than the console does: answered, not re-announced.
    for (let i = 0; i < 5; i++)
      expect((await li.emit('typing:set', { ticketId: chat.ticketId, typing: true })).ok).toBe(
        true,
      );
    expect((await li.emit('typing:set', { ticketId: chat.ticketId, typing: false })).ok).toBe(true);
    await chat.client.waitFor('typing:updated', (e: { typing: boolean }) => !e.typing);
    await wait(200);
    expect(heard()).toEqual([
      { who: 'agent', typing: true },
      { who: 'agent', typing: false },
    ]);

    // Another agent is refused, the first time and on every repeat.
    for (let i = 0; i < 3; i++) {
      const refused = await sam.emit('typing:set', { ticketId: chat.ticketId, typing: true });
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // The owner who closed the chat is refused at their next change of state.
    await li.emit('ticket:close', { ticketId: chat.ticketId, resolution: 'resolved' });
    const late = await li.emit('typing:set', { ticketId: chat.ticketId, typing: true });
    expect(late).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await wait(200);
    expect(heard()).toHaveLength(2);
  });
});
