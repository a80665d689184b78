/**
 * Bursts against the NLU cascade as the service runs it (fast model on the event loop, encoder
 * in its worker thread, hard deadline): Poisson arrivals at each rate for the given seconds, over
 * the built-in model's validation texts, then the fast model alone on the same arrivals as the
 * reference. Latency runs from a message's scheduled arrival to its answer, so event-loop delay
 * counts. Needs the encoder (bash scripts/ensure-encoder.sh).
 *   npx ts-node --transpile-only bench/nlu/cascade-burst.ts [rates=100,300,500] [seconds=10] [deadlineMs=30] [worker|main]
 * The last argument says where the encoder head decides: in the worker (default) or on the event loop.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EncoderCascade } from '../../src/nlu/encoder/encoder-cascade';
import { BUILT_IN_HEAD_PATH, loadEncoderHead } from '../../src/nlu/encoder/encoder-head-codec';
import { loadModel } from '../../src/nlu/intent-model-codec';
import { readJsonl } from '../../src/nlu/labelled-dataset';
import { NluStage } from '../../src/nlu/nlu.types';
import { createRandom } from '../../src/nlu/random';

const TEXTS = readJsonl(join(__dirname, '../../src/nlu/data/utility-validation.jsonl')).map(
  (e) => e.text,
);

interface Burst {
  latencies: number[];
  stages: Record<NluStage, number>;
  maxRssMb: number;
}

async function burst(cascade: EncoderCascade, rate: number, seconds: number): Promise<Burst> {
  const random = createRandom(rate);
  const arrivals: number[] = [];
  for (let t = 0; t < seconds * 1000; t += (-Math.log(1 - random()) / rate) * 1000) {
    arrivals.push(t);
  }
  const latencies: number[] = [];
  const stages: Record<NluStage, number> = { fast: 0, encoder: 0, deadline: 0 };
  let maxRss = process.memoryUsage().rss;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  let next = 0;
  await new Promise<void>((done) => {
    const tick = (): void => {
      const now = performance.now() - start;
      for (; next < arrivals.length && arrivals[next] <= now; next++) {
        const due = arrivals[next];
        const text = TEXTS[next % TEXTS.length];
        pending.push(
          cascade.predict(text).then(({ stage }) => {
            latencies.push(performance.now() - start - due);
            stages[stage]++;
          }),
        );
      }
      if (next % 200 === 0) maxRss = Math.max(maxRss, process.memoryUsage().rss);
      if (next >= arrivals.length) done();
      else setTimeout(tick, Math.max(0, arrivals[next] - (performance.now() - start)));
    };
    tick();
  });
  await Promise.all(pending);
  maxRss = Math.max(maxRss, process.memoryUsage().rss);
  return { latencies, stages, maxRssMb: maxRss / 2 ** 20 };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function row(label: string, rate: number, b: Burst): string {
  const sorted = [...b.latencies].sort((x, y) => x - y);
  const n = sorted.length;
  const share = (k: NluStage): string => `${((100 * b.stages[k]) / n).toFixed(1)} %`;
  return [
    label.padEnd(9),
    String(rate).padStart(5),
    String(n).padStart(6),
    quantile(sorted, 0.5).toFixed(2).padStart(7),
    quantile(sorted, 0.99).toFixed(1).padStart(7),
    sorted[n - 1].toFixed(1).padStart(7),
    share('encoder').padStart(8),
    share('deadline').padStart(9),
    b.maxRssMb.toFixed(0).padStart(6),
  ].join('  ');
}

async function main(): Promise<void> {
  const rates = (process.argv[2] ?? '100,300,500').split(',').map(Number);
  const seconds = Number(process.argv[3] ?? 10);
  const deadlineMs = Number(process.argv[4] ?? 30);
  const fast = loadModel();
  const settings = { enabled: 'on' as const, testing: false, deadlineMs, maxQueue: 64 };
  const loadStarted = performance.now();
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  const cascade = EncoderCascade.create(fast, () => loadEncoderHead(), {
    ...settings,
    dir: '.data/encoder',
    headFile: process.argv[5] === 'main' ? undefined : BUILT_IN_HEAD_PATH,
  });
  while (cascade.status().mode === 'encoder-loading') await new Promise((r) => setTimeout(r, 20));
  if (cascade.status().mode !== 'cascade') throw new Error(JSON.stringify(cascade.status()));
  const loadMs = performance.now() - loadStarted;
  const rssLoaded = process.memoryUsage().rss / 2 ** 20;
  console.log(
    `encoder ready in ${loadMs.toFixed(0)} ms; RSS ${rssBefore.toFixed(0)} → ${rssLoaded.toFixed(0)} MB; ` +
      `deadline ${deadlineMs} ms; ${seconds} s per burst; texts: utility-validation (${TEXTS.length}, cycled)`,
  );
  console.log('stage      rate/s  msgs   p50 ms  p99 ms  max ms  encoder  deadline  RSS MB');
  const fastOnly = EncoderCascade.fastOnly(fast, 'reference');
  await burst(cascade, 50, 2); // warm-up (JIT, first encodings)
  for (const rate of rates) {
    console.log(row('cascade', rate, await burst(cascade, rate, seconds)));
    console.log(row('fast', rate, await burst(fastOnly, rate, seconds)));
  }
  console.log(JSON.stringify(cascade.status()));
  await cascade.stop();
}

void main();
