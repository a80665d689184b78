import { PredictionDetail } from '../intent-classifier';
import { IntentScore, OUT_OF_SCOPE } from '../nlu.types';
import { chooseThreshold, signalVector } from '../oos-detector';
import { DenseLogistic, fitDenseLogistic } from './dense-logistic';
import { headProbabilities, SoftmaxHeadData } from './softmax-head';

/** The encoder stage's answer for one message (same shape as the fast model's prediction). */
export interface EncoderDecision {
  intent: string;
  confidence: number;
  oos: boolean;
  oosProbability: number;
  top: IntentScore[];
}

/** The trained encoder stage: a softmax head, class centroids, neighbours and an oos detector. */
export interface EncoderHeadParts {
  /** The fast model's labels, in its order (the two probability vectors are averaged). */
  labels: string[];
  /** Messages whose fast best probability is below this (or that it flags oos) go to the encoder. */
  gate: number;
  softmax: SoftmaxHeadData;
  /** L2-normalised mean embedding of each class [classes × dimension]. */
  centroids: Float32Array;
  /** Training embeddings as int8 (× 1/127) and their class, for the nearest-neighbour signals. */
  neighbours: Int8Array;
  neighbourLabels: Int32Array;
  oos: DenseLogistic;
}

export interface TuningRow {
  fast: PredictionDetail;
  vector: Float32Array;
  isOos: boolean;
}

/** Whether the fast model is unsure enough for the encoder to be asked. */
export function needsEncoder(fast: PredictionDetail, gate: number): boolean {
  const top = fast.prediction.top[0];
  return fast.prediction.oos || !top || top.confidence < gate;
}

export class EncoderHead {
  private readonly oosIndex: number;
  private readonly headProbs: Float64Array;
  /** The int8 neighbours as floats: the scan is the stage's main cost, and floats scan faster. */
  private readonly neighbourRows: Float32Array;

  constructor(readonly parts: EncoderHeadParts) {
    this.oosIndex = parts.labels.indexOf(OUT_OF_SCOPE);
    this.headProbs = new Float64Array(parts.labels.length);
    this.neighbourRows = Float32Array.from(parts.neighbours, (x) => x / 127);
  }

  get dimension(): number {
    return this.parts.softmax.dimension;
  }

  /** Decides intent and out-of-scope from the encoder signals combined with the fast model's. */
  decide(fast: PredictionDetail, vector: Float32Array): EncoderDecision {
    const { signals, ensemble, best } = this.signals(fast, vector);
    const oosProbability = this.parts.oos.probability(signals);
    const top = this.topClasses(ensemble, 3);
    const oos =
      best < 0 ||
      oosProbability >= this.parts.oos.data.threshold ||
      (this.oosIndex >= 0 && ensemble[this.oosIndex] > ensemble[best]);
    const topProbability = best >= 0 ? ensemble[best] : 0;
    return {
      intent: oos ? OUT_OF_SCOPE : this.parts.labels[best],
      confidence: round4(oos ? Math.max(oosProbability, 1 - topProbability) : topProbability),
      oos,
      oosProbability: round4(oosProbability),
      top,
    };
  }

  /** The detector's inputs: ensemble, head, centroid and neighbour signals, then the fast 7. */
  signals(
    fast: PredictionDetail,
    vector: Float32Array,
  ): { signals: number[]; ensemble: Float64Array; best: number } {
    const { labels, centroids, neighbourLabels } = this.parts;
    const d = this.dimension;
    const head = headProbabilities(this.parts.softmax, vector, this.headProbs);
    const ensemble = new Float64Array(labels.length);
    for (let c = 0; c < labels.length; c++) ensemble[c] = (fast.probabilities[c] + head[c]) / 2;
    const [best, second] = this.topClasses(ensemble, 2).map((s) => labels.indexOf(s.intent));
    const [headBest] = this.topClasses(head, 1).map((s) => labels.indexOf(s.intent));
    let centroidBest = -1;
    let centroidMax = -1;
    for (let c = 0; c < labels.length; c++) {
      if (c === this.oosIndex) continue;
      const cos = dot(centroids, c * d, vector, d);
      if (c === best) centroidBest = cos;
      centroidMax = Math.max(centroidMax, cos);
    }
    let nnInScope = -1;
    let nnClass = -1;
    let nnOos = -1;
    for (let r = 0; r < neighbourLabels.length; r++) {
      const cos = dot(this.neighbourRows, r * d, vector, d);
      const label = neighbourLabels[r];
      if (label === this.oosIndex) nnOos = Math.max(nnOos, cos);
      else nnInScope = Math.max(nnInScope, cos);
      if (label === best) nnClass = Math.max(nnClass, cos);
    }
    const at = (p: Float64Array, c: number | undefined): number =>
      c !== undefined && c >= 0 ? p[c] : 0;
    const signals = [
      at(ensemble, best),
      at(ensemble, best) - at(ensemble, second),
      at(head, headBest),
      this.oosIndex >= 0 ? head[this.oosIndex] : 0,
      centroidBest,
      centroidMax,
      nnInScope,
      nnClass,
      nnOos,
      ...signalVector(fast.signals),
    ];
    return { signals, ensemble, best: best ?? -1 };
  }

  private topClasses(p: Float64Array, k: number): IntentScore[] {
    const order = [...p.keys()].filter((c) => c !== this.oosIndex).sort((a, b) => p[b] - p[a]);
    return order
      .slice(0, k)
      .map((c) => ({ intent: this.parts.labels[c], confidence: round4(p[c]) }));
  }
}

/** Fits the oos detector on the tuning rows that pass the gate (precision target on them). */
export function fitEncoderOos(
  head: EncoderHead,
  rows: readonly TuningRow[],
  targetPrecision = 0.9,
  minOosExamples = 5,
): DenseLogistic {
  const gated = rows.filter((r) => needsEncoder(r.fast, head.parts.gate));
  const x = gated.map((r) => head.signals(r.fast, r.vector).signals);
  const y = gated.map((r) => r.isOos);
  if (y.filter(Boolean).length < minOosExamples) return DenseLogistic.never(x[0]?.length ?? 16);
  const model = fitDenseLogistic(x, y);
  const scored = x.map((row, i) => ({ p: model.probability(row), isOos: y[i] }));
  const threshold = chooseThreshold(scored, { targetPrecision, minOosExamples });
  return new DenseLogistic({ ...model.data, threshold });
}

/** Four accumulators: d is a multiple of 4 (384), and independent sums pipeline better. */
function dot(m: Float32Array, offset: number, v: Float32Array, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < d; i += 4) {
    s0 += m[offset + i] * v[i];
    s1 += m[offset + i + 1] * v[i + 1];
    s2 += m[offset + i + 2] * v[i + 2];
    s3 += m[offset + i + 3] * v[i + 3];
  }
  for (; i < d; i++) s0 += m[offset + i] * v[i];
  return s0 + s1 + s2 + s3;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
