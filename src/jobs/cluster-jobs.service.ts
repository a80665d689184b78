import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue } from 'bull';
import { CLUSTER_JOBS_QUEUE } from './cluster-jobs.constants';

export interface ClusterRun {
  /** The moment this run was scheduled for (the same on whichever instance runs it). */
  at: Date;
}

type Handler = (run: ClusterRun) => Promise<unknown>;

/** How often each instance checks that its schedules are still in Redis (which can lose them). */
const ENSURE_EVERY_MS = 60_000;

/**
 * Periodic work that must happen once per cluster, not once per instance (retention, the
 * tickets' reconciliation, the bot-turn recovery): a Bull repeatable job per task. Every
 * instance declares the same schedule, and Bull keeps one repeatable per name and interval, so
 * each tick is one job that exactly one instance's worker takes. A worker killed mid-run leaves
 * its job stalled, and Bull runs it again elsewhere: every task here is idempotent.
 *
 * Redis may lose its last writes or be flushed; each instance re-declares its schedules every
 * minute (a no-op while they exist), so a lost schedule comes back without a restart.
 */
@Injectable()
export class ClusterJobsService implements OnApplicationShutdown {
  private readonly logger = new Logger(ClusterJobsService.name);
  private readonly schedules = new Map<string, number>();
  private readonly handlers = new Map<string, Handler>();
  private ensureTimer?: NodeJS.Timeout;

  constructor(@InjectQueue(CLUSTER_JOBS_QUEUE) private readonly queue: Queue) {}

  /** Runs `handler` every `everyMs` somewhere in the cluster. Call once per name, at start. */
  every(name: string, everyMs: number, handler: Handler): void {
    if (this.schedules.has(name)) throw new Error(`cluster job ${name} declared twice`);
    this.schedules.set(name, everyMs);
    this.handlers.set(name, handler);
    // Not awaited: with Redis away at start the service still starts, and the minute's check
    // declares the schedule once Redis is back.
    this.ensureTimer ??= setInterval(() => void this.ensureAll(), ENSURE_EVERY_MS).unref();
    void this.ensure(name, everyMs);
  }

  /** The names declared on this instance and their intervals (for the docs and tests). */
  declared(): ReadonlyMap<string, number> {
    return this.schedules;
  }

  onApplicationShutdown(): void {
    if (this.ensureTimer) clearInterval(this.ensureTimer);
  }

  /** Called by ClusterJobsProcessor, on whichever instance Bull gave the tick to. */
  async run(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name);
    // An instance of an older or newer version may not know a task: the next tick goes elsewhere.
    if (!handler) return;
    // Bull stamps each repeat with the moment it is due (also the suffix of its id).
    const due = (job.opts as { prevMillis?: number }).prevMillis ?? Date.now();
    try {
      await handler({ at: new Date(due) });
    } catch (error) {
      // The next tick tries again; a retry now would only pile up behind it.
      this.logger.warn(`cluster job ${job.name} failed: ${(error as Error).message}`);
    }
  }

  private async ensureAll(): Promise<void> {
    for (const [name, everyMs] of this.schedules) await this.ensure(name, everyMs);
  }

  private async ensure(name: string, everyMs: number): Promise<void> {
    try {
      const existing = await this.queue.getRepeatableJobs();
      // A deploy that changed an interval leaves the old schedule behind: drop it.
      for (const stale of existing.filter((r) => r.name === name && r.every !== everyMs))
        await this.queue.removeRepeatableByKey(stale.key);
      if (existing.some((r) => r.name === name && r.every === everyMs)) return;
      await this.queue.add(
        name,
        {},
        {
          repeat: { every: everyMs },
          jobId: name,
          removeOnComplete: true,
          removeOnFail: 100,
        },
      );
    } catch (error) {
      this.logger.warn(`cluster job ${name} not scheduled now: ${(error as Error).message}`);
    }
  }
}
