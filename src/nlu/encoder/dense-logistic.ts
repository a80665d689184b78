export interface DenseLogisticData {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  /** Probability at or above which a row is positive; Infinity: never. */
  threshold: number;
}

/** A binary logistic regression over a few standardised signals. */
export class DenseLogistic {
  constructor(readonly data: DenseLogisticData) {}

  static never(dims: number): DenseLogistic {
    const zeros = new Array<number>(dims).fill(0);
    return new DenseLogistic({
      mean: zeros,
      scale: zeros.map(() => 1),
      weights: zeros,
      bias: 0,
      threshold: Infinity,
    });
  }

  probability(row: readonly number[]): number {
    const { mean, scale, weights, bias } = this.data;
    let s = bias;
    for (let d = 0; d < weights.length; d++) s += (weights[d] * (row[d] - mean[d])) / scale[d];
    return 1 / (1 + Math.exp(-s));
  }
}

/** Full-batch gradient descent with a small L2 penalty: tens of signals, thousands of rows. */
export function fitDenseLogistic(
  rows: readonly number[][],
  positive: readonly boolean[],
  iterations = 800,
): DenseLogistic {
  const dims = rows[0].length;
  const mean = new Array<number>(dims).fill(0);
  const scale = new Array<number>(dims).fill(0);
  for (const r of rows) r.forEach((v, d) => (mean[d] += v / rows.length));
  for (const r of rows) r.forEach((v, d) => (scale[d] += (v - mean[d]) ** 2 / rows.length));
  for (let d = 0; d < dims; d++) scale[d] = Math.sqrt(scale[d]) || 1;
  const z = rows.map((r) => r.map((v, d) => (v - mean[d]) / scale[d]));
  const weights = new Array<number>(dims).fill(0);
  let bias = 0;
  const lambda = 1e-3;
  for (let iter = 0; iter < iterations; iter++) {
    const gw = new Array<number>(dims).fill(0);
    let gb = 0;
    for (let i = 0; i < z.length; i++) {
      let s = bias;
      for (let d = 0; d < dims; d++) s += weights[d] * z[i][d];
      const err = 1 / (1 + Math.exp(-s)) - (positive[i] ? 1 : 0);
      for (let d = 0; d < dims; d++) gw[d] += err * z[i][d];
      gb += err;
    }
    for (let d = 0; d < dims; d++) weights[d] -= 0.5 * (gw[d] / z.length + lambda * weights[d]);
    bias -= (0.5 * gb) / z.length;
  }
  return new DenseLogistic({ mean, scale, weights, bias, threshold: Infinity });
}
