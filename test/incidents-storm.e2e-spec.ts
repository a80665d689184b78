import request from 'supertest';
import { UtilitySeedService } from '../src/utility/utility-seed.service';
import { connect, login, RecordingClient, startCustomer } from './support/clients';
import { allText, quietFeeders, tell } from './support/incidents';
import { startTestApp, TestApp } from './support/test-app';

interface StormChanged {
  on: boolean;
  by: string;
  incident: { id: string };
  banner: { zh: string; en: string };
}
interface Detail {
  incident: { id: string; storm: { on: boolean; manual?: string } };
  callbacks: { phoneMasked: string }[];
}

/** The rate that starts a storm here: low, so a handful of customers make one. */
const RATE = 4;

/**
 * Issue #16, item 3: storm mode. Past the rate the bot answers the incident's chats from the
 * incident, stops queueing them for agents unless the customer insists or it is a hazard, and
 * offers a callback; supervisors see the banner and can switch it off (and on).
 */
describe('incidents: storm mode', () => {
  let t: TestApp;
  const clients: RecordingClient[] = [];
  let feeder: { feederId: string; districtCode: string; accounts: string[] };

  beforeAll(async () => {
    t = await startTestApp({ STORM_REPORTS_PER_MINUTE: String(RATE) });
    await t.reset();
    await t.app.get(UtilitySeedService).seed({ seed: 11, customers: 600, now: new Date() });
    [feeder] = (await quietFeeders(t, RATE + 4)).sort(
      (a, b) => b.accounts.length - a.accounts.length,
    );
  }, 90_000);
  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    await t?.close();
  });

  const path = (id: string) => `/incidents/${encodeURIComponent(id)}`;
  async function tickets(token: string, conversationId: string): Promise<{ reason: string }[]> {
    const body = (
      await request(t.url)
        .get('/tickets?limit=100')
        .set('Authorization', `Bearer ${token}`)
        .expect(200)
    ).body as { items: { conversationId: string; reason: string }[] };
    return body.items.filter((i) => i.conversationId === conversationId);
  }

  it('turns on past the rate, holds back handoffs the bot would make, and is switched off by a supervisor', async () => {
    // The rate counts per calendar minute: start early in one, so the burst is not split.
    const second = new Date().getUTCSeconds();
    if (second > 40) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    const token = await login(t.url, 'supervisor.zhou');
    const board = await connect(t.url, '/supervisor', { token });
    clients.push(board);

    const openers = [
      '我家停电了 户号{a}',
      'power cut here!! account {a}',
      '停电了啊，怎么回事，户号是{a}',
      'no electricity since 5 mins, acct no {a} pls check',
    ];
    for (let i = 0; i < RATE; i++) {
      const { client } = await startCustomer(t.url, i % 2 ? 'en' : 'zh', clients);
      await tell(client, openers[i].replace('{a}', feeder.accounts[i]));
    }
    const storm = await board.waitFor<StormChanged>('incident:storm_changed', (s) => s.on);
    expect(storm.by).toBe('rate');
    expect(storm.banner.zh).toMatch(/风暴模式/);
    expect(storm.banner.en).toMatch(/Storm mode/);
    const incidentId = storm.incident.id;

    // A customer the bot cannot follow: no queue, the incident's news and a callback instead.
    const lost = await startCustomer(t.url, 'en', clients);
    await tell(lost.client, `my power is gone, account ${feeder.accounts[RATE]}`);
    await tell(lost.client, 'I need the thing with the stuff');
    const held = await tell(lost.client, 'you know, the other thing', (m) =>
      /call back/.test(m.text),
    );
    expect(held.reply.text).toMatch(/not queueing chats for agents/);
    expect(held.reply.text).toMatch(/We know about the outage/);
    expect(await tickets(token, lost.conversationId)).toEqual([]);
    const callback = await tell(lost.client, 'ok call me back on 13712345678 then', (m) =>
      /callback request is noted/.test(m.text),
    );
    expect(callback.reply.text).not.toContain('13712345678');
    const detail = (
      await request(t.url).get(path(incidentId)).set('Authorization', `Bearer ${token}`).expect(200)
    ).body as Detail;
    expect(detail.callbacks).toHaveLength(1);
    expect(detail.callbacks[0].phoneMasked).not.toContain('13712345678');

    // Insisting on a person still reaches one, and a hazard keeps its fast lane.
    const insists = await startCustomer(t.url, 'zh', clients);
    await tell(insists.client, `停电了 户号${feeder.accounts[RATE + 1]}`);
    await tell(insists.client, '我不要机器人，转人工！', (m) => /转接人工/.test(m.text));
    expect(await tickets(token, insists.conversationId)).toHaveLength(1);
    const hazard = await startCustomer(t.url, 'zh', clients);
    await tell(hazard.client, `停电了，户号${feeder.accounts[RATE + 2]}`);
    const urgent = await tell(hazard.client, '门口电线掉下来了还在冒火花！！', (m) =>
      /安全第一/.test(m.text),
    );
    expect(allText(urgent)).toMatch(/紧急转接/);
    const [hazardTicket] = await tickets(token, hazard.conversationId);
    expect(hazardTicket.reason).toBe('safety_hazard');

    // An agent may not switch it; a supervisor may, and the banner goes.
    const agent = await login(t.url, 'agent.li');
    await request(t.url)
      .post(`${path(incidentId)}/storm`)
      .set('Authorization', `Bearer ${agent}`)
      .send({ on: false })
      .expect(403);
    await request(t.url)
      .post(`${path(incidentId)}/storm`)
      .set('Authorization', `Bearer ${token}`)
      .send({ on: 'nope' })
      .expect(400);
    await request(t.url)
      .post(`${path(incidentId)}/storm`)
      .set('Authorization', `Bearer ${token}`)
      .send({ on: false })
      .expect(201);
    const off = await board.waitFor<StormChanged>('incident:storm_changed', (s) => !s.on);
    expect(off.by).toBe('supervisor');

    // Off: the same confusion is handed to a person again, and more reports do not restart it.
    const later = await startCustomer(t.url, 'en', clients);
    await tell(later.client, `power's out, account ${feeder.accounts[RATE + 3]}`);
    await tell(later.client, 'I need the thing with the stuff');
    await tell(later.client, 'you know, the other thing', (m) =>
      /connecting you to an agent/.test(m.text),
    );
    expect(await tickets(token, later.conversationId)).toHaveLength(1);
    const after = (
      await request(t.url).get(path(incidentId)).set('Authorization', `Bearer ${token}`).expect(200)
    ).body as Detail;
    expect(after.incident.storm).toMatchObject({ on: false, manual: 'off' });
  });
});
