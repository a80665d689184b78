import { OUT_OF_SCOPE } from './nlu.types';
import { createRandom } from './random';
import { normalizeText } from './text-normalizer';

/**
 * Pseudo out-of-scope utterances made from the in-scope training texts themselves ("outlier
 * exposure" without outside data), added to the trained `oos` class:
 * - `splice`: the first half of an utterance of one intent + the second half of another intent's;
 * - `swap`: an utterance whose content words (words seen in few intents) are replaced by content
 *   words of another intent, function words kept;
 * - `unigram`: a bag of words drawn from the global word distribution;
 * - `drop`: an utterance without the words indicative of its intent (mostly seen in that intent),
 *   so what remains is generic.
 */
export type SyntheticKind = 'splice' | 'swap' | 'unigram' | 'drop';

export interface SyntheticOosOptions {
  kinds: SyntheticKind[];
  /** How many synthetic lines per real `oos` training line (0: none), split over `kinds`. */
  ratio: number;
  /** Words found in at least this share of the intents are function words (kept by `swap`). */
  functionWordShare: number;
  /** A word is indicative of an intent when at least this share of its occurrences is there. */
  indicativeShare: number;
  /** Weight of a synthetic line relative to a real `oos` line in the SVM (1 = same). */
  weight: number;
  seed: number;
}

export const DEFAULT_SYNTHETIC_OOS: SyntheticOosOptions = {
  kinds: [],
  ratio: 0,
  functionWordShare: 0.1,
  indicativeShare: 0.5,
  weight: 1,
  seed: 29,
};

/**
 * Synthetic oos texts for `train`, deterministic for a seed. Nothing is generated when train has
 * no `oos` lines (the count is a multiple of theirs), so datasets without oos are unaffected.
 */
export function generateSyntheticOos(
  train: readonly { text: string; intent: string }[],
  options: SyntheticOosOptions = DEFAULT_SYNTHETIC_OOS,
): string[] {
  const realOos = train.filter((e) => e.intent === OUT_OF_SCOPE).length;
  const total = Math.round(realOos * options.ratio);
  if (total === 0 || options.kinds.length === 0) return [];
  const random = createRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

  const byIntent = new Map<string, string[][]>();
  for (const e of train) {
    if (e.intent === OUT_OF_SCOPE) continue;
    const words = normalizeText(e.text).split(' ').filter(Boolean);
    if (words.length === 0) continue;
    const list = byIntent.get(e.intent);
    if (list) list.push(words);
    else byIntent.set(e.intent, [words]);
  }
  const intents = [...byIntent.keys()].sort();
  if (intents.length < 2) return [];

  // Per word: how many intents use it, its total count, and its count in its most frequent intent.
  const intentsOf = new Map<string, Set<string>>();
  const countOf = new Map<string, Map<string, number>>();
  const allWords: string[] = [];
  for (const intent of intents) {
    for (const words of byIntent.get(intent) ?? []) {
      for (const w of words) {
        allWords.push(w);
        let seen = intentsOf.get(w);
        if (!seen) intentsOf.set(w, (seen = new Set()));
        seen.add(intent);
        let counts = countOf.get(w);
        if (!counts) countOf.set(w, (counts = new Map()));
        counts.set(intent, (counts.get(intent) ?? 0) + 1);
      }
    }
  }
  const isFunctionWord = (w: string): boolean =>
    (intentsOf.get(w)?.size ?? 0) >= options.functionWordShare * intents.length;
  const isIndicative = (w: string, intent: string): boolean => {
    const counts = countOf.get(w);
    if (!counts) return false;
    let sum = 0;
    for (const n of counts.values()) sum += n;
    return (counts.get(intent) ?? 0) >= options.indicativeShare * sum;
  };
  const contentOf = new Map<string, string[]>();
  for (const intent of intents) {
    const content: string[] = [];
    for (const words of byIntent.get(intent) ?? []) {
      for (const w of words) if (!isFunctionWord(w)) content.push(w);
    }
    contentOf.set(intent, content);
  }

  const otherIntent = (intent: string): string => {
    for (;;) {
      const other = pick(intents);
      if (other !== intent) return other;
    }
  };
  const generators: Record<SyntheticKind, () => string[] | undefined> = {
    splice: () => {
      const a = pick(intents);
      const first = pick(byIntent.get(a) ?? []);
      const second = pick(byIntent.get(otherIntent(a)) ?? []);
      const left = first.slice(0, Math.ceil(first.length / 2));
      const right = second.slice(Math.ceil(second.length / 2));
      return [...left, ...right];
    },
    swap: () => {
      const a = pick(intents);
      const words = pick(byIntent.get(a) ?? []);
      const pool = contentOf.get(otherIntent(a)) ?? [];
      if (pool.length === 0) return undefined;
      let changed = false;
      const out = words.map((w) => {
        if (isFunctionWord(w)) return w;
        changed = true;
        return pick(pool);
      });
      return changed ? out : undefined;
    },
    unigram: () => {
      const length = pick(byIntent.get(pick(intents)) ?? []).length;
      return Array.from({ length }, () => pick(allWords));
    },
    drop: () => {
      const a = pick(intents);
      const words = pick(byIntent.get(a) ?? []);
      const kept = words.filter((w) => !isIndicative(w, a));
      return kept.length >= 2 && kept.length < words.length ? kept : undefined;
    },
  };

  const out: string[] = [];
  const seen = new Set(train.map((e) => normalizeText(e.text)));
  let attempts = 0;
  while (out.length < total && attempts < total * 20) {
    const kind = options.kinds[out.length % options.kinds.length];
    attempts++;
    const words = generators[kind]();
    if (!words || words.length === 0) continue;
    const text = words.join(' ');
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(text);
  }
  return out;
}
