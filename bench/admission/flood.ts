import { performance } from 'node:perf_hooks';
import { Percentiles, percentiles } from '../support/latency-stats';
import { chat, emit, openCustomer, TEXTS } from './customer-socket';

/** Messages one flooding socket keeps unanswered at once: it sends the next on every ack. */
const FLOOD_IN_FLIGHT = 64;
/** The served customer's pause between a bot reply and their next message. */
const CHAT_PAUSE_MS = 250;

export interface FloodResult {
  served: Percentiles & { samples: number; failures: number };
  flood?: { sent: number; accepted: number; rateLimited: number; otherErrors: number };
}

/**
 * One customer chats for `durationMs` (from its own address), alone or while another socket
 * (from another address) floods `message:send` as fast as its acks come back.
 */
export async function measureChat(
  url: string,
  durationMs: number,
  withFlood: boolean,
  label: string,
): Promise<FloodResult> {
  const customer = await openCustomer(url, '198.18.0.2', 10_000);
  const flooder = withFlood ? await openCustomer(url, '198.18.0.1', 10_000) : undefined;
  try {
    await emit(customer, 'conversation:start', { language: 'en' }, 10_000);
    if (flooder) await emit(flooder, 'conversation:start', { language: 'en' }, 10_000);
    const until = performance.now() + durationMs;
    const counts = { sent: 0, accepted: 0, rateLimited: 0, otherErrors: 0 };
    const flooding = flooder
      ? Promise.all(
          Array.from({ length: FLOOD_IN_FLIGHT }, async (_, lane) => {
            while (performance.now() < until) {
              counts.sent += 1;
              const ack = await emit(
                flooder,
                'message:send',
                { clientMessageId: `${label}-f${lane}-${counts.sent}`, text: TEXTS[lane % 5] },
                30_000,
              ).catch(() => ({ ok: false, error: { code: 'NO_ACK' } }));
              if (ack.ok) counts.accepted += 1;
              else if (ack.error?.code === 'RATE_LIMITED') counts.rateLimited += 1;
              else counts.otherErrors += 1;
            }
          }),
        )
      : Promise.resolve([]);
    const [served] = await Promise.all([chat(customer, until, CHAT_PAUSE_MS, label), flooding]);
    return {
      served: {
        ...percentiles(served.roundTripsMs),
        samples: served.roundTripsMs.length,
        failures: served.failures.length,
      },
      ...(flooder && { flood: counts }),
    };
  } finally {
    customer.disconnect();
    flooder?.disconnect();
  }
}
