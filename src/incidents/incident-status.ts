/** An incident's life: what the crews are doing, then power back. */
export const INCIDENT_STATUSES = [
  'investigating',
  'crew_dispatched',
  'crew_on_site',
  'restored',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * The allowed moves; `restored` is final (a new fault is a new incident). Crews may be sent back
 * (on site to dispatched, when they go for parts).
 */
const NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  investigating: ['crew_dispatched', 'crew_on_site', 'restored'],
  crew_dispatched: ['investigating', 'crew_on_site', 'restored'],
  crew_on_site: ['crew_dispatched', 'restored'],
  restored: [],
};

export function canMove(from: IncidentStatus, to: IncidentStatus): boolean {
  return from === to ? from !== 'restored' : NEXT[from].includes(to);
}

/** The statuses from which `to` may be reached (the condition of the atomic update). */
export function fromStatusesOf(to: IncidentStatus): IncidentStatus[] {
  return INCIDENT_STATUSES.filter((from) => canMove(from, to));
}
