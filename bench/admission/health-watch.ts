import { performance } from 'node:perf_hooks';

export interface HealthReport {
  polls: number;
  /** Answers that said MongoDB or Redis was down (both are up the whole run). */
  saidDown: number;
  /** Polls with no answer within 2 s. */
  noAnswer: number;
  slowestMs: number;
  firstDownAt?: string;
  /** The phases in which a poll went unanswered. */
  noAnswerIn: string[];
}

/** Polls /health every 250 ms (overlapping when one is slow) until stopped. */
export class HealthWatch {
  /** The bench's current phase, named in `firstDownAt`. */
  phase = 'start';
  private readonly report: HealthReport = {
    polls: 0,
    saidDown: 0,
    noAnswer: 0,
    slowestMs: 0,
    noAnswerIn: [],
  };
  private readonly pending = new Set<Promise<void>>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly url: string) {
    this.timer = setInterval(() => this.poll(), 250);
    this.poll();
  }

  async stop(): Promise<HealthReport> {
    clearInterval(this.timer);
    await Promise.all(this.pending);
    return this.report;
  }

  private poll(): void {
    const t0 = performance.now();
    const report = this.report;
    report.polls += 1;
    const p: Promise<void> = fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2000) })
      .then(async (r) => {
        const body = (await r.json()) as { mongodb?: string; redis?: string };
        if (body.mongodb !== 'up' || body.redis !== 'up') {
          report.saidDown += 1;
          report.firstDownAt ??= `${this.phase}: ${r.status} ${JSON.stringify(body)}`;
        }
      })
      .catch(() => {
        report.noAnswer += 1;
        if (!report.noAnswerIn.includes(this.phase)) report.noAnswerIn.push(this.phase);
      })
      .finally(() => {
        report.slowestMs = Math.max(report.slowestMs, Math.round(performance.now() - t0));
        this.pending.delete(p);
      });
    this.pending.add(p);
  }
}
