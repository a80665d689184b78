import { Worker } from 'node:worker_threads';
import type { PredictionDetail } from '../intent-classifier';
import { EncodeRequest, EncoderReply, WorkerMessage } from './encoder-protocol';

export type EncoderState = 'loading' | 'ready' | 'failed' | 'stopped';

export interface EncoderClientOptions {
  /** The worker's script (.js when built; .ts under ts-node and jest). */
  workerFile: string;
  workerData: unknown;
  /** Requests waiting for the worker beyond this many are answered `null` at once. */
  maxQueue: number;
  /** An encoding running this long means the worker is stuck: it is terminated and restarted. */
  hangMs: number;
  /** Crashes in a row (with no successful encoding between them) before the client gives up. */
  maxRestarts: number;
}

export interface EncoderStatus {
  state: EncoderState;
  restarts: number;
  /** Why the encoder is not serving (load failure, too many crashes), if it is not. */
  reason?: string;
}

interface Pending {
  id: number;
  text: string;
  fast?: PredictionDetail;
  settled: boolean;
  resolve: (reply: EncoderReply | null) => void;
  timer: NodeJS.Timeout;
}

/**
 * The event loop's side of the encoder worker. One encoding at a time goes to the worker, so a
 * request still queued at its deadline is dropped without costing the encoder anything; one
 * already running is answered `null` at the deadline and its late vector is discarded. The caller
 * never waits longer than the deadline, whatever the worker does (hangs, dies, fails to load).
 */
export class EncoderClient {
  private worker?: Worker;
  private state: EncoderState = 'stopped';
  private reason?: string;
  private readonly queue: Pending[] = [];
  private inFlight?: Pending;
  private hangTimer?: NodeJS.Timeout;
  private nextId = 1;
  private restarts = 0;
  private crashesInARow = 0;

  constructor(private readonly options: EncoderClientOptions) {}

  status(): EncoderStatus {
    return { state: this.state, restarts: this.restarts, reason: this.reason };
  }

  start(): void {
    if (this.state === 'loading' || this.state === 'ready') return;
    this.state = 'loading';
    this.reason = undefined;
    const worker = spawnWorker(this.options.workerFile, this.options.workerData);
    worker.unref();
    worker.on('message', (message: WorkerMessage) => this.onMessage(worker, message));
    worker.on('error', (error) => (this.reason = error.message));
    worker.on('exit', (code) => this.onExit(worker, code));
    this.worker = worker;
  }

  /**
   * The embedding of `text` (and the encoder stage's decision, given the fast model's detail and
   * a worker with the head), or `null` when it is not ready within `deadlineMs`.
   */
  encode(text: string, deadlineMs: number, fast?: PredictionDetail): Promise<EncoderReply | null> {
    if (this.state !== 'ready' || this.queue.length >= this.options.maxQueue) {
      return Promise.resolve(null);
    }
    return new Promise((resolve) => {
      const pending: Pending = {
        id: this.nextId++,
        text,
        fast,
        settled: false,
        resolve,
        timer: setTimeout(() => {
          settle(pending, null);
          const at = this.queue.indexOf(pending);
          if (at >= 0) this.queue.splice(at, 1);
        }, deadlineMs),
      };
      this.queue.push(pending);
      this.pump();
    });
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    this.failAll();
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private pump(): void {
    if (this.inFlight || this.state !== 'ready' || !this.worker) return;
    const next = this.queue.shift();
    if (!next) return;
    this.inFlight = next;
    const request: EncodeRequest = { id: next.id, text: next.text, fast: next.fast };
    this.worker.postMessage(request);
    const worker = this.worker;
    this.hangTimer = setTimeout(() => {
      this.reason = `an encoding ran over ${this.options.hangMs} ms`;
      void worker.terminate();
    }, this.options.hangMs);
  }

  private onMessage(worker: Worker, message: WorkerMessage): void {
    if (worker !== this.worker) return;
    if (message.type === 'ready') {
      this.state = 'ready';
      this.pump();
    } else if (message.type === 'failed') {
      this.state = 'failed';
      this.reason = message.message;
      this.worker = undefined;
      void worker.terminate();
    } else if (this.inFlight && message.id === this.inFlight.id) {
      clearTimeout(this.hangTimer);
      this.crashesInARow = 0;
      settle(
        this.inFlight,
        message.type === 'vector' ? { vector: message.vector, decision: message.decision } : null,
      );
      this.inFlight = undefined;
      this.pump();
    }
  }

  private onExit(worker: Worker, code: number): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    clearTimeout(this.hangTimer);
    if (this.inFlight) settle(this.inFlight, null);
    this.inFlight = undefined;
    if (this.state === 'stopped' || this.state === 'failed') return;
    this.reason = this.reason ?? `the encoder worker exited (code ${code})`;
    this.failAll();
    this.crashesInARow++;
    if (this.crashesInARow > this.options.maxRestarts) {
      this.state = 'failed';
      this.reason = `gave up after ${this.crashesInARow} crashes in a row: ${this.reason}`;
      return;
    }
    this.restarts++;
    this.state = 'stopped';
    this.start();
  }

  private failAll(): void {
    for (const pending of this.queue.splice(0)) settle(pending, null);
    if (this.inFlight) settle(this.inFlight, null);
    this.inFlight = undefined;
  }
}

function settle(pending: Pending, reply: EncoderReply | null): void {
  if (pending.settled) return;
  pending.settled = true;
  clearTimeout(pending.timer);
  pending.resolve(reply);
}

/** Under ts-node or jest the worker is TypeScript: it registers ts-node inside the thread. */
function spawnWorker(file: string, workerData: unknown): Worker {
  if (!file.endsWith('.ts')) return new Worker(file, { workerData });
  const code = `require('ts-node').register({ transpileOnly: true }); require(${JSON.stringify(file)});`;
  return new Worker(code, { eval: true, workerData });
}
