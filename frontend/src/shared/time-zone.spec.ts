import { browserZone, DEFAULT_SERVICE_ZONE, isTimeZone, shownZone } from './time-zone';

describe('isTimeZone', () => {
  it('tells a known zone from an unknown one', () => {
    expect(isTimeZone(DEFAULT_SERVICE_ZONE)).toBe(true);
    expect(isTimeZone('Asia/Urumqi')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone(undefined)).toBe(false);
  });
});

describe('shownZone', () => {
  it("takes the service's zone from a good answer", () => {
    expect(
      shownZone({ ok: true, body: { timeZone: 'Europe/London' } }, 'America/New_York'),
    ).toEqual({ zone: 'Europe/London', source: 'service' });
  });

  it("falls back to the browser's zone, marked as such, when the answer fails or is odd", () => {
    const browser = { zone: 'America/New_York', source: 'browser' };
    expect(shownZone({ ok: false }, 'America/New_York')).toEqual(browser);
    expect(shownZone({ ok: true, body: { timeZone: 'Mars/Olympus' } }, 'America/New_York')).toEqual(
      browser,
    );
    expect(shownZone({ ok: true, body: null }, 'America/New_York')).toEqual(browser);
  });

  it("reads the browser's zone as a known zone", () => {
    expect(isTimeZone(browserZone())).toBe(true);
  });
});
