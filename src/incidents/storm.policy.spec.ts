import {
  announcesCount,
  callbacksHeld,
  heldBackInStorm,
  minuteOf,
  shouldStartStorm,
} from './storm.policy';

describe('storm policy', () => {
  const rate = (count: number) => ({ minute: 1, count });

  it('starts a storm when the minute reaches the configured rate', () => {
    expect(shouldStartStorm({ on: false }, rate(29), 30)).toBe(false);
    expect(shouldStartStorm({ on: false }, rate(30), 30)).toBe(true);
  });

  it('does not start one already on, nor one a supervisor switched off', () => {
    expect(shouldStartStorm({ on: true }, rate(500), 30)).toBe(false);
    expect(shouldStartStorm({ on: false, manual: 'off' }, rate(500), 30)).toBe(false);
  });

  it('counts by calendar minute', () => {
    expect(minuteOf(new Date('2026-12-01T12:00:59.999Z'))).toBe(
      minuteOf(new Date('2026-12-01T12:00:00Z')),
    );
    expect(minuteOf(new Date('2026-12-01T12:01:00Z'))).toBe(
      minuteOf(new Date('2026-12-01T12:00:00Z')) + 1,
    );
  });

  it('holds back the bot-decided handoffs, never the insisting customer, a hazard or a complaint', () => {
    expect(heldBackInStorm('not_understood')).toBe(true);
    expect(heldBackInStorm('frustration')).toBe(true);
    expect(heldBackInStorm('person_must_decide')).toBe(true);
    expect(heldBackInStorm('customer_request')).toBe(false);
    expect(heldBackInStorm('safety_hazard')).toBe(false);
    expect(heldBackInStorm('complaint')).toBe(false);
  });

  it('holds callbacks while the storm lasts, and lets them go once it is off or power is back', () => {
    expect(callbacksHeld({ status: 'crew_on_site', storm: { on: true } })).toBe(true);
    expect(callbacksHeld({ status: 'crew_on_site', storm: { on: false } })).toBe(false);
    expect(callbacksHeld({ status: 'restored', storm: { on: true } })).toBe(false);
  });

  it('tells staff each of the first 20 reporters, then every 10th', () => {
    expect([1, 20, 21, 29, 30, 2000].map(announcesCount)).toEqual([
      true,
      true,
      false,
      false,
      true,
      true,
    ]);
  });
});
