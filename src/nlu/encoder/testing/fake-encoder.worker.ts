import { parentPort, workerData } from 'node:worker_threads';
import { EncodeRequest, WorkerMessage } from '../encoder-protocol';

/**
 * Stands in for the encoder worker in unit tests (the real model is an optional download):
 * a deterministic 8-d "embedding" of the text, and on cue the failures the client must survive.
 * Texts containing `#hang` block the thread forever, `#die` ends it, `#slow` takes 300 ms, `#throw`
 * answers with an error. workerData.failLoad makes loading fail; loadMs delays the ready message.
 */
const options = workerData as { failLoad?: boolean; loadMs?: number };
const port = parentPort;
const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

if (port) {
  const send = (message: WorkerMessage): void => port.postMessage(message);
  if (options.loadMs) sleep(options.loadMs);
  if (options.failLoad) {
    send({ type: 'failed', message: 'model file missing' });
  } else {
    port.on('message', (request: EncodeRequest) => {
      if (request.text.includes('#hang')) for (;;) sleep(1000);
      if (request.text.includes('#die')) process.exit(3);
      if (request.text.includes('#slow')) sleep(300);
      if (request.text.includes('#throw')) {
        send({ type: 'error', id: request.id, message: 'bad input' });
        return;
      }
      send({ type: 'vector', id: request.id, vector: fakeVector(request.text) });
    });
    send({ type: 'ready', dimension: 8 });
  }
}

export function fakeVector(text: string): Float32Array {
  const v = new Float32Array(8);
  for (const ch of text) v[(ch.codePointAt(0) ?? 0) % 8] += 1;
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}
