import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { AddressInfo, createServer } from 'net';
import { resolve } from 'path';

/**
 * The servers under test run as child processes of the bench, each on a free port: the bench's
 * own clients and meters then never share an event loop (or a CPU count) with the server.
 * Every child is registered here so that any way out of a bench can stop them all.
 */

const READY_TIMEOUT_MS = 60_000;

const children: ChildProcess[] = [];

export interface ServiceChild {
  url: string;
  child: ChildProcess;
}

export interface ServiceOptions {
  mongoUri: string;
  /** Bull keys go under this prefix, so the bench's queues never meet a running service's. */
  queuePrefix: string;
  /** Extra environment for this bench (e.g. DEFAULT_AGENT_CAPACITY). */
  env?: NodeJS.ProcessEnv;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

/** Children's output goes to our stderr, prefixed, so the figures on stdout stay clean. */
export function launch(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  // BENCH_SERVICE_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the service.
  const nodeArgs = name === 'service' ? (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ') : [];
  const child = spawn(process.execPath, [...nodeArgs.filter(Boolean), script], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(name, chunk)));
  return child;
}

function prefix(name: string, chunk: Buffer): string {
  return chunk
    .toString()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `[${name}] ${line}\n`)
    .join('');
}

/** Rejects if the child dies; a no-op handler keeps a later, expected exit from crashing us. */
export function exited(child: ChildProcess): Promise<never> {
  const died = new Promise<never>((_, fail) =>
    child.once('exit', (code, signal) => fail(new Error(`exited early (${code ?? signal})`))),
  );
  died.catch(() => undefined);
  return died;
}

/**
 * The built service (dist/src/main.js) in production mode on its own database and queue
 * prefix, resolved once /health answers 200; rejects if it dies or stays unhealthy.
 */
export async function startService(options: ServiceOptions): Promise<ServiceChild> {
  const port = await freePort();
  const child = launch('service', resolve(__dirname, '../../src/main.js'), {
    ...process.env,
    NODE_ENV: 'production',
    // Production needs its own key for personal-number references; a bench's data is throwaway.
    PII_REF_SECRET: process.env.PII_REF_SECRET ?? randomBytes(24).toString('hex'),
    PII_ENCRYPTION_KEY: process.env.PII_ENCRYPTION_KEY ?? randomBytes(32).toString('hex'),
    PORT: String(port),
    MONGODB_URI: options.mongoUri,
    QUEUE_PREFIX: options.queuePrefix,
    LOG_LEVEL: 'warn',
    // A bench's customers all come from one loopback address: the limits per address would
    // measure themselves, so they are out of the way unless a bench sets its own.
    CHAT_IP_MESSAGES_PER_MINUTE: '1000000',
    CHAT_IP_STARTS_PER_MINUTE: '1000000',
    CHAT_IP_CONNECTIONS_PER_MINUTE: '1000000',
    ...options.env,
  });
  // The service logs on stdout too; the bench's stdout is for its figures only.
  child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(prefix('service', chunk)));
  const url = `http://127.0.0.1:${port}`;
  await Promise.race([waitForHealth(url), exited(child)]);
  return { url, child };
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no 200 from ${url}/health within ${READY_TIMEOUT_MS} ms`);
}

/** SIGTERM so the service closes its connections cleanly; SIGKILL if it takes over 5 s. */
export async function stopChildren(): Promise<void> {
  await Promise.all(
    children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map(
        (child) =>
          new Promise<void>((done) => {
            const force = setTimeout(() => child.kill('SIGKILL'), 5000);
            child.once('exit', () => {
              clearTimeout(force);
              done();
            });
            child.kill('SIGTERM');
          }),
      ),
  );
}

/** For the abrupt exits (timeout, Ctrl-C), where there is no time to wait for a clean stop. */
export function killChildren(): void {
  for (const child of children) child.kill('SIGKILL');
}

/**
 * The reference every bench measures against in the same run: a bare socket.io echo server
 * (bench/chat/echo-server.ts) in its own process.
 */
export async function startEchoServer(): Promise<{ url: string; child: ChildProcess }> {
  return startReference('echo', 'echo-server.js', process.env);
}

/**
 * The chat bench's second reference: the fixed stack doing only the design's four writes and
 * broadcasts per message (bench/chat/floor-server.ts), on the stores the service uses.
 */
export async function startFloorServer(
  mongoUri: string,
  key: string,
): Promise<{ url: string; child: ChildProcess }> {
  return startReference('floor', 'floor-server.js', {
    ...process.env,
    MONGODB_URI: mongoUri,
    FLOOR_KEY: key,
  });
}

/** A reference server under bench/chat that prints `ready <port>` once it listens. */
async function startReference(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; child: ChildProcess }> {
  const child = launch(name, resolve(__dirname, '..', 'chat', script), env);
  const port = await Promise.race([
    new Promise<number>((done) => {
      let seen = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /ready (\d+)/.exec(seen);
        if (match) done(Number(match[1]));
      });
    }),
    exited(child),
  ]);
  return { url: `http://127.0.0.1:${port}`, child };
}
