import { catalogue } from '../catalogue';
import { incidentsEn, incidentsZh } from './incidents';
import { supervisorEn, supervisorZh } from './supervisor';
import { timeZoneEn, timeZoneZh } from './time-zone';

// The sections are spread into one catalogue: a key of one section must not replace another's.
describe('the supervisor, incidents and time-zone sections of the catalogue', () => {
  it.each([
    ['sup', supervisorEn, supervisorZh],
    ['inc', incidentsEn, incidentsZh],
    ['zone', timeZoneEn, timeZoneZh],
  ] as const)('keep their own prefix (%s) and their words survive the merge', (prefix, en, zh) => {
    for (const [key, word] of Object.entries(en)) {
      expect(key.startsWith(prefix)).toBe(true);
      expect(catalogue.en.words[key as keyof typeof catalogue.en.words]).toBe(word);
      expect(catalogue.zh.words[key as keyof typeof catalogue.zh.words]).toBe(
        (zh as Record<string, string>)[key],
      );
    }
  });
});
