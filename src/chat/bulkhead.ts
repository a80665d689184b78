/**
 * At most `concurrency` tasks at once in this process, the others waiting in order; a task
 * that would wait beyond `maxWaitMs` (or find `maxWaiting` ahead of it) is refused instead.
 * For conversation starts: a storm of them would otherwise put every start's writes in the
 * database driver's queue at once, where /health's ping then waits behind them all and a busy
 * store reads as a dead one. Per process on purpose: it protects this process's connection pool.
 */
export class Bulkhead {
  private running = 0;
  private readonly waiting: { go: () => void; timer?: NodeJS.Timeout }[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Runs `task` when a place is free; resolves `refused` when none came in time. */
  async run<T>(task: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    if (!(await this.enter())) return { ok: false };
    try {
      return { ok: true, value: await task() };
    } finally {
      this.leave();
    }
  }

  private enter(): Promise<boolean> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return Promise.resolve(true);
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.resolve(false);
    return new Promise((resolve) => {
      const entry: { go: () => void; timer?: NodeJS.Timeout } = {
        go: () => {
          clearTimeout(entry.timer);
          resolve(true);
        },
      };
      // An infinite wait (the bot turns: none may be refused) needs no timer.
      if (Number.isFinite(this.maxWaitMs)) {
        entry.timer = setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(entry), 1);
          resolve(false);
        }, this.maxWaitMs);
      }
      this.waiting.push(entry);
    });
  }

  private leave(): void {
    const next = this.waiting.shift();
    // The place passes straight to the next in line: `running` stays as it is.
    if (next) next.go();
    else this.running -= 1;
  }
}
