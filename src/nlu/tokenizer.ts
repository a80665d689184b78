import { WordTokenizer } from 'natural/lib/natural/tokenizers';
import { PorterStemmer } from 'natural/lib/natural/stemmers';

/** Hashed terms of one text, in two blocks that are weighted and normalised separately. */
export interface TermBags {
  /** Stemmed English words, Han characters, and bigrams of adjacent tokens. */
  words: number[];
  /** Character 2–5-grams of the whole text (Han and Latin alike); robust to typos. */
  chars: number[];
}

const HAN_CHAR = /\p{Script=Han}/u;
const HAN_RUN = /(\p{Script=Han}+)/u;
/**
 * Long digit runs (account and phone numbers, readings, years) all look alike to the classifier;
 * short ones stay literal, because "88" and "886" are Chinese chat for "bye".
 */
const LONG_NUMBER = /\d{4,}/g;

function maskLongNumbers(text: string): string {
  return text.replace(LONG_NUMBER, (run) => '0'.repeat(run.length));
}
const WORD_SEED = 0x811c9dc5;
const BIGRAM_SEED = 0x9e3779b1;
const CHAR_SEED = 0x85ebca6b;
/** Stems are memoised: the Porter stemmer costs microseconds per word, a Map hit nanoseconds. */
const STEM_CACHE_LIMIT = 100_000;

/**
 * Hashes are cut to 30 bits: V8 stores such integers unboxed (Smi), which makes Map lookups of
 * feature keys several times faster; collisions among ~10^5 terms stay negligible.
 */
const HASH_MASK = 0x3fffffff;

/** FNV-1a over UTF-16 code units. */
export function hashString(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & HASH_MASK;
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ (b + BIGRAM_SEED + (a << 6) + (a >>> 2)), 0x27d4eb2d);
  h ^= h >>> 15;
  return h & HASH_MASK;
}

/**
 * English goes through natural's WordTokenizer and Porter stemmer; Han text has no spaces and
 * natural drops it, so every Han character is a token and n-grams do the segmentation implicitly.
 */
export class Tokenizer {
  private readonly wordTokenizer = new WordTokenizer();
  private readonly stems = new Map<string, string>();

  constructor(
    private readonly minCharGram = 2,
    private readonly maxCharGram = 5,
  ) {}

  /** Tokens in reading order, for a normalised text (see normalizeText). */
  tokens(normalized: string): string[] {
    const out: string[] = [];
    for (const part of normalized.split(HAN_RUN)) {
      if (part.length === 0) continue;
      if (HAN_CHAR.test(part)) {
        for (const ch of part) out.push(ch);
      } else {
        for (const word of this.wordTokenizer.tokenize(maskLongNumbers(part)) ?? []) {
          out.push(this.stem(word));
        }
      }
    }
    return out;
  }

  terms(normalized: string): TermBags {
    const tokens = this.tokens(normalized);
    const words: number[] = [];
    let previous = -1;
    for (const token of tokens) {
      const h = hashString(token, WORD_SEED);
      words.push(h);
      if (previous >= 0) words.push(mix(previous, h));
      previous = h;
    }
    return {
      words,
      chars: charGrams(` ${maskLongNumbers(normalized)} `, this.minCharGram, this.maxCharGram),
    };
  }

  private stem(word: string): string {
    let stem = this.stems.get(word);
    if (stem === undefined) {
      stem = word.length > 3 && !/\d/.test(word) ? PorterStemmer.stem(word) : word;
      if (this.stems.size < STEM_CACHE_LIMIT) this.stems.set(word, stem);
    }
    return stem;
  }
}

/** Hashes every character n-gram incrementally, without allocating substrings. */
function charGrams(text: string, min: number, max: number): number[] {
  const out: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let h = CHAR_SEED;
    for (let k = 0; k < max && i + k < n; k++) {
      h ^= text.charCodeAt(i + k);
      h = Math.imul(h, 0x01000193);
      if (k + 1 >= min) out.push((h ^ (k + 1)) & HASH_MASK);
    }
  }
  return out;
}
