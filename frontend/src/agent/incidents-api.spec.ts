import { changeOf, Incident, mergeIncident, toLocalInput } from './incidents-api';

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
    expect(changeOf(incident(), form)).toEqual({});
    expect(changeOf(incident(), { ...form, status: 'crew_on_site' })).toEqual({
      status: 'crew_on_site',
    });
  });

  it('sends the cause in both languages or asks for both', () => {
    const form = { status: 'investigating' as const, eta: '' };
    expect(
      changeOf(incident(), { ...form, causeZh: '电缆故障', causeEn: ' Cable fault ' }),
    ).toEqual({
      causeZh: '电缆故障',
      causeEn: 'Cable fault',
    });
    expect(changeOf(incident(), { ...form, causeZh: '电缆故障', causeEn: '' })).toBe(
      'incAgentCauseBoth',
    );
  });

  it('sends a new estimate as an ISO instant, and not the unchanged one', () => {
    const etaAt = new Date(2026, 11, 1, 16, 30).toISOString();
    const form = { status: 'investigating' as const, causeZh: '线路故障', causeEn: 'Line fault' };
    expect(toLocalInput(etaAt)).toBe('2026-12-01T16:30');
    expect(changeOf(incident({ etaAt }), { ...form, eta: '2026-12-01T16:30' })).toEqual({});
    expect(changeOf(incident({ etaAt }), { ...form, eta: '2026-12-01T18:00' })).toEqual({
      etaAt: new Date(2026, 11, 1, 18, 0).toISOString(),
    });
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
