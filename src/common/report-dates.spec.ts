import { dayKey, dayRangeIn, todayIn, weekKey } from './report-dates';

describe('report keys', () => {
  it('gives the UTC day', () => {
    expect(dayKey(new Date('2026-03-05T23:59:00Z'))).toBe('2026-03-05');
  });

  it('gives the ISO week, across year boundaries', () => {
    expect(weekKey(new Date('2026-03-05T12:00:00Z'))).toBe('2026-W10');
    expect(weekKey(new Date('2021-01-03T12:00:00Z'))).toBe('2020-W53');
    expect(weekKey(new Date('2024-12-30T12:00:00Z'))).toBe('2025-W01');
  });

  it('covers a range of Shanghai days as UTC instants', () => {
    const { start, end } = dayRangeIn('2026-03-01', '2026-03-02', 'Asia/Shanghai');
    expect(start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });

  it('knows which day it is in the zone', () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
    expect(todayIn('UTC', new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-01');
  });
});
