import { withinServiceHours } from './service-hours';

describe('withinServiceHours', () => {
  // 2026-03-02 01:30 UTC is 09:30 in Shanghai; 13:30 UTC is 21:30 there.
  const morning = new Date('2026-03-02T01:30:00Z');
  const evening = new Date('2026-03-02T13:30:00Z');

  it('is always open without a spec', () => {
    expect(withinServiceHours(evening, '', 'Asia/Shanghai')).toBe(true);
  });

  it('reads the hours in the service time zone', () => {
    expect(withinServiceHours(morning, '08:00-20:00', 'Asia/Shanghai')).toBe(true);
    expect(withinServiceHours(evening, '08:00-20:00', 'Asia/Shanghai')).toBe(false);
    expect(withinServiceHours(evening, '08:00-20:00', 'UTC')).toBe(true);
  });

  it('handles hours that span midnight', () => {
    expect(withinServiceHours(evening, '21:00-06:00', 'Asia/Shanghai')).toBe(true);
    expect(withinServiceHours(morning, '21:00-06:00', 'Asia/Shanghai')).toBe(false);
  });
});
