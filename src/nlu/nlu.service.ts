import { Injectable } from '@nestjs/common';
import { IntentClassifier } from './intent-classifier';
import { loadModel } from './intent-model-codec';
import { NluResult } from './nlu.types';
import { detectLanguage } from './language-detector';

export { detectLanguage } from './language-detector';

/** Classifies customer messages with the built-in utility model, loaded once at start. */
@Injectable()
export class NluService {
  private readonly classifier: IntentClassifier = loadModel();

  predict(text: string): NluResult {
    // Socket payloads are validated upstream, but a non-string must never crash the classifier.
    const input = typeof text === 'string' ? text : '';
    const prediction = this.classifier.predict(input);
    return {
      language: detectLanguage(input),
      intent: prediction.intent,
      confidence: prediction.confidence,
      oos: prediction.oos,
      top: prediction.top,
      entities: [],
    };
  }
}
