import { performance } from 'node:perf_hooks';
import {
  assignFolds,
  DEFAULT_CLASSIFIER_OPTIONS,
  IntentClassifier,
  LabelledText,
} from '../intent-classifier';
import { OUT_OF_SCOPE } from '../nlu.types';
import { TextEncoder } from './encode-texts';
import { EncoderHead, needsEncoder, TuningRow } from './encoder-head';
import { DEFAULT_GATE, trainEncoderHead } from './encoder-head-codec';

export interface CascadeModel {
  fast: IntentClassifier;
  head: EncoderHead;
  /** Wall seconds: fast model(s), encodings done now (cached ones cost nothing), heads. */
  seconds: { fast: number; encode: number; head: number };
  encoded: number;
}

/**
 * Trains the fast model and the encoder head on the same data. The encoder's oos detector is
 * fitted on tuning rows that neither model saw: the validation file when there is one, else a
 * stratified 20 % slice of train scored by a fast model and a head trained on the other 80 %
 * (the fast model tunes its own detector the same way).
 */
export async function trainCascade(
  train: readonly LabelledText[],
  validation: readonly LabelledText[] | undefined,
  encoder: TextEncoder,
  gate = DEFAULT_GATE,
): Promise<CascadeModel> {
  const seconds = { fast: 0, encode: 0, head: 0 };
  let encoded = 0;
  const encode = async (texts: readonly LabelledText[], label: string) => {
    const out = await encoder.encodeAll(
      texts.map((e) => e.text),
      label,
    );
    seconds.encode += out.seconds;
    encoded += out.encoded;
    return out.vectors;
  };
  const timed = <T>(key: 'fast' | 'head', work: () => T): T => {
    const started = performance.now();
    const out = work();
    seconds[key] += (performance.now() - started) / 1000;
    return out;
  };
  const vectors = await encode(train, 'train');
  const fast = timed('fast', () =>
    IntentClassifier.train(train, DEFAULT_CLASSIFIER_OPTIONS, validation),
  );
  const labels = [...fast.labels];
  const index = (rows: readonly LabelledText[]) =>
    Int32Array.from(rows, (e) => labels.indexOf(e.intent));
  if (validation && validation.length > 0) {
    const valVectors = await encode(validation, 'validation');
    const tuning = tuningRows(fast, validation, valVectors);
    const head = timed('head', () => trainEncoderHead(vectors, index(train), labels, tuning, gate));
    return { fast, head, seconds, encoded };
  }
  const folds = assignFolds(
    train,
    DEFAULT_CLASSIFIER_OPTIONS.folds,
    DEFAULT_CLASSIFIER_OPTIONS.seed,
  );
  const fitRows = train.filter((_, i) => folds[i] !== 0);
  const heldRows = train.filter((_, i) => folds[i] === 0);
  const fitVectors = vectors.filter((_, i) => folds[i] !== 0);
  const heldVectors = vectors.filter((_, i) => folds[i] === 0);
  const foldFast = timed('fast', () => IntentClassifier.train(fitRows));
  if (foldFast.labels.join('\n') !== labels.join('\n')) {
    throw new Error('every intent needs at least 5 training lines for the tuning slice');
  }
  const tuning = tuningRows(foldFast, heldRows, heldVectors);
  const foldHead = timed('head', () =>
    trainEncoderHead(fitVectors, index(fitRows), labels, tuning, gate),
  );
  const full = timed('head', () => trainEncoderHead(vectors, index(train), labels, [], gate));
  const head = new EncoderHead({ ...full.parts, oos: foldHead.parts.oos });
  return { fast, head, seconds, encoded };
}

function tuningRows(
  fast: IntentClassifier,
  rows: readonly LabelledText[],
  vectors: readonly Float32Array[],
): TuningRow[] {
  return rows.map((e, i) => ({
    fast: fast.explain(e.text),
    vector: vectors[i],
    isOos: e.intent === OUT_OF_SCOPE,
  }));
}

export interface CascadeRun {
  predicted: string[];
  /** Share of the messages the gate sent to the encoder. */
  encoderShare: number;
  /** Sequential, one core: fast model on all + heads on the gated + their measured encodings. */
  predictionsPerSecond: number;
  /** The same with the encodings' CPU time instead of their wall time. */
  predictionsPerCpuSecond: number;
  encodeMsPerText: number;
  encodeCpuMsPerText: number;
}

/** Runs the cascade over a test file, as the service would, minus the deadline. */
export async function runCascade(
  fast: IntentClassifier,
  head: EncoderHead,
  test: readonly LabelledText[],
  encoder: TextEncoder,
): Promise<CascadeRun> {
  let started = performance.now();
  const details = test.map((e) => fast.explain(e.text));
  let mainSeconds = (performance.now() - started) / 1000;
  const gated = test.filter((_, i) => needsEncoder(details[i], head.parts.gate));
  const gatedVectors = (
    await encoder.encodeAll(
      gated.map((e) => e.text),
      'test',
    )
  ).vectors;
  const vectorOf = new Map(gated.map((e, i) => [e, gatedVectors[i]]));
  started = performance.now();
  const predicted = test.map((e, i) => {
    const vector = vectorOf.get(e);
    return vector ? head.decide(details[i], vector).intent : details[i].prediction.intent;
  });
  mainSeconds += (performance.now() - started) / 1000;
  // Encoding cost measured afresh (the vectors above may have come from the cache).
  const timing = await encoder.timeEncodings(gated.map((e) => e.text).slice(0, 200));
  const wall = mainSeconds + (gated.length * timing.wallMs) / 1000;
  const cpu = mainSeconds + (gated.length * timing.cpuMs) / 1000;
  return {
    predicted,
    encoderShare: gated.length / Math.max(1, test.length),
    predictionsPerSecond: test.length / Math.max(wall, 1e-9),
    predictionsPerCpuSecond: test.length / Math.max(cpu, 1e-9),
    encodeMsPerText: timing.wallMs,
    encodeCpuMsPerText: timing.cpuMs,
  };
}
