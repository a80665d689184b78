import type { PredictionDetail } from '../intent-classifier';
import type { EncoderDecision } from './encoder-head';

/** Messages between the event loop and the encoder worker (structured-clone safe). */
export interface EncodeRequest {
  id: number;
  text: string;
  /** The fast model's detail: with it (and a head file), the worker decides too. */
  fast?: PredictionDetail;
}

export interface EncoderReply {
  vector: Float32Array;
  /** The encoder stage's decision, when the worker has the head and was given the fast detail. */
  decision?: EncoderDecision;
}

export type WorkerMessage =
  | { type: 'ready'; dimension: number }
  | { type: 'failed'; message: string }
  | ({ type: 'vector'; id: number } & EncoderReply)
  | { type: 'error'; id: number; message: string };

/** What the worker is started with (workerData). */
export interface WorkerOptions {
  dir: string;
  /** The encoder head to decide with in the worker (off the event loop: ≈ 1–2 ms a message). */
  headFile?: string;
}
