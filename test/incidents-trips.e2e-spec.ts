import { randomBytes } from 'crypto';
import { getConnectionToken } from '@nestjs/mongoose';
import mongoose, { Connection } from 'mongoose';
import { IncidentsService, OutageChat } from '../src/incidents/incidents.service';
import { RecordsIncidentsService } from '../src/incidents/records-incidents.service';
import { startTestApp, TestApp } from './support/test-app';
import { activeOutage } from './support/incidents';

const REPORT_COLLECTIONS = new Set([
  'incident_areas',
  'incidents',
  'incident_reports',
  'utility_outages',
]);
/**
 * A report lists nothing but its pointers (`_id: {$in}`): these are other readers' (the notice
 * repair's, the callback recount's, the planned notices').
 */
const LISTS = new Set(['find', 'aggregate', 'countDocuments']);

/**
 * docs/incidents.md, grouping: the round trips an outage report makes to the database, counted
 * with mongoose's own debug hook on a real store. A later report stays at four (area pointers,
 * incident, reporter, count), whichever area the records' outage was opened for.
 */
describe('the round trips of an outage report', () => {
  let t: TestApp;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const calls: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ INCIDENT_SYNC_SECONDS: '0' });
    await t.reset();
  }, 120_000);
  afterAll(async () => {
    mongoose.set('debug', false);
    await t?.close();
  });

  const outage = async (outageNo: string, districtCode: string, feederIds: string[]) => {
    const db = t.app.get<Connection>(getConnectionToken()).db;
    if (!db) throw new Error('no database');
    await db
      .collection('utility_outages')
      .insertOne(activeOutage({ outageNo, districtCode, feederIds }));
  };
  /** The database calls one report makes. */
  const tripsOf = async (chat: Omit<OutageChat, 'conversationId' | 'language'>) => {
    calls.length = 0;
    mongoose.set('debug', (collection: string, method: string) => {
      // Only the report's own collections: the app's cluster jobs (repairs, retention) may query
      // others, or list incidents, at any moment.
      if (
        REPORT_COLLECTIONS.has(collection) &&
        (collection === 'incident_areas' || !LISTS.has(method))
      )
        calls.push(`${collection}.${method}`);
    });
    try {
      await t.app.get(IncidentsService).report({
        ...chat,
        conversationId: randomBytes(12).toString('hex'),
        language: 'zh',
      });
    } finally {
      mongoose.set('debug', false);
    }
    return [...calls];
  };
  const record = (outageNo: string) => ({
    outageNo,
    cause: { zh: '线路跳闸', en: 'Line tripped' },
  });

  it('opens an area with a claim and an insert, and counts a later report in four', async () => {
    const place = { districtCode: `TRIP-${tag}-D1`, feederId: `TRIP-${tag}-F1` };
    const first = await tripsOf(place);
    // Pointers, claim, insert, reporter, count (the code before the claim made eight).
    expect(first).toEqual([
      'incident_areas.find',
      'incident_areas.findOneAndUpdate',
      'incidents.insertOne',
      'incident_reports.insertOne',
      'incidents.findOneAndUpdate',
    ]);
    expect(await tripsOf(place)).toHaveLength(4);
  });

  it("finds the outage's incident from another area by the outage's pointer, in the same read", async () => {
    // Customers of one feeder first; then the records have both feeders out, and their job
    // adopts the customers' feeder incident.
    const districtCode = `TRIP-${tag}-D2`;
    const outageNo = `OMS-TRIP-${tag}-2`;
    await tripsOf({ districtCode, feederId: `TRIP-${tag}-F2a` });
    await outage(outageNo, districtCode, [`TRIP-${tag}-F2a`, `TRIP-${tag}-F2b`]);
    await t.app.get(RecordsIncidentsService).openFromRecords();
    // A district-only report with the records: no area pointer of its leads to that incident.
    const districtOnly = await tripsOf({ districtCode, record: record(outageNo) });
    expect(districtOnly).toEqual([
      'incident_areas.find',
      'incidents.findOne',
      'incident_reports.insertOne',
      'incidents.findOneAndUpdate',
    ]);
    // And one from the second feeder, which the job pointed at it.
    expect(
      await tripsOf({ districtCode, feederId: `TRIP-${tag}-F2b`, record: record(outageNo) }),
    ).toHaveLength(4);
  });
});
