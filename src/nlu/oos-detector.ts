/** The signals the out-of-scope decision combines, for one message. */
export interface OosSignals {
  /** Calibrated probability of the best in-scope intent. */
  topProbability: number;
  /** Its lead over the second best. */
  margin: number;
  /** Probability of the trained `oos` class (0 when the training data had none). */
  oosProbability: number;
  /** Raw SVM margin of the best in-scope intent. */
  topScore: number;
  /** Cosine similarity of the nearest training text, and of the nearest one of the best intent. */
  neighbour: number;
  neighbourOfClass: number;
  /** Share of the message's words that training texts of the best intent contain. */
  coverage: number;
}

export interface OosDetectorData {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  /** Messages whose oos probability is at least this are out of scope; Infinity: never. */
  threshold: number;
}

/** How many signals the detector combines; artifacts built with another count are rejected. */
export const SIGNAL_COUNT = 7;

export function signalVector(s: OosSignals): number[] {
  return [
    s.topProbability,
    s.margin,
    s.oosProbability,
    s.topScore,
    s.neighbour,
    s.neighbourOfClass,
    s.coverage,
  ];
}

export interface TuningExample {
  signals: OosSignals;
  isOos: boolean;
}

export interface OosTuningOptions {
  /** Precision the threshold must reach on the tuning data; recall is maximised under it. */
  targetPrecision: number;
  /** Below this many oos tuning examples, a threshold cannot be estimated and nothing is flagged. */
  minOosExamples: number;
}

export const DEFAULT_OOS_TUNING: OosTuningOptions = { targetPrecision: 0.9, minOosExamples: 5 };

/**
 * Logistic regression over the signals, fitted on held-out messages labelled in-scope/oos, with
 * the threshold then chosen on the same data for the target precision (never hand-picked).
 */
export class OosDetector {
  constructor(readonly data: OosDetectorData) {}

  static never(): OosDetector {
    const zeros = new Array<number>(SIGNAL_COUNT).fill(0);
    return new OosDetector({
      mean: zeros,
      scale: zeros.map(() => 1),
      weights: zeros,
      bias: 0,
      threshold: Infinity,
    });
  }

  static fit(examples: readonly TuningExample[], options = DEFAULT_OOS_TUNING): OosDetector {
    const positives = examples.filter((e) => e.isOos).length;
    if (positives < options.minOosExamples) return OosDetector.never();
    const rows = examples.map((e) => signalVector(e.signals));
    const dims = rows[0].length;
    const mean = new Array<number>(dims).fill(0);
    const scale = new Array<number>(dims).fill(0);
    for (const r of rows) r.forEach((v, d) => (mean[d] += v / rows.length));
    for (const r of rows) r.forEach((v, d) => (scale[d] += (v - mean[d]) ** 2 / rows.length));
    for (let d = 0; d < dims; d++) scale[d] = Math.sqrt(scale[d]) || 1;
    const z = rows.map((r) => r.map((v, d) => (v - mean[d]) / scale[d]));
    const y = examples.map((e) => (e.isOos ? 1 : 0));
    const weights = new Array<number>(dims).fill(0);
    let bias = 0;
    const lambda = 1e-3;
    // Full-batch gradient descent: a handful of features and a few thousand rows, so this is cheap.
    for (let iter = 0; iter < 800; iter++) {
      const gw = new Array<number>(dims).fill(0);
      let gb = 0;
      for (let i = 0; i < z.length; i++) {
        const p = sigmoid(dot(weights, z[i]) + bias);
        const err = p - y[i];
        for (let d = 0; d < dims; d++) gw[d] += err * z[i][d];
        gb += err;
      }
      for (let d = 0; d < dims; d++)
        weights[d] -= (0.5 * (gw[d] / z.length + lambda * weights[d])) as number;
      bias -= (0.5 * gb) / z.length;
    }
    const detector = new OosDetector({ mean, scale, weights, bias, threshold: Infinity });
    const scored = examples.map((e) => ({ p: detector.probability(e.signals), isOos: e.isOos }));
    return new OosDetector({ ...detector.data, threshold: chooseThreshold(scored, options) });
  }

  probability(signals: OosSignals): number {
    const { mean, scale, weights, bias } = this.data;
    const v = signalVector(signals);
    let s = bias;
    for (let d = 0; d < v.length; d++) s += (weights[d] * (v[d] - mean[d])) / scale[d];
    return sigmoid(s);
  }

  isOutOfScope(probability: number): boolean {
    return probability >= this.data.threshold;
  }
}

/** The lowest threshold whose precision on the tuning data still meets the target (max recall). */
export function chooseThreshold(
  scored: readonly { p: number; isOos: boolean }[],
  options: OosTuningOptions,
): number {
  const sorted = [...scored].sort((a, b) => b.p - a.p);
  let tp = 0;
  let fp = 0;
  let best = Infinity;
  let bestF1 = -1;
  let f1Threshold = Infinity;
  const positives = scored.filter((s) => s.isOos).length;
  for (let k = 0; k < sorted.length; k++) {
    if (sorted[k].isOos) tp++;
    else fp++;
    // Only cut between distinct scores; ties must fall on the same side.
    if (k + 1 < sorted.length && sorted[k + 1].p === sorted[k].p) continue;
    const precision = tp / (tp + fp);
    const recall = tp / positives;
    const cut = k + 1 < sorted.length ? (sorted[k].p + sorted[k + 1].p) / 2 : sorted[k].p;
    if (precision >= options.targetPrecision) best = cut;
    const f1 = (2 * precision * recall) / (precision + recall || 1);
    if (f1 > bestF1) {
      bestF1 = f1;
      f1Threshold = cut;
    }
  }
  return Number.isFinite(best) ? best : f1Threshold;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
