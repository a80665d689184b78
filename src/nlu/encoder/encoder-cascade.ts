import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IntentClassifier, IntentPrediction } from '../intent-classifier';
import { NluStage } from '../nlu.types';
import { ENCODER_FILES } from './e5-encoder';
import { EncoderClient, EncoderClientOptions } from './encoder-client';
import { EncoderHead, needsEncoder } from './encoder-head';

export type NluMode = 'fast-only' | 'encoder-loading' | 'cascade';

export interface NluModeStatus {
  mode: NluMode;
  /** Why the encoder is not serving, when it is not (missing files, load failure, crashes). */
  reason?: string;
  restarts: number;
  deadlineMs: number;
}

export interface CascadeSettings {
  enabled: 'auto' | 'on' | 'off';
  /** NODE_ENV=test: `auto` stays off so every e2e test app does not load the encoder. */
  testing: boolean;
  dir: string;
  deadlineMs: number;
  maxQueue: number;
  /** The head's file, for the worker to decide in (else the event loop does, ≈ 1–2 ms). */
  headFile?: string;
}

/** The worker script next to this file: .ts under ts-node and jest, .js once built. */
export const WORKER_FILE = join(__dirname, `encoder.worker${__filename.slice(-3)}`);

/**
 * The fast model answers every message at once; when it is unsure, the encoder stage decides,
 * within a hard deadline. Anything that goes wrong on the encoder side leaves the fast answer.
 */
export class EncoderCascade {
  private constructor(
    private readonly fast: IntentClassifier,
    private readonly head: EncoderHead | undefined,
    private readonly client: EncoderClient | undefined,
    private readonly deadlineMs: number,
    private readonly offReason: string | undefined,
  ) {}

  /** A cascade without an encoder (it was switched off, or is missing): always the fast model. */
  static fastOnly(fast: IntentClassifier, reason: string): EncoderCascade {
    return new EncoderCascade(fast, undefined, undefined, 0, reason);
  }

  static create(
    fast: IntentClassifier,
    loadHead: () => EncoderHead,
    settings: CascadeSettings,
    client?: Partial<EncoderClientOptions>,
  ): EncoderCascade {
    if (settings.enabled === 'off' || (settings.enabled === 'auto' && settings.testing)) {
      return EncoderCascade.fastOnly(fast, 'switched off (NLU_ENCODER)');
    }
    const missing = Object.values(ENCODER_FILES).filter((f) => !existsSync(join(settings.dir, f)));
    if (missing.length > 0 && !client?.workerFile) {
      return EncoderCascade.fastOnly(
        fast,
        `encoder not installed in ${settings.dir} (bash scripts/ensure-encoder.sh)`,
      );
    }
    let head: EncoderHead;
    try {
      head = loadHead();
    } catch (error) {
      return EncoderCascade.fastOnly(fast, `encoder head: ${(error as Error).message}`);
    }
    if (head.parts.labels.join('\n') !== fast.labels.join('\n')) {
      return EncoderCascade.fastOnly(fast, 'the encoder head was trained for another fast model');
    }
    const encoder = new EncoderClient({
      workerFile: WORKER_FILE,
      workerData: { dir: settings.dir, headFile: settings.headFile },
      maxQueue: settings.maxQueue,
      hangMs: Math.max(1000, settings.deadlineMs * 20),
      maxRestarts: 5,
      ...client,
    });
    encoder.start();
    return new EncoderCascade(fast, head, encoder, settings.deadlineMs, undefined);
  }

  status(): NluModeStatus {
    if (!this.client) {
      return { mode: 'fast-only', reason: this.offReason, restarts: 0, deadlineMs: 0 };
    }
    const s = this.client.status();
    const mode: NluMode =
      s.state === 'ready' ? 'cascade' : s.state === 'loading' ? 'encoder-loading' : 'fast-only';
    return { mode, reason: s.reason, restarts: s.restarts, deadlineMs: this.deadlineMs };
  }

  /** The fast prediction, refined by the encoder stage when the fast model is unsure. */
  async predict(text: string): Promise<{ prediction: IntentPrediction; stage: NluStage }> {
    const fast = this.fast.explain(text);
    const head = this.head;
    if (!head || !this.client || !needsEncoder(fast, head.parts.gate)) {
      return { prediction: fast.prediction, stage: 'fast' };
    }
    if (this.client.status().state !== 'ready')
      return { prediction: fast.prediction, stage: 'fast' };
    const reply = await this.client.encode(text, this.deadlineMs, fast);
    if (!reply || reply.vector.length !== head.dimension) {
      return { prediction: fast.prediction, stage: 'deadline' };
    }
    return { prediction: reply.decision ?? head.decide(fast, reply.vector), stage: 'encoder' };
  }

  async stop(): Promise<void> {
    await this.client?.stop();
  }
}
