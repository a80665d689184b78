// Exploratory: do averaged pretrained word vectors add an out-of-scope signal on clinc150?
// Usage: npx ts-node --transpile-only bench/nlu/dense-oos.ts   (word vectors: see glove.ts)
// Fits the detector on a 20 % held-out slice of train (honest) and prints per-signal val ceilings;
// rows go to /tmp/exp/rows.json for further analysis.
import { mkdirSync, writeFileSync } from 'node:fs';
import { DIM, loadWordVectors, sentenceEncoder } from './glove';
import {
  fitCore,
  IntentClassifier,
  DEFAULT_CLASSIFIER_OPTIONS,
  LabelledText,
} from '../../src/nlu/intent-classifier';
import { readJsonl } from '../../src/nlu/labelled-dataset';
import { OosDetector, signalVector } from '../../src/nlu/oos-detector';
import { fitTemperature } from '../../src/nlu/calibration';
import { scoreInto } from '../../src/nlu/linear-svm';

const D = '/work/shared/datasets/clinc150';
const train = readJsonl(D + '/train.jsonl');
const val = readJsonl(D + '/val.jsonl');
const wv = loadWordVectors();
interface Dense {
  vec(t: string): Float64Array;
}
function denseModel(texts: readonly string[]): Dense {
  return { vec: sentenceEncoder(wv, texts) };
}
function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}
// Cholesky solve helpers for the shared covariance.
function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j * n + j];
    }
  return l;
}
function whiten(l: Float64Array, x: Float64Array): Float64Array {
  const n = x.length;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
    y[i] = s / l[i * n + i];
  }
  return y;
}

interface Setup {
  clf: IntentClassifier;
  dense: Dense;
  centroids: Float64Array[];
  wcent: Float64Array[];
  chol: Float64Array;
  trainVecs: Float64Array[];
  oosVecs: Float64Array[];
  oosCentroid: Float64Array;
}
function setup(
  tr: readonly LabelledText[],
  labels: string[],
): { s: Setup; core: ReturnType<typeof fitCore> } {
  const core = fitCore(tr, labels, DEFAULT_CLASSIFIER_OPTIONS);
  const dense = denseModel(tr.map((e) => e.text));
  const vecs = tr.map((e) => dense.vec(e.text));
  const C = labels.length;
  const sums = labels.map(() => new Float64Array(DIM));
  const counts = new Array<number>(C).fill(0);
  tr.forEach((e, i) => {
    const c = labels.indexOf(e.intent);
    counts[c]++;
    for (let k = 0; k < DIM; k++) sums[c][k] += vecs[i][k];
  });
  const means = sums.map((s, c) => s.map((v) => v / Math.max(1, counts[c])));
  const cov = new Float64Array(DIM * DIM);
  let m = 0;
  tr.forEach((e, i) => {
    if (e.intent === 'oos') return;
    const c = labels.indexOf(e.intent);
    const d = vecs[i].map((v, k) => v - means[c][k]);
    for (let a = 0; a < DIM; a++) for (let b = 0; b < DIM; b++) cov[a * DIM + b] += d[a] * d[b];
    m++;
  });
  let tr0 = 0;
  for (let a = 0; a < DIM; a++) tr0 += cov[a * DIM + a] / m;
  for (let a = 0; a < DIM * DIM; a++) cov[a] /= m;
  const lam = (0.1 * tr0) / DIM;
  for (let a = 0; a < DIM; a++) cov[a * DIM + a] += lam;
  const chol = cholesky(cov, DIM);
  const centroids = means.map((mu) => {
    const s = Math.sqrt(dot(mu, mu)) || 1;
    return mu.map((v) => v / s);
  });
  const wcent = means.map((mu) => whiten(chol, mu));
  const oi = labels.indexOf('oos');
  return {
    core,
    s: {
      clf: new IntentClassifier(core, 1, OosDetector.never()),
      dense,
      centroids,
      wcent,
      chol,
      trainVecs: vecs.filter((_, i) => tr[i].intent !== 'oos'),
      oosVecs: vecs.filter((_, i) => tr[i].intent === 'oos'),
      oosCentroid: centroids[oi],
    },
  };
}
function features(s: Setup, text: string, labels: string[]): { sig: number[]; top: number } {
  const v = s.clf.core.vectorizer.transform(text);
  const sg = s.clf.signals(v);
  const probs = (s.clf as unknown as { probs: Float64Array }).probs;
  const oi = labels.indexOf('oos');
  let top = -1;
  for (let c = 0; c < probs.length; c++)
    if (c !== oi && (top < 0 || probs[c] > probs[top])) top = c;
  const e = s.dense.vec(text);
  let maxCent = -1;
  for (let c = 0; c < labels.length; c++)
    if (c !== oi) maxCent = Math.max(maxCent, dot(e, s.centroids[c]));
  const topCent = dot(e, s.centroids[top]);
  const oosCent = dot(e, s.oosCentroid);
  const we = whiten(s.chol, e);
  let minMaha = Infinity;
  for (let c = 0; c < labels.length; c++) {
    if (c === oi) continue;
    let d = 0;
    for (let k = 0; k < DIM; k++) d += (we[k] - s.wcent[c][k]) ** 2;
    minMaha = Math.min(minMaha, d);
  }
  let dTop = 0;
  for (let k = 0; k < DIM; k++) dTop += (we[k] - s.wcent[top][k]) ** 2;
  let knn = -1;
  for (const t of s.trainVecs) knn = Math.max(knn, dot(e, t));
  let knnOos = -1;
  for (const t of s.oosVecs) knnOos = Math.max(knnOos, dot(e, t));
  const scores = (s.clf as unknown as { scores: Float64Array }).scores;
  let lse = 0;
  for (let c = 0; c < labels.length; c++)
    if (c !== oi) lse += Math.exp(scores[c] / s.clf.temperature);
  const logRatio = (scores[oi] - scores[top]) / s.clf.temperature;
  return {
    sig: [
      ...signalVector(sg),
      maxCent,
      topCent,
      oosCent,
      Math.sqrt(minMaha),
      Math.sqrt(dTop),
      knn,
      knnOos,
      knnOos - knn,
      Math.log(lse),
      logRatio,
    ],
    top,
  };
}
const labels = [...new Set(train.map((e) => e.intent))].sort();
// Held-out 20% stratified (every 5th per intent).
const seen = new Map<string, number>();
const isHeld = train.map((e) => {
  const k = seen.get(e.intent) ?? 0;
  seen.set(e.intent, k + 1);
  return k % 5 === 0;
});
const t0 = Date.now();
const part = setup(
  train.filter((_, i) => !isHeld[i]),
  labels,
);
const held = train.filter((_, i) => isHeld[i]);
const oi = labels.indexOf('oos');
const heldScores = held.map((e) => {
  const v = part.core.vectorizer.transform(e.text);
  const sc = new Float64Array(labels.length);
  scoreInto(part.core.weights, v.indices, v.values, sc);
  return sc;
});
const known = held.map((e, i) => [labels.indexOf(e.intent), i]).filter(([g]) => g !== oi);
const T = fitTemperature(
  known.map(([, i]) => heldScores[i]),
  known.map(([g]) => g),
);
(part.s as { clf: IntentClassifier }).clf = new IntentClassifier(part.core, T, OosDetector.never());
const heldRows = held.map((e) => ({
  ...features(part.s, e.text, labels),
  isOos: e.intent === 'oos',
}));
const full = setup(train, labels);
(full.s as { clf: IntentClassifier }).clf = new IntentClassifier(full.core, T, OosDetector.never());
const valRows = val.map((e) => ({
  ...features(full.s, e.text, labels),
  isOos: e.intent === 'oos',
  gold: e.intent,
}));
console.error('setup s', (Date.now() - t0) / 1000);
const names = [
  'topP',
  'margin',
  'oosP',
  'topScore',
  'nn',
  'nnClass',
  'coverage',
  'maxCent',
  'topCent',
  'oosCent',
  'minMaha',
  'dTop',
  'knn',
  'knnOos',
  'knnDiff',
  'energy',
  'logRatio',
];
function rec(rows: { s: number; o: boolean }[], prec: number): number {
  const P = rows.filter((r) => r.o).length;
  const s = [...rows].sort((a, b) => b.s - a.s);
  let tp = 0,
    fp = 0,
    b = 0;
  for (const x of s) {
    if (x.o) tp++;
    else fp++;
    if (tp / (tp + fp) >= prec) b = tp / P;
  }
  return b;
}
names.forEach((n, j) => {
  const lo = rec(
    valRows.map((r) => ({ s: -r.sig[j], o: r.isOos })),
    0.85,
  );
  const hi = rec(
    valRows.map((r) => ({ s: r.sig[j], o: r.isOos })),
    0.85,
  );
  console.log(n.padEnd(10), 'val-oracle low→oos', lo.toFixed(3), 'high→oos', hi.toFixed(3));
});
function fitLR(rows: { sig: number[]; isOos: boolean }[], cols: number[]): (x: number[]) => number {
  const X = rows.map((r) => cols.map((c) => r.sig[c]));
  const d = cols.length;
  const mean = Array<number>(d).fill(0),
    sd = Array<number>(d).fill(0);
  X.forEach((x) => x.forEach((v, j) => (mean[j] += v / X.length)));
  X.forEach((x) => x.forEach((v, j) => (sd[j] += (v - mean[j]) ** 2 / X.length)));
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) || 1;
  const Z = X.map((x) => x.map((v, j) => (v - mean[j]) / sd[j]));
  const w = Array<number>(d).fill(0);
  let b = 0;
  for (let it = 0; it < 800; it++) {
    const g = Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < Z.length; i++) {
      const p = 1 / (1 + Math.exp(-(Z[i].reduce((s, v, j) => s + v * w[j], 0) + b)));
      const e = p - (rows[i].isOos ? 1 : 0);
      for (let j = 0; j < d; j++) g[j] += e * Z[i][j];
      gb += e;
    }
    for (let j = 0; j < d; j++) w[j] -= 0.5 * (g[j] / Z.length + 1e-3 * w[j]);
    b -= (0.5 * gb) / Z.length;
  }
  return (x) => cols.reduce((s, c, j) => s + (w[j] * (x[c] - mean[j])) / sd[j], b);
}
function honest(cols: number[], label: string): void {
  const f = fitLR(heldRows, cols);
  const hs = heldRows.map((r) => ({ s: f(r.sig), o: r.isOos })).sort((a, b) => b.s - a.s);
  let tp = 0,
    fp = 0,
    thr = Infinity;
  for (let k = 0; k < hs.length; k++) {
    if (hs[k].o) tp++;
    else fp++;
    if (tp / (tp + fp) >= 0.9 && k + 1 < hs.length) thr = (hs[k].s + hs[k + 1].s) / 2;
  }
  let TP = 0,
    FP = 0,
    P = 0,
    inOk = 0,
    inN = 0;
  for (const r of valRows) {
    const o = f(r.sig) >= thr || r.sig[2] > r.sig[0];
    if (r.isOos) P++;
    if (o && r.isOos) TP++;
    if (o && !r.isOos) FP++;
    if (!r.isOos) {
      inN++;
      if (!o && labels[r.top] === r.gold) inOk++;
    }
  }
  const oracle = rec(
    valRows.map((r) => ({ s: f(r.sig), o: r.isOos })),
    0.85,
  );
  console.log(
    label.padEnd(28),
    'prec',
    (TP / (TP + FP)).toFixed(3),
    'rec',
    (TP / P).toFixed(3),
    'inAcc',
    (inOk / inN).toFixed(3),
    'rec@0.85(val-threshold)',
    oracle.toFixed(3),
  );
}
honest([0, 1, 2, 3, 4, 5, 6], 'baseline 7');
honest([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], '+centroid cos');
honest([0, 1, 2, 3, 4, 5, 6, 10, 11], '+maha');
honest([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], '+cent+maha');
honest([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], '+all incl knn');
honest([0, 1, 2, 3, 4, 5, 6, 12], '+knn');
mkdirSync('/tmp/exp', { recursive: true });
writeFileSync('/tmp/exp/rows.json', JSON.stringify({ names, held: heldRows, val: valRows }));
