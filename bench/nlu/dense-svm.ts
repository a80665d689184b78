// Exploratory: the averaged word vectors as 100 extra features of the linear SVM (clinc150).
// Usage: npx ts-node --transpile-only bench/nlu/dense-svm.ts 0,1,2   (weights of the dense block)
import { DIM, loadWordVectors, sentenceEncoder } from './glove';
import { DEFAULT_CLASSIFIER_OPTIONS } from '../../src/nlu/intent-classifier';
import { readJsonl } from '../../src/nlu/labelled-dataset';
import { TfidfVectorizer } from '../../src/nlu/tfidf-vectorizer';
import { trainOneVsRest, scoreInto } from '../../src/nlu/linear-svm';
import { toSparseMatrix, SparseVector } from '../../src/nlu/sparse-vector';
const D = '/work/shared/datasets/clinc150';
const train = readJsonl(D + '/train.jsonl');
const val = readJsonl(D + '/val.jsonl');
const encode = sentenceEncoder(
  loadWordVectors(),
  train.map((e) => e.text),
);
const labels = [...new Set(train.map((e) => e.intent))].sort();
const oi = labels.indexOf('oos');
const vz = TfidfVectorizer.fit(
  train.map((e) => e.text),
  DEFAULT_CLASSIFIER_OPTIONS.vectorizer,
);
function vec(t: string, w: number): SparseVector {
  const v = vz.transform(t);
  if (w === 0) return v;
  const d = encode(t);
  const idx = new Int32Array(v.indices.length + DIM),
    vals = new Float32Array(v.indices.length + DIM);
  idx.set(v.indices);
  vals.set(v.values);
  for (let k = 0; k < DIM; k++) {
    idx[v.indices.length + k] = vz.size + k;
    vals[v.indices.length + k] = w * d[k];
  }
  return { ...v, indices: idx, values: vals };
}
for (const w of (process.argv[2] ?? '0,1').split(',').map(Number)) {
  const X = toSparseMatrix(train.map((e) => vec(e.text, w)));
  const y = Int32Array.from(train, (e) => labels.indexOf(e.intent));
  const t0 = Date.now();
  const W = trainOneVsRest(X, y, labels.length, vz.size + DIM, {
    ...DEFAULT_CLASSIFIER_OPTIONS.svm,
    boostedClass: oi,
  });
  const ts = (Date.now() - t0) / 1000;
  const sc = new Float64Array(labels.length);
  let ok = 0,
    inN = 0,
    tp = 0,
    fp = 0,
    P = 0;
  const rows: { s: number; o: boolean }[] = [];
  for (const e of val) {
    const v = vec(e.text, w);
    scoreInto(W, v.indices, v.values, sc);
    let top = -1;
    for (let c = 0; c < labels.length; c++) if (c !== oi && (top < 0 || sc[c] > sc[top])) top = c;
    const isO = e.intent === 'oos';
    const o = sc[oi] > sc[top];
    rows.push({ s: sc[oi] - sc[top], o: isO });
    if (isO) P++;
    if (o && isO) tp++;
    if (o && !isO) fp++;
    if (!isO) {
      inN++;
      if (!o && labels[top] === e.intent) ok++;
    }
  }
  const s = rows.sort((a, b) => b.s - a.s);
  let a = 0,
    b = 0,
    best = 0;
  for (const x of s) {
    if (x.o) a++;
    else b++;
    if (a / (a + b) >= 0.85) best = a / P;
  }
  console.log(
    'w',
    w,
    'train s',
    ts,
    'inAcc',
    (ok / inN).toFixed(4),
    'rule prec',
    (tp / (tp + fp)).toFixed(3),
    'rec',
    (tp / P).toFixed(3),
    'oracle logRatio rec@.85',
    best.toFixed(3),
  );
}
