import { ChildProcess } from 'child_process';
import mongoose, { Types } from 'mongoose';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'util';
import { countOption, runBench } from '../support/bench-cli';
import { benchStores, cleanUpStores } from '../support/bench-stores';
import { CpuMeter, CpuUsage, describeCpu } from '../support/cpu-meter';
import { fmt, ratio, round1, roundAll } from '../support/latency-stats';
import { measureLoopback } from '../support/loopback-probe';
import {
  startEchoServer,
  startFloorServer,
  startService,
  stopChildren,
} from '../support/service-child';
import {
  commandsBetween,
  dbCommandsOf,
  dbSecondsOf,
  findStorePid,
  ProcessCpu,
} from '../support/store-process';
import { LoadResult, runLoad } from './load-runner';
import { preloadConversations } from './preload';

/**
 * Load benchmark of the customer chat: N customers each send M messages through the real
 * service (validation, MongoDB writes, the bot's turn, the reply pushed back), then the same
 * load through two references in the same run, so the ratios say what the service costs on this
 * machine, whatever the machine is: the stack's floor (floor-server.ts: the same libraries and
 * stores doing only the design's four writes and broadcasts per message) and a bare socket.io
 * echo server.
 *
 * Run with `npm run bench:chat -- --customers 200 --messages 10` (services up and built).
 */

/** The whole run, startup included, is cut off after this: a bench must never hang a shell. */
const ABORT_AFTER_MS = 5 * 60_000;
/** No new message is sent after this: in-flight ones finish and the figures get printed. */
const SEND_UNTIL_MS = 3 * 60_000;
const ECHO_WINDOW_MS = 30_000;
const FLOOR_WINDOW_MS = 60_000;
/** FLOOR_STORE=off runs the floor's four writes in memory (floor-server.ts). */
const FLOOR_STORE = process.env.FLOOR_STORE === 'off' ? 'off' : 'mongodb';
const benchStarted = performance.now();

interface Target {
  name: 'service' | 'floor' | 'echo';
  /** The service may run as several instances on the same stores (`--instances`). */
  urls: string[];
  children: ChildProcess[];
}

interface Measured {
  load: LoadResult;
  cpu: CpuUsage | null;
  /** The service only: database round trips and store CPU per measured customer message. */
  perMessage?: {
    dbRoundTrips: number;
    byCommand: Record<string, number>;
    /** Mean time the store took to answer each kind of command, ms. */
    meanMs: Record<string, number>;
    storeCpuMs: number | null;
  };
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '200' },
      messages: { type: 'string', default: '10' },
      db: { type: 'string' },
      stored: { type: 'string', default: '0' },
      instances: { type: 'string', default: '1' },
      'think-ms': { type: 'string', default: '0' },
    },
  });
  return {
    customers: countOption('customers', values.customers),
    messages: countOption('messages', values.messages),
    db: values.db,
    stored: values.stored === '0' ? 0 : countOption('stored', values.stored ?? '0'),
    instances: countOption('instances', values.instances ?? '1'),
    thinkMs: values['think-ms'] === '0' ? 0 : countOption('think-ms', values['think-ms'] ?? '0'),
  };
}

/** N instances on one database and one Redis prefix, as replicas behind a load balancer. */
async function startBenchService(
  mongoUri: string,
  queuePrefix: string,
  instances: number,
): Promise<Target> {
  const started = await Promise.all(
    Array.from({ length: instances }, () => startService({ mongoUri, queuePrefix })),
  );
  return {
    name: 'service',
    urls: started.map((s) => s.url),
    children: started.map((s) => s.child),
  };
}

async function sumOver(
  urls: string[],
  read: (url: string) => Promise<Map<string, number>>,
): Promise<Map<string, number>> {
  const total = new Map<string, number>();
  for (const map of await Promise.all(urls.map(read)))
    for (const [k, v] of map) total.set(k, (total.get(k) ?? 0) + v);
  return total;
}

async function startEcho(): Promise<Target> {
  const { url, child } = await startEchoServer();
  return { name: 'echo', urls: [url], children: [child] };
}

async function startFloor(mongoUri: string, key: string): Promise<Target> {
  const { url, child } = await startFloorServer(mongoUri, key);
  return { name: 'floor', urls: [url], children: [child] };
}

async function measure(
  target: Target,
  customers: number,
  messages: number,
  thinkMs: number,
  log: (line: string) => void,
  storePid: number | null = null,
): Promise<Measured> {
  let meter: CpuMeter | undefined;
  let cpu: CpuUsage | null = null;
  let commandsAtStart = new Map<string, number>();
  let commands: [string, number][] = [];
  let secondsAtStart = new Map<string, number>();
  let seconds = new Map<string, number>();
  let storeCpu: ProcessCpu | undefined;
  let storeSeconds: number | null = null;
  const isService = target.name === 'service';
  log(
    `${target.name}: ${customers} customers x ${messages} messages at ${target.urls.join(', ')} ...`,
  );
  const load = await runLoad(
    {
      urls: target.urls,
      customers,
      messages,
      thinkMs,
      // A few round trips so both servers have JIT-compiled their hot paths and opened their
      // database connections before the clock starts.
      warmupCustomers: Math.min(customers, 10),
      warmupMessages: 2,
      // The service gets what is left of the send window; the references, measured after it
      // and done in seconds, get windows of their own so a slow service cannot void them.
      deadline:
        target.name === 'service'
          ? benchStarted + SEND_UNTIL_MS
          : performance.now() + (target.name === 'floor' ? FLOOR_WINDOW_MS : ECHO_WINDOW_MS),
      onMeasured: async (edge) => {
        if (edge === 'start') {
          if (isService) {
            commandsAtStart = await sumOver(target.urls, dbCommandsOf);
            secondsAtStart = await sumOver(target.urls, dbSecondsOf);
          }
          storeCpu = new ProcessCpu(isService ? storePid : null);
          const pids = target.children.flatMap((c) => (c.pid ? [c.pid] : []));
          if (pids.length > 0) meter = new CpuMeter(pids);
        }
        if (edge === 'end') {
          if (meter) cpu = meter.stop();
          storeSeconds = storeCpu?.stop() ?? null;
          if (isService) {
            commands = commandsBetween(commandsAtStart, await sumOver(target.urls, dbCommandsOf));
            seconds = await sumOver(target.urls, dbSecondsOf);
          }
        }
      },
    },
    target.name,
  );
  const sent = Math.max(1, load.completed);
  const per = (n: number) => Math.round((n / sent) * 100) / 100;
  return {
    load,
    cpu,
    ...(isService && {
      perMessage: {
        dbRoundTrips: per(commands.reduce((sum, [, n]) => sum + n, 0)),
        byCommand: Object.fromEntries(commands.map(([name, n]) => [name, per(n)])),
        meanMs: Object.fromEntries(
          commands.map(([name, n]) => [
            name,
            Math.round(
              (((seconds.get(name) ?? 0) - (secondsAtStart.get(name) ?? 0)) * 1000 * 100) / n,
            ) / 100,
          ]),
        ),
        storeCpuMs:
          storeSeconds === null ? null : Math.round((storeSeconds * 1000 * 100) / sent) / 100,
      },
    }),
  };
}

async function countStored(mongoUri: string, conversationIds: string[]) {
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  try {
    const messages = connection.collection('messages');
    const ids = conversationIds.map((id) => new Types.ObjectId(id));
    const inBench = { conversationId: { $in: ids } };
    return {
      customer: await messages.countDocuments({ ...inBench, sender: 'customer' }),
      bot: await messages.countDocuments({ ...inBench, sender: 'bot' }),
    };
  } finally {
    await connection.close();
  }
}

/** The server processes' CPU time per measured customer message, ms. */
function cpuMsPerMessage(m: Measured): number | null {
  if (m.cpu?.serverCores == null || m.load.completed === 0) return null;
  return Math.round(((m.cpu.serverCores * m.load.elapsedMs) / m.load.completed) * 100) / 100;
}

function describe(name: string, m: Measured): string {
  const { load, cpu } = m;
  return [
    `${name.padEnd(8)} ${fmt(load.messagesPerSecond)} msg/s   ` +
      `ack p50 ${fmt(load.ackMs.p50)} ms p99 ${fmt(load.ackMs.p99)} ms   ` +
      `round trip p50 ${fmt(load.roundTripMs.p50)} ms p99 ${fmt(load.roundTripMs.p99)} ms ` +
      `max ${fmt(load.roundTripMs.max)} ms`,
    `         ${load.completed}/${load.customers * load.messagesPerCustomer} round trips in ` +
      `${fmt(load.elapsedMs / 1000, 2)} s, failed customers ${load.failedCustomers}, ` +
      `warm-up round trips ${load.warmupCompleted}` +
      (load.cutAtDeadline ? ', CUT SHORT by the send deadline' : ''),
    `         ${describeCpu(cpu, 'bench clients')}` +
      (cpuMsPerMessage(m) === null ? '' : `, server CPU ${fmt(cpuMsPerMessage(m) ?? 0, 2)} ms/msg`),
    ...(m.perMessage
      ? [
          `         per customer message: ${fmt(m.perMessage.dbRoundTrips, 2)} database round trips, ` +
            `store CPU ${m.perMessage.storeCpuMs === null ? 'n/a' : `${fmt(m.perMessage.storeCpuMs, 2)} ms`} ` +
            `(${Object.entries(m.perMessage.byCommand)
              .map(([name, n]) => `${name} ${n} x ${m.perMessage?.meanMs[name]} ms`)
              .join(', ')})`,
        ]
      : []),
    ...load.errors.map((e) => `         error: ${e}`),
  ].join('\n');
}

async function main(): Promise<number> {
  const options = parseOptions();
  const stores = benchStores('bench:chat', options.db);
  const { dbName, fresh, mongoUri } = stores;
  const log = (line: string) => console.log(line);

  log(
    `bench:chat  customers ${options.customers}  messages ${options.messages}  ` +
      `instances ${options.instances}  ` +
      (options.thinkMs > 0
        ? `paced: ${options.thinkMs} ms think time (0.5-1.5x) between messages  `
        : 'saturating: the next message as soon as the reply is in  ') +
      `floor ${FLOOR_STORE === 'off' ? 'without a database (FLOOR_STORE=off)' : 'on the same database'}  ` +
      `db ${dbName}${fresh ? ' (fresh, dropped at the end)' : ''}  node ${process.version}`,
  );
  try {
    const loopback = await measureLoopback();
    log(
      `machine: one 200-byte send and receive between two processes over loopback costs ` +
        `${fmt(loopback.cpuMicros, 1)} us of the sender's CPU (${fmt(loopback.roundTripMicros, 1)} us round trip)`,
    );
    if (options.stored > 0) {
      const seconds = await preloadConversations(mongoUri, options.stored);
      log(
        `stored before the run: ${options.stored} conversations (loaded in ${fmt(seconds, 1)} s)`,
      );
    }
    const [service, floor, echo] = await Promise.all([
      startBenchService(mongoUri, stores.queuePrefix, options.instances),
      startFloor(mongoUri, `${stores.queuePrefix}-floor`),
      startEcho(),
    ]);
    // The service first, while the machine is as cold as it will be for the echo: any bias
    // is against the service, never in its favour.
    const storePid = findStorePid(mongoUri);
    const { customers, messages, thinkMs } = options;
    const svc = await measure(service, customers, messages, thinkMs, log, storePid);
    const least = await measure(floor, customers, messages, thinkMs, log);
    const bare = await measure(echo, customers, messages, thinkMs, log);
    const stored = await countStored(mongoUri, svc.load.conversationIds);

    const ratios = {
      throughput: ratio(svc.load.messagesPerSecond, bare.load.messagesPerSecond),
      ackP50: ratio(svc.load.ackMs.p50, bare.load.ackMs.p50),
      ackP99: ratio(svc.load.ackMs.p99, bare.load.ackMs.p99),
      roundTripP50: ratio(svc.load.roundTripMs.p50, bare.load.roundTripMs.p50),
      roundTripP99: ratio(svc.load.roundTripMs.p99, bare.load.roundTripMs.p99),
    };
    const overFloor = {
      throughput: ratio(svc.load.messagesPerSecond, least.load.messagesPerSecond),
      cpuPerMessage: ratio(cpuMsPerMessage(svc) ?? 0, cpuMsPerMessage(least) ?? 0),
      floorOverEcho: ratio(least.load.messagesPerSecond, bare.load.messagesPerSecond),
    };
    const persistedOk = stored.customer === svc.load.acked;

    log('');
    log(describe('service', svc));
    log(describe('floor', least));
    log(describe('echo', bare));
    if (options.thinkMs > 0)
      log('paced run: msg/s is the offered load (the same for all three), not a capacity');
    log(
      `ratio service/echo: throughput ${ratios.throughput}x  ack p50 ${ratios.ackP50}x ` +
        `p99 ${ratios.ackP99}x  round trip p50 ${ratios.roundTripP50}x p99 ${ratios.roundTripP99}x`,
    );
    log(
      `ratio service/floor: throughput ${overFloor.throughput}x  CPU per message ` +
        `${overFloor.cpuPerMessage}x;  floor/echo throughput ${overFloor.floorOverEcho}x`,
    );
    log(
      `persisted customer messages: ${stored.customer} (acked ${svc.load.acked} = ` +
        `${svc.load.completed} measured + warm-up${persistedOk ? '' : ', MISMATCH'}); ` +
        `bot messages: ${stored.bot} (incl. ${svc.load.conversationIds.length} welcomes)`,
    );

    const figures = (m: Measured) => ({
      messagesPerSecond: round1(m.load.messagesPerSecond),
      ackMs: roundAll(m.load.ackMs),
      roundTripMs: roundAll(m.load.roundTripMs),
      roundTrips: m.load.completed,
      elapsedMs: Math.round(m.load.elapsedMs),
      failedCustomers: m.load.failedCustomers,
      cutAtDeadline: m.load.cutAtDeadline,
      errors: m.load.errors.length,
      cpu: m.cpu,
      cpuMsPerMessage: cpuMsPerMessage(m),
      ...(m.perMessage && { perMessage: m.perMessage }),
    });
    console.log(
      JSON.stringify({
        customers: options.customers,
        messages: options.messages,
        stored: options.stored,
        instances: options.instances,
        thinkMs: options.thinkMs,
        floorStore: FLOOR_STORE,
        loopback,
        service: figures(svc),
        floor: figures(least),
        echo: figures(bare),
        ratio: ratios,
        overFloor,
        persisted: { customer: stored.customer, acked: svc.load.acked, bot: stored.bot },
      }),
    );
    const failed =
      svc.load.failedCustomers + least.load.failedCustomers + bare.load.failedCustomers;
    const cut = svc.load.cutAtDeadline || least.load.cutAtDeadline || bare.load.cutAtDeadline;
    return failed === 0 && !cut && persistedOk ? 0 : 1;
  } finally {
    await stopChildren();
    await cleanUpStores(stores);
  }
}

runBench('bench:chat', ABORT_AFTER_MS, main);
