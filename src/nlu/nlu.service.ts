import { Injectable } from '@nestjs/common';
import { EntityExtractor } from './entity-extractor';
import { IntentClassifier } from './intent-classifier';
import { loadModel } from './intent-model-codec';
import { detectLanguage } from './language-detector';
import { NluResult } from './nlu.types';

export { detectLanguage } from './language-detector';

export interface PredictOptions {
  /** "Yesterday", "上个月" are resolved against this instant (UTC); defaults to now. */
  referenceDate?: Date;
}

/** Understands customer messages with the built-in utility model, loaded once at start. */
@Injectable()
export class NluService {
  private readonly classifier: IntentClassifier = loadModel();
  private readonly entities = new EntityExtractor();

  predict(text: string, options: PredictOptions = {}): NluResult {
    // Payloads are validated upstream, but a non-string must never crash the classifier.
    const input = typeof text === 'string' ? text : '';
    const prediction = this.classifier.predict(input);
    return {
      language: detectLanguage(input),
      intent: prediction.intent,
      confidence: prediction.confidence,
      oos: prediction.oos,
      oosProbability: prediction.oosProbability,
      top: prediction.top,
      entities: this.entities.extract(input, options.referenceDate ?? new Date()),
    };
  }
}
