import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DenseLogistic, DenseLogisticData } from './dense-logistic';
import { EncoderHead, EncoderHeadParts, fitEncoderOos, TuningRow } from './encoder-head';
import { DEFAULT_SOFTMAX_TRAINING, SoftmaxTraining, trainSoftmaxHead } from './softmax-head';

/** The built-in utility model's encoder head, next to utility-intents.json. */
export const BUILT_IN_HEAD_PATH = join(__dirname, '..', 'model', 'utility-encoder-head.json');

const FORMAT = 'powerdesk-encoder-head/1';

/** Pre-chosen (docs/nlu.md): the fast answer stands when its best probability is at least this. */
export const DEFAULT_GATE = 0.9;

/** Trains the head on the training embeddings, then its oos detector on the tuning rows. */
export function trainEncoderHead(
  vectors: readonly Float32Array[],
  labelIndex: Int32Array,
  labels: readonly string[],
  tuning: readonly TuningRow[],
  gate = DEFAULT_GATE,
  training: SoftmaxTraining = DEFAULT_SOFTMAX_TRAINING,
): EncoderHead {
  const d = vectors[0].length;
  const softmax = trainSoftmaxHead(vectors, labelIndex, labels.length, training);
  const centroids = new Float32Array(labels.length * d);
  vectors.forEach((v, r) => {
    for (let i = 0; i < d; i++) centroids[labelIndex[r] * d + i] += v[i];
  });
  for (let c = 0; c < labels.length; c++) {
    const row = centroids.subarray(c * d, (c + 1) * d);
    const norm = Math.hypot(...row) || 1;
    for (let i = 0; i < d; i++) row[i] /= norm;
  }
  const neighbours = new Int8Array(vectors.length * d);
  vectors.forEach((v, r) => {
    for (let i = 0; i < d; i++)
      neighbours[r * d + i] = Math.max(-127, Math.min(127, Math.round(v[i] * 127)));
  });
  const parts: EncoderHeadParts = {
    labels: [...labels],
    gate,
    softmax,
    centroids,
    neighbours,
    neighbourLabels: Int32Array.from(labelIndex),
    oos: DenseLogistic.never(16),
  };
  const draft = new EncoderHead(parts);
  return new EncoderHead({ ...parts, oos: fitEncoderOos(draft, tuning) });
}

interface HeadJson {
  format: string;
  labels: string[];
  gate: number;
  dimension: number;
  softmax: { mean: string; scale: string; weights: string; bias: string };
  centroids: string;
  neighbours: string;
  neighbourLabels: string;
  oos: Omit<DenseLogisticData, 'threshold'> & { threshold: number | null };
}

export function saveEncoderHead(head: EncoderHead, file: string): void {
  const p = head.parts;
  const json: HeadJson = {
    format: FORMAT,
    labels: p.labels,
    gate: p.gate,
    dimension: p.softmax.dimension,
    softmax: {
      mean: b64(p.softmax.mean),
      scale: b64(p.softmax.scale),
      weights: b64(p.softmax.weights),
      bias: b64(p.softmax.bias),
    },
    centroids: b64(p.centroids),
    neighbours: b64(p.neighbours),
    neighbourLabels: b64(p.neighbourLabels),
    oos: {
      ...p.oos.data,
      threshold: Number.isFinite(p.oos.data.threshold) ? p.oos.data.threshold : null,
    },
  };
  writeFileSync(file, JSON.stringify(json));
}

export function loadEncoderHead(file: string = BUILT_IN_HEAD_PATH): EncoderHead {
  const json = JSON.parse(readFileSync(file, 'utf8')) as HeadJson;
  if (json.format !== FORMAT) throw new Error(`${file}: not a ${FORMAT} file`);
  const f32 = (s: string): Float32Array => new Float32Array(bytes(s));
  return new EncoderHead({
    labels: json.labels,
    gate: json.gate,
    softmax: {
      classes: json.labels.length,
      dimension: json.dimension,
      mean: f32(json.softmax.mean),
      scale: f32(json.softmax.scale),
      weights: f32(json.softmax.weights),
      bias: f32(json.softmax.bias),
    },
    centroids: f32(json.centroids),
    neighbours: new Int8Array(bytes(json.neighbours)),
    neighbourLabels: new Int32Array(bytes(json.neighbourLabels)),
    oos: new DenseLogistic({ ...json.oos, threshold: json.oos.threshold ?? Infinity }),
  });
}

function b64(a: ArrayBufferView): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** A fresh, aligned copy (Buffer pools are not 4-byte aligned). */
function bytes(s: string): ArrayBuffer {
  const b = Buffer.from(s, 'base64');
  const out = new ArrayBuffer(b.length);
  new Uint8Array(out).set(b);
  return out;
}
