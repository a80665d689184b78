import { DEFAULT_SYNTHETIC_OOS, generateSyntheticOos, SyntheticKind } from './synthetic-oos';

function dataset(withOos = true): { text: string; intent: string }[] {
  const rows = [
    ...['what is the weather today', 'will it rain in paris today', 'is the weather sunny now'].map(
      (text) => ({ text, intent: 'weather' }),
    ),
    ...['play a song by queen', 'put on some jazz music', 'play my music playlist now'].map(
      (text) => ({ text, intent: 'music' }),
    ),
    ...['book a table for two', 'reserve a table at the diner', 'book me a table tonight'].map(
      (text) => ({ text, intent: 'restaurant' }),
    ),
  ];
  if (withOos)
    rows.push(
      { text: 'who wrote hamlet', intent: 'oos' },
      { text: 'how is glue made', intent: 'oos' },
    );
  return rows;
}

const options = (kinds: SyntheticKind[], ratio = 3) => ({
  ...DEFAULT_SYNTHETIC_OOS,
  kinds,
  ratio,
  functionWordShare: 0.6,
});

describe(generateSyntheticOos.name, () => {
  it('makes ratio × the real oos lines, none equal to a training text', () => {
    const texts = generateSyntheticOos(dataset(), options(['splice', 'swap', 'unigram'], 3));
    expect(texts).toHaveLength(6);
    const train = new Set(dataset().map((e) => e.text));
    for (const t of texts) expect(train.has(t)).toBe(false);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('makes nothing without real oos lines or with ratio 0', () => {
    expect(generateSyntheticOos(dataset(false), options(['splice'], 5))).toEqual([]);
    expect(generateSyntheticOos(dataset(), options(['splice'], 0))).toEqual([]);
  });

  it('is deterministic for a seed', () => {
    const a = generateSyntheticOos(dataset(), options(['splice', 'swap'], 4));
    const b = generateSyntheticOos(dataset(), options(['splice', 'swap'], 4));
    expect(a).toEqual(b);
    const c = generateSyntheticOos(dataset(), { ...options(['splice', 'swap'], 4), seed: 99 });
    expect(c).not.toEqual(a);
  });

  it('splices halves of two different intents', () => {
    const heads = new Map(dataset().map((e) => [e.text.split(' ')[0], e.intent]));
    for (const t of generateSyntheticOos(dataset(), options(['splice'], 2))) {
      expect(heads.has(t.split(' ')[0])).toBe(true);
    }
  });

  it('swap keeps function words and takes content words from training texts', () => {
    const vocabulary = new Set(dataset().flatMap((e) => e.text.split(' ')));
    for (const t of generateSyntheticOos(dataset(), options(['swap'], 2))) {
      for (const w of t.split(' ')) expect(vocabulary.has(w)).toBe(true);
    }
  });

  it('drop removes the words indicative of the intent', () => {
    for (const t of generateSyntheticOos(dataset(), options(['drop'], 1))) {
      for (const w of ['weather', 'music', 'table', 'song', 'play', 'book']) {
        expect(t.split(' ')).not.toContain(w);
      }
    }
  });
});
