import { Injectable, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { EncoderCascade, NluModeStatus } from './encoder/encoder-cascade';
import { BUILT_IN_HEAD_PATH, loadEncoderHead } from './encoder/encoder-head-codec';
import { EntityExtractor } from './entity-extractor';
import { IntentClassifier, IntentPrediction } from './intent-classifier';
import { loadModel } from './intent-model-codec';
import { detectLanguage } from './language-detector';
import { NluResult, NluStage } from './nlu.types';

export { detectLanguage } from './language-detector';

export interface PredictOptions {
  /** "Yesterday", "上个月" are resolved against this instant (UTC); defaults to now. */
  referenceDate?: Date;
}

/**
 * Understands customer messages with the built-in utility model, loaded once at start. `predict`
 * is the synchronous fast path; `predictCascade` also asks the encoder when the fast model is
 * unsure, never waiting longer than NLU_ENCODER_DEADLINE_MS for it.
 */
@Injectable()
export class NluService implements OnModuleInit, OnModuleDestroy {
  private readonly classifier: IntentClassifier = loadModel();
  private readonly entities = new EntityExtractor();
  private cascade: EncoderCascade;

  constructor(@Optional() private readonly config?: AppConfig) {
    this.cascade = EncoderCascade.fastOnly(this.classifier, 'not started');
  }

  /** Starts the encoder worker (in the background: the fast model answers meanwhile). */
  onModuleInit(): void {
    if (!this.config) return;
    this.cascade = EncoderCascade.create(this.classifier, () => loadEncoderHead(), {
      enabled: this.config.NLU_ENCODER,
      testing: this.config.NODE_ENV === 'test',
      dir: this.config.NLU_ENCODER_DIR,
      deadlineMs: this.config.NLU_ENCODER_DEADLINE_MS,
      maxQueue: this.config.NLU_ENCODER_QUEUE,
      headFile: BUILT_IN_HEAD_PATH,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.cascade.stop();
  }

  /** Which NLU mode is serving: fast-only, encoder-loading or cascade (for /health). */
  mode(): NluModeStatus {
    return this.cascade.status();
  }

  predict(text: string, options: PredictOptions = {}): NluResult {
    const input = safeText(text);
    return this.result(input, this.classifier.predict(input), 'fast', options);
  }

  async predictCascade(text: string, options: PredictOptions = {}): Promise<NluResult> {
    const input = safeText(text);
    const { prediction, stage } = await this.cascade.predict(input);
    return this.result(input, prediction, stage, options);
  }

  private result(
    input: string,
    prediction: IntentPrediction,
    stage: NluStage,
    options: PredictOptions,
  ): NluResult {
    return {
      language: detectLanguage(input),
      intent: prediction.intent,
      confidence: prediction.confidence,
      oos: prediction.oos,
      oosProbability: prediction.oosProbability,
      top: prediction.top,
      entities: this.entities.extract(input, options.referenceDate ?? new Date()),
      stage,
    };
  }
}

/** Payloads are validated upstream, but a non-string must never crash the classifier. */
function safeText(text: unknown): string {
  return typeof text === 'string' ? text : '';
}
