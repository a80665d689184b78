import { randomBytes } from 'crypto';
import request from 'supertest';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { IncidentUpdatesService } from '../src/incidents/incident-updates.service';
import { RecordsIncidentsService } from '../src/incidents/records-incidents.service';
import { DEMO_ACTIVE_OUTAGE_FEEDER, WELL_KNOWN_ACCOUNTS } from '../src/utility/demo-city';
import { UtilitySeedService } from '../src/utility/utility-seed.service';
import { login, RecordingClient, startCustomer } from './support/clients';
import { activeOutage, eventually, quietFeeders, systemMessages, tell } from './support/incidents';
import { startTestApp, TestApp } from './support/test-app';

interface Incident {
  id: string;
  status: string;
  outageNo?: string;
  reportCount: number;
  affectedAccounts?: number;
  cause?: { zh: string; en: string };
  etaAt?: string;
  confirmed: boolean;
}
interface OutageRecord {
  outageNo: string;
  kind: string;
  status: string;
  districtCode: string;
  feederIds: string[];
  affectedCustomers: number;
  estimatedRestoration?: Date;
}

/**
 * Issue #16, item 1: the records' unplanned outages open incidents before anyone reports them,
 * once across two instances and repeated runs; the incident follows the records' estimate,
 * cause and restoration, and its subscribers hear of the restoration.
 */
describe('incidents opened from the outage records', () => {
  const shared = {
    QUEUE_PREFIX: `pd-e2e-increc-${randomBytes(3).toString('hex')}`,
    // The test runs the job's work itself.
    INCIDENT_SYNC_SECONDS: '0',
  };
  let a: TestApp;
  let b: TestApp;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    a = await startTestApp(shared);
    await a.reset();
    await a.app.get(UtilitySeedService).seed({ seed: 11, customers: 300, now: new Date() });
    b = await startTestApp({ ...shared, MONGODB_URI: a.mongoUri });
  }, 120_000);
  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    await b?.close({ keepData: true });
    await a?.close();
  });

  const outages = () => {
    const db = a.app.get<Connection>(getConnectionToken()).db;
    if (!db) throw new Error('no database');
    return db.collection<OutageRecord>('utility_outages');
  };
  const incidents = async (): Promise<Incident[]> => {
    const token = await login(a.url, 'supervisor.zhou');
    const res = await request(b.url)
      .get('/incidents?all=true')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    return res.body as Incident[];
  };

  it('opens one incident per active unplanned outage, however many runs and instances', async () => {
    const active = await outages().find({ kind: 'unplanned', status: 'active' }).toArray();
    expect(active.length).toBeGreaterThan(0);
    const [onA, onB] = [a, b].map((t) => t.app.get(RecordsIncidentsService));
    const opened = await Promise.all([onA.openFromRecords(), onB.openFromRecords()]);
    expect(opened[0] + opened[1]).toBe(active.length);
    expect(await onA.openFromRecords()).toBe(0);
    expect(await onB.openFromRecords()).toBe(0);

    const all = await incidents();
    for (const outage of active) {
      const mine = all.filter((i) => i.outageNo === outage.outageNo);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        id: `outage:${outage.outageNo}`,
        confirmed: true,
        reportCount: 0,
        affectedAccounts: outage.affectedCustomers,
      });
      expect(mine[0].cause?.zh).toBeTruthy();
    }
  });

  it('takes the reports of its area, follows the records and tells its subscribers of the restoration', async () => {
    const record = await outages().findOne({
      kind: 'unplanned',
      status: 'active',
      feederIds: DEMO_ACTIVE_OUTAGE_FEEDER,
    });
    if (!record) throw new Error('the demo data always has an outage on DH-F02');
    const id = `outage:${record.outageNo}`;
    const account = WELL_KNOWN_ACCOUNTS.activeOutage.accountNumber;
    const zhang = await startCustomer(a.url, 'zh', clients);
    await tell(zhang.client, `停电了，户号${account}`);
    await tell(zhang.client, '来电了通知我', (m) => /通知您/.test(m.text));
    const joined = (await incidents()).find((i) => i.id === id);
    expect(joined?.reportCount).toBe(1);

    // The OMS revises the cause and the estimate; the incident follows on the next run.
    const revised = new Date(Date.now() + 4 * 3600_000);
    await outages().updateOne(
      { outageNo: record.outageNo },
      {
        $set: {
          estimatedRestoration: revised,
          causeZh: '电缆故障抢修中',
          causeEn: 'Cable fault under repair',
        },
      },
    );
    const sync = b.app.get(IncidentUpdatesService);
    expect(await sync.syncRecords()).toBe(1);
    expect(await sync.syncRecords()).toBe(0);
    const followed = (await incidents()).find((i) => i.id === id);
    expect(followed?.cause?.en).toBe('Cable fault under repair');
    expect(followed?.etaAt).toBe(revised.toISOString());
    await eventually(async () => (await systemMessages(a, zhang.conversationId)).length === 1);

    await outages().updateOne(
      { outageNo: record.outageNo },
      { $set: { status: 'restored', restoredAt: new Date() } },
    );
    expect(await sync.syncRecords()).toBe(1);
    expect(await sync.syncRecords()).toBe(0);
    expect((await incidents()).find((i) => i.id === id)?.status).toBe('restored');
    await eventually(async () => (await systemMessages(a, zhang.conversationId)).length === 2);
    const [eta, back] = await systemMessages(a, zhang.conversationId);
    expect(eta).toMatch(/预计恢复时间更新为/);
    expect(back).toMatch(/恢复供电/);
    // Restored in the records: no run opens it again.
    expect(await a.app.get(RecordsIncidentsService).openFromRecords()).toBe(0);
  });

  it('links the incident customers reported first instead of opening a second one', async () => {
    const [feeder] = await quietFeeders(a, 2);
    const liu = await startCustomer(a.url, 'zh', clients);
    await tell(liu.client, `我家停电了 户号${feeder.accounts[0]}`);
    const reported = (await incidents()).find((i) => i.status !== 'restored' && !i.outageNo);
    if (!reported) throw new Error('the report opened no incident');

    const outageNo = `OMS-E2E-${randomBytes(3).toString('hex')}`;
    await outages().insertOne(
      activeOutage({
        outageNo,
        districtCode: feeder.districtCode,
        feederIds: [feeder.feederId],
        affectedCustomers: 321,
      }) as OutageRecord,
    );
    expect(await a.app.get(RecordsIncidentsService).openFromRecords()).toBe(1);
    const after = (await incidents()).filter((i) => i.outageNo === outageNo);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: reported.id, affectedAccounts: 321, reportCount: 1 });
  });
});
