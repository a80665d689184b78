import { randomBytes } from 'crypto';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { IncidentsService, OutageChat } from '../src/incidents/incidents.service';
import { RecordsIncidentsService } from '../src/incidents/records-incidents.service';
import { startTestApp, TestApp } from './support/test-app';
import { activeOutage } from './support/incidents';

interface StoredIncident {
  _id: string;
  status: string;
  outageNo?: string;
  reportCount: number;
  feederId?: string;
  districtCode: string;
}

/** How one round races: which area the outage covers and what the customer's chat knows. */
interface RoundShape {
  /**
   * `feeder`: one feeder out, the report gives it; `district`: the whole district, a
   * district-only report; `district-feeder`: the whole district, the report gives a feeder (the
   * two start on different area pointers); `feeders`: two feeders, the report gives the first.
   */
  scope: 'feeder' | 'district' | 'district-feeder' | 'feeders';
  /** The records' outage was already found by the dialogue (the report links it too). */
  withRecord: boolean;
  /** The instance that runs the records' job (the other takes the customer's report). */
  jobOn: 'a' | 'b';
  /** Milliseconds the customer's report starts after the job, so the two meet mid-way. */
  delayMs: number;
}

const SCOPES = ['feeder', 'district', 'district-feeder', 'feeders'] as const;
const ROUNDS = 32;

/** Every combination, with the report's start swept across the job's reads and writes. */
function shapeOf(round: number): RoundShape {
  const scope = SCOPES[round % 4];
  return {
    scope,
    // Without the records a report from a feeder says nothing of the district's outage: it
    // keeps its own incident (docs/incidents.md), so that shape always has them.
    withRecord: scope === 'district-feeder' || Math.floor(round / 4) % 2 === 0,
    jobOn: Math.floor(round / 8) % 2 === 0 ? 'a' : 'b',
    delayMs: Math.floor(round / 2) % 6,
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * docs/incidents.md, grouping: the records' job and a customer's first report for one area, run
 * at the same instant on two instances, make one incident per outage, linked to it, with the
 * report on it. Each round races on a fresh area and outage.
 */
describe('the records and a first report racing for one area', () => {
  const shared = {
    QUEUE_PREFIX: `pd-e2e-incrace-${randomBytes(3).toString('hex')}`,
    // The test runs the job's work itself.
    INCIDENT_SYNC_SECONDS: '0',
  };
  let a: TestApp;
  let b: TestApp;
  const tag = randomBytes(3).toString('hex').toUpperCase();

  beforeAll(async () => {
    a = await startTestApp(shared);
    await a.reset();
    b = await startTestApp({ ...shared, MONGODB_URI: a.mongoUri });
  }, 120_000);
  afterAll(async () => {
    await b?.close({ keepData: true });
    await a?.close();
  });

  const db = () => {
    const found = a.app.get<Connection>(getConnectionToken()).db;
    if (!found) throw new Error('no database');
    return found;
  };

  /** One round: a fresh outage in the records, then the job and the report at once. */
  async function race(round: number, shape: RoundShape) {
    const districtCode = `RACE-${tag}-D${round}`;
    const feederId = `RACE-${tag}-F${round}`;
    const outageNo = `OMS-RACE-${tag}-${round}`;
    const cause = { zh: '线路跳闸', en: 'Line tripped' };
    const feederIds =
      shape.scope === 'feeder'
        ? [feederId]
        : shape.scope === 'feeders'
          ? [feederId, `${feederId}b`]
          : [];
    await db()
      .collection('utility_outages')
      .insertOne(
        activeOutage({
          outageNo,
          districtCode,
          feederIds,
          wholeDistrict: shape.scope === 'district' || shape.scope === 'district-feeder',
          affectedCustomers: 120,
        }),
      );
    const chat: OutageChat = {
      conversationId: randomBytes(12).toString('hex'),
      language: 'zh',
      districtCode,
      ...(shape.scope !== 'district' && { feederId }),
      ...(shape.withRecord && { record: { outageNo, cause } }),
    };
    const [jobApp, chatApp] = shape.jobOn === 'a' ? [a, b] : [b, a];
    const [, outcome] = await Promise.all([
      jobApp.app.get(RecordsIncidentsService).openFromRecords(),
      pause(shape.delayMs).then(() => chatApp.app.get(IncidentsService).report(chat)),
    ]);
    // Bull may rerun the job, and the records' next tick runs it anyway: still one incident.
    await chatApp.app.get(RecordsIncidentsService).openFromRecords();

    const incidents = await db()
      .collection<StoredIncident>('incidents')
      .find({ districtCode })
      .toArray();
    const reports = await db()
      .collection<{ incidentId: string }>('incident_reports')
      .find({ conversationId: chat.conversationId })
      .toArray();
    // The outage's areas, as the records cover them.
    const keys =
      shape.scope === 'feeder'
        ? [`feeder:${feederId}`]
        : shape.scope === 'feeders'
          ? [`feeder:${feederId}`, `feeder:${feederId}b`]
          : [`district:${districtCode}`];
    const pointers = await db()
      .collection<{ _id: string; incidentId: string }>('incident_areas')
      .find({ _id: { $in: keys } })
      .toArray();
    return { incidents, reports, pointers, keys, outcome, outageNo };
  }

  it(`makes one incident per outage, with the report on it, in ${ROUNDS} rounds`, async () => {
    // The seeded records' outages (if any) are linked before the rounds start.
    await a.app.get(RecordsIncidentsService).openFromRecords();
    const wrong: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const shape = shapeOf(round);
      const { incidents, reports, pointers, keys, outcome, outageNo } = await race(round, shape);
      // Every round is checked and the wrong ones listed together (how often the race is lost).
      const [only] = incidents;
      const problem =
        incidents.length !== 1
          ? `${incidents.length} incidents: ${JSON.stringify(incidents)}`
          : only.outageNo !== outageNo
            ? `not linked: ${JSON.stringify(only)}`
            : only.reportCount !== 1 || reports.map((r) => r.incidentId).join() !== only._id
              ? `report elsewhere: ${JSON.stringify({ only, reports })}`
              : pointers.length !== keys.length ||
                  pointers.some((p) => p.incidentId !== only._id) ||
                  outcome?.incident.id !== only._id
                ? `pointer or answer elsewhere: ${JSON.stringify({ pointers, id: outcome?.incident.id })}`
                : undefined;
      if (problem) wrong.push(`round ${round} ${JSON.stringify(shape)}: ${problem}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("inserts the incident from the pointer's seed when its winner stopped between claim and insert", async () => {
    const districtCode = `RACE-${tag}-CRASH`;
    const feederId = `RACE-${tag}-CRASH-F`;
    const openedAt = new Date();
    const id = `${feederId}@crashed`;
    // A first report won the area and its instance died before inserting the incident.
    await db()
      .collection<{ _id: string; incidentId: string; districtCode: string; seed: object }>(
        'incident_areas',
      )
      .insertOne({
        _id: `feeder:${feederId}`,
        incidentId: id,
        districtCode,
        seed: { _id: id, scope: 'feeder', districtCode, feederId, openedAt },
      });
    const place = { districtCode, feederId, language: 'zh' as const };
    const outcomes = await Promise.all(
      [a, b].map((t) =>
        t.app
          .get(IncidentsService)
          .report({ ...place, conversationId: randomBytes(12).toString('hex') }),
      ),
    );
    expect(outcomes.map((o) => o?.incident.id)).toEqual([id, id]);
    const stored = await db()
      .collection<StoredIncident>('incidents')
      .find({ districtCode })
      .toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ _id: id, reportCount: 2, status: 'investigating' });

    // The records' job stopped the same way (its pointer claimed, `outage:<no>` never
    // inserted): Bull's rerun inserts and links it.
    const outageNo = `OMS-RACE-${tag}-CRASH`;
    const outageDistrict = `${districtCode}-2`;
    await db()
      .collection('utility_outages')
      .insertOne(
        activeOutage({
          outageNo,
          districtCode: outageDistrict,
          wholeDistrict: true,
          affectedCustomers: 80,
        }),
      );
    const own = `outage:${outageNo}`;
    await db()
      .collection<{ _id: string; incidentId: string; districtCode: string; seed: object }>(
        'incident_areas',
      )
      .insertOne({
        _id: `district:${outageDistrict}`,
        incidentId: own,
        districtCode: outageDistrict,
        seed: {
          _id: own,
          scope: 'district',
          districtCode: outageDistrict,
          openedAt: new Date(),
          confirmed: true,
          affectedAccounts: 80,
        },
      });
    expect(await b.app.get(RecordsIncidentsService).openFromRecords()).toBe(1);
    const linked = await db()
      .collection<StoredIncident>('incidents')
      .find({ districtCode: outageDistrict })
      .toArray();
    expect(linked).toHaveLength(1);
    expect(linked[0]).toMatchObject({ _id: own, outageNo, reportCount: 0 });
  });
});
