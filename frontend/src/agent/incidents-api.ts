// The incidents' REST calls of the agent console (src/incidents/incidents.controller.ts and
// callbacks.controller.ts), typed by the server's views as they arrive in JSON.
import type { CallbackView } from '../../../src/incidents/callback.views';
import type { IncidentStatus } from '../../../src/incidents/incident-status';
import type { Incident, Wire } from '../shared/protocol';
import type { StaffApi } from '../shared/staff-api';
import { fromZoneInput, toZoneInput } from '../shared/zone-input';

export type { Incident };
export type Callback = Wire<CallbackView>;
export type { IncidentStatus };

export const INCIDENT_STATUS_CODES: IncidentStatus[] = [
  'investigating',
  'crew_dispatched',
  'crew_on_site',
  'restored',
];

/** Who may update an incident: the roles incidents.controller.ts lets PATCH. */
export const UPDATE_ROLES: readonly string[] = ['agent', 'supervisor'];

export interface IncidentChange {
  status?: IncidentStatus;
  etaAt?: string;
  causeZh?: string;
  causeEn?: string;
}

/** The incidents' calls, on the REST helper of the agent's session (`DeskStore.api`). */
export const incidentsApi = (api: StaffApi) => ({
  list: () => api.get<Incident[]>('/incidents'),
  update: (id: string, change: IncidentChange) =>
    api.patch<Incident>(`/incidents/${encodeURIComponent(id)}`, { ...change }),
  myCallbacks: () => api.get<Callback[]>('/incident-callbacks/mine'),
  takeCallback: (incidentId: string) =>
    api.post<Callback>('/incident-callbacks/take', { incidentId }),
  closeCallback: (id: string, outcome: 'done' | 'failed', note?: string) =>
    api.post<Callback>(`/incident-callbacks/${encodeURIComponent(id)}/close`, {
      outcome,
      ...(note && { note }),
    }),
});

/** Newest first, as the server lists them; a restored incident leaves the open list. */
export function mergeIncident(list: Incident[], incident: Incident): Incident[] {
  const rest = list.filter((i) => i.id !== incident.id);
  if (incident.status === 'restored') return rest;
  return [incident, ...rest].sort((a, b) => b.openedAt.localeCompare(a.openedAt));
}

/**
 * What the edit form changes, only the fields that differ; the cause goes in both languages or
 * not at all (the API's rule). The estimate is typed on the service's clock (`zone`), as the
 * console shows it. Returns a message key when the form cannot be sent as it is.
 */
export function changeOf(
  incident: Incident,
  form: { status: IncidentStatus; eta: string; causeZh: string; causeEn: string },
  zone: string,
): IncidentChange | 'incAgentCauseBoth' {
  const change: IncidentChange = {};
  if (form.status !== incident.status) change.status = form.status;
  const etaAt = form.eta ? fromZoneInput(form.eta, zone) : undefined;
  if (etaAt && form.eta !== toZoneInput(incident.etaAt, zone)) change.etaAt = etaAt;
  const [zh, en] = [form.causeZh.trim(), form.causeEn.trim()];
  if (zh !== (incident.cause?.zh ?? '') || en !== (incident.cause?.en ?? '')) {
    if (!zh || !en) return 'incAgentCauseBoth';
    change.causeZh = zh;
    change.causeEn = en;
  }
  return change;
}
