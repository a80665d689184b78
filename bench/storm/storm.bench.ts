import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { MongooseModule } from '@nestjs/mongoose';
import mongoose, { Types } from 'mongoose';
import { performance } from 'node:perf_hooks';
import { Socket } from 'socket.io-client';
import { parseArgs } from 'util';
import { AuthModule } from '../../src/auth/auth.module';
import { AuthService } from '../../src/auth/auth.service';
import { ConfigModule } from '../../src/config/config.module';
import { luhnCheckDigit } from '../../src/nlu/account-number';
import { countOption, runBench } from '../support/bench-cli';
import { benchStores, cleanUpStores } from '../support/bench-stores';
import { fmt, percentiles, Percentiles, roundAll } from '../support/latency-stats';
import { startEchoServer, startService, stopChildren } from '../support/service-child';
import { openSocket } from '../support/socket-client';
import { CustomerOutcome, runCustomer } from './storm-customers';

/**
 * Storm benchmark (issue #16): N customers of one feeder report an outage within a window,
 * half of them subscribe, a tenth push for a person (insisting, or confusing the bot). The
 * service groups them into one incident and turns storm mode on; then the incident's estimate
 * changes and power comes back, and every subscriber must get each notice exactly once. The same
 * customers through a bare socket.io echo server, in the same run, are the reference for the
 * reply latency.
 *
 * Run with `npm run bench:storm -- --customers 2000 --seconds 60`.
 */

const ABORT_AFTER_MS = 9 * 60_000;
const NOTICES_WITHIN_MS = 180_000;
const FEEDER = { feederId: 'NG-F03', districtCode: 'QH-NG' };
const PASSWORD = 'bench-storm-password';
const SUPERVISOR = 'bench.supervisor';

function parseOptions() {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '2000' },
      seconds: { type: 'string', default: '60' },
      rate: { type: 'string', default: '30' },
      db: { type: 'string' },
    },
  });
  return {
    customers: countOption('customers', values.customers ?? '2000', 20000),
    seconds: countOption('seconds', values.seconds ?? '60', 600),
    rate: countOption('rate', values.rate ?? '30'),
    db: values.db,
  };
}

/** The feeder's accounts (valid numbers, Luhn), and a supervisor, written before the service starts. */
async function prepare(mongoUri: string, customers: number): Promise<string[]> {
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  const numbers = Array.from({ length: customers }, (_, i) => {
    const body = `9${String(i).padStart(8, '0')}`;
    return `${body}${luhnCheckDigit(body)}`;
  });
  try {
    const now = new Date();
    await connection.collection('utility_accounts').insertMany(
      numbers.map((accountNumber, i) => ({
        accountNumber,
        customerNo: `B${String(i).padStart(7, '0')}`,
        holderNameZh: '压测用户',
        holderNameEn: 'Bench Customer',
        addressZh: `南港区压测路${i}号`,
        addressEn: `${i} Bench Road, Nangang`,
        districtCode: FEEDER.districtCode,
        feederId: FEEDER.feederId,
        phone: `139${String(i).padStart(8, '0')}`,
        tariffPlan: 'flat',
        status: 'active',
        openedAt: now,
      })),
    );
  } finally {
    await connection.close();
  }
  @Module({
    imports: [
      ConfigModule,
      EventEmitterModule.forRoot(),
      MongooseModule.forRoot(mongoUri),
      AuthModule,
    ],
  })
  class BenchStaffModule {}
  const context = await NestFactory.createApplicationContext(BenchStaffModule, {
    logger: ['error', 'warn'],
  });
  try {
    await context.get(AuthService).upsertStaff({
      username: SUPERVISOR,
      displayName: 'Bench Supervisor',
      role: 'supervisor',
      password: PASSWORD,
    });
  } finally {
    await context.close();
  }
  return numbers;
}

/** Every customer starts at their moment of the window: a steady arrival of reports. */
async function storm(
  url: string,
  accounts: string[],
  seconds: number,
): Promise<{ outcomes: CustomerOutcome[]; elapsedMs: number }> {
  const started = performance.now();
  const spacing = (seconds * 1000) / accounts.length;
  const outcomes = await Promise.all(
    accounts.map(async (account, i) => {
      await new Promise((r) => setTimeout(r, i * spacing));
      return runCustomer(url, i, account);
    }),
  );
  return { outcomes, elapsedMs: performance.now() - started };
}

interface PhaseFigures {
  answered: number;
  failed: number;
  replyMs: Percentiles;
  firstReplyMs: Percentiles;
  elapsedMs: number;
}

function figuresOf(run: { outcomes: CustomerOutcome[]; elapsedMs: number }): PhaseFigures {
  const ok = run.outcomes.filter((o) => !o.error);
  return {
    answered: ok.length,
    failed: run.outcomes.length - ok.length,
    replyMs: roundAll(percentiles(ok.flatMap((o) => o.replyMs))),
    firstReplyMs: roundAll(percentiles(ok.map((o) => o.replyMs[0]))),
    elapsedMs: Math.round(run.elapsedMs),
  };
}

class Staff {
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  static async login(url: string): Promise<Staff> {
    const response = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: SUPERVISOR, password: PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`login: ${response.status}`);
    return new Staff(url, ((await response.json()) as { token: string }).token);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return (await response.json()) as T;
  }
}

interface IncidentView {
  id: string;
  reportCount: number;
  accountCount: number;
  storm: { on: boolean; rate?: number };
}

/** Waits until `event` notices are all recorded sent (or skipped); returns how long it took. */
async function noticesSettled(mongoUri: string, event: string, expected: number): Promise<number> {
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  const started = performance.now();
  try {
    for (;;) {
      const done = await connection
        .collection('incident_notices')
        .countDocuments({ event, status: { $in: ['sent', 'skipped'] } });
      if (done >= expected) return performance.now() - started;
      if (performance.now() - started > NOTICES_WITHIN_MS)
        throw new Error(`${event} notices: ${done} of ${expected} after ${NOTICES_WITHIN_MS} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await connection.close();
  }
}

/** System messages (notices) per subscribed conversation: how many got none, how many got more. */
async function noticeCounts(mongoUri: string, conversationIds: string[], each: number) {
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  try {
    const found = await connection
      .collection('messages')
      .aggregate<{ _id: Types.ObjectId; n: number }>([
        {
          $match: {
            sender: 'system',
            conversationId: { $in: conversationIds.map((id) => new Types.ObjectId(id)) },
          },
        },
        { $group: { _id: '$conversationId', n: { $sum: 1 } } },
      ])
      .toArray();
    const counts = new Map(found.map((f) => [f._id.toHexString(), f.n]));
    const per = conversationIds.map((id) => counts.get(id) ?? 0);
    return {
      subscribers: conversationIds.length,
      exact: per.filter((n) => n === each).length,
      missing: per.filter((n) => n < each).length,
      duplicated: per.filter((n) => n > each).length,
      tickets: await connection.collection('tickets').countDocuments({}),
    };
  } finally {
    await connection.close();
  }
}

async function main(): Promise<number> {
  const options = parseOptions();
  const stores = benchStores('bench:storm', options.db);
  const log = (line: string) => console.log(line);
  log(
    `bench:storm  customers ${options.customers} of feeder ${FEEDER.feederId} within ` +
      `${options.seconds} s  STORM_REPORTS_PER_MINUTE ${options.rate}  db ${stores.dbName}  ` +
      `node ${process.version}`,
  );
  try {
    const accounts = await prepare(stores.mongoUri, options.customers);
    const [service, echo] = await Promise.all([
      startService({
        mongoUri: stores.mongoUri,
        queuePrefix: stores.queuePrefix,
        env: { STORM_REPORTS_PER_MINUTE: String(options.rate), INCIDENT_SYNC_SECONDS: '3600' },
      }),
      startEchoServer(),
    ]);
    const staff = await Staff.login(service.url);
    const board: Socket = await openSocket(`${service.url}/supervisor`, 10_000, {
      token: staff.token,
    });
    let stormAt: number | undefined;
    const benchStart = performance.now();
    board.on('incident:storm_changed', (s: { on: boolean }) => {
      if (s.on && stormAt === undefined) stormAt = performance.now() - benchStart;
    });

    log(`service: ${options.customers} customers over ${options.seconds} s ...`);
    const svcRun = await storm(service.url, accounts, options.seconds);
    const svc = figuresOf(svcRun);
    const [incident] = await staff.call<IncidentView[]>('GET', '/incidents');
    const confused = svcRun.outcomes.filter((o) => o.role === 'confused' && !o.error);
    const heldBack = confused.filter((o) => /call back|回电/.test(o.lastReply ?? '')).length;
    const insisting = svcRun.outcomes.filter((o) => o.role === 'insist').length;
    const subscribed = svcRun.outcomes
      .filter((o) => o.role === 'subscribe' && !o.error && o.conversationId)
      .map((o) => o.conversationId as string);

    const path = `/incidents/${encodeURIComponent(incident.id)}`;
    await staff.call('PATCH', path, { etaAt: new Date(Date.now() + 2 * 3600_000).toISOString() });
    const etaMs = await noticesSettled(stores.mongoUri, 'eta', subscribed.length);
    await staff.call('PATCH', path, { status: 'restored' });
    const restoredMs = await noticesSettled(stores.mongoUri, 'restored', subscribed.length);
    // Let any straggling duplicate (there should be none) land before counting.
    await new Promise((r) => setTimeout(r, 1000));
    const notices = await noticeCounts(stores.mongoUri, subscribed, 2);
    board.disconnect();

    log(`echo: the same ${options.customers} customers over ${options.seconds} s ...`);
    const bare = figuresOf(await storm(echo.url, accounts, options.seconds));

    log('');
    log(
      `incident ${incident.id}: ${incident.reportCount} reports, ${incident.accountCount} accounts; ` +
        `storm mode on at ${fmt((stormAt ?? NaN) / 1000, 1)} s (rate ${incident.storm.rate ?? 'n/a'}/min)`,
    );
    log(
      `service  answered ${svc.answered}/${options.customers} (failed ${svc.failed})  ` +
        `reply p50 ${fmt(svc.replyMs.p50)} ms p99 ${fmt(svc.replyMs.p99)} ms max ${fmt(svc.replyMs.max)} ms  ` +
        `first reply p99 ${fmt(svc.firstReplyMs.p99)} ms`,
    );
    log(
      `echo     answered ${bare.answered}/${options.customers} (failed ${bare.failed})  ` +
        `reply p50 ${fmt(bare.replyMs.p50)} ms p99 ${fmt(bare.replyMs.p99)} ms max ${fmt(bare.replyMs.max)} ms`,
    );
    log(
      `queued (tickets): ${notices.tickets}  (insisting customers ${insisting}; confused ` +
        `${confused.length}, of whom ${heldBack} got the storm answer instead of a queue)`,
    );
    log(
      `notices: ${notices.subscribers} subscribers, ETA change + restoration: ${notices.exact} got ` +
        `exactly 2, ${notices.missing} fewer, ${notices.duplicated} more; ETA notices settled in ` +
        `${fmt(etaMs / 1000, 1)} s, restoration in ${fmt(restoredMs / 1000, 1)} s`,
    );
    console.log(
      JSON.stringify({
        customers: options.customers,
        seconds: options.seconds,
        rate: options.rate,
        incident: {
          reports: incident.reportCount,
          accounts: incident.accountCount,
          stormAtMs: stormAt,
        },
        service: svc,
        echo: bare,
        queued: notices.tickets,
        insisting,
        confused: confused.length,
        heldBack,
        notices: { ...notices, etaMs: Math.round(etaMs), restoredMs: Math.round(restoredMs) },
      }),
    );
    const ok =
      svc.failed === 0 &&
      notices.missing === 0 &&
      notices.duplicated === 0 &&
      incident.reportCount === options.customers;
    return ok ? 0 : 1;
  } finally {
    await stopChildren();
    await cleanUpStores(stores);
  }
}

runBench('bench:storm', ABORT_AFTER_MS, main);
