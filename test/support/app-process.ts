import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';
import { freePort } from './own-servers';

const ROOT = join(__dirname, '..', '..');

/**
 * The service as its own operating-system process (src/main.ts through ts-node), for what an
 * in-process test app cannot show: a kill -9 of one instance while the others go on.
 */
export class AppProcess {
  private readonly output: string[] = [];
  private exited?: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static async start(env: Record<string, string>): Promise<AppProcess> {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/main.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const app = new AppProcess(child, `http://127.0.0.1:${port}`);
    await app.ready(60_000);
    return app;
  }

  /** What the process wrote last (for a failing test's message). */
  get log(): string {
    return this.output.join('').slice(-4000);
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed, sockets just drop. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  private async ready(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`app exited early:\n${this.log}`);
      const ok = await fetch(`${this.url}/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`app not healthy after ${ms} ms:\n${this.log}`);
  }
}
