/** Until enough chats have been handled to know better. */
export const DEFAULT_HANDLE_SECONDS = 300;

/** Below this many measured chats, the default counts as much as the measurements. */
const TRUSTED_SAMPLE = 5;

/**
 * The handle time to plan with: the mean of the latest measured ones, pulled towards the default
 * while there are few (three quick test chats must not promise a one-minute wait).
 */
export function plannedHandleSeconds(latest: readonly number[]): number {
  const measured = latest.filter((s) => Number.isFinite(s) && s >= 0);
  const weight = Math.max(0, TRUSTED_SAMPLE - measured.length);
  const sum = measured.reduce((a, b) => a + b, 0) + weight * DEFAULT_HANDLE_SECONDS;
  return sum / (measured.length + weight);
}

export interface WaitInput {
  /** 1 for the next ticket to be offered, counting every waiting ticket ahead (queued, offered). */
  position: number;
  handleSeconds: number;
  agentsOnline: number;
}

/**
 * Seconds until the ticket at `position` is likely picked up: the tickets ahead and this one,
 * each taking a measured handle time, shared among the agents online. Per agent, not per seat:
 * an agent with three chats open answers each more slowly, and counting seats promised "about
 * 1 minute" at position 3 behind two 14-minute waits (issue 15). Null with nobody online: there
 * is no honest estimate then.
 */
export function estimateWaitSeconds({
  position,
  handleSeconds,
  agentsOnline,
}: WaitInput): number | null {
  if (agentsOnline <= 0) return null;
  return Math.round((Math.max(1, position) * handleSeconds) / agentsOnline);
}
