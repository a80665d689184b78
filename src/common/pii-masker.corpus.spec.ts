import { readFileSync } from 'fs';
import { join } from 'path';
import { maskPii, PiiKind } from './pii-masker';

/**
 * The masker against a corpus of customer messages (pii-masker.corpus.json), Chinese and
 * English, with personal numbers written the ways people write them, next to dates, amounts,
 * kWh figures and reference numbers that must stay readable.
 */
interface CorpusCase {
  lang: 'zh' | 'en';
  text: string;
  pii: { value: string; kind: PiiKind }[];
  keep: string[];
}

const corpus = JSON.parse(
  readFileSync(join(__dirname, 'pii-masker.corpus.json'), 'utf8'),
) as CorpusCase[];

const ascii = (s: string) =>
  s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\D/g, '');

/** A leak: the value as typed, or any five of its digits in a row, still in the masked text. */
function leaks(masked: string, item: CorpusCase): string[] {
  const runs = (masked.match(/[\d０-９]{5,}/g) ?? []).map(ascii);
  return item.pii
    .filter((p) => {
      if (masked.includes(p.value)) return true;
      const digits = ascii(p.value);
      return runs.some(
        (run) => digits.includes(run) && !item.keep.some((k) => ascii(k).includes(run)),
      );
    })
    .map((p) => p.value);
}

describe('maskPii over the corpus', () => {
  const results = corpus.map((item) => ({ item, result: maskPii(item.text) }));

  it('holds at least 200 cases in both languages, with and without personal numbers', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(corpus.filter((c) => c.lang === 'zh').length).toBeGreaterThanOrEqual(80);
    expect(corpus.filter((c) => c.lang === 'en').length).toBeGreaterThanOrEqual(80);
    expect(corpus.filter((c) => c.pii.length === 0).length).toBeGreaterThanOrEqual(40);
  });

  it('leaks no personal number', () => {
    const leaked = results
      .map(({ item, result }) => ({
        text: item.text,
        masked: result.text,
        leaked: leaks(result.text, item),
      }))
      .filter((r) => r.leaked.length > 0);
    expect(leaked).toEqual([]);
  });

  it('masks nothing it should keep: dates, amounts, kWh, references', () => {
    const overMasked = results
      .filter(({ item, result }) => item.keep.some((k) => !result.text.includes(k)))
      .map(({ item, result }) => ({ text: item.text, masked: result.text }));
    expect(overMasked).toEqual([]);
  });

  it('leaves a message without personal numbers exactly as it was', () => {
    const changed = results
      .filter(({ item, result }) => item.pii.length === 0 && result.text !== item.text)
      .map(({ item, result }) => ({ text: item.text, masked: result.text }));
    expect(changed).toEqual([]);
  });

  it('names the kinds it found, and only those', () => {
    const wrong = results
      .filter(({ item, result }) => {
        const expected = new Set(item.pii.map((p) => p.kind));
        return [...expected].sort().join() !== [...result.found].sort().join();
      })
      .map(({ item, result }) => ({
        text: item.text,
        expected: item.pii.map((p) => p.kind),
        found: result.found,
      }));
    expect(wrong).toEqual([]);
  });
});
