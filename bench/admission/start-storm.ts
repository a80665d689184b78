import { performance } from 'node:perf_hooks';
import { Socket } from 'socket.io-client';
import { HandshakeRefusal, emit, openCustomer } from './customer-socket';

/** How long a storm's stragglers are waited for (the figure is how many answered within 5 s). */
const STRAGGLER_MS = 30_000;

export interface StormResult {
  sockets: number;
  withinMs: number;
  answeredWithin: number;
  started: number;
  rateLimitedAtStart: number;
  rateLimitedAtHandshake: number;
  otherErrors: number;
  unanswered: number;
  slowestAnswerMs: number;
  errors: string[];
}

type Outcome = 'started' | 'atStart' | 'atHandshake' | 'error' | 'none';

/**
 * `sockets` customers connect and start a conversation at the same moment; each is answered
 * by a start, by RATE_LIMITED on the start, or by RATE_LIMITED at the handshake (the limit on
 * new sockets per address). `addressOf` gives each its X-Forwarded-For, or none (the peer's).
 */
export async function startStorm(
  url: string,
  sockets: number,
  withinMs: number,
  addressOf: (i: number) => string | undefined,
): Promise<StormResult> {
  const open: Socket[] = [];
  const errors: string[] = [];
  const t0 = performance.now();
  const one = async (i: number): Promise<[Outcome, number]> => {
    try {
      const socket = await openCustomer(url, addressOf(i), STRAGGLER_MS);
      open.push(socket);
      const ack = await emit(socket, 'conversation:start', { language: 'zh' }, STRAGGLER_MS);
      if (ack.ok) return ['started', performance.now() - t0];
      if (ack.error?.code === 'RATE_LIMITED') return ['atStart', performance.now() - t0];
      if (errors.length < 5) errors.push(`start: ${ack.error?.code}`);
      return ['error', performance.now() - t0];
    } catch (error) {
      const refusal = error as HandshakeRefusal;
      if (refusal.data?.code === 'RATE_LIMITED') return ['atHandshake', performance.now() - t0];
      if (errors.length < 5) errors.push(refusal.message);
      return [/timeout/i.test(refusal.message) ? 'none' : 'error', performance.now() - t0];
    }
  };
  const outcomes = await Promise.all(Array.from({ length: sockets }, (_, i) => one(i)));
  for (const s of open) s.disconnect();
  const answered = outcomes.filter(([o]) => o !== 'none' && o !== 'error');
  const count = (o: Outcome) => outcomes.filter(([x]) => x === o).length;
  return {
    sockets,
    withinMs,
    answeredWithin: answered.filter(([, ms]) => ms <= withinMs).length,
    started: count('started'),
    rateLimitedAtStart: count('atStart'),
    rateLimitedAtHandshake: count('atHandshake'),
    otherErrors: count('error'),
    unanswered: count('none'),
    slowestAnswerMs: Math.round(Math.max(0, ...answered.map(([, ms]) => ms))),
    errors,
  };
}
