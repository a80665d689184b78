import { AgentDeskService } from '../src/agents/agent-desk.service';
import { AuthService } from '../src/auth/auth.service';
import { Principal } from '../src/auth/principal';
import { TicketsService } from '../src/tickets/tickets.service';
import { login } from './support/clients';
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
    expect((await t.app.get(TicketsService).get(id)).status).toBe('queued');
    await expect(desk.accept(id, li)).resolves.toMatchObject({ ticket: { status: 'assigned' } });
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
    const ticket = await t.app.get(TicketsService).get(id);
    expect(ticket.status).toBe('assigned');
    expect(ticket.agentId).toBe(li.id);
  });
});
