const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Characters that can make up a Chinese numeral below 一亿 (for regular expressions). */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万';

/**
 * Parses everyday Chinese numerals ("三百五", "两千零八十", "十二", "一万二") into a number;
 * undefined when the text is not one. Customers write amounts and kWh both ways.
 */
export function parseChineseNumeral(text: string): number | undefined {
  if (text.length === 0) return undefined;
  let total = 0;
  let section = 0;
  let digit = -1;
  let lastUnit = 0;
  let afterZero = false;
  for (const ch of text) {
    if (ch in DIGITS) {
      // "三五" is not a number; "一百零五" is (the zero marks a skipped place).
      if (digit > 0) return undefined;
      afterZero = digit === 0;
      digit = DIGITS[ch];
    } else if (ch in UNITS) {
      const unit = UNITS[ch];
      section += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
      lastUnit = unit;
    } else if (ch === '万') {
      section += digit < 0 ? 0 : digit;
      total += (section === 0 ? 1 : section) * 10000;
      section = 0;
      digit = -1;
      lastUnit = 10000;
    } else {
      return undefined;
    }
  }
  // "三百五" means 350: a trailing digit after a unit takes the next lower place.
  if (digit >= 0) section += lastUnit >= 10 && !afterZero ? (digit * lastUnit) / 10 : digit;
  return total + section;
}
