// Exploratory: the current detector's 7 signals for every clinc150 train line *out of fold*
// (5 stratified folds, each scored by a model trained on the other 4; fold 0 is the slice that
// production tuning holds out) and for every val line (model trained on all of train). Lets a
// detector be tuned on all 100 oos train lines and new signals be combined offline
// (bench/nlu/static-oos.py).
// Usage: npx ts-node --transpile-only bench/nlu/dump-signals.ts [OUT=/tmp/m2v/signals.json]
import { writeFileSync } from 'node:fs';
import {
  CoreModel,
  DEFAULT_CLASSIFIER_OPTIONS,
  fitCore,
  IntentClassifier,
} from '../../src/nlu/intent-classifier';
import { readJsonl } from '../../src/nlu/labelled-dataset';
import { OosDetector, signalVector } from '../../src/nlu/oos-detector';
import { fitTemperature } from '../../src/nlu/calibration';
import { scoreInto } from '../../src/nlu/linear-svm';
import { createRandom, shuffleInPlace } from '../../src/nlu/random';

const D = '/work/shared/datasets/clinc150';
const out = process.argv[2] ?? '/tmp/m2v/signals.json';
const train = readJsonl(D + '/train.jsonl');
const val = readJsonl(D + '/val.jsonl');
const labels = [...new Set(train.map((e) => e.intent))].sort();
const oi = labels.indexOf('oos');
const opts = DEFAULT_CLASSIFIER_OPTIONS;
const K = 5;

// Same stratified fold assignment as IntentClassifier.train (seeded shuffle per intent).
const folds = new Int32Array(train.length);
{
  const random = createRandom(opts.seed);
  const byIntent = new Map<string, number[]>();
  train.forEach((e, i) => byIntent.set(e.intent, [...(byIntent.get(e.intent) ?? []), i]));
  for (const intent of [...byIntent.keys()].sort()) {
    const m = byIntent.get(intent) ?? [];
    shuffleInPlace(m, random);
    m.forEach((i, k) => (folds[i] = k % K));
  }
}
const t0 = Date.now();
const cores: CoreModel[] = [];
const oofScores: Float64Array[] = new Array<Float64Array>(train.length);
for (let f = 0; f < K; f++) {
  const core = fitCore(
    train.filter((_, i) => folds[i] !== f),
    labels,
    opts,
  );
  cores.push(core);
  train.forEach((e, i) => {
    if (folds[i] !== f) return;
    const v = core.vectorizer.transform(e.text);
    oofScores[i] = new Float64Array(labels.length);
    scoreInto(core.weights, v.indices, v.values, oofScores[i]);
  });
  console.error('fold', f, (Date.now() - t0) / 1000, 's');
}
const inScope = train.map((e, i) => i).filter((i) => train[i].intent !== 'oos');
const T = fitTemperature(
  inScope.map((i) => oofScores[i]),
  inScope.map((i) => labels.indexOf(train[i].intent)),
);
// Production temperature: fitted on fold 0 only.
const T0 = fitTemperature(
  inScope.filter((i) => folds[i] === 0).map((i) => oofScores[i]),
  inScope.filter((i) => folds[i] === 0).map((i) => labels.indexOf(train[i].intent)),
);
function row(clf: IntentClassifier, text: string): { sig: number[]; top: number } {
  const s = clf.signals(clf.core.vectorizer.transform(text));
  const probs = (clf as unknown as { probs: Float64Array }).probs;
  let top = -1;
  for (let c = 0; c < probs.length; c++)
    if (c !== oi && (top < 0 || probs[c] > probs[top])) top = c;
  return { sig: signalVector(s), top };
}
const probes = cores.map((c) => new IntentClassifier(c, T, OosDetector.never()));
const trainRows = train.map((e, i) => ({ ...row(probes[folds[i]], e.text), fold: folds[i] }));
const full = fitCore(train, labels, opts);
const fullProbe = new IntentClassifier(full, T, OosDetector.never());
const valRows = val.map((e) => row(fullProbe, e.text));
console.error('done', (Date.now() - t0) / 1000, 's; T(all folds)', T, 'T(fold 0)', T0);
writeFileSync(
  out,
  JSON.stringify({
    labels,
    temperature: T,
    train: trainRows.map((r, i) => ({ ...r, gold: labels.indexOf(train[i].intent) })),
    val: valRows.map((r, i) => ({ ...r, gold: labels.indexOf(val[i].intent) })),
  }),
);
