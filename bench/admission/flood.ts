import { performance } from 'node:perf_hooks';
import { Percentiles, percentiles } from '../support/latency-stats';
import { chat, emit, openCustomer } from './customer-socket';
import { FloodCounts, Flooder } from './flooder';

/** The served customer's pause between a bot reply and their next message. */
const CHAT_PAUSE_MS = 250;

export interface FloodResult {
  served: Percentiles & { samples: number; failures: number };
  flood?: FloodCounts;
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
  try {
    await emit(customer, 'conversation:start', { language: 'en' }, 10_000);
    const until = performance.now() + durationMs;
    const flooder = withFlood ? new Flooder(url, '198.18.0.1', until) : undefined;
    const flooding = flooder ? flooder.run(label) : Promise.resolve(undefined);
    const [served, flood] = await Promise.all([
      chat(customer, until, CHAT_PAUSE_MS, label),
      flooding,
    ]);
    return {
      served: {
        ...percentiles(served.roundTripsMs),
        samples: served.roundTripsMs.length,
        failures: served.failures.length,
      },
      ...(flood && { flood }),
    };
  } finally {
    customer.disconnect();
  }
}
