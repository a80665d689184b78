import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntentClassifier } from './intent-classifier';
import { NearestNeighbourIndex } from './nearest-neighbour-index';
import { OosDetector, OosDetectorData, SIGNAL_COUNT } from './oos-detector';
import { TfidfVectorizer, VectorizerOptions } from './tfidf-vectorizer';

/** The built-in utility model; nest copies src/nlu/model/*.json next to the compiled code. */
export const BUILT_IN_MODEL_PATH = join(__dirname, 'model', 'utility-intents.json');

const FORMAT = 'powerdesk-nlu/1';

/** Typed arrays travel as base64 so the artifact stays compact and parses in milliseconds. */
interface ModelJson {
  format: string;
  labels: string[];
  temperature: number;
  vectorizer: { options: VectorizerOptions; keys: string; idf: string };
  weights: { classes: number; features: number; weights: string; bias: string };
  neighbours: {
    ptr: string;
    docs: string;
    values: string;
    labels: string;
    classTerms: string;
    idf: string;
  };
  oos: Omit<OosDetectorData, 'threshold'> & { threshold: number | null };
}

export function encodeModel(model: IntentClassifier): ModelJson {
  const { vectorizer, weights, neighbours, labels } = model.core;
  const oos = model.oosDetector.data;
  return {
    format: FORMAT,
    labels,
    temperature: model.temperature,
    vectorizer: {
      options: vectorizer.data.options,
      keys: b64(vectorizer.data.keys),
      idf: b64(vectorizer.data.idf),
    },
    weights: {
      classes: weights.classes,
      features: weights.features,
      weights: b64(weights.weights),
      bias: b64(weights.bias),
    },
    neighbours: {
      ptr: b64(neighbours.ptr),
      docs: b64(neighbours.docs),
      values: b64(neighbours.values),
      labels: b64(neighbours.labels),
      classTerms: b64(neighbours.classTerms),
      idf: b64(neighbours.idf),
    },
    oos: { ...oos, threshold: Number.isFinite(oos.threshold) ? oos.threshold : null },
  };
}

export function decodeModel(json: ModelJson): IntentClassifier {
  if (json.format !== FORMAT) throw new Error(`unsupported NLU model format ${json.format}`);
  const vectorizer = new TfidfVectorizer({
    options: json.vectorizer.options,
    keys: new Uint32Array(bytes(json.vectorizer.keys)),
    idf: new Float32Array(bytes(json.vectorizer.idf)),
  });
  const weights = {
    classes: json.weights.classes,
    features: json.weights.features,
    weights: new Float32Array(bytes(json.weights.weights)),
    bias: new Float32Array(bytes(json.weights.bias)),
  };
  const neighbours = new NearestNeighbourIndex(
    new Int32Array(bytes(json.neighbours.ptr)),
    new Int32Array(bytes(json.neighbours.docs)),
    new Float32Array(bytes(json.neighbours.values)),
    new Int32Array(bytes(json.neighbours.labels)),
    new Uint8Array(bytes(json.neighbours.classTerms)),
    json.labels.length,
    new Float32Array(bytes(json.neighbours.idf)),
  );
  if (json.oos.weights.length !== SIGNAL_COUNT) {
    throw new Error('NLU model was built with other oos signals: run `npm run nlu -- train`');
  }
  const oos = new OosDetector({ ...json.oos, threshold: json.oos.threshold ?? Infinity });
  return new IntentClassifier(
    { labels: json.labels, vectorizer, weights, neighbours },
    json.temperature,
    oos,
  );
}

export function saveModel(model: IntentClassifier, file: string): void {
  writeFileSync(file, JSON.stringify(encodeModel(model)));
}

export function loadModel(file: string = BUILT_IN_MODEL_PATH): IntentClassifier {
  return decodeModel(JSON.parse(readFileSync(file, 'utf8')) as ModelJson);
}

function b64(array: ArrayBufferView): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/** A fresh, aligned ArrayBuffer (Buffer pools are not aligned for Float32Array views). */
function bytes(text: string): ArrayBuffer {
  const buffer = Buffer.from(text, 'base64');
  const out = new ArrayBuffer(buffer.length);
  new Uint8Array(out).set(buffer);
  return out;
}
