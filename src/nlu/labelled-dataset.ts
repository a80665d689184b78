import { readFileSync } from 'node:fs';
import { LabelledText } from './intent-classifier';

/** Reads a JSONL dataset of `{"text","intent"}` lines; blank lines are skipped, bad lines fail. */
export function readJsonl(file: string): LabelledText[] {
  const out: LabelledText[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, n) => {
      if (line.trim() === '') return;
      const parsed: unknown = JSON.parse(line);
      if (!isLabelledText(parsed)) throw new Error(`${file}:${n + 1}: expected {"text","intent"}`);
      out.push({ text: parsed.text, intent: parsed.intent });
    });
  return out;
}

function isLabelledText(value: unknown): value is LabelledText {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.text === 'string' && typeof record.intent === 'string';
}
