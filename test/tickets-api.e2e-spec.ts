import request from 'supertest';
import { Types } from 'mongoose';
import { ChatService } from '../src/chat/chat.service';
import { DEMO_PASSWORD } from '../src/seed/demo-seed.service';
import { TicketCustomerService } from '../src/tickets/ticket-customer.service';
import { TicketHandlingService } from '../src/tickets/ticket-handling.service';
import { TicketOffersService } from '../src/tickets/ticket-offers.service';
import { TicketSlaService } from '../src/tickets/ticket-sla.service';
import { TicketsService } from '../src/tickets/tickets.service';
import { Skill } from '../src/tickets/ticket-skill';
import { startTestApp, TestApp } from './support/test-app';

interface Ticket {
  id: string;
  conversationId: string;
  status: string;
  priority: number;
  skill: string;
  language: string;
  agentId?: string;
  offeredTo?: string;
  queuedAt: string;
  slaBreaches: string[];
  history: { status: string; by: string; note?: string }[];
}
interface Page {
  items: Ticket[];
  page: number;
  limit: number;
  total: number;
}
interface ErrorResponse {
  error: { code: string; message: string };
}
interface Staff {
  token: string;
  id: string;
  displayName: string;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('tickets REST API: filters, pagination, order, visibility', () => {
  let t: TestApp;
  let tickets: TicketsService;
  let offers: TicketOffersService;
  let li: Staff;
  let sam: Staff;
  let zhou: Staff;
  /** The tickets made in beforeAll, by name; the tests only read. */
  const made: Record<string, { id: string; conversationId: string }> = {};
  let midpoint: string;

  async function staff(username: string): Promise<Staff> {
    const response = await request(t.url)
      .post('/auth/login')
      .send({ username, password: DEMO_PASSWORD })
      .expect(200);
    const body = response.body as { token: string; staff: { id: string; displayName: string } };
    return { token: body.token, id: body.staff.id, displayName: body.staff.displayName };
  }

  /** A conversation and its ticket, opened the way the bot does when it escalates. */
  async function escalate(
    name: string,
    reason: string,
    language: 'zh' | 'en',
    skill: Skill,
  ): Promise<string> {
    const { conversation } = await t.app.get(ChatService).start(language, name);
    const ticket = await tickets.open({
      conversationId: conversation._id,
      reason,
      language,
      skill,
    });
    made[name] = { id: ticket.id as string, conversationId: conversation._id.toHexString() };
    // Distinct queuedAt instants, so "newest first" has one right answer.
    await wait(5);
    return ticket.id as string;
  }

  const get = (path: string, who?: Staff) => {
    const req = request(t.url).get(path);
    return who ? req.set('Authorization', `Bearer ${who.token}`) : req;
  };
  const list = async (query: string, who: Staff): Promise<Page> =>
    (await get(`/tickets${query}`, who).expect(200)).body as Page;
  const names = (page: Page) =>
    page.items.map((item) => Object.keys(made).find((k) => made[k].id === item.id));

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    tickets = t.app.get(TicketsService);
    offers = t.app.get(TicketOffersService);
    [li, sam, zhou] = await Promise.all([
      staff('agent.li'),
      staff('agent.sam'),
      staff('supervisor.zhou'),
    ]);
    const ref = (s: Staff) => ({ id: s.id, displayName: s.displayName });

    // A: waiting, normal.  B: waiting complaint whose first-response SLA is missed (priority
    // 1 → 0).  C: a hazard li took.  D: sam took and resolved.
    await escalate('A', 'customer_request', 'zh', 'general');
    const b = await escalate('B', 'complaint', 'en', 'billing');
    await t.app.get(TicketSlaService).check(b, 'first_response');
    const c = await escalate('C', 'safety_hazard', 'zh', 'outage');
    await offers.accept(c, ref(li));
    const d = await escalate('D', 'customer_request', 'en', 'billing');
    await offers.accept(d, ref(sam));
    await t.app.get(TicketHandlingService).resolve(d, ref(sam), 'resolved');
    midpoint = new Date().toISOString();
    await wait(5);
    // E: sam's.  F: the customer left the queue.  G: li took it and transferred it to sam,
    // who took it (li has owned it).  H: on offer to li.
    const e = await escalate('E', 'customer_request', 'zh', 'general');
    await offers.accept(e, ref(sam));
    await escalate('F', 'customer_request', 'en', 'general');
    await t.app
      .get(TicketCustomerService)
      .abandon(new Types.ObjectId(made.F.conversationId), 'customer left');
    const g = await escalate('G', 'customer_request', 'en', 'account');
    await offers.accept(g, ref(li));
    await t.app.get(TicketHandlingService).transfer(g, ref(li), { toAgentId: sam.id });
    await offers.accept(g, ref(sam));
    const h = await escalate('H', 'customer_request', 'zh', 'general');
    await offers.offer(h, li.id);
  });
  afterAll(() => t.close());

  describe('a supervisor', () => {
    it('sees every ticket, newest first, with the page figures', async () => {
      const page = await list('', zhou);
      expect(page).toMatchObject({ page: 1, limit: 20, total: 8 });
      expect(names(page)).toEqual(['H', 'G', 'F', 'E', 'D', 'C', 'B', 'A']);
      const at = page.items.map((i) => Date.parse(i.queuedAt));
      expect([...at].sort((x, y) => y - x)).toEqual(at);
    });

    it('pages through the same order: no ticket twice, none missing', async () => {
      const pages = [];
      for (const n of [1, 2, 3]) pages.push(await list(`?limit=3&page=${n}`, zhou));
      expect(pages.map((p) => p.items.length)).toEqual([3, 3, 2]);
      expect(pages.every((p) => p.total === 8 && p.limit === 3)).toBe(true);
      expect(pages.flatMap(names)).toEqual(['H', 'G', 'F', 'E', 'D', 'C', 'B', 'A']);
      const beyond = await list('?limit=3&page=4', zhou);
      expect(beyond).toMatchObject({ items: [], page: 4, total: 8 });
    });

    it('lists the waiting queue in queue order: priority, then the longest waiting', async () => {
      const page = await list('?status=queued,offered', zhou);
      // B was a complaint raised to a hazard's priority by its SLA breach; A waits longer than H.
      expect(names(page)).toEqual(['B', 'A', 'H']);
      expect(page.items.map((i) => i.priority)).toEqual([0, 2, 2]);
      expect(names(await list('?status=queued&status=offered', zhou))).toEqual(['B', 'A', 'H']);
    });

    it('filters by one status or several, newest first when not only waiting ones', async () => {
      expect(names(await list('?status=assigned', zhou))).toEqual(['G', 'E', 'C']);
      expect(names(await list('?status=resolved,abandoned', zhou))).toEqual(['F', 'D']);
      expect(names(await list('?status=offered', zhou))).toEqual(['H']);
    });

    it('filters by priority, skill, language, agent and conversation', async () => {
      expect(names(await list('?priority=0', zhou))).toEqual(['C', 'B']);
      expect(names(await list('?skill=billing', zhou))).toEqual(['D', 'B']);
      expect(names(await list('?language=en', zhou))).toEqual(['G', 'F', 'D', 'B']);
      expect(names(await list(`?agentId=${sam.id}`, zhou))).toEqual(['G', 'E', 'D']);
      expect(names(await list(`?conversationId=${made.E.conversationId}`, zhou))).toEqual(['E']);
      expect(names(await list('?language=zh&status=assigned', zhou))).toEqual(['E', 'C']);
    });

    it('filters by the queuedAt range and by SLA breach', async () => {
      expect(names(await list(`?to=${midpoint}`, zhou))).toEqual(['D', 'C', 'B', 'A']);
      const later = await list(`?from=${encodeURIComponent(midpoint)}`, zhou);
      expect(names(later)).toEqual(['H', 'G', 'F', 'E']);
      expect(names(await list('?slaBreached=true', zhou))).toEqual(['B']);
      expect((await list('?slaBreached=false', zhou)).total).toBe(7);
    });

    it('reads any ticket with its history', async () => {
      const response = await get(`/tickets/${made.G.id}`, zhou).expect(200);
      const ticket = response.body as Ticket;
      expect(ticket).toMatchObject({ id: made.G.id, status: 'assigned', agentId: sam.id });
      expect(ticket.history.map((h) => [h.status, h.by])).toEqual([
        ['queued', 'bot'],
        ['assigned', li.id],
        ['queued', li.id],
        ['assigned', sam.id],
      ]);
    });
  });

  describe('an agent', () => {
    it('sees the waiting queue and the tickets they own or have owned', async () => {
      const mine = await list('', li);
      expect(mine.total).toBe(5);
      expect(names(mine)).toEqual(['H', 'G', 'C', 'B', 'A']);
      expect(names(await list('', sam))).toEqual(['H', 'G', 'E', 'D', 'B', 'A']);
    });

    it('has every filter restricted to what they may see', async () => {
      expect((await list('?status=resolved', li)).total).toBe(0);
      expect(names(await list('?status=resolved', sam))).toEqual(['D']);
      // Of sam's tickets li sees only the one li held before the transfer.
      expect(names(await list(`?agentId=${sam.id}`, li))).toEqual(['G']);
      expect(names(await list('?status=queued,offered', li))).toEqual(['B', 'A', 'H']);
      const paged = await list('?limit=2&page=3', sam);
      expect(paged).toMatchObject({ total: 6, page: 3 });
      expect(names(paged)).toEqual(['B', 'A']);
    });

    it("reads queue tickets and their own, and gets 403 for another agent's", async () => {
      await get(`/tickets/${made.A.id}`, li).expect(200);
      await get(`/tickets/${made.H.id}`, sam).expect(200); // on offer to li: still the queue
      await get(`/tickets/${made.C.id}`, li).expect(200);
      await get(`/tickets/${made.G.id}`, li).expect(200); // owned before the transfer
      const denied = await get(`/tickets/${made.E.id}`, li).expect(403);
      expect((denied.body as ErrorResponse).error.code).toBe('FORBIDDEN');
      await get(`/tickets/${made.C.id}`, sam).expect(403);
      await get(`/tickets/${made.F.id}`, sam).expect(403); // abandoned, never anyone's
    });
  });

  describe('errors', () => {
    it('answers 401 without a token or with an unknown one', async () => {
      const none = await get('/tickets').expect(401);
      expect((none.body as ErrorResponse).error.code).toBe('UNAUTHENTICATED');
      await get(`/tickets/${made.A.id}`).expect(401);
      await request(t.url)
        .get('/tickets')
        .set('Authorization', 'Bearer not-a-real-token-at-all')
        .expect(401);
    });

    it.each([
      ['limit=0'],
      ['limit=101'],
      ['limit=ten'],
      ['page=0'],
      ['page=1.5'],
      ['status=waiting'],
      ['status=queued,bogus'],
      ['status='],
      ['priority=3'],
      ['skill=plumbing'],
      ['language=fr'],
      ['agentId=li'],
      ['conversationId=123'],
      ['from=yesterday'],
      ['to=2024-13-45'],
      ['slaBreached=yes'],
      ['sort=priority'],
      [`from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z`],
    ])('answers 400 with the error body for ?%s', async (query) => {
      const response = await get(`/tickets?${query}`, zhou).expect(400);
      const body = response.body as ErrorResponse;
      expect(body.error.code).toBe('VALIDATION');
      expect(body.error.message).toEqual(expect.any(String));
    });

    it('answers 400 for a malformed id and 404 for an unknown one', async () => {
      const malformed = await get('/tickets/not-an-id', zhou).expect(400);
      expect((malformed.body as ErrorResponse).error).toMatchObject({ code: 'VALIDATION' });
      const unknown = await get(`/tickets/${new Types.ObjectId().toHexString()}`, li).expect(404);
      expect((unknown.body as ErrorResponse).error.code).toBe('NOT_FOUND');
    });
  });

  it('documents both endpoints in the OpenAPI JSON', async () => {
    const response = await request(t.url).get('/docs/api-json').expect(200);
    const doc = response.body as {
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/tickets', '/tickets/{id}']));
    const params = (doc.paths['/tickets'].get.parameters ?? []).map((p) => p.name);
    expect(params).toEqual(
      expect.arrayContaining(['status', 'priority', 'from', 'to', 'slaBreached', 'page', 'limit']),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['TicketPageDto', 'TicketViewDto']),
    );
  });
});
