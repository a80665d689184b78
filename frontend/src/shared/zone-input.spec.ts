import { fromZoneInput, toZoneInput } from './zone-input';

describe('toZoneInput and fromZoneInput', () => {
  const instant = '2026-12-01T23:05:00.000Z';

  it("writes an instant as the zone's wall-clock time, not the machine's", () => {
    expect(toZoneInput(instant, 'Asia/Shanghai')).toBe('2026-12-02T07:05');
    expect(toZoneInput(instant, 'Europe/London')).toBe('2026-12-01T23:05');
    expect(toZoneInput(undefined, 'Asia/Shanghai')).toBe('');
  });

  it('reads a typed time in the zone: 07:05 in Shanghai and 23:05 in London are one instant', () => {
    expect(fromZoneInput('2026-12-02T07:05', 'Asia/Shanghai')).toBe(instant);
    expect(fromZoneInput('2026-12-01T23:05', 'Europe/London')).toBe(instant);
    expect(fromZoneInput('2026-12-01T23:05', 'Asia/Shanghai')).toBe('2026-12-01T15:05:00.000Z');
  });

  it('follows summer time, and reads a skipped time an hour later', () => {
    expect(fromZoneInput('2026-07-01T13:00', 'Europe/London')).toBe('2026-07-01T12:00:00.000Z');
    // London skips 01:00–02:00 on 29 March 2026; just either side of the change, and inside it.
    expect(fromZoneInput('2026-03-29T00:30', 'Europe/London')).toBe('2026-03-29T00:30:00.000Z');
    expect(fromZoneInput('2026-03-29T02:30', 'Europe/London')).toBe('2026-03-29T01:30:00.000Z');
    expect(fromZoneInput('2026-03-29T01:30', 'Europe/London')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('gives back what it wrote', () => {
    for (const zone of ['Asia/Shanghai', 'Europe/London', 'Pacific/Kiritimati', 'Asia/Kolkata']) {
      expect(fromZoneInput(toZoneInput(instant, zone), zone)).toBe(instant);
    }
  });

  it('refuses what is not a datetime-local value', () => {
    expect(fromZoneInput('', 'Asia/Shanghai')).toBeUndefined();
    expect(fromZoneInput('tomorrow 16:30', 'Asia/Shanghai')).toBeUndefined();
    expect(fromZoneInput('2026-12-01 16:30', 'Asia/Shanghai')).toBeUndefined();
  });
});
