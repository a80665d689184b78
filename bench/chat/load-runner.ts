import { performance } from 'node:perf_hooks';
import { Socket } from 'socket.io-client';
import { percentiles, Percentiles } from '../support/latency-stats';
import { Ack, command, openSocket } from '../support/socket-client';

/** Texts the bot answers confidently (outage, billing, greeting): none of them escalates. */
const TEXTS = [
  'my power is out',
  'how much is my bill',
  'hello',
  'my electricity bill is too high',
  'there is a power outage in my area',
];

/** Generous: under overload a slow answer is a figure to report, not a failure. */
const STEP_TIMEOUT_MS = 90_000;

export interface LoadOptions {
  /** One or more instances of the same service: customer i connects to urls[i % n]. */
  urls: string[];
  customers: number;
  messages: number;
  /** Customers that send `warmupMessages` each before the measured phase (not counted). */
  warmupCustomers: number;
  warmupMessages: number;
  /**
   * performance.now() after which no customer sends another message: a run that cannot finish
   * in the bench's time still reports what it measured instead of being killed without figures.
   */
  deadline: number;
  /**
   * 0: every customer sends again the moment the bot has answered (the load saturates the
   * server, and latency is then its queue: Little's law). Above 0: each customer thinks for
   * 0.5-1.5 x this many ms before the next message, and the customers start spread over one
   * think time, as people typing do; the latencies are then those of a server below its limit.
   */
  thinkMs?: number;
  /** Called right before and after the measured phase (e.g. to meter CPU over it alone). */
  onMeasured?: (edge: 'start' | 'end') => void | Promise<void>;
}

export interface LoadResult {
  customers: number;
  messagesPerCustomer: number;
  /** Round trips completed in the measured phase. */
  completed: number;
  warmupCompleted: number;
  /** Customer messages acknowledged in both phases: each must be in the database. */
  acked: number;
  elapsedMs: number;
  messagesPerSecond: number;
  ackMs: Percentiles;
  roundTripMs: Percentiles;
  /** Customers that hit an error (their later messages are not sent). */
  failedCustomers: number;
  /** True when the deadline cut the run short (then completed < customers x messages). */
  cutAtDeadline: boolean;
  errors: string[];
  conversationIds: string[];
}

interface CreatedEvent {
  sender: string;
  clientMessageId: string;
}

/** One simulated customer: one socket, one conversation, strictly one message in flight. */
class Customer {
  private waiter: ((event: CreatedEvent) => void) | undefined;
  conversationId = '';
  /** Messages the server acknowledged, i.e. said it stored: what the database must hold. */
  acked = 0;

  private constructor(
    readonly index: number,
    private readonly socket: Socket,
  ) {
    // The service also echoes the customer's own message into the room, and a turn may say
    // more than one thing: only the bot's first reply to this very message completes a round
    // trip (replies' ids derive from the message's: `bot#<id>#<n>`; the echo server's too).
    socket.on('message:created', (event: CreatedEvent) => {
      if (event.sender === 'bot' && this.waiter) this.waiter(event);
    });
  }

  static async connect(url: string, index: number): Promise<Customer> {
    const socket = await openSocket(`${url}/customer`, STEP_TIMEOUT_MS);
    return new Customer(index, socket);
  }

  async start(): Promise<void> {
    const ack = await this.emit('conversation:start', { language: 'en' });
    if (!ack.conversation) throw new Error('conversation:start acked without a conversation');
    this.conversationId = ack.conversation.id;
  }

  /** Sends one message; resolves with [ack ms, round-trip ms] once the bot's reply is in. */
  async roundTrip(id: string, text: string): Promise<[number, number]> {
    const t0 = performance.now();
    // Armed before the emit: a reply must not slip in between the send and the listener.
    let timer: NodeJS.Timeout | undefined;
    const reply = new Promise<number>((resolve, reject) => {
      this.waiter = (event) => {
        if (event.clientMessageId?.startsWith(`bot#${id}#`)) resolve(performance.now());
      };
      timer = setTimeout(() => reject(new Error(`no bot reply to ${id}`)), STEP_TIMEOUT_MS);
    });
    // Handled at once: the timer can fire while the ack is still awaited, and an unhandled
    // rejection would end the whole bench instead of counting this customer as failed.
    reply.catch(() => undefined);
    try {
      await this.emit('message:send', { clientMessageId: id, text });
      const acked = performance.now();
      this.acked += 1;
      const replied = await reply;
      return [acked - t0, replied - t0];
    } finally {
      this.waiter = undefined;
      clearTimeout(timer);
    }
  }

  close(): void {
    this.socket.disconnect();
  }

  private emit(event: string, body: unknown): Promise<Ack> {
    return command(this.socket, event, body, STEP_TIMEOUT_MS);
  }
}

/**
 * Opens every connection and conversation first, warms up, then lets all customers send at
 * once: the measured phase contains only message traffic, not handshakes.
 */
export async function runLoad(options: LoadOptions, label: string): Promise<LoadResult> {
  const errors: string[] = [];
  const failed = new Set<number>();
  const fail = (index: number, error: unknown) => {
    failed.add(index);
    if (errors.length < 20) errors.push(`customer ${index}: ${(error as Error).message ?? error}`);
  };

  // Connections are opened in batches so the server's accept loop is not the first thing
  // measured (a burst of 200 handshakes on 2 cores takes a while and is not chat traffic).
  const customers: Customer[] = [];
  const BATCH = 50;
  for (let i = 0; i < options.customers; i += BATCH) {
    const batch = await Promise.allSettled(
      Array.from({ length: Math.min(BATCH, options.customers - i) }, (_, k) =>
        Customer.connect(options.urls[(i + k) % options.urls.length], i + k).then(async (c) => {
          await c.start();
          return c;
        }),
      ),
    );
    batch.forEach((r, k) =>
      r.status === 'fulfilled' ? customers.push(r.value) : fail(i + k, r.reason),
    );
  }

  let cut = false;
  const thinkMs = options.thinkMs ?? 0;
  const run = async (
    customer: Customer,
    count: number,
    phase: string,
    acks: number[],
    rtts: number[],
  ) => {
    // The same pauses in every run and for every target, so service, floor and echo are
    // offered the same load.
    const pause = seededFractions(customer.index);
    if (phase === 'm' && thinkMs > 0) await sleep(thinkMs * pause());
    for (let m = 0; m < count; m++) {
      if (m > 0 && phase === 'm' && thinkMs > 0) await sleep(thinkMs * (0.5 + pause()));
      if (performance.now() > options.deadline) {
        cut = true;
        return;
      }
      const text = TEXTS[(customer.index + m) % TEXTS.length];
      const [ack, rtt] = await customer.roundTrip(`${label}-${phase}-${customer.index}-${m}`, text);
      acks.push(ack);
      rtts.push(rtt);
    }
  };

  const warmAcks: number[] = [];
  await Promise.all(
    customers
      .slice(0, options.warmupCustomers)
      .map((c) => run(c, options.warmupMessages, 'w', warmAcks, []).catch((e) => fail(c.index, e))),
  );

  const acks: number[] = [];
  const rtts: number[] = [];
  await options.onMeasured?.('start');
  const started = performance.now();
  await Promise.all(
    customers
      .filter((c) => !failed.has(c.index))
      .map((c) => run(c, options.messages, 'm', acks, rtts).catch((e) => fail(c.index, e))),
  );
  const elapsedMs = performance.now() - started;
  await options.onMeasured?.('end');

  for (const c of customers) c.close();
  return {
    customers: options.customers,
    messagesPerCustomer: options.messages,
    completed: rtts.length,
    warmupCompleted: warmAcks.length,
    acked: customers.reduce((sum, c) => sum + c.acked, 0),
    elapsedMs,
    messagesPerSecond: rtts.length / (elapsedMs / 1000),
    ackMs: percentiles(acks),
    roundTripMs: percentiles(rtts),
    failedCustomers: failed.size,
    cutAtDeadline: cut,
    errors,
    conversationIds: customers.map((c) => c.conversationId).filter((id) => id !== ''),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fractions in [0, 1) from a seed (a small LCG): reproducible jitter, not randomness. */
function seededFractions(seed: number): () => number {
  let state = (seed * 2654435761 + 1) >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
