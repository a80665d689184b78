import { widgetEn, widgetZh } from '../shared/words/widget';
import { chooseLang, codeWord, OUTAGE_STATUS, REQUEST_TYPE, word } from './words';

describe('the widget words', () => {
  it('has every word in both languages, none empty', () => {
    expect(Object.keys(widgetZh).sort()).toEqual(Object.keys(widgetEn).sort());
    for (const table of [widgetZh, widgetEn]) {
      for (const [key, text] of Object.entries(table))
        expect([key, text.trim() !== '']).toEqual([key, true]);
    }
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(word('zh', 'queuePosition', { position: 3 })).toBe('您当前排在第 3 位');
    expect(word('en', 'queuePosition')).toBe('You are number {position} in the queue');
  });

  it('puts server codes into words, an unknown code as itself', () => {
    expect(codeWord('zh', OUTAGE_STATUS, 'active')).toBe('抢修中');
    expect(codeWord('en', REQUEST_TYPE, 'meter_check')).toBe('Meter check');
    expect(codeWord('en', REQUEST_TYPE, 'new_kind')).toBe('new_kind');
  });

  it('takes the first language given, Chinese for any zh variant', () => {
    expect(chooseLang(null, 'en', 'zh-CN')).toBe('en');
    expect(chooseLang(undefined, '', 'zh-TW')).toBe('zh');
    expect(chooseLang(null, undefined, 'en-GB')).toBe('en');
    expect(chooseLang()).toBe('zh');
  });
});
