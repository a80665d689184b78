import { createRandom, shuffleInPlace } from '../random';

/** Multinomial logistic regression over standardised embedding dimensions. */
export interface SoftmaxHeadData {
  classes: number;
  dimension: number;
  mean: Float32Array;
  scale: Float32Array;
  /** Class-major [classes × dimension]. */
  weights: Float32Array;
  bias: Float32Array;
}

export interface SoftmaxTraining {
  epochs: number;
  batch: number;
  learningRate: number;
  /** L2 penalty on the weights (on standardised features). */
  lambda: number;
  seed: number;
}

export const DEFAULT_SOFTMAX_TRAINING: SoftmaxTraining = {
  epochs: 30,
  batch: 64,
  learningRate: 0.003,
  lambda: 1e-3,
  seed: 13,
};

/** Fits the head by mini-batch Adam: a few dozen passes, 1–2 s each for 15,000 × 384 × 151. */
export function trainSoftmaxHead(
  vectors: readonly Float32Array[],
  labels: Int32Array,
  classes: number,
  options: SoftmaxTraining = DEFAULT_SOFTMAX_TRAINING,
): SoftmaxHeadData {
  const d = vectors[0].length;
  const { mean, scale } = standardiser(vectors, d);
  const z = vectors.map((v) => v.map((x, i) => (x - mean[i]) / scale[i]));
  const weights = new Float32Array(classes * d);
  const bias = new Float32Array(classes);
  const gw = new Float32Array(classes * d);
  const gb = new Float32Array(classes);
  const adam = [new Adam(classes * d), new Adam(classes)];
  const order = vectors.map((_, i) => i);
  const random = createRandom(options.seed);
  const probs = new Float64Array(classes);
  const head: SoftmaxHeadData = { classes, dimension: d, mean, scale, weights, bias };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (let start = 0; start < order.length; start += options.batch) {
      const end = Math.min(order.length, start + options.batch);
      gw.fill(0);
      gb.fill(0);
      for (let k = start; k < end; k++) {
        const row = z[order[k]];
        logitsInto(head, row, probs);
        softmaxInPlace(probs);
        probs[labels[order[k]]] -= 1;
        for (let c = 0; c < classes; c++) {
          const err = probs[c];
          if (Math.abs(err) < 1e-6) continue;
          gb[c] += err;
          const base = c * d;
          for (let i = 0; i < d; i++) gw[base + i] += err * row[i];
        }
      }
      const n = end - start;
      for (let j = 0; j < gw.length; j++) gw[j] = gw[j] / n + options.lambda * weights[j];
      for (let c = 0; c < classes; c++) gb[c] /= n;
      adam[0].step(weights, gw, options.learningRate);
      adam[1].step(bias, gb, options.learningRate);
    }
  }
  return head;
}

/** Class probabilities of one (raw, not standardised) embedding into `out`. */
export function headProbabilities(
  head: SoftmaxHeadData,
  vector: Float32Array,
  out: Float64Array,
): Float64Array {
  const z = new Float64Array(head.dimension);
  for (let i = 0; i < head.dimension; i++) z[i] = (vector[i] - head.mean[i]) / head.scale[i];
  logitsInto(head, z, out);
  return softmaxInPlace(out);
}

function logitsInto(head: SoftmaxHeadData, z: ArrayLike<number>, out: Float64Array): void {
  const d = head.dimension;
  for (let c = 0; c < head.classes; c++) {
    let s = head.bias[c];
    const base = c * d;
    for (let i = 0; i < d; i++) s += head.weights[base + i] * z[i];
    out[c] = s;
  }
}

function softmaxInPlace(x: Float64Array): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < x.length; c++) if (x[c] > max) max = x[c];
  let sum = 0;
  for (let c = 0; c < x.length; c++) {
    x[c] = Math.exp(x[c] - max);
    sum += x[c];
  }
  for (let c = 0; c < x.length; c++) x[c] /= sum;
  return x;
}

function standardiser(
  vectors: readonly Float32Array[],
  d: number,
): { mean: Float32Array; scale: Float32Array } {
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (const v of vectors) for (let i = 0; i < d; i++) mean[i] += v[i] / vectors.length;
  for (const v of vectors) for (let i = 0; i < d; i++) sq[i] += (v[i] - mean[i]) ** 2;
  const scale = Float32Array.from(sq, (s) => Math.sqrt(s / vectors.length) || 1);
  return { mean: Float32Array.from(mean), scale };
}

class Adam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private t = 0;

  constructor(size: number) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  step(params: Float32Array, grad: Float32Array, rate: number): void {
    this.t++;
    const c1 = 1 - 0.9 ** this.t;
    const c2 = 1 - 0.999 ** this.t;
    for (let j = 0; j < params.length; j++) {
      this.m[j] = 0.9 * this.m[j] + 0.1 * grad[j];
      this.v[j] = 0.999 * this.v[j] + 0.001 * grad[j] * grad[j];
      params[j] -= (rate * (this.m[j] / c1)) / (Math.sqrt(this.v[j] / c2) + 1e-8);
    }
  }
}
