import { parseChineseNumeral } from './chinese-numeral';

describe('parseChineseNumeral', () => {
  it.each([
    ['五', 5],
    ['十二', 12],
    ['二十五', 25],
    ['三百五', 350],
    ['一百零五', 105],
    ['两千零八十', 2080],
    ['一万二', 12000],
  ])('%s → %d', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it('rejects digit strings that are not numerals', () => {
    expect(parseChineseNumeral('三五')).toBeUndefined();
    expect(parseChineseNumeral('')).toBeUndefined();
    expect(parseChineseNumeral('三a')).toBeUndefined();
  });
});
