/**
 * Storm detection, pure: reports and outage chats for one incident are counted per calendar
 * minute (one counter on the incident, reset atomically when the minute turns); passing the
 * configured rate turns storm mode on, unless a supervisor switched it off for this incident.
 */

export interface RateCounter {
  /** The minute counted (epoch minutes). */
  minute: number;
  count: number;
}

export function minuteOf(at: Date): number {
  return Math.floor(at.getTime() / 60_000);
}

export interface StormState {
  on: boolean;
  /** A supervisor's decision: `off` holds against the rate until they switch it on again. */
  manual?: 'on' | 'off';
}

/** Whether this count of the current minute turns storm mode on. */
export function shouldStartStorm(
  storm: StormState,
  rate: RateCounter,
  reportsPerMinute: number,
): boolean {
  if (storm.on || storm.manual === 'off') return false;
  return rate.count >= reportsPerMinute;
}

/**
 * The escalations storm mode holds back for that incident's chats: the bot answers from the
 * incident and offers a callback instead. A customer who insists on a person and a hazard are
 * never held back, nor is a complaint (a person must own it).
 */
export function heldBackInStorm(reason: string): boolean {
  return reason === 'not_understood' || reason === 'frustration' || reason === 'person_must_decide';
}

/**
 * Callbacks asked for in a storm wait until it is over (a supervisor switched it off, or power
 * is back): while it lasts, every agent is kept for hazards and the customers who insist.
 */
export function callbacksHeld(incident: { status: string; storm: { on: boolean } }): boolean {
  return incident.storm.on && incident.status !== 'restored';
}

/**
 * Whether a new reporter's count is told to staff (`incident:updated`): every one of the first 20,
 * then every 10th, so a storm of thousands of reports is not as many events to every staff page.
 */
export function announcesCount(reportCount: number): boolean {
  return reportCount <= 20 || reportCount % 10 === 0;
}
