import request from 'supertest';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { ConversationEvents } from '../src/conversations/conversation.events';
import { CallbacksService } from '../src/incidents/callbacks.service';
import { UtilitySeedService } from '../src/utility/utility-seed.service';
import { connectAgent, login, RecordingClient, startCustomer } from './support/clients';
import { quietFeeders, tell } from './support/incidents';
import { startTestApp, TestApp } from './support/test-app';

interface Incident {
  id: string;
  callbacksPending: number;
}
interface Callback {
  id: string;
  incidentId: string;
  phone: string;
  phoneMasked: string;
  status: string;
  agentId?: string;
  note?: string;
}

/**
 * Issue #16, storm mode's callbacks as agents' work: one record per request however often it is
 * sent, held while the storm lasts, then taken by one agent each (the number whole only with the
 * unmask permission) and marked done or failed; the incident counts the open ones, live.
 */
describe('incidents: storm callbacks reach agents', () => {
  let t: TestApp;
  const clients: RecordingClient[] = [];
  let feeder: { feederId: string; districtCode: string; accounts: string[] };

  beforeAll(async () => {
    // The test's incident is the customers' own: the records' job stays out of it.
    t = await startTestApp({ INCIDENT_SYNC_SECONDS: '0' });
    await t.reset();
    await t.app.get(UtilitySeedService).seed({ seed: 11, customers: 300, now: new Date() });
    [feeder] = await quietFeeders(t, 2);
    // Sam may see personal numbers whole; Li may not.
    const db = t.app.get<Connection>(getConnectionToken()).db;
    if (!db) throw new Error('no database');
    await db
      .collection('staff')
      .updateOne({ username: 'agent.sam' }, { $set: { permissions: ['unmask'] } });
  }, 90_000);
  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    await t?.close();
  });

  const as = (token: string) => ({
    get: (path: string) => request(t.url).get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) =>
      request(t.url).post(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const incident = async (token: string, id: string): Promise<Incident> => {
    const all = (await as(token).get('/incidents').expect(200)).body as Incident[];
    const found = all.find((i) => i.id === id);
    if (!found) throw new Error(`no incident ${id}`);
    return found;
  };

  const ofFeeder = async (token: string): Promise<string> => {
    const all = (await as(token).get('/incidents').expect(200)).body as (Incident & {
      feederId?: string;
    })[];
    const found = all.find((i) => i.feederId === feeder.feederId);
    if (!found) throw new Error('the report opened no incident');
    return found.id;
  };

  it('holds callbacks in the storm, then gives each to one agent who closes it', async () => {
    const supervisor = await login(t.url, 'supervisor.zhou');
    const [li, sam] = [await login(t.url, 'agent.li'), await login(t.url, 'agent.sam')];
    const desk = await connectAgent(t.url, 'agent.li');
    clients.push(desk);

    const wang = await startCustomer(t.url, 'zh', clients);
    await tell(wang.client, `停电了 户号${feeder.accounts[0]}`);
    const id = await ofFeeder(supervisor);
    await as(supervisor)
      .post(`/incidents/${encodeURIComponent(id)}/storm`, { on: true })
      .expect(201);

    // Asked twice in the chat (a resend), and once more by two instances at once: one each.
    for (let i = 0; i < 2; i++) {
      await tell(wang.client, '回电 13712345678', (m) => /已记录回电请求/.test(m.text));
    }
    const callbacks = t.app.get(CallbacksService);
    const emily = { incidentId: id, conversationId: 'f'.repeat(24), language: 'en' as const };
    await Promise.all([
      callbacks.request({ ...emily, phone: '13900001111' }),
      callbacks.request({ ...emily, phone: '13900001111' }),
    ]);
    expect((await incident(supervisor, id)).callbacksPending).toBe(2);
    await desk.waitFor<Incident>('incident:updated', (i) => i.callbacksPending === 2);
    const open = (await as(li).get(`/incident-callbacks?incidentId=${encodeURIComponent(id)}`))
      .body as Callback[];
    expect(open.map((c) => c.status)).toEqual(['pending', 'pending']);
    expect(JSON.stringify(open)).not.toMatch(/13712345678|13900001111/);

    // The storm keeps every agent for hazards and insisting customers: callbacks wait.
    const held = await as(li).post('/incident-callbacks/take', { incidentId: id }).expect(409);
    expect(held.body.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/storm/),
    });
    await as(supervisor)
      .post(`/incidents/${encodeURIComponent(id)}/storm`, { on: false })
      .expect(201);

    // Two agents at once: each gets a different one; a third take finds none.
    const [toLi, toSam] = await Promise.all([
      as(li).post('/incident-callbacks/take', { incidentId: id }).expect(201),
      as(sam).post('/incident-callbacks/take', { incidentId: id }).expect(201),
    ]);
    const [liCall, samCall] = [toLi.body as Callback, toSam.body as Callback];
    expect(liCall.id).not.toBe(samCall.id);
    expect(liCall.phone).toBe(liCall.phoneMasked);
    expect(liCall.phone).not.toMatch(/^1\d{10}$/);
    expect(samCall.phone).toMatch(/^1(3712345678|3900001111)$/);
    await as(li).post('/incident-callbacks/take', { incidentId: id }).expect(409);
    const mine = (await as(sam).get('/incident-callbacks/mine').expect(200)).body as Callback[];
    expect(mine).toEqual([expect.objectContaining({ id: samCall.id, phone: samCall.phone })]);

    // Only the holder closes it, with a known outcome.
    const path = (c: Callback) => `/incident-callbacks/${encodeURIComponent(c.id)}/close`;
    await as(sam).post(path(liCall), { outcome: 'done' }).expect(409);
    await as(li).post(path(liCall), { outcome: 'maybe' }).expect(400);
    await as(li).post(path(liCall), { outcome: 'done' }).expect(201);
    const failed = await as(sam)
      .post(path(samCall), { outcome: 'failed', note: 'No answer twice' })
      .expect(201);
    expect(failed.body).toMatchObject({ status: 'failed', note: 'No answer twice' });
    await as(li).post(path(liCall), { outcome: 'failed' }).expect(409);

    expect((await incident(supervisor, id)).callbacksPending).toBe(0);
    await desk.waitFor<Incident>('incident:updated', (i) => i.callbacksPending === 0);
    const detail = (
      await as(supervisor)
        .get(`/incidents/${encodeURIComponent(id)}`)
        .expect(200)
    ).body as { callbacks: Callback[] };
    expect(detail.callbacks.map((c) => c.status).sort()).toEqual(['done', 'failed']);
    expect(JSON.stringify(detail)).not.toMatch(/13712345678|13900001111/);
  });

  it('forgets a callback with its chat (retention) and no longer counts it', async () => {
    const supervisor = await login(t.url, 'supervisor.zhou');
    const open = { id: await ofFeeder(supervisor) };
    const chat = { incidentId: open.id, conversationId: 'e'.repeat(24), language: 'zh' as const };
    await t.app.get(CallbacksService).request({ ...chat, phone: '13600002222' });
    expect((await incident(supervisor, open.id)).callbacksPending).toBe(1);

    await t.app.get(EventEmitter2).emitAsync(ConversationEvents.conversationAnonymised, {
      conversationId: chat.conversationId,
    });
    expect((await incident(supervisor, open.id)).callbacksPending).toBe(0);
    const db = t.app.get<Connection>(getConnectionToken()).db;
    expect(
      await db
        ?.collection('incident_callbacks')
        .countDocuments({ conversationId: chat.conversationId }),
    ).toBe(0);
  });
});
