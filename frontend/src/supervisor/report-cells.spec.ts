import { DEFAULT_SERVICE_ZONE } from '../shared/time-zone';
import { cell, lastDays, ratingTotals } from './report-cells';
import type { ReportRow } from './supervisor-protocol';

describe('cell', () => {
  it('shows rates in per cent, times as durations, rating means to two places', () => {
    expect(cell('containmentRate', 0.4567)).toBe('45.7%');
    expect(cell('waitP90', 125)).toBe('02:05');
    expect(cell('firstResponseMean', 59.6)).toBe('00:59');
    expect(cell('agentRatingMean', 4.333)).toBe('4.33');
    expect(cell('tickets', 3)).toBe('3');
    expect(cell('group', '2026-12-01')).toBe('2026-12-01');
  });

  it('shows a missing figure as a dash and counts per code in words', () => {
    expect(cell('waitP50', null)).toBe('–');
    expect(cell('escalationReasons', {})).toBe('–');
    expect(
      cell('escalationReasons', { complaint: 2, customer_request: 1 }, (c) => c.toUpperCase()),
    ).toBe('COMPLAINT: 2 · CUSTOMER_REQUEST: 1');
  });
});

describe('lastDays and ratingTotals', () => {
  it('gives the last seven days to today in the service zone, whatever the browser says', () => {
    // 16:30 UTC is already 00:30 the next day in Shanghai.
    expect(lastDays(1, Date.parse('2026-12-01T16:30:00Z'), DEFAULT_SERVICE_ZONE)).toEqual({
      from: '2026-12-02',
      to: '2026-12-02',
    });
    expect(lastDays(1, Date.parse('2026-12-01T16:30:00Z'), 'UTC').to).toBe('2026-12-01');
  });

  it('follows a configured zone other than Shanghai', () => {
    // 19:30 UTC: 03:30 on the 2nd in Shanghai, 01:30 on the 2nd in Urumqi, still the 1st in London.
    const now = Date.parse('2026-12-01T19:30:00Z');
    expect(lastDays(1, now, 'Asia/Urumqi').to).toBe('2026-12-02');
    expect(lastDays(7, now, 'Europe/London')).toEqual({ from: '2026-11-25', to: '2026-12-01' });
    // 17:30 UTC: the 2nd in Shanghai (01:30), the 1st in Urumqi (23:30).
    expect(lastDays(1, Date.parse('2026-12-01T17:30:00Z'), 'Asia/Urumqi').to).toBe('2026-12-01');
  });

  it('gives the last seven days to today', () => {
    expect(lastDays(7, Date.parse('2026-12-01T15:00:00Z'), DEFAULT_SERVICE_ZONE)).toEqual({
      from: '2026-11-25',
      to: '2026-12-01',
    });
  });

  it('adds the agent ratings of every row per star', () => {
    const ratings = (r: Partial<ReportRow['agentRatings']>) =>
      ({ agentRatings: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, ...r } }) as ReportRow;
    expect(ratingTotals([ratings({ 4: 1 }), ratings({ 4: 2, 1: 1 })])).toEqual([1, 0, 0, 3, 0]);
  });
});
