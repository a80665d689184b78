import { canMove, fromStatusesOf } from './incident-status';

describe('incident statuses', () => {
  it('moves crews forward and back, and restores from any open status', () => {
    expect(canMove('investigating', 'crew_dispatched')).toBe(true);
    expect(canMove('crew_on_site', 'crew_dispatched')).toBe(true);
    expect(canMove('crew_on_site', 'investigating')).toBe(false);
    expect(fromStatusesOf('restored').sort()).toEqual(
      ['crew_dispatched', 'crew_on_site', 'investigating'].sort(),
    );
  });

  it('keeps restored final', () => {
    expect(canMove('restored', 'investigating')).toBe(false);
    expect(canMove('restored', 'restored')).toBe(false);
  });
});
