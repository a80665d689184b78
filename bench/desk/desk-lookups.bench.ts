import mongoose, { Model, Types } from 'mongoose';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'util';
import { AccountHistory, AccountHistorySchema } from '../../src/tickets/account-history.schema';
import { Ticket, TicketSchema } from '../../src/tickets/ticket.schema';
import { countOption, runBench } from '../support/bench-cli';
import { benchStores, cleanUpStores } from '../support/bench-stores';
import { fmt, percentiles, Percentiles, roundAll } from '../support/latency-stats';

/**
 * Two reads of the agent console (issue 15), on a tickets collection of `--tickets` documents,
 * each against the design it replaced, measured in the same run on the same store:
 *
 * - earlier conversations of a verified account: the per-account history (`account_histories`
 *   by `_id`, then its tickets by `_id: {$in}`) vs a filter on the tickets (`caseCard.accountRef`,
 *   indexed or not: mongo-java-server scans either way, see docs/storage.md);
 * - the ownership check of `typing:set`: three fields by `_id`, lean, vs the whole ticket
 *   hydrated as a mongoose document (what `getOwned` read per event).
 *
 * Run with `npm run bench:desk -- --tickets 20000 --lookups 200`.
 */

const ACCOUNTS = 1000;
const HISTORY = 20;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: '20000' },
      lookups: { type: 'string', default: '200' },
      db: { type: 'string' },
    },
  });
  return {
    tickets: countOption('tickets', values.tickets, 1_000_000),
    lookups: countOption('lookups', values.lookups, 100_000),
    db: values.db,
  };
}

const refOf = (i: number) => `ref-${i % ACCOUNTS}`;

/** A ticket as the desk stores one: a case card and a history of a few entries. */
function ticketDoc(i: number, at: Date) {
  return {
    _id: new Types.ObjectId(),
    conversationId: new Types.ObjectId(),
    handoffKey: `bench:${i}`,
    status: i % 10 === 0 ? 'assigned' : 'resolved',
    agentId: 'agent-1',
    revision: 3,
    round: 0,
    priority: 2,
    reason: 'customer_request',
    language: 'zh',
    skill: 'billing',
    channel: 'web',
    queuedAt: at,
    queueSortAt: at,
    caseCard: {
      intentPath: ['billing.explain', 'agent.request'],
      accountRef: refOf(i),
      verification: 'verified',
      answered: ['verified 10******51 by phone', 'explained bill 10******51 2026-10: 356.51 yuan'],
      lastMessages: ['为什么这个月电费这么高', '转人工'],
    },
    history: [
      { at, status: 'queued', by: 'bot', note: 'customer_request' },
      { at, status: 'offered', by: 'system' },
      { at, status: 'assigned', by: 'agent-1' },
    ],
  };
}

async function seed(
  tickets: Model<Ticket>,
  histories: Model<AccountHistory>,
  count: number,
): Promise<Types.ObjectId[]> {
  const entries = new Map<
    string,
    { ticketId: Types.ObjectId; conversationId: Types.ObjectId; at: Date }[]
  >();
  const ids: Types.ObjectId[] = [];
  for (let start = 0; start < count; start += 1000) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      const doc = ticketDoc(i, new Date(Date.UTC(2026, 0, 1) + i * 60_000));
      batch.push(doc);
      ids.push(doc._id);
      const list = entries.get(refOf(i)) ?? [];
      list.push({ ticketId: doc._id, conversationId: doc.conversationId, at: doc.queuedAt });
      entries.set(refOf(i), list.slice(-HISTORY));
    }
    await tickets.collection.insertMany(batch);
  }
  await histories.insertMany([...entries].map(([ref, list]) => ({ _id: ref, entries: list })));
  return ids;
}

async function time(lookups: number, work: (i: number) => Promise<unknown>): Promise<Percentiles> {
  for (let i = 0; i < 10; i++) await work(i);
  const samples: number[] = [];
  for (let i = 0; i < lookups; i++) {
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  return roundAll(percentiles(samples));
}

const line = (label: string, p: Percentiles) =>
  `${label.padEnd(58)} p50 ${fmt(p.p50)} ms  p99 ${fmt(p.p99)} ms  max ${fmt(p.max)} ms`;

runBench('bench:desk', 10 * 60_000, async () => {
  const options = parseOptions();
  const stores = benchStores('bench:desk', options.db);
  const connection = await mongoose.createConnection(stores.mongoUri).asPromise();
  try {
    const tickets = connection.model(Ticket.name, TicketSchema);
    const histories = connection.model(AccountHistory.name, AccountHistorySchema);
    await tickets.init();
    // The filter the history replaces, indexed as MongoDB would want it.
    await tickets.collection.createIndex({ 'caseCard.accountRef': 1 });
    const seeded = performance.now();
    const ids = await seed(tickets, histories, options.tickets);
    console.log(
      `${options.tickets} tickets of ${ACCOUNTS} accounts seeded in ${Math.round(performance.now() - seeded)} ms; ${options.lookups} lookups each`,
    );
    const byHistory = await time(options.lookups, async (i) => {
      const history = await histories.findById(refOf(i * 7)).lean();
      return tickets.find({ _id: { $in: (history?.entries ?? []).map((e) => e.ticketId) } });
    });
    const byFilter = await time(options.lookups, (i) =>
      tickets
        .find({ 'caseCard.accountRef': refOf(i * 7) })
        .sort({ queuedAt: -1 })
        .limit(HISTORY),
    );
    const holder = await time(options.lookups * 5, (i) =>
      tickets
        .findById(ids[(i * 7919) % ids.length], { status: 1, agentId: 1, conversationId: 1 })
        .lean(),
    );
    const whole = await time(options.lookups * 5, (i) =>
      tickets.findById(ids[(i * 7919) % ids.length]),
    );
    console.log(line('earlier conversations, per-account history (new):', byHistory));
    console.log(line('earlier conversations, filter on the tickets (reference):', byFilter));
    console.log(line('typing ownership, three fields lean (new):', holder));
    console.log(line('typing ownership, whole ticket hydrated (reference):', whole));
    console.log(
      JSON.stringify({
        tickets: options.tickets,
        earlier: { history: byHistory, filter: byFilter },
        ownership: { lean: holder, whole },
      }),
    );
    return 0;
  } finally {
    await connection.close();
    await cleanUpStores(stores);
  }
});
