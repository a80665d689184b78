import { randomBytes } from 'crypto';
import request from 'supertest';
import { getQueueToken } from '@nestjs/bull';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Queue } from 'bull';
import { getConnectionToken } from '@nestjs/mongoose';
import { ConversationEvents } from '../src/conversations/conversation.events';
import { Connection } from 'mongoose';
import { IncidentUpdatesService } from '../src/incidents/incident-updates.service';
import { NoticeRepairService } from '../src/incidents/notice-repair.service';
import { NOTICES_QUEUE } from '../src/incidents/notices.constants';
import { NoticesService } from '../src/incidents/notices.service';
import { PlannedNoticesService } from '../src/incidents/planned-notices.service';
import { DEMO_ACTIVE_OUTAGE_FEEDER, WELL_KNOWN_ACCOUNTS } from '../src/utility/demo-city';
import { NoticesQueue } from '../src/incidents/notices.queue';
import { UtilitySeedService } from '../src/utility/utility-seed.service';
import { login, RecordingClient, startCustomer } from './support/clients';
import { allText, eventually, quietFeeders, systemMessages, tell } from './support/incidents';
import { startTestApp, TestApp } from './support/test-app';

interface Incident {
  id: string;
  reportCount: number;
  accountCount: number;
  status: string;
  etaVersion: number;
}
interface Detail {
  incident: Incident;
  reports: { accountMasked?: string; language: string }[];
  subscriptions: number;
  notices: { sent: number; pending: number; skipped: number };
}
interface Sms {
  _id: string;
  toMasked: string;
  text: string;
}

/**
 * Issue #16, items 1 and 2: outage reports of one feeder grouped into one incident; later
 * reporters told what is known; subscriptions in chat and by SMS; one notice per subscriber per
 * event, in their language, across a restart and a retried job; opt-out.
 */
describe('incidents: grouping, subscriptions and notices', () => {
  // One Bull prefix for both lives of the app, so the restarted app sees the same queues.
  const env = {
    QUEUE_PREFIX: `pd-e2e-inc-${randomBytes(3).toString('hex')}`,
    // The records' sync is run by the test itself, not by the cluster job's tick.
    INCIDENT_SYNC_SECONDS: '0',
  };
  let t: TestApp;
  const clients: RecordingClient[] = [];
  let feeder: { feederId: string; districtCode: string; accounts: string[] };
  let other: typeof feeder;

  beforeAll(async () => {
    t = await startTestApp(env);
    await t.reset();
    await t.app.get(UtilitySeedService).seed({ seed: 11, customers: 400, now: new Date() });
    [feeder, other] = await quietFeeders(t, 3);
  }, 90_000);
  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    await t?.close();
  });

  const api = (token: string) => ({
    token,
    get: (path: string) => request(t.url).get(path).set('Authorization', `Bearer ${token}`),
    patch: (path: string, body: object) =>
      request(t.url).patch(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const path = (id: string) => `/incidents/${encodeURIComponent(id)}`;
  const sms = async (token: string): Promise<Sms[]> =>
    (await api(token).get('/incidents/sms-loopback').expect(200)).body as Sms[];

  let incidentId: string;
  let wang: { conversationId: string };
  // In the order they started: clients[0] is Wang's, [1] Emily's, [2] Liu's.
  let emily: { conversationId: string };
  let liu: { conversationId: string };

  it('groups reports of one feeder into one incident and tells later reporters what is known', async () => {
    const [a1, a2, a3] = feeder.accounts;
    const first = await startCustomer(t.url, 'zh', clients);
    wang = first;
    const opened = await tell(
      first.client,
      `喂，我家突然停电了！！整栋楼都黑了，户号${a1}，冰箱里还有东西呢`,
      (m) => /停电报修|incident|事件/.test(m.text),
    );
    expect(allText(opened)).toMatch(/已为您登记停电报修/);
    expect(allText(opened)).toMatch(/来电了通知我/);

    const second = await startCustomer(t.url, 'en', clients);
    emily = second;
    const known = await tell(
      second.client,
      `hi, powr is out at my flat since like 10 min, acount ${a2}, neighbours too`,
      (m) => /We know/.test(m.text),
    );
    expect(known.reply.text).toMatch(/2 reports so far/);
    expect(known.reply.text).toMatch(/Crews are investigating/);

    // A third gives the account only when asked.
    const third = await startCustomer(t.url, 'zh', clients);
    liu = third;
    const asked = await tell(third.client, '又停电了，怎么回事', (m) => /户号/.test(m.text));
    expect(asked.reply.text).toMatch(/户号/);
    const told = await tell(third.client, `户号是${a3}`, (m) => /已经知道/.test(m.text));
    expect(told.reply.text).toMatch(/已有 3 位客户报告/);

    const staff = api(await login(t.url, 'agent.li'));
    const list = (await staff.get('/incidents').expect(200)).body as Incident[];
    expect(list).toHaveLength(1);
    incidentId = list[0].id;
    expect(incidentId.startsWith(`${feeder.feederId}@`)).toBe(true);
    expect(list[0]).toMatchObject({ reportCount: 3, accountCount: 3, status: 'investigating' });
    const detail = (await staff.get(path(incidentId)).expect(200)).body as Detail;
    expect(detail.reports).toHaveLength(3);
    // Staff see the reporters' accounts masked, never in full.
    for (const r of detail.reports) expect(r.accountMasked).not.toMatch(/\d{10}/);
    expect(JSON.stringify(detail)).not.toContain(a1);
  });

  it('takes subscriptions in chat and by SMS, and an opt-out', async () => {
    const wangClient = clients[0];
    const emilyClient = clients[1];
    const liuClient = clients[2];

    const zh = await tell(wangClient, '好的，来电了通知我', (m) => /通知您/.test(m.text));
    expect(zh.reply.text).toMatch(/会在这个对话里通知您/);

    const en = await tell(
      emilyClient,
      "can you text me when it's back? my mobile is 13912345678, I'm going out",
      (m) => /text/.test(m.text),
    );
    expect(en.reply.text).toMatch(/we will text 139\*+5678|we will text .*5678/);
    expect(en.reply.text).not.toContain('13912345678');

    await tell(liuClient, '来电了通知我一下', (m) => /通知您/.test(m.text));
    const out = await tell(liuClient, '算了算了，不用通知了，我去我妈家住', (m) =>
      /取消/.test(m.text),
    );
    expect(out.reply.text).toMatch(/已取消停电通知/);

    const staff = api(await login(t.url, 'agent.li'));
    const detail = (await staff.get(path(incidentId)).expect(200)).body as Detail;
    expect(detail.subscriptions).toBe(2);
    // The SMS number is sealed at rest: not in the database in clear.
    expect(JSON.stringify(detail)).not.toContain('13912345678');
  });

  it('sends one ETA notice per subscriber in their language, even with the job run again', async () => {
    const supervisor = api(await login(t.url, 'supervisor.zhou'));
    const eta = new Date(Date.now() + 3 * 3600_000).toISOString();
    const updated = (
      await supervisor
        .patch(path(incidentId), {
          status: 'crew_dispatched',
          etaAt: eta,
          causeZh: '10kV 电缆故障',
          causeEn: 'a fault on the 10 kV cable',
        })
        .expect(200)
    ).body as Incident;
    expect(updated).toMatchObject({ status: 'crew_dispatched', etaVersion: 1 });

    await eventually(async () => (await systemMessages(t, wang.conversationId)).length === 1);
    await eventually(async () => (await sms(supervisor.token)).length === 1);
    const [chatNotice] = await systemMessages(t, wang.conversationId);
    expect(chatNotice).toMatch(/预计恢复时间更新为.*10kV 电缆故障/);
    const [text] = await sms(supervisor.token);
    expect(text.text).toMatch(
      /^\[Outage update\] The estimate .* a fault on the 10 kV cable Reply STOP/,
    );
    expect(text.toMasked).not.toContain('13912345678');
    // The customer who opted out hears nothing.
    expect(await systemMessages(t, liu.conversationId)).toEqual([]);

    // Bull retries a job whose worker died: the handlers run again, nothing is sent twice.
    const notices = t.app.get(NoticesService);
    expect(await notices.fanout({ incidentId, event: 'eta', n: 1 })).toBe(2);
    const job = { incidentId, event: 'eta' as const, n: 1 };
    expect(
      await notices.deliver({ ...job, subscriptionId: `${incidentId}:${wang.conversationId}` }),
    ).toBe('already');
    await eventually(async () => (await t.app.get(NoticesQueue).pending()) === 0);
    // The same estimate again changes nothing.
    await supervisor.patch(path(incidentId), { etaAt: eta }).expect(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await systemMessages(t, wang.conversationId)).toHaveLength(1);
    expect(await sms(supervisor.token)).toHaveLength(1);
    expect(await systemMessages(t, emily.conversationId)).toEqual([]);
  });

  it('after a restart, sends one restoration notice per subscriber and refuses to reopen', async () => {
    await t.close({ keepData: true });
    clients.splice(0).forEach((c) => c.close());
    t = await startTestApp({ ...env, MONGODB_URI: t.mongoUri });
    const supervisor = api(await login(t.url, 'supervisor.zhou'));

    const restored = (await supervisor.patch(path(incidentId), { status: 'restored' }).expect(200))
      .body as Incident;
    expect(restored.status).toBe('restored');
    // Saying it twice (staff and the records both) restores once.
    await supervisor.patch(path(incidentId), { status: 'restored' }).expect(409);

    await eventually(async () => (await systemMessages(t, wang.conversationId)).length === 2);
    await eventually(async () => (await sms(supervisor.token)).length === 2);
    const notices = t.app.get(NoticesService);
    await notices.fanout({ incidentId, event: 'restored', n: 1 });
    await notices.fanout({ incidentId, event: 'restored', n: 1 });
    await eventually(async () => (await t.app.get(NoticesQueue).pending()) === 0);
    await new Promise((r) => setTimeout(r, 300));

    const chat = await systemMessages(t, wang.conversationId);
    expect(chat).toHaveLength(2);
    expect(chat[1]).toMatch(/已于 .* 恢复供电/);
    const texts = await sms(supervisor.token);
    expect(texts).toHaveLength(2);
    expect(texts[1].text).toMatch(/^\[Outage update\] Power is back/);
    expect(await systemMessages(t, liu.conversationId)).toEqual([]);

    const detail = (await supervisor.get(path(incidentId)).expect(200)).body as Detail;
    expect(detail.notices).toEqual({ sent: 4, pending: 0, skipped: 0 });

    // Retention anonymises Emily's chat: the number she gave for SMS goes with it.
    await t.app.get(EventEmitter2).emitAsync(ConversationEvents.conversationAnonymised, {
      conversationId: emily.conversationId,
    });
    const db = t.app.get<Connection>(getConnectionToken()).db;
    const kept = await db
      ?.collection('incident_subscriptions')
      .findOne({ conversationId: emily.conversationId });
    expect(kept).toMatchObject({ active: false });
    expect(kept).not.toHaveProperty('phoneSealed');

    // A report after the restoration opens a new incident.
    const again = await startCustomer(t.url, 'zh', clients);
    await tell(again.client, `怎么又停电了？户号${feeder.accounts[0]}`, (m) =>
      /停电报修/.test(m.text),
    );
    const open = (await supervisor.get('/incidents').expect(200)).body as Incident[];
    expect(open).toHaveLength(1);
    expect(open[0].id).not.toBe(incidentId);
  });

  it('links an incident to the outage records and follows their estimate and restoration', async () => {
    const db = t.app.get<Connection>(getConnectionToken()).db;
    if (!db) throw new Error('no database');
    const outages = db.collection<{ outageNo: string; estimatedRestoration?: Date }>(
      'utility_outages',
    );
    const record = await outages.findOne({
      status: 'active',
      kind: 'unplanned',
      feederIds: DEMO_ACTIVE_OUTAGE_FEEDER,
    });
    if (!record) throw new Error('the demo data always has an outage on DH-F02');
    const account = WELL_KNOWN_ACCOUNTS.activeOutage.accountNumber;

    const zhang = await startCustomer(t.url, 'zh', clients);
    const known = await tell(
      zhang.client,
      `你好，我这边没电了，户号${account}，来电了能不能通知我`,
      (m) => /通知您/.test(m.text),
    );
    // The records' outage is told first, then the subscription to the incident it is linked to.
    expect(allText(known)).toMatch(/正在停电/);
    expect(allText(known)).toMatch(/已有 1 位客户报告/);
    const supervisor = api(await login(t.url, 'supervisor.zhou'));
    const open = (await supervisor.get('/incidents').expect(200)).body as (Incident & {
      outageNo?: string;
    })[];
    const linked = open.find((i) => i.outageNo === record.outageNo);
    expect(linked).toBeDefined();

    // The outage-management system revises its estimate; the cluster job picks it up once.
    const sync = t.app.get(IncidentUpdatesService);
    const revised = new Date(Date.now() + 5 * 3600_000);
    await outages.updateOne(
      { outageNo: record.outageNo },
      { $set: { estimatedRestoration: revised } },
    );
    expect(await sync.syncRecords()).toBe(1);
    expect(await sync.syncRecords()).toBe(0);
    await eventually(async () => (await systemMessages(t, zhang.conversationId)).length === 1);

    await outages.updateOne(
      { outageNo: record.outageNo },
      { $set: { status: 'restored', restoredAt: new Date() } },
    );
    expect(await sync.syncRecords()).toBe(1);
    expect(await sync.syncRecords()).toBe(0);
    await eventually(async () => (await systemMessages(t, zhang.conversationId)).length === 2);
    const [eta, back] = await systemMessages(t, zhang.conversationId);
    expect(eta).toMatch(/预计恢复时间更新为/);
    expect(back).toMatch(/恢复供电/);
  });

  it('sends the day-before notice of a planned outage once to the subscribers of its district', async () => {
    const chen = await startCustomer(t.url, 'zh', clients);
    const asked = await tell(chen.client, '我住西山区，以后有计划停电能提前通知我吗', (m) =>
      /提前一天/.test(m.text),
    );
    expect(asked.reply.text).toMatch(/西山区有计划停电时，会提前一天在这个对话里通知您/);

    const db = t.app.get<Connection>(getConnectionToken()).db;
    if (!db) throw new Error('no database');
    const now = new Date();
    const startAt = new Date(now.getTime() + 20 * 3600_000);
    await db.collection('utility_outages').insertOne({
      outageNo: 'PLN-E2E-01',
      kind: 'planned',
      status: 'planned',
      districtCode: 'QH-XS',
      feederIds: ['XS-F02'],
      wholeDistrict: false,
      areaZh: '西山路北段',
      areaEn: 'north Xishan Road',
      causeZh: '变压器检修',
      causeEn: 'transformer maintenance',
      startAt,
      estimatedRestoration: new Date(startAt.getTime() + 4 * 3600_000),
      affectedCustomers: 300,
      etaHistory: [],
      updatedAt: now,
    });
    // Planned outages of the seed may start within the day too: each is one notice.
    const due = await db.collection('utility_outages').countDocuments({
      districtCode: 'QH-XS',
      status: 'planned',
      startAt: { $gte: now, $lte: new Date(now.getTime() + 24 * 3600_000) },
    });
    const planned = t.app.get(PlannedNoticesService);
    // (The cluster job may have ticked in between: either way each outage is scheduled once.)
    expect(await planned.run(now)).toBeLessThanOrEqual(due);
    expect(await planned.run(now)).toBe(0);
    await eventually(async () => (await systemMessages(t, chen.conversationId)).length === due);
    await eventually(async () => (await t.app.get(NoticesQueue).pending()) === 0);
    const texts = await systemMessages(t, chen.conversationId);
    expect(texts.filter((x) => x.includes('PLN-E2E-01'))).toHaveLength(1);
    expect(texts.find((x) => x.includes('PLN-E2E-01'))).toMatch(/西山区西山路北段将于 .* 计划停电/);
  });

  it('rebuilds notices Redis lost from MongoDB (the repair job)', async () => {
    const sun = await startCustomer(t.url, 'en', clients);
    await tell(sun.client, `power went off 5 min ago, account ${other.accounts[0]}`);
    await tell(sun.client, 'ok let me know when its back', (m) => /notice/.test(m.text));
    const staff = api(await login(t.url, 'agent.li'));
    const open = (await staff.get('/incidents').expect(200)).body as Incident[];
    const incident = open.find((i) => i.id.startsWith(`${other.feederId}@`));
    if (!incident) throw new Error('no incident on the second feeder');

    // The repair job ticks on every minute (Bull aligns repeats to the clock): its own tick
    // inside the loss window below would deliver the lost notice before the check that none came.
    await clearOfMinuteTick();
    // The queue stops taking work here and its waiting jobs are dropped: Redis lost them.
    const queue = t.app.get<Queue>(getQueueToken(NOTICES_QUEUE));
    await queue.pause(true);
    await staff
      .patch(path(incident.id), { etaAt: new Date(Date.now() + 3600_000).toISOString() })
      .expect(200);
    await queue.empty();
    await queue.resume(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(await systemMessages(t, sun.conversationId)).toEqual([]);

    const repair = t.app.get(NoticeRepairService);
    // One delivery owed (unless the job's own tick found it a moment earlier).
    expect(await repair.run()).toBeLessThanOrEqual(1);
    await eventually(async () => (await systemMessages(t, sun.conversationId)).length === 1);
    await eventually(async () => (await t.app.get(NoticesQueue).pending()) === 0);
    expect(await repair.run()).toBe(0);
    expect(await systemMessages(t, sun.conversationId)).toHaveLength(1);
  });
});

/** Waits past the next whole minute if it is less than 5 s away (see the repair job's test). */
async function clearOfMinuteTick(): Promise<void> {
  const toNextMinute = 60_000 - (Date.now() % 60_000);
  if (toNextMinute < 5000) await new Promise((r) => setTimeout(r, toNextMinute + 2500));
}
