/** Softmax of `scores / temperature` into `out`; returns `out`. */
export function softmax(
  scores: Float64Array,
  temperature: number,
  out: Float64Array,
): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) if (scores[c] > max) max = scores[c];
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    out[c] = Math.exp((scores[c] - max) / temperature);
    sum += out[c];
  }
  for (let c = 0; c < scores.length; c++) out[c] /= sum;
  return out;
}

/**
 * Temperature scaling (Guo et al. 2017): one scalar fitted on held-out data so that the softmax of
 * the SVM margins becomes a probability (minimum negative log-likelihood, golden-section search).
 */
export function fitTemperature(scores: readonly Float64Array[], gold: readonly number[]): number {
  if (scores.length === 0) return 1;
  const nll = (logT: number): number => {
    const t = Math.exp(logT);
    let total = 0;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i];
      let max = -Infinity;
      for (let c = 0; c < s.length; c++) if (s[c] > max) max = s[c];
      let sum = 0;
      for (let c = 0; c < s.length; c++) sum += Math.exp((s[c] - max) / t);
      total += Math.log(sum) - (s[gold[i]] - max) / t;
    }
    return total;
  };
  let lo = Math.log(0.005);
  let hi = Math.log(10);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let step = 0; step < 40; step++) {
    const a = hi - ratio * (hi - lo);
    const b = lo + ratio * (hi - lo);
    if (nll(a) < nll(b)) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}
