import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EncoderClient, EncoderClientOptions } from './encoder-client';
import { EncoderReply } from './encoder-protocol';
import { fakeVector } from './testing/fake-encoder.worker';

const FAKE_WORKER = join(__dirname, 'testing', 'fake-encoder.worker.ts');
// Generous, so that a busy machine cannot turn an answer into a timeout; the hang detector is
// far beyond it, so an answer by the deadline cannot have come from the restart.
const DEADLINE = 1000;
const HANG_MS = 4000;

function client(options: Partial<EncoderClientOptions> = {}): EncoderClient {
  return new EncoderClient({
    workerFile: FAKE_WORKER,
    workerData: {},
    maxQueue: 8,
    hangMs: HANG_MS,
    maxRestarts: 3,
    ...options,
  });
}

async function until(check: () => boolean, ms = 20000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The worker's Float32Array comes from another realm than jest's: compare plain arrays. */
const plain = (v: EncoderReply | Float32Array | null): number[] | null =>
  v ? Array.from(v instanceof Float32Array ? v : v.vector) : null;

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

describe(EncoderClient.name, () => {
  const started: EncoderClient[] = [];
  const ready = async (options: Partial<EncoderClientOptions> = {}): Promise<EncoderClient> => {
    const c = client(options);
    started.push(c);
    c.start();
    await until(() => c.status().state === 'ready');
    return c;
  };

  afterEach(async () => {
    await Promise.all(started.splice(0).map((c) => c.stop()));
  });

  it('answers null at once while the worker is still loading', async () => {
    const c = client({ workerData: { loadMs: 3000 } });
    started.push(c);
    c.start();
    expect(c.status().state).toBe('loading');
    expect(await c.encode('停电了', DEADLINE)).toBeNull();
  });

  it('returns the worker’s vector for a normal message', async () => {
    const c = await ready();
    expect(plain(await c.encode('my power is out 停电了', DEADLINE))).toEqual(
      plain(fakeVector('my power is out 停电了')),
    );
  });

  it('gives up on a slow encoding at the deadline and still answers the next message', async () => {
    const c = await ready();
    const slow = await timed(c.encode('#slow please', 30));
    // 300 ms of work against a 30 ms deadline: a vector here would mean the caller waited.
    expect(slow.value).toBeNull();
    expect(plain(await c.encode('next one', DEADLINE))).toEqual(plain(fakeVector('next one')));
  });

  it('drops messages queued behind a slow one at their deadline', async () => {
    const c = await ready();
    const [a, b] = await Promise.all([c.encode('#slow first', DEADLINE), c.encode('second', 20)]);
    expect(a).not.toBeNull();
    expect(b).toBeNull();
  });

  it('survives a hung worker: null by the deadline, worker restarted, next message answered', async () => {
    const c = await ready();
    const hung = await timed(c.encode('#hang forever', DEADLINE));
    expect(hung.value).toBeNull();
    // Answered by the deadline, not by the hang detector that restarts the worker.
    expect(hung.ms).toBeLessThan(HANG_MS);
    await until(() => c.status().restarts === 1 && c.status().state === 'ready');
    expect(plain(await c.encode('after the hang', DEADLINE))).toEqual(
      plain(fakeVector('after the hang')),
    );
  });

  it('survives a worker that dies mid-message', async () => {
    const c = await ready();
    expect(await c.encode('#die now', DEADLINE)).toBeNull();
    await until(() => c.status().restarts === 1 && c.status().state === 'ready');
    expect(plain(await c.encode('after the crash', DEADLINE))).toEqual(
      plain(fakeVector('after the crash')),
    );
  });

  it('answers null for a worker error instead of throwing', async () => {
    const c = await ready();
    expect(await c.encode('#throw this', DEADLINE)).toBeNull();
    expect(plain(await c.encode('fine', DEADLINE))).toEqual(plain(fakeVector('fine')));
  });

  it('reports a load failure and keeps answering null', async () => {
    const c = client({ workerData: { failLoad: true } });
    started.push(c);
    c.start();
    await until(() => c.status().state === 'failed');
    expect(c.status().reason).toBe('model file missing');
    expect(await c.encode('hello', DEADLINE)).toBeNull();
  });

  it('answers null at once when the queue is full', async () => {
    const c = await ready({ maxQueue: 1 });
    const first = c.encode('#slow one', DEADLINE);
    const second = c.encode('two', DEADLINE);
    expect(await c.encode('three', DEADLINE)).toBeNull();
    expect(await first).not.toBeNull();
    expect(await second).not.toBeNull();
  });

  it('gives up after too many crashes in a row', async () => {
    const c = await ready({ maxRestarts: 1 });
    await c.encode('#die 1', DEADLINE);
    await until(() => c.status().state === 'ready');
    await c.encode('#die 2', DEADLINE);
    await until(() => c.status().state === 'failed');
    expect(c.status().reason).toMatch(/gave up after 2 crashes/);
  });
});
