import { addMonths, resolveBillPeriod } from './billing-period';

describe('resolveBillPeriod', () => {
  const issued = ['2026-10', '2026-09', '2026-07'];

  it('reads "this month" as the latest bill issued, and says it was relative', () => {
    expect(resolveBillPeriod('latest', issued)).toEqual({
      period: '2026-10',
      latest: '2026-10',
      relative: true,
    });
  });

  it('reads "last month" as the bill before the latest, skipping a vacant month', () => {
    expect(resolveBillPeriod('latest-1', issued).period).toBe('2026-09');
    expect(resolveBillPeriod('latest-2', issued).period).toBe('2026-07');
  });

  it('honours a named month, and says what the latest is when it has no bill', () => {
    expect(resolveBillPeriod('2026-09', issued).period).toBe('2026-09');
    expect(resolveBillPeriod('2026-08', issued)).toEqual({ latest: '2026-10', relative: false });
  });

  it('gives the latest bill when no month was named', () => {
    expect(resolveBillPeriod(undefined, issued)).toMatchObject({
      period: '2026-10',
      relative: false,
    });
    expect(resolveBillPeriod('latest', [])).toEqual({ relative: true });
  });

  it('does month arithmetic across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });
});
