import request from 'supertest';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { connect, login, messageId, RecordingClient } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

/** Personal numbers as customers type them, and what must stay readable beside them. */
const MESSAGES = [
  '户号 1000003051 2026年10月的电费怎么这么高？手机+86 138 1234 5678',
  '我身份证 110105 19491231 0021，上个月交了123.45元',
  'my account is 1000003052 (maybe a typo?) and my card 6217 0000 1000 1234 569',
  'call me on ０１３９ no wait +8613912345678, reference OUT-20261201-01',
  '停电编号 20261201-01，座机010-62345678，用了356 kWh',
];
const CLEAR = [
  '1000003051',
  '13812345678',
  '110105194912310021',
  '1000003052',
  '6217000010001234569',
  '13912345678',
  '62345678',
];
/**
 * Case cards (tickets.caseCard, the dialogue state's `answered` lines and account) still hold
 * the account in clear: that is the case-card part of issue #14, not yet done. Remove a name
 * here when its collection is masked.
 */
const NOT_YET_MASKED: string[] = [];
const KEPT = ['2026年10月', '123.45元', 'OUT-20261201-01', '20261201-01', '356 kWh'];

describe('personal numbers at rest', () => {
  let t: TestApp;
  let customer: RecordingClient;
  let conversationId: string;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    customer = await connect(t.url, '/customer');
    const ack = await customer.emit('conversation:start', { language: 'zh' });
    conversationId = (ack.conversation as { id: string }).id;
    for (const text of MESSAGES) {
      const sent = await customer.emit('message:send', { clientMessageId: messageId(), text });
      ids.push((sent.message as { id: string }).id);
    }
    // The bot's turns (replies, dialogue state, perhaps a ticket) are written too: wait until
    // the conversation has been quiet for a while.
    let seen = -1;
    while (seen !== customer.received.length) {
      seen = customer.received.length;
      await new Promise((r) => setTimeout(r, 1500));
    }
    expect(
      customer.events<{ sender: string }>('message:created').some((m) => m.sender === 'bot'),
    ).toBe(true);
  });
  afterAll(async () => {
    customer.close();
    await t.close();
  });

  it('holds no personal number in clear in any collection, originals included', async () => {
    const db = t.app.get<Connection>(getConnectionToken()).db!;
    const found: string[] = [];
    for (const collection of await db.collections()) {
      if (NOT_YET_MASKED.includes(collection.collectionName)) continue;
      const dump = JSON.stringify(await collection.find({}).toArray());
      const digits = dump.replace(/[\s-]/g, '');
      for (const value of CLEAR) {
        if (digits.includes(value)) found.push(`${collection.collectionName}: ${value}`);
      }
    }
    expect(found).toEqual([]);
    const originals = await db.collection('message_originals').find({}).toArray();
    expect(originals.length).toBeGreaterThanOrEqual(MESSAGES.length);
    for (const o of originals) expect(String(o.text)).toMatch(/^v1\./);
  });

  it('keeps dates, amounts, kWh and references readable in the stored messages', async () => {
    const token = await login(t.url, 'supervisor.qa');
    const res = await request(t.url)
      .get(`/transcripts/${conversationId}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    const body = JSON.stringify((res.body as { messages: unknown[] }).messages);
    for (const kept of KEPT) expect(body).toContain(kept);
    for (const value of CLEAR) expect(body.replace(/[\s-]/g, '')).not.toContain(value);
  });

  it('still unmasks the original for a permitted supervisor with a reason', async () => {
    const zhou = await login(t.url, 'supervisor.zhou');
    const res = await request(t.url)
      .get(`/transcripts/${conversationId}/messages/${encodeURIComponent(ids[0])}/original`)
      .query({ reason: 'billing dispute, case 42' })
      .set('authorization', `Bearer ${zhou}`)
      .expect(200);
    expect((res.body as { text: string }).text).toBe(MESSAGES[0]);
  });
});
