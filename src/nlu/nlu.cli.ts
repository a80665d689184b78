import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { DEFAULT_CLASSIFIER_OPTIONS, IntentClassifier, LabelledText } from './intent-classifier';
import { BUILT_IN_MODEL_PATH, loadModel, saveModel } from './intent-model-codec';
import { evaluate, EvaluationReport } from './evaluation';
import { readJsonl } from './labelled-dataset';

/** Training and validation data of the built-in utility model. */
const UTILITY_TRAIN = join(__dirname, 'data', 'utility-train.jsonl');
const UTILITY_VALIDATION = join(__dirname, 'data', 'utility-validation.jsonl');

const WARM_UP_PREDICTIONS = 2000;

function usage(): never {
  console.error(
    [
      'usage:',
      '  npm run nlu -- eval --test FILE [--model MODEL]   evaluate the built-in (or a saved) model',
      '  npm run nlu -- eval --train FILE --test FILE [--val FILE] [--save MODEL]',
      '                                                    train from scratch, then evaluate',
      '  npm run nlu -- train                              rebuild the built-in model',
    ].join('\n'),
  );
  process.exit(2);
}

function flags(args: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith('--') || i + 1 >= args.length) usage();
    out.set(args[i].slice(2), args[i + 1]);
    i++;
  }
  return out;
}

function trainTimed(
  train: LabelledText[],
  validation?: LabelledText[],
): { model: IntentClassifier; seconds: number } {
  const started = performance.now();
  const model = IntentClassifier.train(train, DEFAULT_CLASSIFIER_OPTIONS, validation);
  return { model, seconds: (performance.now() - started) / 1000 };
}

function runEval(args: Map<string, string>): void {
  const testFile = args.get('test');
  if (!testFile) usage();
  const test = readJsonl(testFile);
  let model: IntentClassifier;
  let trainSeconds: number | null = null;
  const trainFile = args.get('train');
  if (trainFile) {
    const valFile = args.get('val');
    const trained = trainTimed(readJsonl(trainFile), valFile ? readJsonl(valFile) : undefined);
    model = trained.model;
    trainSeconds = trained.seconds;
    console.log(`trained ${model.labels.length} intents in ${trained.seconds.toFixed(2)} s`);
    const saveFile = args.get('save');
    if (saveFile) saveModel(model, saveFile);
  } else {
    const file = args.get('model') ?? BUILT_IN_MODEL_PATH;
    const started = performance.now();
    model = loadModel(file);
    console.log(`loaded ${file} in ${(performance.now() - started).toFixed(0)} ms`);
  }
  // Steady-state speed: an untimed warm-up (2,000 predictions) lets the JIT compile the hot loops.
  for (let i = 0; i < WARM_UP_PREDICTIONS && test.length > 0; i++) {
    model.predict(test[i % test.length].text);
  }
  const started = performance.now();
  const predicted = test.map((e) => model.predict(e.text).intent);
  const seconds = (performance.now() - started) / 1000;
  const report = evaluate(
    test.map((e) => e.intent),
    predicted,
    { trainSeconds, predictionsPerSecond: test.length / Math.max(seconds, 1e-9) },
  );
  print(report);
}

function runTrain(): void {
  const { model, seconds } = trainTimed(readJsonl(UTILITY_TRAIN), readJsonl(UTILITY_VALIDATION));
  saveModel(model, BUILT_IN_MODEL_PATH);
  console.log(
    `trained ${model.labels.length} intents in ${seconds.toFixed(2)} s; wrote ${BUILT_IN_MODEL_PATH}`,
  );
}

function print(report: EvaluationReport): void {
  console.log(['intent'.padEnd(28), 'support', 'precision', 'recall', '    f1'].join('  '));
  for (const r of report.rows) {
    console.log(
      [
        r.intent.padEnd(28),
        String(r.support).padStart(7),
        r.precision.toFixed(3).padStart(9),
        r.recall.toFixed(3).padStart(6),
        r.f1.toFixed(3).padStart(6),
      ].join('  '),
    );
  }
  console.log('\nmost confused (gold → predicted):');
  for (const c of report.confusions) console.log(`  ${c.count}\t${c.gold} → ${c.predicted}`);
  console.log(JSON.stringify(report.summary));
}

function main(argv: readonly string[]): void {
  const [command, ...rest] = argv;
  if (command === 'eval') runEval(flags(rest));
  else if (command === 'train') runTrain();
  else usage();
}

main(process.argv.slice(2));
