import { performance } from 'node:perf_hooks';
import { io, Socket } from 'socket.io-client';

/**
 * The admission bench's customer sockets: websocket only, no reconnection (as the other
 * benches), optionally claiming a client address through X-Forwarded-For (the service runs with
 * TRUST_PROXY=1, as behind one load balancer), so one machine can play many customers' addresses.
 */

export interface AckBody {
  ok: boolean;
  error?: { code: string; message?: string };
  conversation?: { id: string };
}

/** What a refused handshake carries: the service's error body in `data`. */
export interface HandshakeRefusal extends Error {
  data?: { code?: string };
}

export function openCustomer(
  url: string,
  address: string | undefined,
  timeoutMs: number,
): Promise<Socket> {
  const socket = io(`${url}/customer`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: timeoutMs,
    extraHeaders: address ? { 'x-forwarded-for': address } : {},
  });
  return new Promise((done, fail) => {
    socket.once('connect', () => done(socket));
    socket.once('connect_error', (error: HandshakeRefusal) => {
      socket.disconnect();
      fail(error);
    });
  });
}

export async function emit(
  socket: Socket,
  event: string,
  body: unknown,
  timeoutMs: number,
): Promise<AckBody> {
  return (await socket.timeout(timeoutMs).emitWithAck(event, body)) as AckBody;
}

/** Texts the bot answers at once without escalating (as bench/chat's). */
export const TEXTS = [
  'my power is out',
  'how much is my bill',
  'hello',
  'my electricity bill is too high',
  'there is a power outage in my area',
];

/**
 * A customer chatting: one message, wait for the bot's first reply, a short pause, the next.
 * Resolves with the round trips (message sent → bot reply received) until `untilMs`.
 */
export async function chat(
  socket: Socket,
  untilMs: number,
  pauseMs: number,
  label: string,
): Promise<{ roundTripsMs: number[]; failures: string[] }> {
  const roundTripsMs: number[] = [];
  const failures: string[] = [];
  let waiter: (() => void) | undefined;
  socket.on('message:created', (m: { sender?: string }) => {
    if (m.sender === 'bot') waiter?.();
  });
  for (let i = 0; performance.now() < untilMs; i++) {
    const t0 = performance.now();
    const replied = new Promise<void>((resolve, reject) => {
      waiter = resolve;
      setTimeout(() => reject(new Error('no bot reply within 30 s')), 30_000).unref();
    });
    replied.catch(() => undefined);
    try {
      const ack = await emit(
        socket,
        'message:send',
        { clientMessageId: `${label}-${i}`, text: TEXTS[i % TEXTS.length] },
        30_000,
      );
      if (!ack.ok) throw new Error(`message:send: ${ack.error?.code}`);
      await replied;
      roundTripsMs.push(performance.now() - t0);
    } catch (error) {
      failures.push((error as Error).message);
    } finally {
      waiter = undefined;
    }
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  return { roundTripsMs, failures };
}
