import { useCallback, useEffect, useState } from 'preact/hooks';
import { io } from 'socket.io-client';
import type { AgentServerEvents } from '../shared/protocol';
import { Callback, Incident, incidentsApi, mergeIncident } from './incidents-api';

export interface LiveIncidents {
  incidents: Incident[];
  mine: Callback[];
  /** A load failure's message, until the next load works. */
  error: string;
  reload(): Promise<void>;
  /** Puts an incident the page changed itself in place, before the server's event comes. */
  put(incident: Incident): void;
}

/**
 * The open incidents and the callbacks this agent holds, kept live: loaded over REST, then
 * `incident:updated` and `incident:storm_changed` merged in. The panel keeps a socket of its own
 * on /agent (the server treats it as another tab of the agent), so the desk's files stay as they
 * are; it closes with the panel.
 */
export function useIncidents(token: string): LiveIncidents {
  const [incidents, setIncidents] = useState<Incident[]>([]);
  const [mine, setMine] = useState<Callback[]>([]);
  const [error, setError] = useState('');
  const reload = useCallback(async () => {
    const api = incidentsApi(token);
    const [list, held] = await Promise.all([api.list(), api.myCallbacks()]);
    if (list.ok) setIncidents(list.body);
    if (held.ok) setMine(held.body);
    setError(list.ok ? '' : list.message);
  }, [token]);
  const put = useCallback((incident: Incident) => {
    setIncidents((current) => mergeIncident(current, incident));
  }, []);

  useEffect(() => {
    const socket = io('/agent', { auth: { token } });
    const updated: AgentServerEvents['incident:updated'] = (incident) =>
      put(incident as unknown as Incident);
    const storm: AgentServerEvents['incident:storm_changed'] = ({ incident }) =>
      put(incident as unknown as Incident);
    socket.on('incident:updated', updated);
    socket.on('incident:storm_changed', storm);
    // After a reconnect the events missed meanwhile are read back whole.
    socket.on('connect', () => void reload());
    return () => {
      socket.close();
    };
  }, [token, put, reload]);

  return { incidents, mine, error, reload, put };
}
