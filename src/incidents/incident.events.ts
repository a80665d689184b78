import { Bilingual } from '../common/bilingual';
import { IncidentView } from './incident.views';

/** Domain events of incidents; the realtime gateway decides who hears them. */
export const IncidentEvents = {
  updated: 'incident.updated',
  stormChanged: 'incident.storm_changed',
} as const;

export interface IncidentUpdatedEvent {
  incident: IncidentView;
}

export interface StormChangedEvent {
  incident: IncidentView;
  on: boolean;
  by: 'rate' | 'supervisor';
  /** The banner's text for the supervisors' page. */
  banner: Bilingual;
}
