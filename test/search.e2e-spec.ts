import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import request from 'supertest';
import { SearchCatchUpService } from '../src/audit/search/search-catch-up.service';
import { RetentionService } from '../src/conversations/retention.service';
import { connect, connectAgent, login, messageId, RecordingClient } from './support/clients';
import { DEMO_PASSWORD } from '../src/seed/demo-seed.service';
import { startTestApp, TestApp } from './support/test-app';

interface Hit {
  id: string;
  status: string;
  createdAt: string;
  customerName?: string;
  intents: string[];
  outcome: string;
  rating?: number;
  snippet?: { sender: string; text: string };
}
interface SearchPage {
  results: Hit[];
  hasMore: boolean;
  total: number;
}
interface Ticket {
  id: string;
  conversationId: string;
}

/** A valid account number (Luhn), not necessarily one of the utility's. */
const SAM_ACCOUNT = '1000004067';

const today = () => new Date().toISOString().slice(0, 10);

describe('GET /transcripts/search', () => {
  let t: TestApp;
  let supervisor: string;
  let agentLiId: string;
  const clients: RecordingClient[] = [];
  const ids: Record<'outageZh' | 'billZh' | 'outageEn' | 'greetEn' | 'escalated', string> = {
    outageZh: '',
    billZh: '',
    outageEn: '',
    greetEn: '',
    escalated: '',
  };

  async function say(language: 'zh' | 'en', texts: string[], customerName?: string) {
    const client = await connect(t.url, '/customer');
    clients.push(client);
    const ack = await client.emit('conversation:start', { language, customerName });
    const id = (ack.conversation as { id: string }).id;
    for (const text of texts) {
      const sent = await client.emit('message:send', { clientMessageId: messageId(), text });
      expect(sent.ok).toBe(true);
      // The bot answers before the next line, as a person would wait for it.
      await client.waitFor<{ sender: string; seq: number }>(
        'message:created',
        (m) => m.sender !== 'customer' && m.seq > (sent.message as { seq: number }).seq,
      );
    }
    return { client, id };
  }

  async function search(query: Record<string, string | number>, token = supervisor) {
    return request(t.url)
      .get('/transcripts/search')
      .query(query)
      .set('authorization', `Bearer ${token}`);
  }

  /** Indexing follows the events: poll until the expected page shows up. */
  async function eventually(
    query: Record<string, string | number>,
    expected: (page: SearchPage) => boolean,
  ): Promise<SearchPage> {
    const deadline = Date.now() + 8000;
    for (;;) {
      const res = await search(query);
      expect(res.status).toBe(200);
      const page = res.body as SearchPage;
      if (expected(page) || Date.now() > deadline) return page;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const idsOf = (page: SearchPage) => page.results.map((h) => h.id).sort();

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    supervisor = await login(t.url, 'supervisor.zhou');
    const li = await request(t.url)
      .post('/auth/login')
      .send({ username: 'agent.li', password: DEMO_PASSWORD })
      .expect(200);
    agentLiId = (li.body as { staff: { id: string } }).staff.id;

    ids.outageZh = (await say('zh', ['我家停电了', '东湖区'], '王芳')).id;
    ids.billZh = (await say('zh', ['我想查一下电费'])).id;
    ids.outageEn = (
      await say(
        'en',
        ['There is an outage on my street', `my account is ${SAM_ACCOUNT}`],
        'Sam Green',
      )
    ).id;
    ids.greetEn = (await say('en', ['hello'])).id;

    const desk = await connectAgent(t.url, 'agent.li');
    clients.push(desk);
    const { client, id } = await say('en', ['I want to talk to an agent']);
    ids.escalated = id;
    const queued = await desk.waitFor<Ticket>('ticket:queued', (tk) => tk.conversationId === id);
    expect((await desk.emit('ticket:accept', { ticketId: queued.id })).ok).toBe(true);
    await desk.emit('message:send', {
      ticketId: queued.id,
      clientMessageId: messageId(),
      text: 'I have checked your meter readings.',
    });
    await desk.emit('note:add', {
      ticketId: queued.id,
      clientMessageId: messageId(),
      text: 'internal transformer remark',
    });
    expect(
      (await desk.emit('ticket:close', { ticketId: queued.id, resolution: 'information_given' }))
        .ok,
    ).toBe(true);
    await client.waitFor('survey:requested');
    expect((await client.emit('survey:submit', { ticketId: queued.id, agentRating: 4 })).ok).toBe(
      true,
    );
  }, 60_000);

  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    await t.close();
  });

  it('finds a two-character Chinese word only in the conversations that contain it', async () => {
    const page = await eventually({ q: '停电' }, (p) => p.results.length > 0);
    expect(idsOf(page)).toEqual([ids.outageZh]);
    expect(page.results[0].customerName).toBe('王芳');
    expect(page.results[0].snippet?.text).toContain('停电');
    expect(idsOf(await eventually({ q: '电费' }, (p) => p.results.length > 0))).toContain(
      ids.billZh,
    );
  });

  it('finds the inflections of an English word', async () => {
    const page = await eventually({ q: 'outages' }, (p) => p.results.length > 0);
    expect(idsOf(page)).toContain(ids.outageEn);
    expect(idsOf(page)).not.toContain(ids.greetEn);
    // The bot's greeting names tariffs as an example; only what people wrote is searchable.
    await eventually({ intent: 'greeting' }, (p) => p.results.some((r) => r.id === ids.greetEn));
    expect(idsOf((await search({ q: 'tariffs' })).body as SearchPage)).not.toContain(ids.greetEn);
    expect(page.results.find((h) => h.id === ids.outageEn)?.snippet?.text).toMatch(/outage/);
  });

  it('leaves internal notes out of the index', async () => {
    await eventually({ q: 'meter readings' }, (p) => p.results.length > 0);
    expect((await search({ q: 'transformer remark' })).body).toMatchObject({ results: [] });
  });

  it('filters by agent, outcome, rating, intent, district and customer', async () => {
    const resolved = await eventually({ outcome: 'resolved' }, (p) => p.results.length > 0);
    expect(idsOf(resolved)).toEqual([ids.escalated]);
    expect(idsOf(await eventually({ agentId: agentLiId }, (p) => p.results.length > 0))).toEqual([
      ids.escalated,
    ]);
    expect(idsOf(await eventually({ rating: 4 }, (p) => p.results.length > 0))).toEqual([
      ids.escalated,
    ]);
    expect((await search({ rating: 5 })).body).toMatchObject({ results: [] });
    const bot = idsOf(await eventually({ outcome: 'bot' }, (p) => p.results.length >= 4));
    expect(bot).toEqual([ids.outageZh, ids.billZh, ids.outageEn, ids.greetEn].sort());
    expect(idsOf(await eventually({ intent: 'greeting' }, (p) => p.results.length > 0))).toEqual([
      ids.greetEn,
    ]);
    expect(idsOf(await eventually({ district: 'QH-DH' }, (p) => p.results.length > 0))).toEqual([
      ids.outageZh,
    ]);
    expect(idsOf(await eventually({ customer: 'sam green' }, (p) => p.results.length > 0))).toEqual(
      [ids.outageEn],
    );
    expect(idsOf(await eventually({ q: 'meter', outcome: 'bot' }, () => true))).toEqual([]);
  });

  it('limits to a date range of the day the conversation started', async () => {
    const all = await eventually(
      { from: today(), to: today(), limit: 100 },
      (p) => p.results.length >= 5,
    );
    expect(all.results).toHaveLength(5);
    expect((await search({ to: '2020-01-01' })).body).toMatchObject({ results: [] });
    expect((await search({ from: '2999-01-01' })).body).toMatchObject({ results: [] });
  });

  it('pages newest first', async () => {
    await eventually({ limit: 100 }, (p) => p.results.length >= 5);
    const pages: SearchPage[] = [];
    for (const page of [1, 2, 3]) pages.push((await search({ limit: 2, page })).body as SearchPage);
    expect(pages.map((p) => p.results.length)).toEqual([2, 2, 1]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    // Each row says what the bot understood and how the conversation ended.
    const rows = new Map(pages.flatMap((p) => p.results).map((h) => [h.id, h]));
    expect(rows.get(ids.escalated)).toMatchObject({ outcome: 'resolved', rating: 4 });
    expect(rows.get(ids.escalated)?.intents).toContain('agent.request');
    expect(rows.get(ids.greetEn)).toMatchObject({ outcome: 'bot', intents: ['greeting'] });
    expect(rows.get(ids.greetEn)?.rating).toBeUndefined();
    // The row's status is the conversation's own after its transitions (bot, waiting, agent and
    // back to bot when the ticket closed), not one of the earlier ones.
    const transcript = await request(t.url)
      .get(`/transcripts/${ids.escalated}`)
      .set('authorization', `Bearer ${supervisor}`)
      .expect(200);
    const status = (transcript.body as { conversation: { status: string } }).conversation.status;
    const latest = await eventually({ limit: 100 }, (p) =>
      p.results.some((h) => h.id === ids.escalated && h.status === status),
    );
    expect(latest.results.find((h) => h.id === ids.escalated)?.status).toBe(status);
    const order = pages.flatMap((p) => p.results.map((h) => h.id));
    expect(order).toEqual(
      [ids.outageZh, ids.billZh, ids.outageEn, ids.greetEn, ids.escalated].reverse(),
    );
  });

  it('finds the same after a restart: the in-memory index is rebuilt from MongoDB', async () => {
    await eventually({ q: '停电' }, (p) => p.results.length > 0);
    await eventually({ q: '电费' }, (p) => p.results.some((r) => r.id === ids.billZh));
    // A crash between storing the messages and storing the summary: the summary is lost.
    const db = t.app.get<Connection>(getConnectionToken()).db!;
    const lost = await db
      .collection('transcript_summaries')
      .deleteOne({ _id: ids.billZh } as never);
    expect(lost.deletedCount).toBe(1);
    const second = await startTestApp({ MONGODB_URI: t.mongoUri });
    try {
      // The catch-up at start rebuilds it from the conversation's messages.
      const deadline = Date.now() + 10_000;
      let rebuilt: SearchPage | undefined;
      while (Date.now() < deadline) {
        const res = await request(second.url)
          .get('/transcripts/search')
          .query({ q: '电费' })
          .set('authorization', `Bearer ${supervisor}`);
        rebuilt = res.body as SearchPage;
        if (res.status === 200 && rebuilt.results.some((r) => r.id === ids.billZh)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(rebuilt?.results.find((r) => r.id === ids.billZh)?.snippet?.text).toContain('电费');

      const res = await request(second.url)
        .get('/transcripts/search')
        .query({ q: '停电', rating: 4 })
        .set('authorization', `Bearer ${supervisor}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ results: [], total: 0 });
      const found = await request(second.url)
        .get('/transcripts/search')
        .query({ q: '停电' })
        .set('authorization', `Bearer ${supervisor}`);
      expect(idsOf(found.body as SearchPage)).toEqual([ids.outageZh]);
      expect((found.body as SearchPage).results[0]).toMatchObject({
        customerName: '王芳',
        snippet: { text: expect.stringContaining('停电') },
      });
      const rated = await request(second.url)
        .get('/transcripts/search')
        .query({ rating: 4, agentId: agentLiId })
        .set('authorization', `Bearer ${supervisor}`);
      expect(idsOf(rated.body as SearchPage)).toEqual([ids.escalated]);
    } finally {
      await second.close({ keepData: true });
    }
  });

  it('writes every search to the access log', async () => {
    expect((await search({ q: '停电' })).status).toBe(200);
    const connection = t.app.get<Connection>(getConnectionToken());
    const entry = await connection
      .collection('access_log')
      .findOne({ action: 'transcript.search' }, { sort: { at: -1 } });
    expect(entry?.target).toContain('停电');
  });

  it('finds a conversation by the account the customer gave, and logs the search masked', async () => {
    const spaced = '1000 0040 67';
    expect(idsOf(await eventually({ account: spaced }, (p) => p.results.length > 0))).toEqual([
      ids.outageEn,
    ]);
    const connection = t.app.get<Connection>(getConnectionToken());
    const entry = await connection
      .collection('access_log')
      .findOne({ action: 'transcript.search' }, { sort: { at: -1 } });
    expect(entry?.target).toContain('10******67');
    expect(entry?.target).not.toContain(SAM_ACCOUNT);
    // What a transcript shows of the entity: masked, and no reference a reader could test.
    const transcript = await request(t.url)
      .get(`/transcripts/${ids.outageEn}`)
      .set('authorization', `Bearer ${supervisor}`)
      .expect(200);
    expect(JSON.stringify(transcript.body)).not.toContain(SAM_ACCOUNT);
    expect(JSON.stringify(transcript.body)).not.toContain('"ref"');
    expect(JSON.stringify(transcript.body)).toContain('10******67');
    // A mistyped number (wrong check digit) is refused, not silently unmatched.
    expect((await search({ account: '1000004068' })).status).toBe(400);
  });

  it('forgets the customer’s name and account when retention anonymises, also after a restart', async () => {
    expect(idsOf(await eventually({ customer: 'sam green' }, (p) => p.results.length > 0))).toEqual(
      [ids.outageEn],
    );
    await t.app.get(RetentionService).run(new Date(Date.now() + 400 * 86_400_000));
    const after = await eventually({ customer: 'sam green' }, (p) => p.results.length === 0);
    expect(after.results).toEqual([]);
    expect((await search({ account: SAM_ACCOUNT })).body).toMatchObject({ results: [] });
    // Still findable by what was said (masked text), just no longer by who said it.
    const byText = await eventually({ q: 'outage' }, (p) =>
      p.results.some((r) => r.id === ids.outageEn),
    );
    expect(byText.results.find((r) => r.id === ids.outageEn)?.customerName).toBeUndefined();

    // Anonymising changed the conversation, so a restart's catch-up rebuilds it from its
    // records: that must not bring the name or the account back.
    const second = await startTestApp({ MONGODB_URI: t.mongoUri });
    try {
      const find = (query: Record<string, string>) =>
        request(second.url)
          .get('/transcripts/search')
          .query(query)
          .set('authorization', `Bearer ${supervisor}`);
      const deadline = Date.now() + 10_000;
      let rebuilt = false;
      while (!rebuilt && Date.now() < deadline) {
        const res = await find({ q: 'outage' });
        rebuilt = res.status === 200 && idsOf(res.body as SearchPage).includes(ids.outageEn);
        if (!rebuilt) await new Promise((r) => setTimeout(r, 100));
      }
      expect(rebuilt).toBe(true);
      await second.app.get(SearchCatchUpService).run();
      expect((await find({ account: SAM_ACCOUNT })).body).toMatchObject({ results: [] });
      expect((await find({ customer: 'sam green' })).body).toMatchObject({ results: [] });
    } finally {
      await second.close({ keepData: true });
    }
  });

  it('is for supervisors only', async () => {
    await request(t.url).get('/transcripts/search').query({ q: 'x' }).expect(401);
    const agent = await login(t.url, 'agent.li');
    expect((await search({ q: '停电' }, agent)).status).toBe(403);
  });

  it.each([
    [{ rating: 9 }],
    [{ from: '2025-13-01' }],
    [{ from: '2025-02-01', to: '2025-01-01' }],
    [{ outcome: 'maybe' }],
    [{ intent: 'no.such.intent' }],
    [{ limit: 0 }],
    [{ page: 'two' }],
    [{ agentId: 'li' }],
    [{ q: '!!!' }],
    [{ sort: 'oldest' }],
  ])('refuses %j with 400', async (query) => {
    const res = await search(query);
    expect(res.status).toBe(400);
    expect((res.body as { error: { code: string } }).error.code).toBe('VALIDATION');
  });
});
