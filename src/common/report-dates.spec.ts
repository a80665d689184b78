import { dayKey, weekKey } from './report-dates';

describe('report keys', () => {
  it('gives the UTC day', () => {
    expect(dayKey(new Date('2026-03-05T23:59:00Z'))).toBe('2026-03-05');
  });

  it('gives the ISO week, across year boundaries', () => {
    expect(weekKey(new Date('2026-03-05T12:00:00Z'))).toBe('2026-W10');
    expect(weekKey(new Date('2021-01-03T12:00:00Z'))).toBe('2020-W53');
    expect(weekKey(new Date('2024-12-30T12:00:00Z'))).toBe('2025-W01');
  });
});
