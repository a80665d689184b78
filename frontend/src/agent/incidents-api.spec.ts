import { changeOf, Incident, mergeIncident } from './incidents-api';

const ZONE = 'Asia/Shanghai';

const incident = (over: Partial<Incident> = {}): Incident =>
  ({
    id: 'DH-F02@2026-12-01T12:00Z',
    status: 'investigating',
    openedAt: '2026-12-01T12:00:00.000Z',
    cause: { zh: '线路故障', en: 'Line fault' },
    ...over,
  }) as Incident;

describe('incidents panel helpers', () => {
  it('sends only what the form changed', () => {
    const form = {
      status: 'investigating' as const,
      eta: '',
      causeZh: '线路故障',
      causeEn: 'Line fault',
    };
    expect(changeOf(incident(), form, ZONE)).toEqual({});
    expect(changeOf(incident(), { ...form, status: 'crew_on_site' }, ZONE)).toEqual({
      status: 'crew_on_site',
    });
  });

  it('sends the cause in both languages or asks for both', () => {
    const form = { status: 'investigating' as const, eta: '' };
    expect(
      changeOf(incident(), { ...form, causeZh: '电缆故障', causeEn: ' Cable fault ' }, ZONE),
    ).toEqual({
      causeZh: '电缆故障',
      causeEn: 'Cable fault',
    });
    expect(changeOf(incident(), { ...form, causeZh: '电缆故障', causeEn: '' }, ZONE)).toBe(
      'incAgentCauseBoth',
    );
  });

  it("sends a new estimate as an ISO instant read on the service's clock, and not the unchanged one", () => {
    // 16:30 in Shanghai; the form shows it as such whatever the machine's zone.
    const etaAt = '2026-12-01T08:30:00.000Z';
    const form = { status: 'investigating' as const, causeZh: '线路故障', causeEn: 'Line fault' };
    expect(changeOf(incident({ etaAt }), { ...form, eta: '2026-12-01T16:30' }, ZONE)).toEqual({});
    expect(changeOf(incident({ etaAt }), { ...form, eta: '2026-12-01T18:00' }, ZONE)).toEqual({
      etaAt: '2026-12-01T10:00:00.000Z',
    });
    expect(
      changeOf(incident({ etaAt }), { ...form, eta: '2026-12-01T18:00' }, 'Europe/London'),
    ).toEqual({ etaAt: '2026-12-01T18:00:00.000Z' });
  });

  it('merges a live update in place, newest first, and drops a restored incident', () => {
    const older = incident({ id: 'a', openedAt: '2026-12-01T10:00:00.000Z' });
    const newer = incident({ id: 'b', openedAt: '2026-12-01T11:00:00.000Z' });
    const list = mergeIncident(mergeIncident([], older), newer);
    expect(list.map((i) => i.id)).toEqual(['b', 'a']);
    expect(mergeIncident(list, { ...older, reportCount: 9 }).map((i) => i.reportCount)).toEqual([
      undefined,
      9,
    ]);
    expect(mergeIncident(list, { ...older, status: 'restored' }).map((i) => i.id)).toEqual(['b']);
  });
});
