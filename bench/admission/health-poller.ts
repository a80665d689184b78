import { performance } from 'node:perf_hooks';

/**
 * Polls `<url>/health` every 250 ms (overlapping when one is slow) and prints one JSON line per
 * poll: when it was sent (epoch ms), how long it took, and what it said. A process of its own,
 * so the bench's 500 clients never delay the observer: a slow answer is the service's.
 * Started by admission.bench.ts with the URL in BENCH_HEALTH_URL; ends on SIGTERM.
 */
const url = process.env.BENCH_HEALTH_URL ?? '';

function poll(): void {
  const sentAt = Date.now();
  const t0 = performance.now();
  fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })
    .then(async (r) => {
      const body = (await r.json()) as { mongodb?: string; redis?: string };
      return { status: r.status, mongodb: body.mongodb, redis: body.redis };
    })
    .catch(() => ({ status: 0 }))
    .then((answer) => {
      const ms = Math.round(performance.now() - t0);
      process.stdout.write(`${JSON.stringify({ sentAt, ms, ...answer })}\n`);
    });
}

setInterval(poll, 250);
poll();
process.on('SIGTERM', () => process.exit(0));
