import { DEFAULT_SERVICE_ZONE, isTimeZone } from './time-zone';

describe('isTimeZone', () => {
  it('tells a known zone from an unknown one', () => {
    expect(isTimeZone(DEFAULT_SERVICE_ZONE)).toBe(true);
    expect(isTimeZone('Asia/Urumqi')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone(undefined)).toBe(false);
  });
});
