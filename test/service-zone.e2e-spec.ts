import request from 'supertest';
import { UtilitySeedService } from '../src/utility/utility-seed.service';
import { connect, login, messageId, RecordingClient } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

interface Message {
  sender: string;
  text: string;
  card?: { type: string; data: { outage?: { estimatedRestoration?: string } } };
}

/** Donghu, feeder DH-F02 with an active outage (src/utility/demo-city.ts). */
const OUTAGE_ACCOUNT = '1000001014';
const ZONE = 'Asia/Urumqi';

/** "12月1日 14:30" as customers read it in `zone` (the server's customerClock). */
const clock = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: zone,
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

/**
 * SERVICE_TIMEZONE is the one zone of the service: the widget, the supervisor desk and the bot's
 * texts all follow it when it is not the default Asia/Shanghai.
 */
describe('the configured service zone', () => {
  let t: TestApp;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ SERVICE_TIMEZONE: ZONE });
    await t.reset();
    await t.app.get(UtilitySeedService).seed({ seed: 7, customers: 50, now: new Date() });
  }, 60_000);
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => t?.close());

  it('gives the widget the zone with its branding', async () => {
    const answer = await request(t.url).get('/widget/branding').expect(200);
    expect((answer.body as { timeZone: string }).timeZone).toBe(ZONE);
  });

  it('gives the staff pages the zone, to staff only', async () => {
    await request(t.url).get('/service-settings').expect(401);
    for (const username of ['supervisor.zhou', 'agent.li']) {
      const token = await login(t.url, username);
      const answer = await request(t.url)
        .get('/service-settings')
        .set('authorization', `Bearer ${token}`)
        .expect(200);
      expect(answer.body).toEqual({ timeZone: ZONE });
    }
  });

  it("tells a customer the outage's estimate in the configured zone, not Shanghai's", async () => {
    const client = await connect(t.url, '/customer');
    clients.push(client);
    await client.emit('conversation:start', { language: 'zh' });
    const ack = await client.emit('message:send', {
      clientMessageId: messageId(),
      text: `我家停电了，户号${OUTAGE_ACCOUNT}`,
    });
    expect(ack.ok).toBe(true);
    const reply = await client.waitFor<Message>(
      'message:created',
      (m) => m.sender === 'bot' && m.card?.type === 'outage',
    );
    const eta = reply.card?.data.outage?.estimatedRestoration;
    expect(eta).toEqual(expect.any(String));
    expect(reply.text).toContain(clock(eta as string, ZONE));
    // Urumqi is two hours behind Shanghai: the same instant reads differently.
    expect(reply.text).not.toContain(clock(eta as string, 'Asia/Shanghai'));
  });
});
