import request from 'supertest';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { RECOUNT_QUIET_MS } from '../src/incidents/callback-recount.service';
import { CallbacksRepository } from '../src/incidents/callbacks.repository';
import { CallbacksService } from '../src/incidents/callbacks.service';
import { IncidentRepairsService } from '../src/incidents/incident-repairs.service';
import { IncidentsRepository } from '../src/incidents/incidents.repository';
import { UtilitySeedService } from '../src/utility/utility-seed.service';
import { connectAgent, login, RecordingClient, startCustomer } from './support/clients';
import { quietFeeders, tell } from './support/incidents';
import { startTestApp, TestApp } from './support/test-app';

interface Incident {
  id: string;
  feederId?: string;
  callbacksPending: number;
}
interface Callback {
  id: string;
}

/**
 * Review of #16: `callbacksPending` is kept by a second write after the callback's own, so a
 * crash between them left it wrong for good. The incidents' repair job recounts it from the
 * callbacks; a counter that is right, or whose callbacks just changed, is left alone.
 */
describe('incidents: the repair job recounts pending callbacks', () => {
  let t: TestApp;
  const clients: RecordingClient[] = [];
  let feeders: { feederId: string; districtCode: string; accounts: string[] }[];
  let supervisor: string;

  beforeAll(async () => {
    // The test's incidents are the customers' own: the records' job stays out of them.
    t = await startTestApp({ INCIDENT_SYNC_SECONDS: '0' });
    await t.reset();
    await t.app.get(UtilitySeedService).seed({ seed: 11, customers: 300, now: new Date() });
    feeders = await quietFeeders(t, 1);
    supervisor = await login(t.url, 'supervisor.zhou');
  }, 90_000);
  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    await t?.close();
  });

  const incidents = () => {
    const db = t.app.get<Connection>(getConnectionToken()).db;
    if (!db) throw new Error('no database');
    return db.collection<{ _id: string; callbacksPending?: number }>('incidents');
  };
  const as = (token: string) => ({
    get: (path: string) => request(t.url).get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) =>
      request(t.url).post(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  /** What the supervisors' incidents table shows. */
  const shown = async (id: string): Promise<number> => {
    const all = (await as(supervisor).get('/incidents').expect(200)).body as Incident[];
    const found = all.find((i) => i.id === id);
    if (!found) throw new Error(`no incident ${id}`);
    return found.callbacksPending;
  };
  /** A customer's outage report on the n-th quiet feeder opens an incident there. */
  let opened = 0;
  const openIncident = async (): Promise<string> => {
    const feeder = feeders[opened++];
    const customer = await startCustomer(t.url, 'zh', clients);
    await tell(customer.client, `停电了 户号${feeder.accounts[0]}`);
    const all = (await as(supervisor).get('/incidents').expect(200)).body as Incident[];
    const found = all.find((i) => i.feederId === feeder.feederId);
    if (!found) throw new Error('the report opened no incident');
    return found.id;
  };
  const chat = (incidentId: string, n: number) => ({
    incidentId,
    conversationId: String(n).repeat(24),
    language: 'zh' as const,
  });
  /** The job's run once the callbacks have been still for the quiet window. */
  const later = () => new Date(Date.now() + RECOUNT_QUIET_MS + 1_000);

  it('puts a counter a crash left wrong right again, and tells the desks', async () => {
    const id = await openIncident();
    const callbacks = t.app.get(CallbacksService);
    for (const n of [1, 2, 3]) await callbacks.request({ ...chat(id, n), phone: '13700000001' });
    // One is taken by an agent (still open), one is done (no longer counted).
    const li = await login(t.url, 'agent.li');
    const taken = (await as(li).post('/incident-callbacks/take', { incidentId: id }).expect(201))
      .body as Callback;
    await as(li).post('/incident-callbacks/take', { incidentId: id }).expect(201);
    await as(li)
      .post(`/incident-callbacks/${encodeURIComponent(taken.id)}/close`, { outcome: 'done' })
      .expect(201);
    expect(await shown(id)).toBe(2);

    // A crash between a callback's write and the incident's $inc, as the store keeps it.
    await incidents().updateOne({ _id: id }, { $set: { callbacksPending: 7 } });
    expect(await shown(id)).toBe(7);

    const desk = await connectAgent(t.url, 'agent.li');
    clients.push(desk);
    const repairs = t.app.get(IncidentRepairsService);
    expect((await repairs.run(later())).countsCorrected).toBe(1);
    expect(await shown(id)).toBe(2);
    await desk.waitFor<Incident>(
      'incident:updated',
      (i) => i.id === id && i.callbacksPending === 2,
    );
    // Idempotent: the next run finds nothing to correct.
    expect((await repairs.run(later())).countsCorrected).toBe(0);
    expect(await shown(id)).toBe(2);
  });

  it('counts a callback whose $inc never came, but not while it may still be on the way', async () => {
    const id = await openIncident();
    // The callback's own write, and the process dies before CallbacksService's $inc.
    await t.app.get(CallbacksRepository).request({
      _id: `${id}:${'4'.repeat(24)}`,
      ...chat(id, 4),
      phoneSealed: 'sealed',
      phoneMasked: '137****0004',
      at: new Date(),
    });
    expect(await shown(id)).toBe(0);

    // Within the quiet window the $inc may be a moment away: counting now would count it twice.
    const repairs = t.app.get(IncidentRepairsService);
    expect((await repairs.run(new Date())).countsCorrected).toBe(0);
    expect(await shown(id)).toBe(0);

    expect((await repairs.run(later())).countsCorrected).toBe(1);
    expect(await shown(id)).toBe(1);
  });

  it('leaves a counter that is right untouched', async () => {
    const id = await openIncident();
    await t.app.get(CallbacksService).request({ ...chat(id, 5), phone: '13700000005' });
    const before = await incidents().findOne({ _id: id });
    expect(before?.callbacksPending).toBe(1);

    expect((await t.app.get(IncidentRepairsService).run(later())).countsCorrected).toBe(0);
    expect(await incidents().findOne({ _id: id })).toEqual(before);
    expect(await shown(id)).toBe(1);
  });

  it('corrects the counter once when two instances recount at the same time', async () => {
    const id = await openIncident();
    await t.app.get(CallbacksService).request({ ...chat(id, 7), phone: '13700000007' });
    await incidents().updateOne({ _id: id }, { $set: { callbacksPending: 4 } });

    // A second instance on the same store (its own Bull prefix: only the handlers race here).
    const b = await startTestApp({ INCIDENT_SYNC_SECONDS: '0', MONGODB_URI: t.mongoUri });
    try {
      const at = later();
      const runs = await Promise.all(
        [t, b].map((app) => app.app.get(IncidentRepairsService).run(at)),
      );
      expect(runs.map((r) => r.countsCorrected).sort()).toEqual([0, 1]);
      expect(await shown(id)).toBe(1);
    } finally {
      await b.close({ keepData: true });
    }
  });

  it('does not overwrite an $inc that landed after the recount read the counter', async () => {
    const id = await openIncident();
    const seen = (await incidents().findOne({ _id: id }))?.callbacksPending;
    expect(seen).toBe(0);
    // A request counted between the recount's read and its correction.
    await t.app.get(CallbacksService).request({ ...chat(id, 6), phone: '13700000006' });

    const repository = t.app.get(IncidentsRepository);
    expect(await repository.setCallbacksCount(id, seen, 0)).toBeNull();
    expect(await shown(id)).toBe(1);
    // With the value it holds, the same correction applies.
    expect((await repository.setCallbacksCount(id, 1, 1))?.callbacksPending).toBe(1);
  });
});
