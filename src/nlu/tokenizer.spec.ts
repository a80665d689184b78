import { normalizeText } from './text-normalizer';
import { Tokenizer } from './tokenizer';

describe(Tokenizer.name, () => {
  const tokenizer = new Tokenizer();

  it('stems English words with natural', () => {
    expect(tokenizer.tokens('payments are running late')).toEqual([
      'payment',
      'are',
      'run',
      'late',
    ]);
  });

  it('splits Han text into characters and keeps English words in mixed text', () => {
    expect(tokenizer.tokens(normalizeText('我家power out了'))).toEqual([
      '我',
      '家',
      'power',
      'out',
      '了',
    ]);
  });

  it('masks long digit runs but keeps short numbers', () => {
    expect(tokenizer.tokens('account 8001234569 code 88')).toEqual([
      'account',
      '0000000000',
      'code',
      '88',
    ]);
  });

  it('produces word and character features for any text, none for empty text', () => {
    const bags = tokenizer.terms('停电了');
    expect(bags.words.length).toBeGreaterThan(0);
    expect(bags.chars.length).toBeGreaterThan(0);
    expect(tokenizer.terms('').words).toEqual([]);
  });
});

describe('normalizeText', () => {
  it('folds full-width characters, case and whitespace', () => {
    expect(normalizeText('  ＭＹ　ＢＩＬＬ　１２３ ')).toBe('my bill 123');
  });

  it('strips HTML tags and script bodies', () => {
    expect(normalizeText('<p>my <b>bill</b></p><script>x()</script>')).toBe('my bill');
  });

  it('caps very long input', () => {
    expect(normalizeText('a'.repeat(10_000)).length).toBeLessThanOrEqual(2000);
  });
});
