import { fitTemperature, softmax } from './calibration';
import {
  DEFAULT_SVM_OPTIONS,
  LinearWeights,
  scoreInto,
  SvmOptions,
  trainOneVsRest,
} from './linear-svm';
import { NearestNeighbourIndex } from './nearest-neighbour-index';
import {
  DEFAULT_OOS_TUNING,
  OosDetector,
  OosSignals,
  OosTuningOptions,
  TuningExample,
} from './oos-detector';
import { OUT_OF_SCOPE, IntentScore } from './nlu.types';
import { createRandom, shuffleInPlace } from './random';
import { SparseVector, toSparseMatrix } from './sparse-vector';
import { DEFAULT_VECTORIZER_OPTIONS, TfidfVectorizer, VectorizerOptions } from './tfidf-vectorizer';

export interface LabelledText {
  text: string;
  intent: string;
}

export interface ClassifierOptions {
  vectorizer: VectorizerOptions;
  svm: SvmOptions;
  oos: OosTuningOptions;
  /** Without a validation set, train is split into this many stratified folds for tuning… */
  folds: number;
  /** …and this many of them are held out in turn (1 = a single held-out slice). */
  tuningRounds: number;
  seed: number;
}

export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = {
  vectorizer: DEFAULT_VECTORIZER_OPTIONS,
  svm: DEFAULT_SVM_OPTIONS,
  oos: DEFAULT_OOS_TUNING,
  folds: 5,
  tuningRounds: 1,
  seed: 13,
};

export interface IntentPrediction {
  intent: string;
  confidence: number;
  oos: boolean;
  /** Probability that the message is out of scope, from the oos detector. */
  oosProbability: number;
  top: IntentScore[];
}

export interface PredictionDetail {
  prediction: IntentPrediction;
  signals: OosSignals;
  /** Calibrated probability of every label, in `labels` order. */
  probabilities: Float64Array;
}

/** The trained parts that depend only on the training texts (no tuning). */
export interface CoreModel {
  labels: string[];
  vectorizer: TfidfVectorizer;
  weights: LinearWeights;
  neighbours: NearestNeighbourIndex;
}

/** TF-IDF + one-vs-rest linear SVM, temperature-calibrated, with a tuned out-of-scope detector. */
export class IntentClassifier {
  private readonly scores: Float64Array;
  private readonly probs: Float64Array;
  private readonly oosIndex: number;

  constructor(
    readonly core: CoreModel,
    readonly temperature: number,
    readonly oosDetector: OosDetector,
  ) {
    this.scores = new Float64Array(core.labels.length);
    this.probs = new Float64Array(core.labels.length);
    this.oosIndex = core.labels.indexOf(OUT_OF_SCOPE);
  }

  get labels(): readonly string[] {
    return this.core.labels;
  }

  static train(
    train: readonly LabelledText[],
    options: ClassifierOptions = DEFAULT_CLASSIFIER_OPTIONS,
    validation?: readonly LabelledText[],
  ): IntentClassifier {
    const labels = [...new Set(train.map((e) => e.intent))].sort();
    const tuning: { scores: Float64Array; vector: SparseVector; gold: number; core: CoreModel }[] =
      [];
    let full: CoreModel | undefined;
    if (validation && validation.length > 0) {
      full = fitCore(train, labels, options);
      for (const e of validation) tuning.push(scoreExample(full, e, labels));
    } else {
      const folds = assignFolds(train, options.folds, options.seed);
      for (let round = 0; round < Math.min(options.tuningRounds, options.folds); round++) {
        const fit = train.filter((_, i) => folds[i] !== round);
        const held = train.filter((_, i) => folds[i] === round);
        const core = fitCore(fit, labels, options);
        for (const e of held) tuning.push(scoreExample(core, e, labels));
      }
      full = fitCore(train, labels, options);
    }
    const known = tuning.filter((t) => t.gold >= 0);
    const temperature = fitTemperature(
      known.map((t) => t.scores),
      known.map((t) => t.gold),
    );
    const oosIndex = labels.indexOf(OUT_OF_SCOPE);
    const examples: TuningExample[] = tuning.map((t) => {
      const probe = new IntentClassifier(t.core, temperature, OosDetector.never());
      return { signals: probe.signals(t.vector), isOos: t.gold === oosIndex && oosIndex >= 0 };
    });
    // Validation texts labelled oos are oos even when no oos class was trained.
    if (validation && oosIndex < 0) {
      validation.forEach((e, i) => (examples[i].isOos = e.intent === OUT_OF_SCOPE));
    }
    return new IntentClassifier(full, temperature, OosDetector.fit(examples, options.oos));
  }

  predict(text: string, topK = 3): IntentPrediction {
    return this.predictVector(this.core.vectorizer.transform(text), topK);
  }

  predictVector(vector: SparseVector, topK = 3): IntentPrediction {
    return this.detailVector(vector, topK).prediction;
  }

  /** The prediction with what the encoder stage combines: its oos signals and every probability. */
  explain(text: string, topK = 3): PredictionDetail {
    const detail = this.detailVector(this.core.vectorizer.transform(text), topK);
    return { ...detail, probabilities: Float64Array.from(this.probs) };
  }

  private detailVector(
    vector: SparseVector,
    topK: number,
  ): { prediction: IntentPrediction; signals: OosSignals } {
    const signals = this.signals(vector);
    const top: IntentScore[] = [];
    for (const c of this.bestClasses(topK)) {
      top.push({ intent: this.core.labels[c], confidence: round4(this.probs[c]) });
    }
    const oosProbability = this.oosDetector.probability(signals);
    const oos =
      top.length === 0 ||
      vector.indices.length === 0 ||
      this.oosDetector.isOutOfScope(oosProbability) ||
      (this.oosIndex >= 0 && signals.oosProbability > signals.topProbability);
    const prediction: IntentPrediction = {
      intent: oos ? OUT_OF_SCOPE : top[0].intent,
      // For oos: the strongest of the detector's belief and the mass not on the best intent.
      confidence: oos
        ? round4(Math.max(oosProbability, signals.oosProbability, 1 - signals.topProbability))
        : top[0].confidence,
      oos,
      oosProbability: round4(oosProbability),
      top,
    };
    return { prediction, signals };
  }

  /** The `k` most probable in-scope classes, best first, in one pass (insertion into k slots). */
  private bestClasses(k: number): number[] {
    const best: number[] = [];
    for (let c = 0; c < this.probs.length; c++) {
      if (c === this.oosIndex) continue;
      const p = this.probs[c];
      if (best.length === k && p <= this.probs[best[k - 1]]) continue;
      let at = best.length < k ? best.length : k - 1;
      while (at > 0 && this.probs[best[at - 1]] < p) {
        if (at < k) best[at] = best[at - 1];
        at--;
      }
      best[at] = c;
    }
    return best;
  }

  /** Scores `vector` into this.scores/this.probs and returns the oos signals. */
  signals(vector: SparseVector): OosSignals {
    scoreInto(this.core.weights, vector.indices, vector.values, this.scores);
    softmax(this.scores, this.temperature, this.probs);
    let first = -1;
    let second = -1;
    for (let c = 0; c < this.probs.length; c++) {
      if (c === this.oosIndex) continue;
      if (first < 0 || this.probs[c] > this.probs[first]) {
        second = first;
        first = c;
      } else if (second < 0 || this.probs[c] > this.probs[second]) {
        second = c;
      }
    }
    const match = this.core.neighbours.query(
      vector.indices,
      vector.values,
      vector.wordNnz,
      first,
      vector.unknownWords,
    );
    return {
      topProbability: first >= 0 ? this.probs[first] : 0,
      margin: first >= 0 ? this.probs[first] - (second >= 0 ? this.probs[second] : 0) : 0,
      oosProbability: this.oosIndex >= 0 ? this.probs[this.oosIndex] : 0,
      topScore: first >= 0 ? this.scores[first] : 0,
      neighbour: match.best,
      neighbourOfClass: match.bestOfClass,
      coverage: match.coverage,
    };
  }
}

export function fitCore(
  train: readonly LabelledText[],
  labels: readonly string[],
  options: ClassifierOptions,
): CoreModel {
  const vectorizer = TfidfVectorizer.fit(
    train.map((e) => e.text),
    options.vectorizer,
  );
  const vectors = train.map((e) => vectorizer.transform(e.text));
  const x = toSparseMatrix(vectors);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const y = Int32Array.from(train, (e) => labelIndex.get(e.intent) ?? -1);
  const weights = trainOneVsRest(x, y, labels.length, vectorizer.size, {
    ...options.svm,
    boostedClass: labels.indexOf(OUT_OF_SCOPE),
  });
  const wordNnz = Int32Array.from(vectors, (v) => v.wordNnz);
  const neighbours = NearestNeighbourIndex.build(
    x,
    wordNnz,
    y,
    vectorizer.size,
    labels.length,
    vectorizer.data.idf,
  );
  return { labels: [...labels], vectorizer, weights, neighbours };
}

function scoreExample(
  core: CoreModel,
  example: LabelledText,
  labels: readonly string[],
): { scores: Float64Array; vector: SparseVector; gold: number; core: CoreModel } {
  const vector = core.vectorizer.transform(example.text);
  const scores = new Float64Array(labels.length);
  scoreInto(core.weights, vector.indices, vector.values, scores);
  return { scores, vector, gold: labels.indexOf(example.intent), core };
}

/** Stratified fold numbers: each intent's examples are dealt round-robin after a seeded shuffle. */
export function assignFolds(
  train: readonly LabelledText[],
  folds: number,
  seed: number,
): Int32Array {
  const random = createRandom(seed);
  const byIntent = new Map<string, number[]>();
  train.forEach((e, i) => {
    const members = byIntent.get(e.intent);
    if (members) members.push(i);
    else byIntent.set(e.intent, [i]);
  });
  const out = new Int32Array(train.length);
  for (const intent of [...byIntent.keys()].sort()) {
    const members = byIntent.get(intent) ?? [];
    shuffleInPlace(members, random);
    members.forEach((i, k) => (out[i] = k % folds));
  }
  return out;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
