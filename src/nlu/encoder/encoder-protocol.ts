/** Messages between the event loop and the encoder worker (structured-clone safe). */
export interface EncodeRequest {
  id: number;
  text: string;
}

export type WorkerMessage =
  | { type: 'ready'; dimension: number }
  | { type: 'failed'; message: string }
  | { type: 'vector'; id: number; vector: Float32Array }
  | { type: 'error'; id: number; message: string };

/** What the worker is started with (workerData). */
export interface WorkerOptions {
  dir: string;
}
