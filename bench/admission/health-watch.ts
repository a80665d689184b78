import { ChildProcess } from 'child_process';
import { join } from 'path';
import { launch } from '../support/service-child';

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

interface Poll {
  sentAt: number;
  ms: number;
  status: number;
  mongodb?: string;
  redis?: string;
}

/**
 * /health every 250 ms from a child process (health-poller.ts), its answers attributed to the
 * bench's phases by the time they were sent.
 */
export class HealthWatch {
  private readonly child: ChildProcess;
  private readonly polls: Poll[] = [];
  private readonly phases: [number, string][] = [[0, 'start']];

  constructor(url: string) {
    this.child = launch('health', join(__dirname, 'health-poller.js'), {
      ...process.env,
      BENCH_HEALTH_URL: url,
    });
    let rest = '';
    this.child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line) this.polls.push(JSON.parse(line) as Poll);
    });
  }

  set phase(name: string) {
    this.phases.push([Date.now(), name]);
  }

  async stop(): Promise<HealthReport> {
    // The last polls (up to 2 s each) are waited for, then the poller ends.
    await new Promise((r) => setTimeout(r, 2100));
    await new Promise<void>((done) => {
      this.child.once('exit', () => done());
      this.child.kill('SIGTERM');
    });
    const phaseAt = (t: number) => this.phases.filter(([at]) => at <= t).at(-1)?.[1] ?? 'start';
    const report: HealthReport = {
      polls: this.polls.length,
      saidDown: 0,
      noAnswer: 0,
      slowestMs: 0,
      noAnswerIn: [],
    };
    for (const p of this.polls) {
      report.slowestMs = Math.max(report.slowestMs, p.ms);
      if (p.status === 0) {
        report.noAnswer += 1;
        const phase = phaseAt(p.sentAt);
        if (!report.noAnswerIn.includes(phase)) report.noAnswerIn.push(phase);
      } else if (p.mongodb !== 'up' || p.redis !== 'up') {
        report.saidDown += 1;
        report.firstDownAt ??= `${phaseAt(p.sentAt)}: ${p.status} ${JSON.stringify(p)}`;
      }
    }
    return report;
  }
}
