import { parentPort, workerData } from 'node:worker_threads';
import { E5Encoder } from './e5-encoder';
import { EncoderHead } from './encoder-head';
import { loadEncoderHead } from './encoder-head-codec';
import { EncodeRequest, WorkerMessage, WorkerOptions } from './encoder-protocol';

/** The encoder's thread: loads the model once, then encodes one request at a time. */
async function main(port: NonNullable<typeof parentPort>, options: WorkerOptions): Promise<void> {
  const send = (message: WorkerMessage): void => port.postMessage(message);
  let encoder: E5Encoder;
  let head: EncoderHead | undefined;
  try {
    encoder = await E5Encoder.load(options.dir);
    if (options.headFile) head = loadEncoderHead(options.headFile);
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  port.on('message', (request: EncodeRequest) => {
    encoder.embed(request.text).then(
      (vector) => {
        const decision = head && request.fast ? head.decide(request.fast, vector) : undefined;
        send({ type: 'vector', id: request.id, vector, decision });
      },
      (error: unknown) =>
        send({
          type: 'error',
          id: request.id,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  });
  send({ type: 'ready', dimension: encoder.dimension });
}

if (parentPort) void main(parentPort, workerData as WorkerOptions);
