import { runInNewContext } from 'vm';
import { setFlagsFromString } from 'v8';
import { io, Socket } from 'socket.io-client';
import {
  AgentCommands,
  CustomerCommands,
  SupervisorCommands,
} from '../src/realtime/realtime.events';
import { AckBody, login, sayToBot, startCustomer, RecordingClient } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

const EVENTS = 10_500;
const FIRST = 1_000;
const IN_FLIGHT = 125; // 1,000 is a multiple: the first measure is after exactly 1,000
/** Under the default SOCKET_MAX_BYTES (16 KiB). */
const FRAME_BUDGET = 15_000;
/**
 * Heap growth allowed from after the first 1,000 events to the end, both after a full GC. What
 * may grow legitimately: the conversations and messages the accepted commands created (kept in
 * the search's in-memory index), mongoose and socket.io caches warming up. A leak of a
 * third of what is sent (printed below, and asserted to be over 30 MB) would fail it; the
 * growth seen on 2026-12-01 was 2–3 MB.
 */
const HEAP_GROWTH_BOUND_MB = 10;

/** The GC made callable in a process started without --expose-gc (jest is, scripts/test.sh). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Deterministic, so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALL_COMMANDS = [...new Set([...CustomerCommands, ...AgentCommands, ...SupervisorCommands])];
// socket.io-client refuses to emit these itself, so a hostile client cannot send them either.
const STRANGE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'message:send ',
  'MESSAGE:SEND',
  'ticket:*',
  '../../etc/passwd',
  '电费:查询',
  'x'.repeat(500),
  '',
  '\u0000',
];

function generator(random: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const huge = () => pick(['x', '电', '🙂', '<script>', '\u202e']).repeat(1000 + random() * 5000);
  const deep = (levels: number, asArray: boolean): unknown => {
    let v: unknown = 'bottom';
    for (let i = 0; i < levels; i++) v = asArray ? [v] : { a: v };
    return v;
  };
  const ids = [
    '',
    'zzz',
    '0'.repeat(24),
    'ffffffffffffffffffffffff',
    '507f1f77bcf86cd799439011',
    { $ne: null },
    { $gt: '' },
    ['507f1f77bcf86cd799439011'],
    -1,
    1e308,
    null,
  ];
  const polluted = (): unknown =>
    JSON.parse(
      pick([
        '{"__proto__":{"polluted":true,"isAdmin":true}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        '{"text":"hi","clientMessageId":"p1","__proto__":{"polluted":true}}',
        '{"conversationId":{"__proto__":{"toString":1}}}',
      ]),
    );
  const field = (): unknown =>
    pick<() => unknown>([
      () => pick(ids),
      () => huge(),
      () => random() * 1e9,
      () => random() < 0.5,
      () => [],
      () => ({}),
      () => polluted(),
      () => deep(Math.floor(random() * 40), random() < 0.5),
      () => 'ok',
      () => Buffer.from('binary'),
    ])();
  const payloads: (() => unknown)[] = [
    () => undefined,
    () => null,
    () => 42,
    () => 'a string',
    () => huge(),
    () => ({ text: huge(), clientMessageId: huge() }),
    () => [huge(), huge()],
    () => [1, 2, 3],
    () => true,
    () => Buffer.alloc(64, 1),
    () => polluted(),
    () => deep(1 + Math.floor(random() * 1500), random() < 0.5),
    () => ({
      text: field(),
      clientMessageId: field(),
      conversationId: field(),
      ticketId: field(),
      language: pick(['zh', 'en', 'fr', 1, null]),
      resumeToken: field(),
      status: field(),
      toAgentId: field(),
    }),
    () => ({ [pick(['text', 'ticketId', 'conversationId', 'agentRating'])]: field() }),
  ];
  return {
    event(names: readonly string[]): { name: string; args: unknown[]; known: boolean } {
      const r = random();
      const name = r < 0.55 ? pick(names) : r < 0.8 ? pick(ALL_COMMANDS) : pick(STRANGE_NAMES);
      let args = [pick(payloads)()];
      if (random() < 0.15) args.push(pick(payloads)());
      // A frame over SOCKET_MAX_BYTES closes the socket (docs/protocol.md, tested in
      // bad-input); here every frame stays under it so the sockets live through the run.
      if (Buffer.byteLength(JSON.stringify([name, ...args]) ?? '') > FRAME_BUDGET) {
        args = ['x'.repeat(FRAME_BUDGET - 1000)];
      }
      return { name, args, known: names.includes(name) };
    },
    withAck: () => random() < 0.8,
  };
}

interface Target {
  namespace: string;
  socket: Socket;
  names: readonly string[];
}

describe('hostile input over the three namespaces', () => {
  let t: TestApp;
  const sockets: Socket[] = [];
  const helpers: RecordingClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    helpers.forEach((c) => c.close());
    await t.close();
  });

  async function open(namespace: string, token?: string): Promise<Socket> {
    const socket = io(`${t.url}${namespace}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: token ? { token } : undefined,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  it(`answers ${EVENTS} generated events without crashing, an error for each hostile one, with flat memory`, async () => {
    const gc = collector();
    const agentToken = await login(t.url, 'agent.li');
    const supervisorToken = await login(t.url, 'supervisor.zhou');
    const targets: Target[] = [];
    for (let i = 0; i < 3; i++) {
      const customer = await open('/customer');
      if (i > 0) await customer.timeout(5000).emitWithAck('conversation:start', { language: 'en' });
      targets.push({ namespace: 'customer', socket: customer, names: CustomerCommands });
    }
    for (let i = 0; i < 2; i++) {
      const agent = await open('/agent', agentToken);
      targets.push({ namespace: 'agent', socket: agent, names: AgentCommands });
      const supervisor = await open('/supervisor', supervisorToken);
      targets.push({ namespace: 'supervisor', socket: supervisor, names: SupervisorCommands });
    }
    let unsolicitedErrors = 0;
    for (const { socket } of targets) socket.on('error:occurred', () => (unsolicitedErrors += 1));

    const random = prng(20261201);
    const make = generator(random);
    const tally = { acked: 0, answered: 0, errors: 0, unacked: 0, bytes: 0 };
    const codes: Record<string, number> = {};
    const wrongs: string[] = [];
    let heapAfterFirst = 0;

    const one = async (): Promise<void> => {
      const target = targets[Math.floor(random() * targets.length)];
      const { name, args, known } = make.event(target.names);
      tally.bytes += Buffer.byteLength(JSON.stringify(args, (_k, v: unknown) => v ?? null) ?? '');
      if (!make.withAck()) {
        tally.unacked += 1;
        target.socket.emit(name, ...args);
        return;
      }
      tally.acked += 1;
      const ack = (await target.socket
        .timeout(5000)
        .emitWithAck(name, ...args)
        .catch(() => ({ ok: false, error: { code: 'NO_ANSWER' } }))) as AckBody;
      if (typeof ack?.ok !== 'boolean')
        wrongs.push(`${target.namespace} ${name}: ${JSON.stringify(ack)}`);
      else tally.answered += 1;
      if (ack?.ok === false) {
        tally.errors += 1;
        const code = ack.error?.code ?? 'NONE';
        codes[code] = (codes[code] ?? 0) + 1;
      } else if (!known) {
        wrongs.push(`${target.namespace} ${name.slice(0, 40)} (not its command) answered ok`);
      }
    };

    for (let sent = 0; sent < EVENTS; sent += IN_FLIGHT) {
      // A closed socket would only add time-outs: stop and report instead.
      if (!targets.every((x) => x.socket.connected)) break;
      await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, EVENTS - sent) }, one));
      if (sent < FIRST && sent + IN_FLIGHT >= FIRST) {
        gc();
        heapAfterFirst = process.memoryUsage().heapUsed;
      }
    }
    // Let the fire-and-forget events and their bot turns settle before the last measure.
    await new Promise((r) => setTimeout(r, 1000));
    gc();
    const heapAtEnd = process.memoryUsage().heapUsed;
    const growthMb = (heapAtEnd - heapAfterFirst) / 2 ** 20;
    process.stderr.write(
      `hostile input: ${EVENTS} events (${tally.acked} with an ack, ${tally.unacked} without), ` +
        `${(tally.bytes / 2 ** 20).toFixed(0)} MB of payload; answers ${tally.answered}, ` +
        `errors ${tally.errors} ${JSON.stringify(codes)}; error:occurred ${unsolicitedErrors}; ` +
        `heap ${(heapAfterFirst / 2 ** 20).toFixed(1)} → ${(heapAtEnd / 2 ** 20).toFixed(1)} MB\n`,
    );

    expect(wrongs).toEqual([]);
    expect(tally.acked + tally.unacked).toBe(EVENTS);
    expect(tally.answered).toBe(tally.acked);
    expect(codes.NO_ANSWER).toBeUndefined();
    // A bug would answer INTERNAL: hostile input must meet a named refusal, never that.
    expect(codes.INTERNAL).toBeUndefined();
    expect(tally.errors).toBeGreaterThan(tally.acked * 0.8);
    expect(unsolicitedErrors).toBeGreaterThan(0);
    expect(targets.every((x) => x.socket.connected)).toBe(true);
    expect(tally.bytes / 2 ** 20).toBeGreaterThan(3 * HEAP_GROWTH_BOUND_MB);
    expect(growthMb).toBeLessThan(HEAP_GROWTH_BOUND_MB);
    // Nothing was polluted in this process (the app runs in it).
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // The app still serves a normal customer.
    const customer = await startCustomer(t.url, 'zh', helpers);
    await sayToBot(customer.client, '阶梯电价怎么收费');
  }, 90_000);
});
