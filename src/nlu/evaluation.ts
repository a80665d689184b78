import { OUT_OF_SCOPE } from './nlu.types';

export interface EvaluationSummary {
  accuracy: number;
  macroF1: number;
  inScopeAccuracy: number;
  oosPrecision: number | null;
  oosRecall: number | null;
  trainSeconds: number | null;
  predictionsPerSecond: number;
  n: number;
}

export interface IntentRow {
  intent: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Confusion {
  gold: string;
  predicted: string;
  count: number;
}

export interface EvaluationReport {
  summary: EvaluationSummary;
  rows: IntentRow[];
  confusions: Confusion[];
}

/** Scores predictions against gold labels; `oos` counts as a class for accuracy and macro-F1. */
export function evaluate(
  gold: readonly string[],
  predicted: readonly string[],
  timing: { trainSeconds: number | null; predictionsPerSecond: number },
): EvaluationReport {
  const n = gold.length;
  const classes = [...new Set(gold)].sort();
  const tp = new Map<string, number>();
  const goldCount = new Map<string, number>();
  const predCount = new Map<string, number>();
  const pairs = new Map<string, number>();
  let correct = 0;
  let inScope = 0;
  let inScopeCorrect = 0;
  for (let i = 0; i < n; i++) {
    const g = gold[i];
    const p = predicted[i];
    goldCount.set(g, (goldCount.get(g) ?? 0) + 1);
    predCount.set(p, (predCount.get(p) ?? 0) + 1);
    if (g === p) {
      correct++;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    } else {
      const key = `${g}\t${p}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    if (g !== OUT_OF_SCOPE) {
      inScope++;
      if (g === p) inScopeCorrect++;
    }
  }
  const rows = classes.map((intent) => {
    const t = tp.get(intent) ?? 0;
    const precision = ratio(t, predCount.get(intent) ?? 0);
    const recall = ratio(t, goldCount.get(intent) ?? 0);
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { intent, support: goldCount.get(intent) ?? 0, precision, recall, f1 };
  });
  const hasOos = goldCount.has(OUT_OF_SCOPE);
  const oosTp = tp.get(OUT_OF_SCOPE) ?? 0;
  const confusions = [...pairs.entries()]
    .map(([key, count]) => {
      const [g, p] = key.split('\t');
      return { gold: g, predicted: p, count };
    })
    .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold))
    .slice(0, 15);
  return {
    summary: {
      accuracy: round(ratio(correct, n)),
      macroF1: round(rows.reduce((s, r) => s + r.f1, 0) / Math.max(rows.length, 1)),
      inScopeAccuracy: round(ratio(inScopeCorrect, inScope)),
      oosPrecision: hasOos ? round(ratio(oosTp, predCount.get(OUT_OF_SCOPE) ?? 0)) : null,
      oosRecall: hasOos ? round(ratio(oosTp, goldCount.get(OUT_OF_SCOPE) ?? 0)) : null,
      trainSeconds: timing.trainSeconds === null ? null : round(timing.trainSeconds, 2),
      predictionsPerSecond: Math.round(timing.predictionsPerSecond),
      n,
    },
    rows,
    confusions,
  };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
