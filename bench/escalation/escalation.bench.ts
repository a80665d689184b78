import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import { performance } from 'node:perf_hooks';
import { Socket } from 'socket.io-client';
import { parseArgs } from 'util';
import { AuthModule } from '../../src/auth/auth.module';
import { AuthService } from '../../src/auth/auth.service';
import { countOption, runBench } from '../support/bench-cli';
import { benchStores, cleanUpStores } from '../support/bench-stores';
import { CpuMeter, CpuUsage, describeCpu } from '../support/cpu-meter';
import { fmt, percentiles, Percentiles, ratio, round1, roundAll } from '../support/latency-stats';
import { startService, stopChildren } from '../support/service-child';
import { command as commandWithin, openSocket } from '../support/socket-client';
import { BullReference, measureBullReference } from './bull-reference';

/**
 * Escalation benchmark: how long from a customer asking for a person (`message:send` "转人工" /
 * "I want to talk to an agent") until an agent's desk gets `ticket:offered` for that
 * conversation, through the real service (bot turn, ticket in MongoDB, Bull jobs in Redis,
 * dispatcher, socket.io push), and how many tickets are routed per second. The agents accept
 * and close every offer, so their capacity frees up. A raw Bull round trip on the same Redis is
 * measured in the same run as the floor under the figure.
 *
 * Run with `npm run bench:escalation -- --customers 200 --agents 4 --capacity 5`.
 */

/** The whole run, startup included, is cut off after this: a bench must never hang a shell. */
const ABORT_AFTER_MS = 5 * 60_000;
/** No new customer starts after this: in-flight ones finish and the figures get printed. */
const SEND_UNTIL_MS = 3 * 60_000;
/** Generous: under overload a slow offer is a figure to report, not a failure. */
const STEP_TIMEOUT_MS = 60_000;
const WARMUP_CUSTOMERS = 5;
const PASSWORD = 'bench-escalation';
const TEXTS = { zh: '转人工', en: 'I want to talk to an agent' } as const;
const benchStarted = performance.now();

function parseOptions() {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '200' },
      agents: { type: 'string', default: '4' },
      capacity: { type: 'string', default: '5' },
      db: { type: 'string' },
    },
  });
  return {
    customers: countOption('customers', values.customers, 100_000),
    agents: countOption('agents', values.agents, 100),
    // The service's own limit on a per-agent capacity.
    capacity: countOption('capacity', values.capacity, 20),
    db: values.db,
  };
}

/**
 * The bench agents, written by the service's own AuthService (password hashing included) into
 * the bench database before the service starts: no Bull, no gateways, just the staff model.
 */
async function createAgents(mongoUri: string, count: number, capacity: number) {
  @Module({ imports: [MongooseModule.forRoot(mongoUri), AuthModule] })
  class BenchStaffModule {}
  const context = await NestFactory.createApplicationContext(BenchStaffModule, {
    logger: ['error', 'warn'],
  });
  try {
    const auth = context.get(AuthService);
    const usernames: string[] = [];
    for (let i = 0; i < count; i++) {
      const username = `bench.agent.${i}`;
      await auth.upsertStaff({
        username,
        displayName: `Bench Agent ${i}`,
        role: 'agent',
        password: PASSWORD,
        languages: ['zh', 'en'],
        skills: ['outage', 'billing', 'account'],
        capacity,
      });
      usernames.push(username);
    }
    return usernames;
  } finally {
    await context.close();
  }
}

interface OfferedTicket {
  id: string;
  conversationId: string;
}

/** Every step of a customer or an agent gets the same generous timeout. */
const open = (url: string, auth?: Record<string, unknown>): Promise<Socket> =>
  openSocket(url, STEP_TIMEOUT_MS, auth);
const command = (socket: Socket, event: string, body: unknown) =>
  commandWithin(socket, event, body, STEP_TIMEOUT_MS);

function deferred<T>() {
  let settle!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((done, reject) => {
    settle = done;
    fail = reject;
  });
  promise.catch(() => undefined);
  return { promise, settle, fail };
}

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(
      () => fail(new Error(`${what}: nothing within ${STEP_TIMEOUT_MS} ms`)),
      STEP_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A customer waiting for a person, keyed by conversation id until an agent is offered it. */
interface Waiting {
  offered: ReturnType<typeof deferred<number>>;
  closed: ReturnType<typeof deferred<void>>;
}

class Desk {
  readonly sockets: Socket[] = [];
  readonly waiting = new Map<string, Waiting>();
  offers = 0;
  lapsed = 0;
  readonly errors: string[] = [];

  /** Each agent accepts and closes every offer, one after another as a person would. */
  async connect(url: string, usernames: string[]): Promise<void> {
    for (const username of usernames) {
      const response = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
      const { token } = (await response.json()) as { token: string };
      const socket = await open(`${url}/agent`, { token });
      socket.on('ticket:offered', (ticket: OfferedTicket) => this.onOffered(socket, ticket));
      socket.on('ticket:offer_lapsed', () => (this.lapsed += 1));
      this.sockets.push(socket);
    }
  }

  private onOffered(socket: Socket, ticket: OfferedTicket): void {
    const at = performance.now();
    this.offers += 1;
    const waiting = this.waiting.get(ticket.conversationId);
    waiting?.offered.settle(at);
    void (async () => {
      await command(socket, 'ticket:accept', { ticketId: ticket.id });
      await command(socket, 'ticket:close', { ticketId: ticket.id, resolution: 'resolved' });
    })().then(
      () => waiting?.closed.settle(),
      (error: Error) => {
        if (this.errors.length < 20) this.errors.push(`ticket ${ticket.id}: ${error.message}`);
        waiting?.closed.fail(error);
      },
    );
  }

  close(): void {
    for (const socket of this.sockets) socket.disconnect();
  }
}

interface CustomerResult {
  sendAckMs: number;
  offeredMs: number;
}

/** One customer: a conversation, one message asking for a person, wait for the close. */
async function serveCustomer(url: string, desk: Desk, index: number, tag: string) {
  const language = index % 2 === 0 ? 'zh' : 'en';
  const socket = await open(`${url}/customer`);
  try {
    const started = await command(socket, 'conversation:start', { language });
    const conversationId = started.conversation?.id;
    if (!conversationId) throw new Error('conversation:start acked without a conversation');
    const waiting: Waiting = { offered: deferred<number>(), closed: deferred<void>() };
    desk.waiting.set(conversationId, waiting);
    try {
      const t0 = performance.now();
      await command(socket, 'message:send', {
        clientMessageId: `${tag}-${index}`,
        text: TEXTS[language],
      });
      const sendAckMs = performance.now() - t0;
      const offeredAt = await within(waiting.offered.promise, `offer for customer ${index}`);
      // Wait for the close too: the next customer of this slot then finds the seat free.
      await within(waiting.closed.promise, `close for customer ${index}`);
      return { sendAckMs, offeredMs: offeredAt - t0 } satisfies CustomerResult;
    } finally {
      desk.waiting.delete(conversationId);
    }
  } finally {
    socket.disconnect();
  }
}

interface ServiceRun {
  results: CustomerResult[];
  failed: number;
  errors: string[];
  elapsedMs: number;
  offersInRun: number;
  cutAtDeadline: boolean;
  cpu: CpuUsage | null;
}

/** `slots` customers at a time (the agents' seats), each slot serving customers back to back. */
async function runCustomers(
  url: string,
  desk: Desk,
  customers: number,
  slots: number,
  child: ChildProcess,
): Promise<ServiceRun> {
  const tag = randomBytes(3).toString('hex');
  await Promise.all(
    Array.from({ length: WARMUP_CUSTOMERS }, (_, i) => serveCustomer(url, desk, i, `${tag}-w`)),
  );
  const results: CustomerResult[] = [];
  const errors: string[] = [];
  let failed = 0;
  let next = 0;
  let cut = false;
  const offersBefore = desk.offers;
  const meter = child.pid ? new CpuMeter(child.pid) : undefined;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: slots }, async () => {
      for (;;) {
        if (next >= customers) return;
        if (performance.now() - benchStarted > SEND_UNTIL_MS) {
          cut = true;
          return;
        }
        const index = next++;
        try {
          results.push(await serveCustomer(url, desk, index, `${tag}-m`));
        } catch (error) {
          failed += 1;
          if (errors.length < 20) errors.push(`customer ${index}: ${(error as Error).message}`);
        }
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  return {
    results,
    failed,
    errors,
    elapsedMs,
    offersInRun: desk.offers - offersBefore,
    cutAtDeadline: cut,
    cpu: meter ? meter.stop() : null,
  };
}

const ms = (p: Percentiles) => `p50 ${fmt(p.p50)} ms  p99 ${fmt(p.p99)} ms  max ${fmt(p.max)} ms`;

async function main(): Promise<number> {
  const options = parseOptions();
  const stores = benchStores('bench:escalation', options.db);
  const { dbName, fresh, mongoUri, redisUrl, queuePrefix } = stores;
  const slots = options.agents * options.capacity;
  const log = (line: string) => console.log(line);

  log(
    `bench:escalation  customers ${options.customers}  agents ${options.agents} x capacity ` +
      `${options.capacity} = ${slots} at a time  db ${dbName}` +
      `${fresh ? ' (fresh, dropped at the end)' : ''}  node ${process.version}`,
  );
  const desk = new Desk();
  try {
    const usernames = await createAgents(mongoUri, options.agents, options.capacity);
    const service = await startService({
      mongoUri,
      queuePrefix,
      env: { DEFAULT_AGENT_CAPACITY: String(options.capacity) },
    });
    await desk.connect(service.url, usernames);
    log(`service: ${options.customers} customers at ${service.url} ...`);
    const run = await runCustomers(service.url, desk, options.customers, slots, service.child);
    desk.close();
    await stopChildren();

    log(`bull reference: ${options.customers} jobs on ${redisUrl} ...`);
    const bull = await measureBullReference(redisUrl, queuePrefix, options.customers);

    const offeredMs = percentiles(run.results.map((r) => r.offeredMs));
    const sendAckMs = percentiles(run.results.map((r) => r.sendAckMs));
    const offersPerSecond = run.offersInRun / (run.elapsedMs / 1000);
    const cpu = run.cpu;
    log('');
    log(`service  escalation -> ticket:offered   ${ms(offeredMs)}`);
    log(`         message:send ack               ${ms(sendAckMs)}`);
    log(
      `         ${fmt(offersPerSecond, 2)} tickets routed/s: ${run.offersInRun} offers, ` +
        `${run.results.length}/${options.customers} customers served in ${fmt(run.elapsedMs / 1000, 2)} s, ` +
        `failed ${run.failed}, offers lapsed ${desk.lapsed}` +
        (run.cutAtDeadline ? ', CUT SHORT by the send deadline' : ''),
    );
    log(`         ${describeCpu(cpu, 'bench')}`);
    for (const e of [...run.errors, ...desk.errors]) log(`         error: ${e}`);
    log(`bull     add -> processed, one at a time ${ms(bull.roundTripMs)}`);
    log(`         add acknowledged                ${ms(bull.addMs)}`);
    log(
      `         burst of ${bull.jobs}: ${fmt(bull.burstJobsPerSecond)} jobs/s, add -> processed ` +
        ms(bull.burstRoundTripMs),
    );
    log(
      `ratio service/bull: latency p50 ${ratio(offeredMs.p50, bull.roundTripMs.p50)}x ` +
        `p99 ${ratio(offeredMs.p99, bull.roundTripMs.p99)}x, throughput ` +
        `${ratio(offersPerSecond, bull.burstJobsPerSecond)}x`,
    );

    const reference = (b: BullReference) => ({
      jobs: b.jobs,
      roundTripMs: roundAll(b.roundTripMs),
      addMs: roundAll(b.addMs),
      burstJobsPerSecond: round1(b.burstJobsPerSecond),
      burstRoundTripMs: roundAll(b.burstRoundTripMs),
    });
    console.log(
      JSON.stringify({
        customers: options.customers,
        agents: options.agents,
        capacity: options.capacity,
        service: {
          offeredMs: roundAll(offeredMs),
          sendAckMs: roundAll(sendAckMs),
          offersPerSecond: Math.round(offersPerSecond * 100) / 100,
          offers: run.offersInRun,
          served: run.results.length,
          failed: run.failed,
          lapsed: desk.lapsed,
          elapsedMs: Math.round(run.elapsedMs),
          cutAtDeadline: run.cutAtDeadline,
          cpu,
        },
        bull: reference(bull),
      }),
    );
    return run.failed === 0 && !run.cutAtDeadline && desk.errors.length === 0 ? 0 : 1;
  } finally {
    desk.close();
    await stopChildren();
    await cleanUpStores(stores);
  }
}

runBench('bench:escalation', ABORT_AFTER_MS, main);
