// Synthetic out-of-scope negatives ("outlier exposure" from train itself): one line per variant.
// Usage: npx ts-node --transpile-only bench/nlu/synthetic-oos.ts clinc150 val \
//          '[{"kinds":["splice"],"ratio":2}]'   # overrides of DEFAULT_SYNTHETIC_OOS
//        npx ts-node --transpile-only bench/nlu/synthetic-oos.ts clinc150 samples '{"kinds":["swap"],"ratio":0.1}'
import { performance } from 'node:perf_hooks';
import { IntentClassifier, DEFAULT_CLASSIFIER_OPTIONS } from '../../src/nlu/intent-classifier';
import { readJsonl } from '../../src/nlu/labelled-dataset';
import { evaluate } from '../../src/nlu/evaluation';
import { DEFAULT_SYNTHETIC_OOS, generateSyntheticOos } from '../../src/nlu/synthetic-oos';

const [dataset, testName] = [process.argv[2] ?? 'clinc150', process.argv[3] ?? 'val'];
const D = dataset.includes('/') ? dataset : `/work/shared/datasets/${dataset}`;
const train = readJsonl(D.endsWith('.jsonl') ? D : `${D}/train.jsonl`);
if (testName === 'samples') {
  const texts = generateSyntheticOos(train, {
    ...DEFAULT_SYNTHETIC_OOS,
    ...JSON.parse(process.argv[4]),
  });
  texts.slice(0, 20).forEach((t) => console.log(t));
  process.exit(0);
}
const test = readJsonl(testName.endsWith('.jsonl') ? testName : `${D}/${testName}.jsonl`);
const grid = JSON.parse(process.argv[4] ?? '[{}]') as Record<string, unknown>[];
for (const g of grid) {
  const { oosBoost, targetPrecision, separate, ...synthetic } = g as Record<string, unknown> & {
    oosBoost?: number;
    targetPrecision?: number;
    separate?: boolean;
  };
  // separate: the synthetic lines form their own class `__synthetic` (diagnosis of its score).
  const extra = separate
    ? generateSyntheticOos(train, { ...DEFAULT_SYNTHETIC_OOS, ...synthetic }).map((text) => ({
        text,
        intent: '__synthetic',
      }))
    : [];
  const t0 = performance.now();
  const m = IntentClassifier.train([...train, ...extra], {
    ...DEFAULT_CLASSIFIER_OPTIONS,
    synthetic: {
      ...DEFAULT_SYNTHETIC_OOS,
      ...synthetic,
      ratio: separate ? 0 : ((synthetic.ratio as number) ?? 0),
    },
    svm: {
      ...DEFAULT_CLASSIFIER_OPTIONS.svm,
      boost: oosBoost ?? DEFAULT_CLASSIFIER_OPTIONS.svm.boost,
    },
    oos: {
      ...DEFAULT_CLASSIFIER_OPTIONS.oos,
      targetPrecision: targetPrecision ?? DEFAULT_CLASSIFIER_OPTIONS.oos.targetPrecision,
    },
  });
  const t1 = performance.now();
  for (let i = 0; i < 2000; i++) m.predict(test[i % test.length].text);
  const t2 = performance.now();
  const pred = test.map((e) => m.predict(e.text).intent);
  const t3 = performance.now();
  const r = evaluate(
    test.map((e) => e.intent),
    pred,
    { trainSeconds: (t1 - t0) / 1000, predictionsPerSecond: test.length / ((t3 - t2) / 1000) },
  );
  // Oracle (fitted on the test file, for diagnosis only): best oos recall at precision >= 0.85
  // when ranking by the oos class's lead over the best intent, and by the detector's probability.
  const synthIndex = m.labels.indexOf('__synthetic');
  const rows = test.map((e) => {
    const v = m.core.vectorizer.transform(e.text);
    const s = m.signals(v);
    const raw = (m as unknown as { scores: Float64Array }).scores;
    const synth = synthIndex >= 0 ? raw[synthIndex] : 0;
    return {
      lead: s.oosProbability - s.topProbability,
      p: m.oosDetector.probability(s),
      synth,
      synthLead: synth - s.topScore,
      oos: e.intent === 'oos',
    };
  });
  const oracle = (key: 'lead' | 'p' | 'synth' | 'synthLead') => {
    const sorted = [...rows].sort((a, b) => b[key] - a[key]);
    const pos = rows.filter((x) => x.oos).length;
    let tp = 0;
    let best = 0;
    sorted.forEach((x, k) => {
      if (x.oos) tp++;
      if (tp / (k + 1) >= 0.85) best = Math.max(best, tp / pos);
    });
    return Math.round(best * 1000) / 1000;
  };
  console.log(
    JSON.stringify(g),
    JSON.stringify(r.summary),
    `oracle lead ${oracle('lead')} detector ${oracle('p')}` +
      (separate ? ` synth ${oracle('synth')} synthLead ${oracle('synthLead')}` : ''),
  );
}
