import { getConnectionToken } from '@nestjs/mongoose';
import { randomBytes } from 'crypto';
import Redis from 'ioredis';
import { Connection } from 'mongoose';
import request from 'supertest';
import { SearchCatchUpService } from '../src/audit/search/search-catch-up.service';
import { SearchCopyService } from '../src/audit/search/search-copy.service';
import { TranscriptSummariesService } from '../src/audit/search/transcript-summaries.service';
import { RedisService } from '../src/common/redis.service';
import { connect, login, messageId, RecordingClient } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

interface SearchPage {
  results: { id: string; snippet?: { text: string } }[];
  total: number;
}

/** Han characters for words of two: each pair is one search term. */
const HAN = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';

/**
 * Two app instances on one database and one Redis prefix: every instance answers a search from
 * its own copy of `transcript_summaries`, so what one instance writes must reach the other's
 * copy (a notice over Redis, then a read by id) and writes of both must merge in the store.
 */
describe('transcript search shared by two instances', () => {
  let a: TestApp;
  let b: TestApp;
  let supervisor: string;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    const shared = { QUEUE_PREFIX: `pd-e2e-search-${randomBytes(4).toString('hex')}` };
    a = await startTestApp(shared);
    await a.reset();
    b = await startTestApp({ ...shared, MONGODB_URI: a.mongoUri });
    await b.app.get(SearchCopyService).whenReady();
    supervisor = await login(a.url, 'supervisor.zhou');
  }, 60_000);
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await b.close({ keepData: true });
    await a.close();
  });

  const search = (app: TestApp, query: Record<string, string>) =>
    request(app.url)
      .get('/transcripts/search')
      .query(query)
      .set('authorization', `Bearer ${supervisor}`);

  /** Polls until `id` is among the results, for at most `ms`; returns how long it took. */
  async function foundWithin(app: TestApp, query: Record<string, string>, id: string, ms: number) {
    const started = Date.now();
    for (;;) {
      const res = await search(app, query);
      expect(res.status).toBe(200);
      if ((res.body as SearchPage).results.some((r) => r.id === id)) return Date.now() - started;
      if (Date.now() - started > ms) throw new Error(`${id} not found by ${JSON.stringify(query)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('finds on instance A, within seconds, a conversation written through instance B', async () => {
    const customer = await connect(b.url, '/customer');
    clients.push(customer);
    const started = await customer.emit('conversation:start', {
      language: 'zh',
      customerName: '林晓',
    });
    const conversationId = (started.conversation as { id: string }).id;
    // 戊戌 is in no other conversation of this file.
    expect(
      (await customer.emit('message:send', { clientMessageId: messageId(), text: '戊戌路停电了' }))
        .ok,
    ).toBe(true);
    await foundWithin(a, { q: '戊戌' }, conversationId, 3000);
    const page = (await search(a, { q: '戊戌' })).body as SearchPage;
    expect(page.results.map((r) => r.id)).toEqual([conversationId]);
    expect(page.results[0].snippet?.text).toContain('戊戌');
    await foundWithin(a, { customer: '林晓' }, conversationId, 3000);
  });

  it('keeps the terms that A and B add to one conversation at the same moment', async () => {
    const customer = await connect(a.url, '/customer');
    clients.push(customer);
    const started = await customer.emit('conversation:start', { language: 'zh' });
    const conversationId = (started.conversation as { id: string }).id;
    await customer.emit('message:send', { clientMessageId: messageId(), text: '电费怎么算' });
    await foundWithin(b, { q: '电费' }, conversationId, 3000);

    const onA = a.app.get(TranscriptSummariesService);
    const onB = b.app.get(TranscriptSummariesService);
    const fromA: string[] = [];
    const fromB: string[] = [];
    // Ten rounds of two writes raced against each other, each adding a term of its own.
    for (let i = 0; i < 10; i++) {
      fromA.push(HAN[i] + HAN[i + 12]);
      fromB.push(HAN[i + 1] + HAN[i + 12]);
      await Promise.all([
        onA.update(conversationId, { terms: [fromA[i]] }),
        onB.update(conversationId, { terms: [fromB[i]] }),
      ]);
    }
    const db = a.app.get<Connection>(getConnectionToken()).db!;
    const stored = await db
      .collection<{ _id: string; terms: string[] }>('transcript_summaries')
      .findOne({ _id: conversationId });
    expect(stored?.terms).toEqual(expect.arrayContaining([...fromA, ...fromB, '电费']));
    // Both instances answer both instances' terms.
    for (const app of [a, b]) {
      for (const term of [fromA[9], fromB[9], fromA[0], fromB[0]]) {
        await foundWithin(app, { q: term }, conversationId, 3000);
      }
    }
  });

  it('finds a change whose notice was lost when it next looks for changed summaries', async () => {
    const customer = await connect(a.url, '/customer');
    clients.push(customer);
    const started = await customer.emit('conversation:start', { language: 'zh' });
    const conversationId = (started.conversation as { id: string }).id;
    await customer.emit('message:send', { clientMessageId: messageId(), text: '电表读数' });
    await foundWithin(b, { q: '电表' }, conversationId, 3000);
    // A writer whose notice never went out (Redis lost it): only the store knows.
    const db = a.app.get<Connection>(getConnectionToken()).db!;
    await db
      .collection<{ _id: string }>('transcript_summaries')
      .updateOne(
        { _id: conversationId },
        { $addToSet: { terms: '庚辛' }, $max: { indexedAt: new Date() }, $inc: { rev: 1 } },
      );
    await new Promise((r) => setTimeout(r, 300));
    expect((await search(b, { q: '庚辛' })).body).toMatchObject({ total: 0 });
    await b.app.get(SearchCopyService).look();
    await foundWithin(b, { q: '庚辛' }, conversationId, 1000);
  });

  it('looks for what it may have missed as soon as its subscription comes back', async () => {
    const customer = await connect(a.url, '/customer');
    clients.push(customer);
    const started = await customer.emit('conversation:start', { language: 'zh' });
    const conversationId = (started.conversation as { id: string }).id;
    await customer.emit('message:send', { clientMessageId: messageId(), text: '电压不稳' });
    await foundWithin(b, { q: '电压' }, conversationId, 3000);
    // Written while B's subscription was down: no notice reaches B.
    const db = a.app.get<Connection>(getConnectionToken()).db!;
    await db
      .collection<{ _id: string }>('transcript_summaries')
      .updateOne(
        { _id: conversationId },
        { $addToSet: { terms: '癸亥' }, $max: { indexedAt: new Date() }, $inc: { rev: 1 } },
      );
    // B's subscriber connection drops and reconnects (ioredis subscribes again); the private
    // connection is reached only here, to cut it as a network failure would.
    const subscriber = (b.app.get(RedisService) as unknown as { subscriber: Redis }).subscriber;
    subscriber.disconnect(true);
    // Well within the 30 s of the periodic look.
    await foundWithin(b, { q: '癸亥' }, conversationId, 5000);
  });

  it('rebuilds on A, from the records, a summary whose write failed on B', async () => {
    const customer = await connect(b.url, '/customer');
    clients.push(customer);
    const started = await customer.emit('conversation:start', { language: 'zh' });
    const conversationId = (started.conversation as { id: string }).id;
    await customer.emit('message:send', { clientMessageId: messageId(), text: '己亥年的电费' });
    await foundWithin(a, { q: '己亥' }, conversationId, 3000);
    // B's write of the summary "failed": the store has lost the words, B noted the conversation.
    const db = a.app.get<Connection>(getConnectionToken()).db!;
    const summaries = db.collection<{ _id: string; terms: string[] }>('transcript_summaries');
    await summaries.updateOne({ _id: conversationId }, { $set: { terms: [] } });
    await b.app.get(SearchCatchUpService).markDirty(conversationId);
    const redis = a.app.get(RedisService);
    expect(await redis.client.smembers(redis.key('search:dirty'))).toEqual([conversationId]);
    // A pass on A (wherever the cluster's job runs) rebuilds it from the messages.
    const catchUp = a.app.get(SearchCatchUpService);
    await catchUp.runOnce();
    await catchUp.runOnce();
    expect((await summaries.findOne({ _id: conversationId }))?.terms).toEqual(
      expect.arrayContaining(['己亥', '电费']),
    );
    expect(await redis.client.smembers(redis.key('search:dirty'))).toEqual([]);
  });

  it('moves the summaries of the old per-day collections into the shared one at start', async () => {
    const db = a.app.get<Connection>(getConnectionToken()).db!;
    const id = '65f000000000000000000abc';
    await db
      .collection<{ _id: string; [field: string]: unknown }>('search_transcripts_20261127')
      .insertOne({
        _id: id,
        createdAt: new Date('2026-11-27T09:00:00Z'),
        language: 'zh',
        status: 'closed',
        channel: 'web',
        customerName: '周敏',
        lines: JSON.stringify([{ seq: 2, sender: 'customer', text: '壬癸小区停电' }]),
        terms: ['customer:65f000000000000000000abc', '壬癸', '停电'].join('\n'),
      });
    const c = await startTestApp({ MONGODB_URI: a.mongoUri });
    try {
      await c.app.get(SearchCopyService).whenReady();
      await foundWithin(c, { q: '壬癸' }, id, 1000);
      const page = (await search(c, { q: '壬癸' })).body as SearchPage;
      expect(page.results[0].snippet?.text).toBe('壬癸小区停电');
      const moved = await db
        .collection<{ _id: string; terms: string[]; customerName?: string }>('transcript_summaries')
        .findOne({ _id: id });
      expect(moved).toMatchObject({ customerName: '周敏' });
      expect(moved?.terms).toEqual(expect.arrayContaining(['壬癸', '停电']));
      // (mongo-java-server ignores a listCollections filter: the names are compared here.)
      const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((n) => n.name);
      expect(names).toContain('transcript_summaries');
      expect(names).not.toContain('search_transcripts_20261127');
    } finally {
      await c.close({ keepData: true });
    }
  });
});
