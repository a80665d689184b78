// Exploratory sweep of feature settings: accuracy and speed on one dataset.
// Usage: npx ts-node --transpile-only bench/nlu/sweep.ts banking77 test '[{"maxCharGram":4}]'
import { performance } from 'node:perf_hooks';
import { IntentClassifier, DEFAULT_CLASSIFIER_OPTIONS } from '../../src/nlu/intent-classifier';
import { readJsonl } from '../../src/nlu/labelled-dataset';
import { evaluate } from '../../src/nlu/evaluation';
const [dataset, testName] = [process.argv[2] ?? 'banking77', process.argv[3] ?? 'test'];
const D = `/work/shared/datasets/${dataset}`;
const train = readJsonl(D + '/train.jsonl');
const test = readJsonl(`${D}/${testName}.jsonl`);
const grid = JSON.parse(process.argv[4] ?? '[{}]') as Record<string, number>[];
for (const g of grid) {
  const t0 = performance.now();
  const m = IntentClassifier.train(train, {
    ...DEFAULT_CLASSIFIER_OPTIONS,
    vectorizer: { ...DEFAULT_CLASSIFIER_OPTIONS.vectorizer, ...g },
    svm: { ...DEFAULT_CLASSIFIER_OPTIONS.svm, ...g },
  });
  const t1 = performance.now();
  test.slice(0, 500).forEach((e) => m.predict(e.text));
  const t2 = performance.now();
  const pred = test.map((e) => m.predict(e.text).intent);
  const t3 = performance.now();
  const r = evaluate(
    test.map((e) => e.intent),
    pred,
    { trainSeconds: (t1 - t0) / 1000, predictionsPerSecond: test.length / ((t3 - t2) / 1000) },
  );
  console.log(JSON.stringify(g), JSON.stringify(r.summary));
}
