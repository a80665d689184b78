import Bull from 'bull';
import { performance } from 'node:perf_hooks';
import { percentiles, Percentiles } from '../support/latency-stats';

export interface BullReference {
  jobs: number;
  /** One job at a time: `add` called → the processor (in this process) starts it. */
  roundTripMs: Percentiles;
  /** The same jobs, time until `add` resolved (Redis acknowledged the job). */
  addMs: Percentiles;
  /** All jobs added at once: jobs processed per second, and add → start latency under that burst. */
  burstJobsPerSecond: number;
  burstRoundTripMs: Percentiles;
}

interface ReferenceJob {
  index: number;
}

/**
 * The floor under the service's figure: the raw Bull round trip on the same Redis, with a
 * processor in the bench process (one Node process, so performance.now() is one clock).
 * Same job options as the service's queue (removeOnComplete), concurrency 1 like its processor.
 */
export async function measureBullReference(
  redisUrl: string,
  prefix: string,
  jobs: number,
): Promise<BullReference> {
  const queue = new Bull<ReferenceJob>('bench-reference', redisUrl, { prefix });
  const addedAt = new Map<number, number>();
  const started: number[] = [];
  let waiter: ((index: number) => void) | undefined;
  try {
    await queue.isReady();
    void queue.process((job, done) => {
      const at = performance.now();
      started[job.data.index] = at - (addedAt.get(job.data.index) ?? at);
      waiter?.(job.data.index);
      done();
    });
    const options = { removeOnComplete: true, removeOnFail: true };

    // Warm-up: connections opened, Lua scripts loaded into Redis.
    for (let i = 0; i < 20; i++) await oneJob(-1 - i);

    const addMs: number[] = [];
    const roundTrip: number[] = [];
    for (let i = 0; i < jobs; i++) {
      const [add, trip] = await oneJob(i);
      addMs.push(add);
      roundTrip.push(trip);
    }

    started.length = 0;
    let processed = 0;
    const allDone = new Promise<void>((resolve) => {
      waiter = () => {
        processed += 1;
        if (processed === jobs) resolve();
      };
    });
    const burstStart = performance.now();
    await Promise.all(
      Array.from({ length: jobs }, (_, k) => {
        const index = jobs + k;
        addedAt.set(index, performance.now());
        return queue.add({ index }, options);
      }),
    );
    await allDone;
    const burstMs = performance.now() - burstStart;
    return {
      jobs,
      roundTripMs: percentiles(roundTrip),
      addMs: percentiles(addMs),
      burstJobsPerSecond: jobs / (burstMs / 1000),
      burstRoundTripMs: percentiles(started.filter((v) => v !== undefined)),
    };

    async function oneJob(index: number): Promise<[number, number]> {
      const picked = new Promise<void>((resolve) => {
        waiter = (i) => {
          if (i === index) resolve();
        };
      });
      const t0 = performance.now();
      addedAt.set(index, t0);
      await queue.add({ index }, options);
      const added = performance.now() - t0;
      await picked;
      return [added, performance.now() - t0];
    }
  } finally {
    await queue.close();
  }
}
