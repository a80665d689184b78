/**
 * How long a staff page's REST call may go unanswered before it counts as a network failure: a
 * hung request must not hold what waits on it (the supervisor's reports wait for the service
 * settings, the agent's incidents panel for its list) for ever.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/** The `signal` of one request under that limit. */
export const requestSignal = (): AbortSignal => AbortSignal.timeout(REQUEST_TIMEOUT_MS);
