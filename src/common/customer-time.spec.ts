import { customerClock, customerDate } from './customer-time';

describe('customerClock', () => {
  const at = new Date('2026-12-01T18:30:00Z');

  it('reads the instant in Asia/Shanghai, the default zone', () => {
    expect(customerClock(at, 'zh', 'Asia/Shanghai')).toBe('12月2日 02:30');
    expect(customerClock(at, 'en', 'Asia/Shanghai')).toBe('2 Dec, 02:30');
  });

  it('reads the same instant in another configured zone', () => {
    expect(customerClock(at, 'zh', 'Asia/Urumqi')).toBe('12月2日 00:30');
    expect(customerClock(at.toISOString(), 'en', 'Europe/London')).toBe('1 Dec, 18:30');
  });
});

describe('customerDate', () => {
  const at = '2026-12-24T20:00:00Z';

  it('gives the calendar day of the configured zone', () => {
    expect(customerDate(at, 'zh', 'Asia/Shanghai')).toBe('2026年12月25日');
    expect(customerDate(at, 'en', 'Asia/Shanghai')).toBe('25 Dec 2026');
    expect(customerDate(at, 'en', 'Europe/London')).toBe('24 Dec 2026');
  });
});
