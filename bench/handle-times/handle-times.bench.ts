import mongoose, { Model } from 'mongoose';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'util';
import { HandleTimes, HandleTimesSchema } from '../../src/tickets/handle-times.schema';
import { HandleTimesRepository, HANDLE_SAMPLE } from '../../src/tickets/handle-times.repository';
import { Ticket, TicketSchema } from '../../src/tickets/ticket.schema';
import { countOption, runBench } from '../support/bench-cli';
import { benchStores, cleanUpStores } from '../support/bench-stores';

/**
 * What the wait estimate's handle time costs as tickets pile up: N resolved tickets stored, then
 * the planned handle time read R times through HandleTimesRepository.latest() (one read by `_id`
 * of `ticket_handle_times`), against the reference measured in the same run: the query it
 * replaced, the mean of the latest 50 resolved tickets by an aggregate over `tickets`
 * ($match, $sort by resolvedAt, $limit, $group).
 *
 * Run with `npm run bench:handle-times -- --tickets 1000,20000,100000 --reads 30`.
 */

const BENCH = 'bench:handle-times';
const CHUNK = 2_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(reads: number, read: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < reads; i++) {
    const start = performance.now();
    await read();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

async function store(tickets: Model<Ticket>, from: number, to: number): Promise<void> {
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let i = from; i < to; i += CHUNK) {
    const docs = [];
    for (let j = i; j < Math.min(to, i + CHUNK); j++) {
      const queuedAt = new Date(base + j * 60_000);
      docs.push({
        conversationId: new mongoose.Types.ObjectId(),
        handoffKey: `bench:${j}`,
        status: 'resolved',
        priority: 2,
        reason: 'customer_request',
        language: 'zh',
        skill: 'general',
        queuedAt,
        queueSortAt: queuedAt,
        resolvedAt: new Date(queuedAt.getTime() + 600_000),
        handleSeconds: 300 + (j % 600),
      });
    }
    await tickets.collection.insertMany(docs);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: '1000,20000' },
      reads: { type: 'string', default: '30' },
    },
  });
  const sizes = (values.tickets ?? '').split(',').map((n) => countOption('tickets', n, 1_000_000));
  const reads = countOption('reads', values.reads ?? '30', 1000);
  const stores = benchStores(BENCH, undefined);
  const connection = await mongoose.createConnection(stores.mongoUri).asPromise();
  try {
    const tickets = connection.model(Ticket.name, TicketSchema);
    const times = connection.model(HandleTimes.name, HandleTimesSchema);
    const repository = new HandleTimesRepository(times, tickets);
    console.log(`${BENCH}: median of ${reads} reads; ms`);
    console.log('resolved tickets | latest() by _id | reference: aggregate over tickets');
    let stored = 0;
    for (const size of [...sizes].sort((a, b) => a - b)) {
      await store(tickets, stored, size);
      stored = size;
      // The first read after an upgrade seeds the document from the tickets (a scan, once).
      await times.deleteMany({});
      await repository.latest();
      const ours = await timed(reads, () => repository.latest());
      const reference = await timed(reads, () =>
        tickets.aggregate([
          { $match: { status: 'resolved', handleSeconds: { $exists: true } } },
          { $sort: { resolvedAt: -1 } },
          { $limit: HANDLE_SAMPLE },
          { $group: { _id: null, mean: { $avg: '$handleSeconds' } } },
        ]),
      );
      console.log(
        `${String(size).padStart(16)} | ${ours.toFixed(2).padStart(16)} | ${reference.toFixed(2)}`,
      );
    }
    return 0;
  } finally {
    await connection.close();
    await cleanUpStores(stores);
  }
}

runBench(BENCH, 15 * 60_000, main);
