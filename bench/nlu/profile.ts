// Speed of each prediction stage (transform, scoring, neighbour query, full predict) on a dataset.
// Usage: npx ts-node --transpile-only bench/nlu/profile.ts clinc150 val
import { performance } from 'node:perf_hooks';
import { IntentClassifier, DEFAULT_CLASSIFIER_OPTIONS } from '../../src/nlu/intent-classifier';
import { readJsonl } from '../../src/nlu/labelled-dataset';
import { scoreInto } from '../../src/nlu/linear-svm';
const D = '/work/shared/datasets/' + (process.argv[2] ?? 'banking77');
const train = readJsonl(D + '/train.jsonl');
const testFile = process.argv[3] ?? 'test';
const test = readJsonl(D + `/${testFile}.jsonl`);
const m = IntentClassifier.train(train, DEFAULT_CLASSIFIER_OPTIONS);
console.log('features', m.core.vectorizer.size, 'postings', m.core.neighbours.docs.length);
let t = performance.now();
const vecs = test.map((e) => m.core.vectorizer.transform(e.text));
console.log('transform/s', test.length / ((performance.now() - t) / 1000));
const out = new Float64Array(m.labels.length);
t = performance.now();
for (const v of vecs) scoreInto(m.core.weights, v.indices, v.values, out);
console.log(
  'score/s',
  test.length / ((performance.now() - t) / 1000),
  'avg nnz',
  vecs.reduce((s, v) => s + v.indices.length, 0) / vecs.length,
);
t = performance.now();
for (const v of vecs) m.core.neighbours.query(v.indices, v.values, v.wordNnz, 0, v.unknownWords);
console.log('knn/s', test.length / ((performance.now() - t) / 1000));
t = performance.now();
for (const v of vecs) m.predictVector(v);
console.log('predictVector/s', test.length / ((performance.now() - t) / 1000));
console.log(JSON.stringify(m.oosDetector.data), m.temperature);
