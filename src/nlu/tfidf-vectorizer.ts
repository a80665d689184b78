import { SparseVector } from './sparse-vector';
import { TermBags, Tokenizer } from './tokenizer';
import { normalizeText } from './text-normalizer';

export interface VectorizerOptions {
  /** Terms seen in fewer training texts are dropped: they cannot generalise and bloat the model. */
  minDf: number;
  /** Relative weight of the word block against the character block. */
  wordWeight: number;
  charWeight: number;
}

export const DEFAULT_VECTORIZER_OPTIONS: VectorizerOptions = {
  minDf: 2,
  wordWeight: 1,
  charWeight: 1,
};

export interface VectorizerData {
  options: VectorizerOptions;
  /** Hashed term keys; position = feature index. Word-block terms come first. */
  keys: Uint32Array;
  idf: Float32Array;
}

/** TF-IDF with sublinear tf (1 + ln tf) and smoothed idf, each block L2-normalised. */
export class TfidfVectorizer {
  private readonly tokenizer = new Tokenizer();
  private readonly index: Map<number, number>;

  constructor(readonly data: VectorizerData) {
    this.index = new Map();
    data.keys.forEach((key, i) => this.index.set(key, i));
  }

  get size(): number {
    return this.data.keys.length;
  }

  static fit(texts: readonly string[], options: VectorizerOptions): TfidfVectorizer {
    const tokenizer = new Tokenizer();
    const wordDf = new Map<number, number>();
    const charDf = new Map<number, number>();
    for (const text of texts) {
      const bags = tokenizer.terms(normalizeText(text));
      countOnce(bags.words, wordDf);
      countOnce(bags.chars, charDf);
    }
    const keys: number[] = [];
    const dfs: number[] = [];
    for (const df of [wordDf, charDf]) {
      for (const [key, count] of df) {
        if (count >= options.minDf) {
          keys.push(key);
          dfs.push(count);
        }
      }
    }
    const n = texts.length;
    const idf = Float32Array.from(dfs, (df) => Math.log((1 + n) / (1 + df)) + 1);
    return new TfidfVectorizer({ options, keys: Uint32Array.from(keys), idf });
  }

  transform(text: string): SparseVector {
    return this.fromTerms(this.tokenizer.terms(normalizeText(text)));
  }

  private fromTerms(bags: TermBags): SparseVector {
    const { wordWeight, charWeight } = this.data.options;
    const word = this.block(bags.words, wordWeight);
    const char = this.block(bags.chars, charWeight);
    const indices = new Int32Array(word.indices.length + char.indices.length);
    const values = new Float32Array(indices.length);
    indices.set(word.indices);
    indices.set(char.indices, word.indices.length);
    values.set(word.values);
    values.set(char.values, word.values.length);
    return { indices, values, wordNnz: word.indices.length, unknownWords: word.unknown };
  }

  private block(
    terms: readonly number[],
    weight: number,
  ): { indices: number[]; values: number[]; unknown: number } {
    const all = new Int32Array(terms.length);
    let count = 0;
    for (const term of terms) {
      const i = this.index.get(term);
      if (i !== undefined) all[count++] = i;
    }
    const found = all.subarray(0, count).sort();
    const indices: number[] = [];
    const values: number[] = [];
    let norm = 0;
    for (let s = 0; s < found.length;) {
      let e = s + 1;
      while (e < found.length && found[e] === found[s]) e++;
      const v = (1 + Math.log(e - s)) * this.data.idf[found[s]];
      indices.push(found[s]);
      values.push(v);
      norm += v * v;
      s = e;
    }
    if (norm > 0) {
      const scale = weight / Math.sqrt(norm);
      for (let k = 0; k < values.length; k++) values[k] *= scale;
    }
    return { indices, values, unknown: terms.length - count };
  }
}

function countOnce(terms: readonly number[], df: Map<number, number>): void {
  for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
}
