import { parseArgs } from 'util';
import { AppConfig } from '../../src/config/app-config';
import { countOption, runBench } from '../support/bench-cli';
import { benchStores, cleanUpStores } from '../support/bench-stores';
import { fmt } from '../support/latency-stats';
import { startEchoServer, startService, stopChildren } from '../support/service-child';
import { FloodResult, measureChat } from './flood';
import { HealthReport, HealthWatch } from './health-watch';
import { StormResult, startStorm } from './start-storm';

/**
 * Admission benchmark (issue #14): (a) one customer's bot-reply latency alone and while another
 * socket floods messages; (b) a storm of sockets connecting and starting a conversation at
 * once, from one address and from as many addresses, and how many are answered within 5 s;
 * /health polled every 250 ms throughout. The same (a) and (b) against bench/chat's bare
 * socket.io echo server in the same run are the reference for what socket.io itself costs here.
 *
 * Run with `npm run bench:admission` (services up; the script builds first).
 */

const ABORT_AFTER_MS = 5 * 60_000;
const ANSWER_WITHIN_MS = 5_000;
const TARGET_P99_MS = 1_000;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      sockets: { type: 'string', default: '500' },
    },
  });
  return {
    seconds: countOption('seconds', values.seconds, 120),
    sockets: countOption('sockets', values.sockets, 5000),
  };
}

interface Figures {
  alone: FloodResult;
  flooded: FloodResult;
  oneAddress: StormResult;
  manyAddresses?: StormResult;
}

async function run(
  url: string,
  seconds: number,
  sockets: number,
  addresses: boolean,
  health?: HealthWatch,
): Promise<Figures> {
  const phase = (name: string) => health && (health.phase = name);
  phase('chat alone');
  const alone = await measureChat(url, seconds * 1000, false, 'alone');
  phase('chat beside a flood');
  const flooded = await measureChat(url, seconds * 1000, true, 'flood');
  await new Promise((r) => setTimeout(r, 2000));
  phase('storm from one address');
  const oneAddress = await startStorm(url, sockets, ANSWER_WITHIN_MS, () => undefined);
  if (!addresses) return { alone, flooded, oneAddress };
  await new Promise((r) => setTimeout(r, 2000));
  phase(`storm from ${sockets} addresses`);
  // 198.19.0.0/16 (benchmarking range): one address per socket.
  const many = await startStorm(
    url,
    sockets,
    ANSWER_WITHIN_MS,
    (i) => `198.19.${i >> 8}.${i & 255}`,
  );
  return { alone, flooded, oneAddress, manyAddresses: many };
}

const chatLine = (name: string, r: FloodResult) =>
  `  ${name.padEnd(14)} bot reply p50 ${fmt(r.served.p50, 0)} ms  p99 ${fmt(r.served.p99, 0)} ms  ` +
  `max ${fmt(r.served.max, 0)} ms  (${r.served.samples} replies, ${r.served.failures} failures)` +
  (r.flood
    ? `\n  ${''.padEnd(14)} flood: ${r.flood.sent} sent, ${r.flood.accepted} accepted, ` +
      `${r.flood.rateLimited} RATE_LIMITED, ${r.flood.lost} lost with a closed socket, ` +
      `${r.flood.otherErrors} other; the service closed the socket ${r.flood.disconnected} times ` +
      `and refused ${r.flood.handshakesRefused} reconnections`
    : '');

const stormLine = (name: string, r: StormResult) =>
  `  ${name.padEnd(14)} ${r.answeredWithin}/${r.sockets} answered within ${r.withinMs / 1000} s ` +
  `(slowest ${r.slowestAnswerMs} ms): ${r.started} started, ${r.rateLimitedAtStart} RATE_LIMITED ` +
  `at start, ${r.rateLimitedAtHandshake} at the handshake, ${r.otherErrors} errors, ` +
  `${r.unanswered} unanswered${r.errors.length ? ` [${r.errors.join('; ')}]` : ''}`;

function print(name: string, f: Figures, health?: HealthReport): void {
  console.log(`${name}:`);
  console.log(chatLine('alone', f.alone));
  console.log(chatLine('beside flood', f.flooded));
  console.log(stormLine('one address', f.oneAddress));
  if (f.manyAddresses) console.log(stormLine('many addresses', f.manyAddresses));
  if (health) {
    console.log(
      `  /health        ${health.polls} polls: said a store was down ${health.saidDown} times` +
        `${health.firstDownAt ? ` (first: ${health.firstDownAt})` : ''}, no answer within 2 s ` +
        `${health.noAnswer}${health.noAnswerIn.length ? ` (in: ${health.noAnswerIn.join(', ')})` : ''}, ` +
        `slowest ${health.slowestMs} ms`,
    );
  }
}

async function main(): Promise<number> {
  const options = parseOptions();
  const stores = benchStores('bench:admission', undefined);
  const defaults = new AppConfig();
  const env = {
    TRUST_PROXY: '1',
    CHAT_IP_MESSAGES_PER_MINUTE: String(defaults.CHAT_IP_MESSAGES_PER_MINUTE),
    CHAT_IP_STARTS_PER_MINUTE: String(defaults.CHAT_IP_STARTS_PER_MINUTE),
    CHAT_IP_CONNECTIONS_PER_MINUTE: String(defaults.CHAT_IP_CONNECTIONS_PER_MINUTE),
  };
  console.log(
    `bench:admission  ${options.seconds} s per chat phase, storms of ${options.sockets} sockets, ` +
      `service limits: default (${Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')})  node ${process.version}`,
  );
  try {
    const [service, echo] = await Promise.all([
      startService({ mongoUri: stores.mongoUri, queuePrefix: stores.queuePrefix, env }),
      startEchoServer(),
    ]);
    const health = new HealthWatch(service.url);
    const svc = await run(service.url, options.seconds, options.sockets, true, health);
    const healthReport = await health.stop();
    const bare = await run(echo.url, options.seconds, options.sockets, false);
    console.log('');
    print('service', svc, healthReport);
    print('echo (bare socket.io, no limits)', bare);

    const storms = [svc.oneAddress, svc.manyAddresses].filter((s): s is StormResult => !!s);
    const met = {
      floodP99: svc.flooded.served.p99 < TARGET_P99_MS && svc.flooded.served.failures === 0,
      allAnswered: storms.every((s) => s.answeredWithin === s.sockets),
      healthTruthful: healthReport.saidDown === 0,
    };
    console.log(
      `targets: bot-reply p99 beside a flood < ${TARGET_P99_MS} ms: ${met.floodP99 ? 'met' : 'NOT MET'}; ` +
        `every storm socket answered within 5 s: ${met.allAnswered ? 'met' : 'NOT MET'}; ` +
        `/health never said a store was down: ${met.healthTruthful ? 'met' : 'NOT MET'}`,
    );
    console.log(JSON.stringify({ options, service: svc, health: healthReport, echo: bare, met }));
    return Object.values(met).every(Boolean) ? 0 : 1;
  } finally {
    await stopChildren();
    await cleanUpStores(stores);
  }
}

runBench('bench:admission', ABORT_AFTER_MS, main);
