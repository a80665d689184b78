import { DEFAULT_SERVICE_ZONE } from '../shared/time-zone';
import {
  formatDate,
  formatPeriod,
  formatTime,
  newClientMessageId,
  pick,
  waitMinutes,
  yuan,
} from './format';

describe('the widget formats', () => {
  it('writes fen as yuan with two decimals, negatives included', () => {
    expect(yuan(21345)).toBe('213.45');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(-1200)).toBe('-12.00');
  });

  it('shows times in the default service zone (Asia/Shanghai), in each language', () => {
    const iso = '2026-11-28T01:22:00.000Z';
    const zone = DEFAULT_SERVICE_ZONE;
    expect(formatTime('zh', zone, iso)).toBe('11月28日 09:22');
    expect(formatTime('en', zone, iso)).toBe('28 Nov 09:22');
    expect(formatTime('en', zone, iso, false)).toBe('09:22');
    expect(formatTime('zh', zone, undefined)).toBe('');
    expect(formatDate('zh', zone, iso)).toBe('2026年11月28日');
    expect(formatDate('en', zone, iso)).toBe('28 Nov 2026');
  });

  it('shows times and days in another configured zone', () => {
    const iso = '2026-11-27T20:30:00.000Z';
    expect(formatTime('en', 'Asia/Shanghai', iso)).toBe('28 Nov 04:30');
    expect(formatTime('en', 'Europe/London', iso)).toBe('27 Nov 20:30');
    expect(formatTime('zh', 'Asia/Urumqi', iso, false)).toBe('02:30');
    expect(formatDate('zh', 'Europe/London', iso)).toBe('2026年11月27日');
  });

  it('names a bill period', () => {
    expect(formatPeriod('zh', '2026-07')).toBe('2026年7月');
    expect(formatPeriod('en', '2026-07')).toBe('July 2026');
  });

  it('picks the language of a bilingual text, else the other one', () => {
    expect(pick('en', { zh: '东湖', en: 'Donghu' })).toBe('Donghu');
    expect(pick('en', { zh: '东湖' })).toBe('东湖');
    expect(pick('zh', 'plain')).toBe('plain');
    expect(pick('zh', undefined)).toBe('');
  });

  it('rounds a wait to whole minutes, at least one, and has none without an estimate', () => {
    expect(waitMinutes(29)).toBe(1);
    expect(waitMinutes(840)).toBe(14);
    expect(waitMinutes(null)).toBeNull();
    expect(waitMinutes(undefined)).toBeNull();
  });

  it('makes message ids that differ and fit the server (short, w- prefixed)', () => {
    const a = newClientMessageId(1, 0.123456789);
    const b = newClientMessageId(1, 0.987654321);
    expect(a).toMatch(/^w-[0-9a-z]+-[0-9a-z]{1,8}$/);
    expect(a).not.toBe(b);
  });
});
