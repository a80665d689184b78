import type { Key } from '../shared/catalogue';
import type { Bilingual } from '../shared/protocol';
import type { Incident, StormChange } from './supervisor-protocol';
import { DISTRICTS } from './search-query';

export const INCIDENT_STATUS_KEY: Record<Incident['status'], Key> = {
  investigating: 'incInvestigating',
  crew_dispatched: 'incCrewDispatched',
  crew_on_site: 'incCrewOnSite',
  restored: 'incRestored',
};

/** The banners to show: the server's text of each storm it announced, while that storm is on. */
export function applyStorm(
  banners: ReadonlyMap<string, Bilingual>,
  change: StormChange,
): Map<string, Bilingual> {
  const next = new Map(banners);
  if (change.on) next.set(change.incident.id, change.banner);
  else next.delete(change.incident.id);
  return next;
}

/** Where the incident is: the district in this language, and the feeder when known. */
export function incidentArea(incident: Incident, lang: 'zh' | 'en'): string {
  const district = DISTRICTS.find(([code]) => code === incident.districtCode);
  const name = district ? (lang === 'zh' ? district[1] : district[2]) : incident.districtCode;
  return incident.scope === 'feeder' && incident.feederId ? `${name} · ${incident.feederId}` : name;
}
