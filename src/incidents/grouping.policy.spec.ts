import {
  areaKeysOf,
  candidateAreas,
  coversReport,
  incidentIdOf,
  openingArea,
  outageKeyOf,
  recordsArea,
  recordsIncidentIdOf,
  recordsMove,
  takesReports,
} from './grouping.policy';

const HOUR = 60 * 60_000;

describe('grouping policy', () => {
  it('looks for the feeder first, then a district-wide incident', () => {
    expect(candidateAreas({ districtCode: 'QH-DH', feederId: 'DH-F02' })).toEqual([
      'feeder:DH-F02',
      'district:QH-DH',
    ]);
    expect(candidateAreas({ districtCode: 'QH-DH' })).toEqual(['district:QH-DH']);
  });

  it("keys a records' outage's pointer by its number, beside the areas' pointers", () => {
    expect(outageKeyOf('OMS-1')).toBe('outage:OMS-1');
    expect(candidateAreas({ districtCode: 'QH-DH' })).not.toContain(outageKeyOf('QH-DH'));
  });

  it('opens a feeder incident when the feeder is known, else a district one', () => {
    expect(openingArea({ districtCode: 'QH-DH', feederId: 'DH-F02' })).toEqual({
      scope: 'feeder',
      code: 'DH-F02',
    });
    expect(openingArea({ districtCode: 'QH-XS' })).toEqual({ scope: 'district', code: 'QH-XS' });
  });

  it('derives one id for every report in the same window, another in the next', () => {
    const a = incidentIdOf('DH-F02', new Date('2026-12-01T12:05:00Z'), HOUR);
    const b = incidentIdOf('DH-F02', new Date('2026-12-01T12:59:59Z'), HOUR);
    const c = incidentIdOf('DH-F02', new Date('2026-12-01T13:00:00Z'), HOUR);
    expect(a).toBe('DH-F02@2026-12-01T12:00Z');
    expect(b).toBe(a);
    expect(c).toBe('DH-F02@2026-12-01T13:00Z');
  });

  it('keeps an unconfirmed incident only while reports keep coming within the window', () => {
    const last = new Date('2026-12-01T12:00:00Z');
    const open = { status: 'investigating', lastReportAt: last, confirmed: false };
    expect(takesReports(open, new Date('2026-12-01T12:59:00Z'), HOUR)).toBe(true);
    expect(takesReports(open, new Date('2026-12-01T13:01:00Z'), HOUR)).toBe(false);
  });

  it('keeps a confirmed incident however quiet, and never a restored one', () => {
    const last = new Date('2026-12-01T08:00:00Z');
    const now = new Date('2026-12-01T14:00:00Z');
    expect(
      takesReports({ status: 'crew_on_site', lastReportAt: last, confirmed: true }, now, HOUR),
    ).toBe(true);
    expect(
      takesReports({ status: 'restored', lastReportAt: now, confirmed: true }, now, HOUR),
    ).toBe(false);
  });

  it('lets a feeder report join a district-wide incident only once it is confirmed', () => {
    const place = { districtCode: 'QH-GX', feederId: 'GX-F03' };
    const district = { scope: 'district' as const, confirmed: false };
    expect(coversReport('district:QH-GX', place, district)).toBe(false);
    expect(coversReport('district:QH-GX', place, { ...district, confirmed: true })).toBe(true);
    expect(coversReport('district:QH-GX', { districtCode: 'QH-GX' }, district)).toBe(true);
    expect(coversReport('feeder:GX-F03', place, { scope: 'feeder', confirmed: false })).toBe(true);
  });

  describe("the records' outages", () => {
    const outage = { outageNo: 'OMS-1', districtCode: 'QH-DH', wholeDistrict: false };

    it('derives one incident id from the outage number', () => {
      expect(recordsIncidentIdOf('OMS-1')).toBe('outage:OMS-1');
    });

    it('covers one feeder by a feeder incident', () => {
      expect(recordsArea({ ...outage, feederIds: ['DH-F02'] })).toEqual({
        scope: 'feeder',
        feederId: 'DH-F02',
        keys: ['feeder:DH-F02'],
      });
    });

    it('covers the whole district by a district incident', () => {
      expect(recordsArea({ ...outage, feederIds: [], wholeDistrict: true })).toEqual({
        scope: 'district',
        keys: ['district:QH-DH'],
      });
    });

    it('points each of several feeders at one district incident, not the district', () => {
      expect(recordsArea({ ...outage, feederIds: ['DH-F01', 'DH-F02'] })).toEqual({
        scope: 'district',
        keys: ['feeder:DH-F01', 'feeder:DH-F02'],
      });
    });

    it('releases every area an incident was pointed at', () => {
      expect(
        areaKeysOf({ scope: 'district', districtCode: 'QH-DH', feederIds: ['DH-F01', 'DH-F02'] }),
      ).toEqual(['district:QH-DH', 'feeder:DH-F01', 'feeder:DH-F02']);
      expect(areaKeysOf({ scope: 'feeder', districtCode: 'QH-DH', feederId: 'DH-F02' })).toEqual([
        'feeder:DH-F02',
      ]);
    });
  });

  describe('what the records do with an area pointer', () => {
    const now = new Date('2026-12-01T12:30:00Z');
    const live = { status: 'investigating', lastReportAt: now, confirmed: false };

    it('claims an area with no incident, or a stale or restored one', () => {
      expect(recordsMove(null, 'OMS-1', now, HOUR)).toBe('claim');
      expect(recordsMove(undefined, 'OMS-1', now, HOUR)).toBe('claim');
      const quiet = { ...live, lastReportAt: new Date(now.getTime() - 2 * HOUR) };
      expect(recordsMove(quiet, 'OMS-1', now, HOUR)).toBe('claim');
      expect(recordsMove({ ...live, status: 'restored' }, 'OMS-1', now, HOUR)).toBe('claim');
    });

    it("adopts the customers' live incident, linked to nothing or to this outage", () => {
      expect(recordsMove(live, 'OMS-1', now, HOUR)).toBe('adopt');
      expect(recordsMove({ ...live, outageNo: 'OMS-1' }, 'OMS-1', now, HOUR)).toBe('adopt');
    });

    it("keeps another outage's live incident on the area", () => {
      const other = { ...live, confirmed: true, outageNo: 'OMS-2' };
      expect(recordsMove(other, 'OMS-1', now, HOUR)).toBe('keep');
    });
  });
});
