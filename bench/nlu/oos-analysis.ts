// Usage: npx ts-node --transpile-only bench/nlu/oos-analysis.ts [C]
// Exploratory: which signals separate clinc150 val oos from in-scope? Oracle ceilings per signal.
import { writeFileSync } from 'node:fs';
import { IntentClassifier, DEFAULT_CLASSIFIER_OPTIONS } from '../../src/nlu/intent-classifier';
import { readJsonl } from '../../src/nlu/labelled-dataset';
import { signalVector } from '../../src/nlu/oos-detector';
import { softmax } from '../../src/nlu/calibration';

const D = '/work/shared/datasets/clinc150';
const train = readJsonl(D + '/train.jsonl');
const val = readJsonl(D + '/val.jsonl');
const c = Number(process.argv[2] ?? 0.5);
const m = IntentClassifier.train(train, {
  ...DEFAULT_CLASSIFIER_OPTIONS,
  svm: { ...DEFAULT_CLASSIFIER_OPTIONS.svm, c },
});
const C = m.labels.length;
const oosIdx = m.labels.indexOf('oos');
const W = m.core.weights;
function partScores(idx: Int32Array, val: Float32Array, from: number, to: number): Float64Array {
  const out = new Float64Array(C);
  for (let k = from; k < to; k++)
    for (let j = 0; j < C; j++) out[j] += val[k] * W.weights[idx[k] * C + j];
  return out;
}
function top(p: Float64Array): [number, number] {
  let b = -1;
  for (let j = 0; j < C; j++) if (j !== oosIdx && (b < 0 || p[j] > p[b])) b = j;
  return [b, p[b]];
}
const rows = val.map((e) => {
  const v = m.core.vectorizer.transform(e.text);
  const s = m.signals(v);
  const ws = partScores(v.indices, v.values, 0, v.wordNnz);
  const cs = partScores(v.indices, v.values, v.wordNnz, v.indices.length);
  const wp = softmax(ws, m.temperature, new Float64Array(C));
  const cp = softmax(cs, m.temperature, new Float64Array(C));
  const [wb, wpv] = top(wp);
  const [cb, cpv] = top(cp);
  const extra = [wpv, cpv, wb === cb ? 1 : 0, v.unknownWords];
  return {
    sig: [...signalVector(s), ...extra],
    isOos: e.intent === 'oos',
    pred: m.predict(e.text).intent,
    gold: e.intent,
  };
});
const names = [
  'topP',
  'margin',
  'oosP',
  'topScore',
  'nn',
  'nnClass',
  'coverage',
  'wordP',
  'charP',
  'agree',
  'unknown',
];
const P = rows.filter((r) => r.isOos).length;
function rec(score: (i: number) => number): string {
  const s = rows.map((r, i) => ({ s: score(i), o: r.isOos })).sort((a, b) => b.s - a.s);
  let tp = 0,
    fp = 0,
    b = 0;
  for (const x of s) {
    if (x.o) tp++;
    else fp++;
    if (tp / (tp + fp) >= 0.85) b = tp / P;
  }
  return b.toFixed(3);
}
names.forEach((n, j) =>
  console.log(
    n,
    'low→oos',
    rec((i) => -rows[i].sig[j]),
    'high→oos',
    rec((i) => rows[i].sig[j]),
  ),
);
// Oracle logistic regression on val itself: the ceiling of any combination of these signals.
const X = rows.map((r) => r.sig);
const d = X[0].length;
const mean = Array(d).fill(0),
  sd = Array(d).fill(0);
X.forEach((x) => x.forEach((v, j) => (mean[j] += v / X.length)));
X.forEach((x) => x.forEach((v, j) => (sd[j] += (v - mean[j]) ** 2 / X.length)));
for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) || 1;
const Z = X.map((x) => x.map((v, j) => (v - mean[j]) / sd[j]));
const Z2 = Z.map((z) => {
  const o = [...z];
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) o.push(z[a] * z[b]);
  return o;
});
for (const [name, M] of [
  ['linear', Z],
  ['quadratic', Z2],
] as const) {
  const Dm = M[0].length;
  const w = Array(Dm).fill(0);
  let b = 0;
  for (let it = 0; it < 1500; it++) {
    const g = Array(Dm).fill(0);
    let gb = 0;
    for (let i = 0; i < M.length; i++) {
      const p = 1 / (1 + Math.exp(-(M[i].reduce((s, v, j) => s + v * w[j], 0) + b)));
      const e = p - (rows[i].isOos ? 1 : 0);
      for (let j = 0; j < Dm; j++) g[j] += e * M[i][j];
      gb += e;
    }
    for (let j = 0; j < Dm; j++) w[j] -= (0.5 * g[j]) / M.length;
    b -= (0.5 * gb) / M.length;
  }
  console.log(
    'oracle',
    name,
    rec((i) => M[i].reduce((s, v, j) => s + v * w[j], 0)),
  );
}
writeFileSync('/tmp/sig.json', JSON.stringify(rows));
