import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { DEFAULT_CLASSIFIER_OPTIONS, IntentClassifier, LabelledText } from './intent-classifier';
import { BUILT_IN_MODEL_PATH, loadModel, saveModel } from './intent-model-codec';
import { evaluate, EvaluationReport } from './evaluation';
import { readJsonl } from './labelled-dataset';
import { encoderInstalled, evalWithEncoder, trainBuiltInHead } from './encoder/cascade.cli';

/** Training and validation data of the built-in utility model. */
const UTILITY_TRAIN = join(__dirname, 'data', 'utility-train.jsonl');
const UTILITY_VALIDATION = join(__dirname, 'data', 'utility-validation.jsonl');

const WARM_UP_PREDICTIONS = 2000;
const DEFAULT_ENCODER_DIR = '.data/encoder';

function usage(): never {
  console.error(
    [
      'usage:',
      '  npm run nlu -- eval --test FILE [--model MODEL]   evaluate the built-in (or a saved) model',
      '  npm run nlu -- eval --train FILE --test FILE [--val FILE] [--save MODEL]',
      '                                                    train from scratch, then evaluate',
      '  npm run nlu -- train                              rebuild the built-in model and encoder head',
      'options of eval: --encoder on|off (default off: the fast model alone; on: the cascade,',
      '  with the share of messages that reached the encoder and the effective predictions/s)',
      '  --encoder-dir DIR (default .data/encoder, filled by bash scripts/ensure-encoder.sh)',
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

async function runEval(args: Map<string, string>): Promise<void> {
  const testFile = args.get('test');
  if (!testFile) usage();
  const encoder = args.get('encoder') ?? 'off';
  if (encoder !== 'on' && encoder !== 'off') usage();
  if (encoder === 'on') {
    const file = args.get('model');
    if (file) usage(); // a saved fast model has no encoder head beside it
    await evalWithEncoder(args.get('encoder-dir') ?? DEFAULT_ENCODER_DIR, {
      test: readJsonl(testFile),
      train: args.has('train') ? readJsonl(args.get('train') ?? '') : undefined,
      validation: args.has('val') ? readJsonl(args.get('val') ?? '') : undefined,
    });
    return;
  }
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

async function runTrain(args: Map<string, string>): Promise<void> {
  const { model, seconds } = trainTimed(readJsonl(UTILITY_TRAIN), readJsonl(UTILITY_VALIDATION));
  saveModel(model, BUILT_IN_MODEL_PATH);
  console.log(
    `trained ${model.labels.length} intents in ${seconds.toFixed(2)} s; wrote ${BUILT_IN_MODEL_PATH}`,
  );
  const dir = args.get('encoder-dir') ?? DEFAULT_ENCODER_DIR;
  if (!encoderInstalled(dir)) {
    console.log(
      `encoder not installed in ${dir}: encoder head not rebuilt (bash scripts/ensure-encoder.sh)`,
    );
    return;
  }
  await trainBuiltInHead(dir, readJsonl(UTILITY_TRAIN), readJsonl(UTILITY_VALIDATION));
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

async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'eval') await runEval(flags(rest));
  else if (command === 'train') await runTrain(flags(rest));
  else usage();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
