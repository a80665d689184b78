import { ChildProcess, spawn } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { connect as tcpConnect, createServer, Socket } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

/** The mongo-java-server launcher that scripts/services.sh builds (tools/mongo-server). */
const STORE_DIR = join(__dirname, '..', '..', 'tools', 'mongo-server', 'target');
const STORE_JAR = join(STORE_DIR, 'powerdesk-mongo-server.jar');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForPort(port: number, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket: Socket = tcpConnect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listening on ${port} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A database or Redis server of one test's own, which the test may kill and restart to see
 * what the service does while its store is down. Data survives a restart (same folder).
 */
export class OwnServer {
  private process?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'pd-own-'));

  private constructor(
    readonly kind: 'mongo' | 'redis',
    readonly port: number,
  ) {}

  static async start(kind: 'mongo' | 'redis'): Promise<OwnServer> {
    const server = new OwnServer(kind, await freePort());
    await server.up();
    return server;
  }

  get uri(): string {
    return this.kind === 'mongo'
      ? `mongodb://127.0.0.1:${this.port}/pd_outage`
      : `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const [command, args] =
      this.kind === 'mongo'
        ? [
            'java',
            [
              '-Xmx512m',
              '-cp',
              `${STORE_JAR}:${join(STORE_DIR, 'lib', '*')}`,
              'powerdesk.store.Main',
              // H2, committed before each answer: what was acknowledged survives a kill -9.
              'h2',
              String(this.port),
              join(this.dir, 'store.mv'),
            ],
          ]
        : [
            'redis-server',
            ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--dir', this.dir],
          ];
    this.process = spawn(command, args, { stdio: 'ignore' });
    await waitForPort(this.port);
  }

  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const canRunOwnStore = existsSync(STORE_JAR);
