/**
 * How hard a login may be tried: a few attempts free, then each attempt must wait twice as long
 * as the one before, and past a limit the name (or address) is locked for a while. Applied per
 * username and per client address (an address gets more room: offices share one).
 */
export interface ThrottleLimits {
  /** Attempts without delay. */
  free: number;
  /** Delay after the first attempt past `free`, doubling after each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts (in the window) after which the next one locks. */
  lockAfter: number;
  lockMs: number;
  /** How long attempts are remembered. */
  windowMs: number;
}

export const USERNAME_LIMITS: ThrottleLimits = {
  free: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  lockAfter: 10,
  lockMs: 15 * 60_000,
  windowMs: 15 * 60_000,
};

export const ADDRESS_LIMITS: ThrottleLimits = {
  free: 20,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  lockAfter: 100,
  lockMs: 15 * 60_000,
  windowMs: 15 * 60_000,
};

/** The wait imposed after the n-th attempt (n from 1 to lockAfter), in ms. */
export function delaySchedule(limits: ThrottleLimits): number[] {
  return Array.from({ length: limits.lockAfter }, (_, i) => {
    const n = i + 1;
    if (n < limits.free) return 0;
    return Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** (n - limits.free));
  });
}

export type ThrottleVerdict =
  | { kind: 'go'; attempt: number }
  | { kind: 'wait'; retryAfterMs: number }
  | { kind: 'locked'; retryAfterMs: number; justNow: boolean };

/** Reads what the Redis script returned (see login-throttle.service.ts). */
export function toVerdict(reply: [number, number]): ThrottleVerdict {
  const [code, value] = reply;
  if (code === 0) return { kind: 'go', attempt: value };
  if (code === 2) return { kind: 'wait', retryAfterMs: value };
  return { kind: 'locked', retryAfterMs: value, justNow: code === 3 };
}
