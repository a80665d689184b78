import { applyStorm, incidentArea } from './incidents-view';
import type { Incident, StormChange } from './supervisor-protocol';

const incident = (over: Partial<Incident> = {}) =>
  ({
    id: 'DH-F02@2026-12-01T12:00Z',
    scope: 'feeder',
    districtCode: 'QH-DH',
    feederId: 'DH-F02',
    ...over,
  }) as Incident;

describe('applyStorm', () => {
  it('shows the server text of a storm while it is on, and drops it when switched off', () => {
    const banner = { zh: '风暴模式：东湖区', en: 'Storm mode: Donghu' };
    const on = applyStorm(new Map(), { incident: incident(), on: true, banner } as StormChange);
    expect(on.get(incident().id)).toEqual(banner);
    const off = applyStorm(on, { incident: incident(), on: false, banner } as StormChange);
    expect(off.size).toBe(0);
    expect(on.size).toBe(1);
  });
});

describe('incidentArea', () => {
  it('names the district in the page language, with the feeder when known', () => {
    expect(incidentArea(incident(), 'zh')).toBe('东湖区 · DH-F02');
    expect(incidentArea(incident({ scope: 'district', feederId: undefined }), 'en')).toBe('Donghu');
    expect(incidentArea(incident({ districtCode: 'QH-XX', scope: 'district' }), 'en')).toBe(
      'QH-XX',
    );
  });
});
