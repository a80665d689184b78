import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import Redis from 'ioredis';
import mongoose, { Types } from 'mongoose';
import { createServer, AddressInfo } from 'net';
import { performance } from 'node:perf_hooks';
import { join, resolve } from 'path';
import { parseArgs } from 'util';
import { CpuMeter, CpuUsage } from './cpu-meter';
import { LoadResult, Percentiles, runLoad } from './load-runner';

/**
 * Load benchmark of the customer chat: N customers each send M messages through the real
 * service (validation, MongoDB writes, the bot's turn, the reply pushed back), then the same
 * load through a bare socket.io echo server in the same run, so the ratio between the two says
 * what the service costs on this machine, whatever the machine is.
 *
 * Run with `npm run bench:chat -- --customers 200 --messages 10` (services up and built).
 */

/** The whole run, startup included, is cut off after this: a bench must never hang a shell. */
const ABORT_AFTER_MS = 5 * 60_000;
/** No new message is sent after this: in-flight ones finish and the figures get printed. */
const SEND_UNTIL_MS = 3 * 60_000;
const ECHO_WINDOW_MS = 30_000;
const benchStarted = performance.now();
const READY_TIMEOUT_MS = 60_000;

interface Target {
  name: 'service' | 'echo';
  url: string;
  child: ChildProcess;
}

interface Measured {
  load: LoadResult;
  cpu: CpuUsage | null;
}

const children: ChildProcess[] = [];

function parseOptions() {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '200' },
      messages: { type: 'string', default: '10' },
      db: { type: 'string' },
    },
  });
  const count = (name: string, raw: string) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  return {
    customers: count('customers', values.customers),
    messages: count('messages', values.messages),
    db: values.db,
  };
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through \`npm run bench:chat\``);
  return value;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

/** Children's output goes to our stderr, prefixed, so the figures on stdout stay clean. */
function launch(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(name, chunk)));
  return child;
}

function prefix(name: string, chunk: Buffer): string {
  return chunk
    .toString()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `[${name}] ${line}\n`)
    .join('');
}

/** Rejects if the child dies; a no-op handler keeps a later, expected exit from crashing us. */
function exited(child: ChildProcess): Promise<never> {
  const died = new Promise<never>((_, fail) =>
    child.once('exit', (code, signal) => fail(new Error(`exited early (${code ?? signal})`))),
  );
  died.catch(() => undefined);
  return died;
}

async function startService(mongoUri: string, queuePrefix: string): Promise<Target> {
  const port = await freePort();
  const child = launch('service', resolve(__dirname, '../../src/main.js'), {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    MONGODB_URI: mongoUri,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'warn',
  });
  child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(prefix('service', chunk)));
  const url = `http://127.0.0.1:${port}`;
  const healthy = (async () => {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no 200 from ${url}/health within ${READY_TIMEOUT_MS} ms`);
  })();
  await Promise.race([healthy, exited(child)]);
  return { name: 'service', url, child };
}

async function startEcho(): Promise<Target> {
  const child = launch('echo', join(__dirname, 'echo-server.js'), process.env);
  const port = await Promise.race([
    new Promise<number>((done) => {
      let seen = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /ready (\d+)/.exec(seen);
        if (match) done(Number(match[1]));
      });
    }),
    exited(child),
  ]);
  return { name: 'echo', url: `http://127.0.0.1:${port}`, child };
}

async function measure(
  target: Target,
  customers: number,
  messages: number,
  log: (line: string) => void,
): Promise<Measured> {
  let meter: CpuMeter | undefined;
  let cpu: CpuUsage | null = null;
  log(`${target.name}: ${customers} customers x ${messages} messages at ${target.url} ...`);
  const load = await runLoad(
    {
      url: target.url,
      customers,
      messages,
      // A few round trips so both servers have JIT-compiled their hot paths and opened their
      // database connections before the clock starts.
      warmupCustomers: Math.min(customers, 10),
      warmupMessages: 2,
      // The service gets what is left of the send window; the echo, measured after it and
      // done in well under a second, gets a window of its own so a slow service cannot void it.
      deadline:
        target.name === 'service'
          ? benchStarted + SEND_UNTIL_MS
          : performance.now() + ECHO_WINDOW_MS,
      onMeasured: (edge) => {
        if (edge === 'start' && target.child.pid) meter = new CpuMeter(target.child.pid);
        if (edge === 'end' && meter) cpu = meter.stop();
      },
    },
    target.name,
  );
  return { load, cpu };
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

async function dropDatabase(mongoUri: string): Promise<void> {
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}

/** Bull leaves its keys behind under the prefix; a bench run should not litter Redis. */
async function dropQueueKeys(redisUrl: string, queuePrefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) removed += await redis.del(...keys);
    } while (cursor !== '0');
    return removed;
  } finally {
    redis.disconnect();
  }
}

async function stopChildren(): Promise<void> {
  await Promise.all(
    children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map(
        (child) =>
          new Promise<void>((done) => {
            const force = setTimeout(() => child.kill('SIGKILL'), 5000);
            child.once('exit', () => {
              clearTimeout(force);
              done();
            });
            child.kill('SIGTERM');
          }),
      ),
  );
}

/** Tenths of a millisecond: the clocks and the noise of a shared box are not finer than that. */
function roundAll(p: Percentiles): Percentiles {
  const r = (n: number) => Math.round(n * 10) / 10;
  return { p50: r(p.p50), p99: r(p.p99), max: r(p.max) };
}

const fmt = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits);

function describe(name: string, m: Measured): string {
  const { load, cpu } = m;
  const cores = cpu
    ? `cpu cores busy: server ${fmt(cpu.serverCores, 2)}, bench clients ${fmt(cpu.clientCores, 2)}, ` +
      `rest of machine ${fmt(cpu.restCores, 2)} (machine ${fmt(cpu.machineCores, 2)})`
    : 'cpu: n/a';
  return [
    `${name.padEnd(8)} ${fmt(load.messagesPerSecond)} msg/s   ` +
      `ack p50 ${fmt(load.ackMs.p50)} ms p99 ${fmt(load.ackMs.p99)} ms   ` +
      `round trip p50 ${fmt(load.roundTripMs.p50)} ms p99 ${fmt(load.roundTripMs.p99)} ms ` +
      `max ${fmt(load.roundTripMs.max)} ms`,
    `         ${load.completed}/${load.customers * load.messagesPerCustomer} round trips in ` +
      `${fmt(load.elapsedMs / 1000, 2)} s, failed customers ${load.failedCustomers}, ` +
      `warm-up round trips ${load.warmupCompleted}` +
      (load.cutAtDeadline ? ', CUT SHORT by the send deadline' : ''),
    `         ${cores}`,
    ...load.errors.map((e) => `         error: ${e}`),
  ].join('\n');
}

async function main(): Promise<number> {
  const options = parseOptions();
  const baseUri = requireEnv('MONGODB_URI');
  const redisUrl = requireEnv('REDIS_URL');
  const fresh = options.db === undefined;
  const dbName = options.db ?? `pd_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(baseUri);
  url.pathname = `/${dbName}`;
  const mongoUri = url.toString();
  const queuePrefix = `pd-bench-${randomBytes(4).toString('hex')}`;
  const log = (line: string) => console.log(line);

  log(
    `bench:chat  customers ${options.customers}  messages ${options.messages}  ` +
      `db ${dbName}${fresh ? ' (fresh, dropped at the end)' : ''}  node ${process.version}`,
  );
  try {
    const [service, echo] = await Promise.all([startService(mongoUri, queuePrefix), startEcho()]);
    // The service first, while the machine is as cold as it will be for the echo: any bias
    // is against the service, never in its favour.
    const svc = await measure(service, options.customers, options.messages, log);
    const bare = await measure(echo, options.customers, options.messages, log);
    const stored = await countStored(mongoUri, svc.load.conversationIds);

    // Three significant digits: the throughput ratio can be far below 0.01.
    const ratio = (a: number, b: number) => Number((a / b).toPrecision(3));
    const ratios = {
      throughput: ratio(svc.load.messagesPerSecond, bare.load.messagesPerSecond),
      ackP50: ratio(svc.load.ackMs.p50, bare.load.ackMs.p50),
      ackP99: ratio(svc.load.ackMs.p99, bare.load.ackMs.p99),
      roundTripP50: ratio(svc.load.roundTripMs.p50, bare.load.roundTripMs.p50),
      roundTripP99: ratio(svc.load.roundTripMs.p99, bare.load.roundTripMs.p99),
    };
    const persistedOk = stored.customer === svc.load.acked;

    log('');
    log(describe('service', svc));
    log(describe('echo', bare));
    log(
      `ratio service/echo: throughput ${ratios.throughput}x  ack p50 ${ratios.ackP50}x ` +
        `p99 ${ratios.ackP99}x  round trip p50 ${ratios.roundTripP50}x p99 ${ratios.roundTripP99}x`,
    );
    log(
      `persisted customer messages: ${stored.customer} (acked ${svc.load.acked} = ` +
        `${svc.load.completed} measured + warm-up${persistedOk ? '' : ', MISMATCH'}); ` +
        `bot messages: ${stored.bot} (incl. ${svc.load.conversationIds.length} welcomes)`,
    );

    const figures = (m: Measured) => ({
      messagesPerSecond: Math.round(m.load.messagesPerSecond * 10) / 10,
      ackMs: roundAll(m.load.ackMs),
      roundTripMs: roundAll(m.load.roundTripMs),
      roundTrips: m.load.completed,
      elapsedMs: Math.round(m.load.elapsedMs),
      failedCustomers: m.load.failedCustomers,
      cutAtDeadline: m.load.cutAtDeadline,
      errors: m.load.errors.length,
      cpu: m.cpu,
    });
    console.log(
      JSON.stringify({
        customers: options.customers,
        messages: options.messages,
        service: figures(svc),
        echo: figures(bare),
        ratio: ratios,
        persisted: { customer: stored.customer, acked: svc.load.acked, bot: stored.bot },
      }),
    );
    const failed = svc.load.failedCustomers + bare.load.failedCustomers;
    const cut = svc.load.cutAtDeadline || bare.load.cutAtDeadline;
    return failed === 0 && !cut && persistedOk ? 0 : 1;
  } finally {
    await stopChildren();
    if (fresh)
      await dropDatabase(mongoUri).catch((e: Error) => console.error(`drop: ${e.message}`));
    await dropQueueKeys(redisUrl, queuePrefix).catch((e: Error) =>
      console.error(`redis cleanup: ${e.message}`),
    );
  }
}

const abort = setTimeout(() => {
  console.error(`bench:chat aborted after ${ABORT_AFTER_MS / 1000} s`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(2);
}, ABORT_AFTER_MS);

process.once('SIGINT', () => {
  for (const child of children) child.kill('SIGKILL');
  process.exit(130);
});

main()
  .then((code) => {
    clearTimeout(abort);
    process.exit(code);
  })
  .catch((error: unknown) => {
    console.error(`bench:chat failed: ${(error as Error).message ?? String(error)}`);
    void stopChildren().then(() => process.exit(1));
  });
