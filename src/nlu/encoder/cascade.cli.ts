import { performance } from 'node:perf_hooks';
import { evaluate } from '../evaluation';
import { IntentClassifier, LabelledText } from '../intent-classifier';
import { loadModel } from '../intent-model-codec';
import { detectLanguage } from '../language-detector';
import { OUT_OF_SCOPE } from '../nlu.types';
import { runCascade, trainCascade } from './cascade-training';
import { encoderInstalled } from './e5-encoder';
import { TextEncoder } from './encode-texts';
import { EncoderHead } from './encoder-head';
import {
  BUILT_IN_HEAD_PATH,
  loadEncoderHead,
  saveEncoderHead,
  trainEncoderHead,
} from './encoder-head-codec';

/** The `--encoder on` side of `npm run nlu`: training both heads and the side-by-side report. */
export { encoderInstalled };

async function openEncoder(dir: string): Promise<TextEncoder> {
  if (!encoderInstalled(dir)) {
    throw new Error(`encoder not installed in ${dir}: run bash scripts/ensure-encoder.sh first`);
  }
  return TextEncoder.open(dir);
}

export interface EncoderEvalInput {
  test: LabelledText[];
  train?: LabelledText[];
  validation?: LabelledText[];
}

export async function evalWithEncoder(dir: string, input: EncoderEvalInput): Promise<void> {
  const encoder = await openEncoder(dir);
  let fast: IntentClassifier;
  let head: EncoderHead;
  let trainSeconds: number | null = null;
  if (input.train) {
    const model = await trainCascade(input.train, input.validation, encoder);
    ({ fast, head } = model);
    const { seconds } = model;
    trainSeconds = seconds.fast + seconds.encode + seconds.head;
    console.log(
      `trained ${fast.labels.length} intents: fast models ${seconds.fast.toFixed(1)} s, ` +
        `${model.encoded} encodings ${seconds.encode.toFixed(1)} s (the rest from the cache), ` +
        `encoder heads ${seconds.head.toFixed(1)} s`,
    );
  } else {
    fast = loadModel();
    head = loadEncoderHead();
  }
  const gold = input.test.map((e) => e.intent);
  const fastRun = timeFast(fast, input.test);
  const fastReport = evaluate(gold, fastRun.predicted, {
    trainSeconds,
    predictionsPerSecond: fastRun.perSecond,
  });
  const cascade = await runCascade(fast, head, input.test, encoder);
  const cascadeReport = evaluate(gold, cascade.predicted, {
    trainSeconds,
    predictionsPerSecond: cascade.predictionsPerSecond,
  });
  console.log(
    `reached the encoder: ${(cascade.encoderShare * 100).toFixed(1)} % of ${input.test.length}; ` +
      `${cascade.encodeMsPerText.toFixed(1)} ms per encoding (${cascade.encodeCpuMsPerText.toFixed(1)} ms CPU; one core, sequential)`,
  );
  printByLanguage(input.test, fastRun.predicted, cascade.predicted);
  console.log(JSON.stringify({ stage: 'fast', ...fastReport.summary }));
  console.log(
    JSON.stringify({
      stage: 'cascade',
      encoderShare: round(cascade.encoderShare),
      encodeMsPerText: round(cascade.encodeMsPerText),
      encodeCpuMsPerText: round(cascade.encodeCpuMsPerText),
      predictionsPerCpuSecond: Math.round(cascade.predictionsPerCpuSecond),
      ...cascadeReport.summary,
    }),
  );
}

/** Rebuilds src/nlu/model/utility-encoder-head.json for the built-in fast model just saved. */
export async function trainBuiltInHead(
  dir: string,
  train: readonly LabelledText[],
  validation: readonly LabelledText[],
): Promise<void> {
  const encoder = await openEncoder(dir);
  const started = performance.now();
  const fast = loadModel();
  const vectors = (
    await encoder.encodeAll(
      train.map((e) => e.text),
      'train',
    )
  ).vectors;
  const valVectors = (
    await encoder.encodeAll(
      validation.map((e) => e.text),
      'validation',
    )
  ).vectors;
  const labels = [...fast.labels];
  const tuning = validation.map((e, i) => ({
    fast: fast.explain(e.text),
    vector: valVectors[i],
    isOos: e.intent === OUT_OF_SCOPE,
  }));
  const index = Int32Array.from(train, (e) => labels.indexOf(e.intent));
  const head = trainEncoderHead(vectors, index, labels, tuning);
  saveEncoderHead(head, BUILT_IN_HEAD_PATH);
  const seconds = (performance.now() - started) / 1000;
  console.log(`trained the encoder head in ${seconds.toFixed(1)} s; wrote ${BUILT_IN_HEAD_PATH}`);
}

function timeFast(
  fast: IntentClassifier,
  test: readonly LabelledText[],
): { predicted: string[]; perSecond: number } {
  for (let i = 0; i < 2000 && test.length > 0; i++) fast.predict(test[i % test.length].text);
  const started = performance.now();
  const predicted = test.map((e) => fast.predict(e.text).intent);
  const seconds = (performance.now() - started) / 1000;
  return { predicted, perSecond: test.length / Math.max(seconds, 1e-9) };
}

/** Accuracy by the language the customer wrote in: Chinese and English are both first-class. */
function printByLanguage(
  test: readonly LabelledText[],
  fastPredicted: readonly string[],
  cascadePredicted: readonly string[],
): void {
  for (const language of ['zh', 'en', 'mixed'] as const) {
    const rows = test.map((e, i) => i).filter((i) => detectLanguage(test[i].text) === language);
    if (rows.length === 0) continue;
    const accuracy = (predicted: readonly string[]): string =>
      (rows.filter((i) => predicted[i] === test[i].intent).length / rows.length).toFixed(3);
    console.log(
      `${language}: ${rows.length} messages, accuracy fast ${accuracy(fastPredicted)} → cascade ${accuracy(cascadePredicted)}`,
    );
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
