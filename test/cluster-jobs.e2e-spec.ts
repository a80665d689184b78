import { Queue } from 'bull';
import { randomBytes } from 'crypto';
import { ClusterJobsService } from '../src/jobs/cluster-jobs.service';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Periodic work runs once per cluster: two instances on one Redis prefix declare the same
 * schedule, and every tick runs on exactly one of them.
 */
describe('cluster jobs', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const shared = { QUEUE_PREFIX: `pd-e2e-jobs-${randomBytes(4).toString('hex')}` };
    a = await startTestApp(shared);
    b = await startTestApp({ ...shared, MONGODB_URI: a.mongoUri });
  });
  afterAll(async () => {
    await b.close({ keepData: true });
    await a.close();
  });

  it('runs each tick of a schedule declared on two instances once', async () => {
    const runs: { instance: string; at: number }[] = [];
    const every = 250;
    for (const [instance, app] of [
      ['a', a],
      ['b', b],
    ] as const) {
      app.app.get(ClusterJobsService).every('probe', every, async ({ at }) => {
        runs.push({ instance, at: at.getTime() });
        // A run that takes a while: the other instance must not take the same tick meanwhile.
        await new Promise((r) => setTimeout(r, 40));
      });
    }
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 3000));
    const elapsedTicks = Math.floor((Date.now() - started) / every);

    const ticks = runs.map((r) => r.at);
    expect(new Set(ticks).size).toBe(ticks.length);
    // Every tick ran (give or take the first and the one in flight), and none twice.
    expect(runs.length).toBeGreaterThanOrEqual(elapsedTicks - 2);
    expect(runs.length).toBeLessThanOrEqual(elapsedTicks + 1);
    // Each tick is due on a multiple of the interval: the same moment whichever instance runs it.
    for (const at of ticks) expect(at % every).toBe(0);
  });

  it('replaces the schedule of an earlier deploy that used another interval', async () => {
    const queue = (a.app.get(ClusterJobsService) as unknown as { queue: Queue }).queue;
    // What a previous version of the service left in Redis.
    await queue.add('sweep', {}, { repeat: { every: 60_000 }, jobId: 'sweep' });
    b.app.get(ClusterJobsService).every('sweep', 30_000, () => Promise.resolve());
    const deadline = Date.now() + 5000;
    let sweeps = await queue.getRepeatableJobs();
    while (Date.now() < deadline && !sweeps.some((r) => r.name === 'sweep' && r.every === 30_000)) {
      await new Promise((r) => setTimeout(r, 50));
      sweeps = await queue.getRepeatableJobs();
    }
    expect(sweeps.filter((r) => r.name === 'sweep').map((r) => r.every)).toEqual([30_000]);
    // The service's own periodic work is declared the same way.
    expect(sweeps.map((r) => r.name)).toEqual(
      expect.arrayContaining(['tickets-reconcile', 'bot-turn-recovery']),
    );
  });
});
