import request from 'supertest';
import { RetentionService } from '../src/conversations/retention.service';
import { UtilitySeedService } from '../src/utility/utility-seed.service';
import { connect, login, messageId, RecordingClient } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

interface Message {
  id: string;
  sender: string;
  text: string;
}
interface Entry {
  username: string;
  action: string;
  target: string;
  reason?: string;
}

const PERSONAL = '我的身份证11010519491231002X，手机13812345678，银行卡6217000010001234569';

describe('privacy: masking at write time, audited unmasking', () => {
  let t: TestApp;
  let customer: RecordingClient;
  let conversationId: string;
  let personal: Message;

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    customer = await connect(t.url, '/customer');
    const ack = await customer.emit('conversation:start', { language: 'zh' });
    conversationId = (ack.conversation as { id: string }).id;
    const sent = await customer.emit('message:send', {
      clientMessageId: messageId(),
      text: PERSONAL,
    });
    personal = sent.message as Message;
  });
  afterAll(async () => {
    customer.close();
    await t.close();
  });

  it('stores and sends the message with every personal number masked', async () => {
    expect(personal.text).toBe(
      '我的身份证**************002X，手机138****5678，银行卡***************4569',
    );
    const token = await login(t.url, 'supervisor.qa');
    const res = await request(t.url)
      .get(`/transcripts/${conversationId}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    const body = JSON.stringify(res.body);
    expect(body).not.toContain('13812345678');
    expect(body).not.toContain('11010519491231002X');
    expect(body).not.toContain('6217000010001234569');
  });

  it('refuses to unmask without the permission, and without a reason', async () => {
    const qa = await login(t.url, 'supervisor.qa');
    const url = `/transcripts/${conversationId}/messages/${encodeURIComponent(personal.id)}/original`;
    await request(t.url)
      .get(`${url}?reason=customer%20dispute`)
      .set('authorization', `Bearer ${qa}`)
      .expect(403);
    const zhou = await login(t.url, 'supervisor.zhou');
    await request(t.url).get(url).set('authorization', `Bearer ${zhou}`).expect(400);
    const agent = await login(t.url, 'agent.li');
    await request(t.url)
      .get(`${url}?reason=customer%20dispute`)
      .set('authorization', `Bearer ${agent}`)
      .expect(403);
  });

  it('unmasks for a permitted supervisor with a reason, and logs who, what and why', async () => {
    const zhou = await login(t.url, 'supervisor.zhou');
    const url = `/transcripts/${conversationId}/messages/${encodeURIComponent(personal.id)}/original`;
    const res = await request(t.url)
      .get(`${url}?reason=${encodeURIComponent('billing dispute, case 42')}`)
      .set('authorization', `Bearer ${zhou}`)
      .expect(200);
    expect(res.body).toMatchObject({ text: PERSONAL });

    const log = await request(t.url)
      .get(`/audit/access-log?target=${encodeURIComponent(`message:${personal.id}`)}`)
      .set('authorization', `Bearer ${zhou}`)
      .expect(200);
    expect((log.body as { entries: Entry[] }).entries[0]).toMatchObject({
      username: 'supervisor.zhou',
      action: 'transcript.unmask',
      reason: 'billing dispute, case 42',
    });
  });

  it('logs every transcript read, and lets no agent read or change the log', async () => {
    const qa = await login(t.url, 'supervisor.qa');
    await request(t.url)
      .get(`/transcripts/${conversationId}`)
      .set('authorization', `Bearer ${qa}`)
      .expect(200);
    const log = await request(t.url)
      .get(`/audit/access-log?target=conversation:${conversationId}`)
      .set('authorization', `Bearer ${qa}`)
      .expect(200);
    expect(
      (log.body as { entries: Entry[] }).entries.some(
        (e) => e.username === 'supervisor.qa' && e.action === 'transcript.read',
      ),
    ).toBe(true);

    const agent = await login(t.url, 'agent.li');
    await request(t.url)
      .get('/audit/access-log')
      .set('authorization', `Bearer ${agent}`)
      .expect(403);
    await request(t.url)
      .delete('/audit/access-log')
      .set('authorization', `Bearer ${qa}`)
      .expect(404);
    await request(t.url)
      .post('/audit/access-log')
      .set('authorization', `Bearer ${qa}`)
      .send({})
      .expect(404);
  });

  it('anonymises a conversation once it falls out of retention: the original is gone for good', async () => {
    const later = new Date(Date.now() + 400 * 86_400_000);
    expect(await t.app.get(RetentionService).run(later)).toBeGreaterThanOrEqual(1);
    const zhou = await login(t.url, 'supervisor.zhou');
    const url = `/transcripts/${conversationId}/messages/${encodeURIComponent(personal.id)}/original`;
    const res = await request(t.url)
      .get(`${url}?reason=${encodeURIComponent('audit after retention')}`)
      .set('authorization', `Bearer ${zhou}`)
      .expect(200);
    expect(res.body.text).toBe(personal.text);
    expect(await t.app.get(RetentionService).run(later)).toBe(0);
  });

  it('stores the answer to "the last four digits of your phone" masked, and still verifies it', async () => {
    // The demo city's records: account 1000004067's registered phone ends in 4321.
    await t.app.get(UtilitySeedService).seed({ seed: 7, customers: 50, now: new Date() });
    const asked = await connect(t.url, '/customer');
    try {
      await asked.emit('conversation:start', { language: 'en' });
      await asked.emit('message:send', {
        clientMessageId: messageId(),
        text: 'why is my bill so high? account 1000004067',
      });
      await asked.waitFor<Message>(
        'message:created',
        (m) => m.sender === 'bot' && /digit/i.test(m.text),
      );
      const sent = await asked.emit('message:send', { clientMessageId: messageId(), text: '4321' });
      expect((sent.message as Message).text).toBe('****');
      // Verified all the same: the bot read the digits before they were masked.
      const answer = await asked.waitFor<Message>(
        'message:created',
        (m) => m.sender === 'bot' && /tier|kWh/i.test(m.text),
        15_000,
      );
      expect(answer.text).not.toContain('4321');
    } finally {
      asked.close();
    }
  });
});
