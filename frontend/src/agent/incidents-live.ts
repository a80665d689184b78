import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AgentServerEvents } from '../shared/protocol';
import type { StaffFailure } from '../shared/staff-api';
import type { DeskStore } from './desk-store';
import { Callback, Incident, incidentsApi, mergeIncident } from './incidents-api';

export interface LiveIncidents {
  incidents: Incident[];
  mine: Callback[];
  /** Why the list could not be loaded, until the next load works. */
  error: StaffFailure | null;
  reload(): Promise<void>;
  /** Puts an incident the page changed itself in place, before the server's event comes. */
  put(incident: Incident): void;
}

/**
 * The open incidents and the callbacks this agent holds, kept live: loaded over REST, then
 * `incident:updated` and `incident:storm_changed` merged in, heard on the desk's socket.
 */
export function useIncidents(desk: DeskStore): LiveIncidents {
  const [incidents, setIncidents] = useState<Incident[]>([]);
  const [mine, setMine] = useState<Callback[]>([]);
  const [error, setError] = useState<StaffFailure | null>(null);
  const reload = useCallback(async () => {
    const api = incidentsApi(desk.api);
    const [list, held] = await Promise.all([api.list(), api.myCallbacks()]);
    if (list.ok && Array.isArray(list.body)) setIncidents(list.body);
    if (held.ok && Array.isArray(held.body)) setMine(held.body);
    setError(list.ok ? null : list);
    // A new login (a new token) loads again.
  }, [desk, desk.session]);
  const put = useCallback((incident: Incident) => {
    setIncidents((current) => mergeIncident(current, incident));
  }, []);

  useEffect(() => {
    const updated: AgentServerEvents['incident:updated'] = (incident) =>
      put(incident as unknown as Incident);
    const storm: AgentServerEvents['incident:storm_changed'] = ({ incident }) =>
      put(incident as unknown as Incident);
    const stops = [
      desk.listen('incident:updated', updated),
      desk.listen('incident:storm_changed', storm),
      // After a reconnect the events missed meanwhile are read back whole.
      desk.listen('connect', () => void reload()),
    ];
    void reload();
    return () => stops.forEach((stop) => stop());
  }, [desk, put, reload]);

  return { incidents, mine, error, reload, put };
}
