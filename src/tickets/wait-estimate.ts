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

/**
 * No chat in progress is planned to end sooner than this share of a handle time from now: chats
 * vary, one past the mean is not about to end that moment, and a promise broken is worse than
 * a wait a little shorter than said.
 */
const MIN_SHARE_LEFT = 0.25;

export interface WaitInput {
  /** Tickets waiting (queued or offered), in queue order: the estimate of each is returned. */
  waiting: number;
  handleSeconds: number;
  /**
   * One entry per agent online: seconds since the oldest chat they hold now was assigned, or
   * null when they hold none.
   */
  agentsBusyFor: readonly (number | null)[];
}

/**
 * Seconds until each waiting ticket is likely picked up, in queue order. Each agent online is
 * taken to finish one chat per measured handle time, not one per seat: an agent with three chats
 * open answers each more slowly, and counting seats promised "about 1 minute" at position 3
 * behind two 14-minute waits (issue 15). What the chats in progress have already taken counts:
 * an agent whose chat started 10 of 14 minutes ago frees up in about four, not fourteen. Then
 * ticket k gets the k-th soonest free-up among all agents (each agent's next ones a handle time
 * apart). Null for every ticket while nobody is online: there is no honest estimate then.
 */
export function estimateWaits({
  waiting,
  handleSeconds,
  agentsBusyFor,
}: WaitInput): (number | null)[] {
  if (agentsBusyFor.length === 0) return Array.from({ length: waiting }, () => null);
  const nextFree = agentsBusyFor.map((busy) =>
    busy === null ? 0 : Math.max(handleSeconds - Math.max(0, busy), handleSeconds * MIN_SHARE_LEFT),
  );
  const estimates: number[] = [];
  for (let k = 0; k < waiting; k++) {
    // Agents online are few (tens): a scan for the soonest beats keeping a heap.
    let soonest = 0;
    for (let j = 1; j < nextFree.length; j++) if (nextFree[j] < nextFree[soonest]) soonest = j;
    estimates.push(Math.round(nextFree[soonest]));
    nextFree[soonest] += handleSeconds;
  }
  return estimates;
}
