import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { MongoClient } from 'mongodb';
import { join } from 'path';
import { io } from 'socket.io-client';
import request from 'supertest';
import { connect, messageId, RecordingClient } from './support/clients';
import { freePort } from './support/own-servers';
import { isolatedMongoUri } from './support/test-app';

interface Message {
  sender: string;
  clientMessageId: string;
}

const ROOT = join(__dirname, '..');

/** The real entry point (src/main.ts) as its own process, so that it can get a real SIGTERM. */
async function startProcess(env: Record<string, string>) {
  const child = spawn('node', ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output, exited };
}

async function waitUntilReady(url: string, child: ChildProcess, output: string[]) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited: ${output.join('')}`);
    const status = await request(url)
      .get('/health/ready')
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`app not ready: ${output.join('').slice(-2000)}`);
}

describe('graceful shutdown on SIGTERM (the app as a child process)', () => {
  const mongoUri = isolatedMongoUri();
  let app: Awaited<ReturnType<typeof startProcess>>;
  let url: string;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    app = await startProcess({
      NODE_ENV: 'test',
      PORT: String(port),
      MONGODB_URI: mongoUri,
      QUEUE_PREFIX: `pd-e2e-${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: 'log',
      // Readiness fails this long before the sockets close: the test reads it in that window.
      SHUTDOWN_DELAY_MS: '1500',
      SHUTDOWN_GRACE_MS: '8000',
    });
    await waitUntilReady(url, app.child, app.output);
  }, 120_000);

  afterAll(async () => {
    clients.forEach((c) => c.close());
    if (app.child.exitCode === null) app.child.kill('SIGKILL');
    const client = await MongoClient.connect(mongoUri);
    await client.db().dropDatabase();
    await client.close();
  });

  it('fails readiness, answers the turns in flight, closes the sockets, then exits 0', async () => {
    const customer = await connect(url, '/customer');
    clients.push(customer);
    const disconnected = new Promise<{ reason: string; at: number }>((resolve) =>
      customer.socket.once('disconnect', (reason) => resolve({ reason, at: Date.now() })),
    );
    await customer.emit('conversation:start', { language: 'en' });
    const ids = [1, 2, 3, 4, 5].map(() => messageId());
    const texts = ['my power is out', 'how is my bill calculated', 'hello', 'tariff', 'thanks'];
    // Acknowledged (stored) before the signal; their bot turns are still queued or running.
    const acks = await Promise.all(
      ids.map((clientMessageId, i) =>
        customer.emit('message:send', { clientMessageId, text: texts[i] }),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    app.child.kill('SIGTERM');

    // Readiness fails at once while the process still answers (liveness stays up).
    let ready = await request(url).get('/health/ready');
    for (let i = 0; i < 20 && ready.status === 200; i++) {
      await new Promise((r) => setTimeout(r, 25));
      ready = await request(url).get('/health/ready');
    }
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ error: { drain: { status: 'down' } } });
    await request(url).get('/health/live').expect(200);
    // New work is refused: an HTTP request and a new socket.
    await request(url).get('/reports/quality').expect(503);
    const refused = await new Promise<string>((resolve) => {
      const s = io(`${url}/customer`, { transports: ['websocket'], reconnection: false });
      s.once('connect', () => resolve('connected'));
      s.once('connect_error', () => resolve('refused'));
    });
    expect(refused).toBe('refused');

    // Every turn accepted before the signal is answered, and only then the socket closes, at
    // the transport (so a real client reconnects by itself, to another instance).
    const { reason, at } = await disconnected;
    expect(reason).toBe('transport close');
    const answered = customer
      .events<Message>('message:created')
      .filter((m) => m.sender === 'bot')
      .map((m) => m.clientMessageId);
    for (const id of ids) expect(answered).toContain(`bot#${id}#0`);
    const arrivals = customer.received.filter((r) => r.event === 'message:created').length;
    expect(arrivals).toBeGreaterThanOrEqual(10);
    expect(at).toBeGreaterThan(0);

    expect(await app.exited).toBe(0);
    const log = app.output.join('');
    expect(log).toMatch(/"msg":"drained after \d+ ms; closed 1 socket connections"/);
  }, 60_000);
});
