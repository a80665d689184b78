import { AgentDeskService } from '../src/agents/agent-desk.service';
import { AuthService } from '../src/auth/auth.service';
import { ChatService } from '../src/chat/chat.service';
import { Principal } from '../src/auth/principal';
import { TicketsQueryService } from '../src/tickets/tickets-query.service';
import { TicketsService } from '../src/tickets/tickets.service';
import { UtilitySeedService } from '../src/utility/utility-seed.service';
import { connectAgent, login } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';
import { openQueuedTicket } from './support/tickets';

/** What an agent may do with a ticket, beyond owning it: whom to transfer to, what to pull. */
describe('agent desk rules', () => {
  let t: TestApp;
  let li: Principal;
  let sam: Principal;
  let zhou: Principal;

  const principal = async (username: string) =>
    t.app.get(AuthService).authenticate(await login(t.url, username));

  const chineseTicket = () => openQueuedTicket(t.app, 'zh', '王芳');

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    [li, sam, zhou] = await Promise.all(
      ['agent.li', 'agent.sam', 'supervisor.zhou'].map(principal),
    );
  });
  afterAll(() => t.close());

  it('lets an agent pull from the queue only a chat in a language they speak', async () => {
    const id = await chineseTicket();
    const desk = t.app.get(AgentDeskService);
    await expect(desk.accept(id, sam)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await t.app.get(TicketsQueryService).get(id)).status).toBe('queued');
    await expect(desk.accept(id, li)).resolves.toMatchObject({ ticket: { status: 'assigned' } });
  });

  it("shows the owning agent a verified customer's account number masked, without the unmask permission", async () => {
    // The demo city's records (account 1000001014 is one of them).
    await t.app.get(UtilitySeedService).seed({ seed: 7, customers: 200, now: new Date() });
    const { conversation } = await t.app.get(ChatService).start('zh', '王芳');
    const ticket = await t.app.get(TicketsService).open({
      conversationId: conversation._id,
      reason: 'customer_request',
      language: 'zh',
      skill: 'billing',
      caseCard: {
        intentPath: ['billing.balance'],
        accountNumber: '1000001014',
        verification: 'verified',
        verifiedAccount: '1000001014',
        answered: ['balance'],
        lastMessages: ['户号1000001014 这个月电费怎么这么高'],
      },
    });
    const accepted = await t.app.get(AgentDeskService).accept(ticket.id as string, li);
    expect(accepted.customer).toMatchObject({
      verified: true,
      account: { accountNumber: '10******14' },
    });
    // Nowhere in what the agent's socket would carry: not the account, not the bills.
    expect(JSON.stringify(accepted)).not.toContain('1000001014');
  });

  it('transfers only to an agent who exists and can serve the customer', async () => {
    const id = await chineseTicket();
    const desk = t.app.get(AgentDeskService);
    await desk.accept(id, li);
    await expect(desk.transfer(id, li, { toAgentId: zhou.id })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      desk.transfer(id, li, { toAgentId: '0123456789abcdef01234567' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(desk.transfer(id, li, { toAgentId: sam.id })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    // Nothing moved: the chat is still li's.
    const ticket = await t.app.get(TicketsQueryService).get(id);
    expect(ticket.status).toBe('assigned');
    expect(ticket.agentId).toBe(li.id);
  });
});

describe('a declined offer', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ OFFER_DECLINE_COOLDOWN_SECONDS: '3' });
    await t.reset();
  });
  afterAll(() => t.close());

  it('does not come straight back to the agent who declined it, but does after the cool-down', async () => {
    const li = await connectAgent(t.url, 'agent.li');
    try {
      const id = await openQueuedTicket(t.app, 'zh', '王芳');
      await li.waitFor<{ id: string }>('ticket:offered', (tk) => tk.id === id);
      const declinedAt = Date.now();
      expect((await li.emit('ticket:decline', { ticketId: id })).ok).toBe(true);
      // The only agent online: the ticket waits instead of bouncing back (it used to, 50+ times).
      await new Promise((r) => setTimeout(r, 2000));
      expect(li.events<{ id: string }>('ticket:offered').filter((tk) => tk.id === id)).toHaveLength(
        1,
      );
      expect((await t.app.get(TicketsQueryService).get(id)).status).toBe('queued');
      // After the cool-down a routing job offers it to them again.
      await li.waitFor<{ id: string }>(
        'ticket:offered',
        (tk) => tk.id === id && Date.now() - declinedAt >= 3000,
        8000,
      );
    } finally {
      li.close();
    }
  }, 20_000);
});
