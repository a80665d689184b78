import { staffFetch } from './staff-api';
import { browserZone, ShownZone, shownZone } from './time-zone';

/**
 * Asks the service for its zone (GET /service-settings, agents and supervisors), once per login.
 * Always resolves: a failure or no answer within the request time limit gives the browser's zone,
 * marked as such. `expired` is called on a 401, as for every staff call.
 */
export async function readServiceZone(token: string, expired: () => void): Promise<ShownZone> {
  const answer = await staffFetch<{ timeZone?: unknown }>('/service-settings', token, {}, expired);
  return shownZone(answer, browserZone());
}
