// The staff pages' one REST helper: every call carries the session's bearer token, is limited to
// REQUEST_TIMEOUT_MS, and resolves to one answer shape whatever happened.
import type { Translator } from './translate';
import { requestSignal } from './request-timeout';

/**
 * An HTTP answer as a staff page sees it. A failed one has the server's error code and message;
 * status 0 is no answer at all: `NETWORK` (the request failed) or `TIMEOUT` (none in time).
 */
export type StaffAnswer<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; code: string; message: string };

export type StaffFailure = Extract<StaffAnswer<unknown>, { ok: false }>;

/** The answer for a response that came: its body, or the server's `{ error: { code, message } }`. */
export function answerOf<T>(status: number, body: unknown, statusText = ''): StaffAnswer<T> {
  if (status >= 200 && status < 300) return { ok: true, status, body: body as T };
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return {
    ok: false,
    status,
    code: typeof error?.code === 'string' ? error.code : `HTTP_${status}`,
    message: typeof error?.message === 'string' ? error.message : statusText || 'error',
  };
}

/** The answer for a request that got none: the time limit ran out, or the network failed. */
export function unanswered(error: unknown): StaffFailure {
  // AbortSignal.timeout aborts with a DOMException named so (not an Error in every runtime).
  const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
  return { ok: false, status: 0, code: timedOut ? 'TIMEOUT' : 'NETWORK', message: String(error) };
}

/**
 * What a failure says to staff, in the page's language where it is the page's own (no answer);
 * the server's message as it gave it otherwise.
 */
export function failureMessage(failure: StaffFailure, t: Translator['t']): string {
  if (failure.status !== 0) return failure.message;
  return t(failure.code === 'TIMEOUT' ? 'staffNoAnswer' : 'staffNetworkFailed');
}

/** `403 · Only supervisors…`: the status and the server's message, as the supervisor desk shows them. */
export function errorText(failure: StaffFailure, t: Translator['t']): string {
  const message = failureMessage(failure, t);
  return failure.status === 0 ? message : `${failure.status} · ${message}`;
}

export interface StaffRequest {
  method?: 'GET' | 'POST' | 'PATCH';
  /** Sent as JSON. */
  body?: object;
}

/**
 * One REST call with the session's token. Always resolves; calls `expired` on a 401, when the
 * server no longer knows the session (the page then ends it, as the socket would).
 */
export async function staffFetch<T>(
  path: string,
  token: string,
  request: StaffRequest = {},
  expired: () => void = () => undefined,
): Promise<StaffAnswer<T>> {
  const { method = 'GET', body } = request;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body && { 'content-type': 'application/json' }),
      },
      ...(body && { body: JSON.stringify(body) }),
      signal: requestSignal(),
    });
  } catch (error) {
    return unanswered(error);
  }
  // A body that is not JSON (a 204, a proxy's page) reads as none; the status still says what came.
  const parsed: unknown = await response.json().catch(() => null);
  if (response.status === 401) expired();
  return answerOf<T>(response.status, parsed, response.statusText);
}

export interface StaffApi {
  get<T>(path: string): Promise<StaffAnswer<T>>;
  post<T>(path: string, body: object): Promise<StaffAnswer<T>>;
  patch<T>(path: string, body: object): Promise<StaffAnswer<T>>;
}

/** The REST calls of one session: its token, and what the page does when the server forgot it. */
export const staffApi = (token: string, expired: () => void = () => undefined): StaffApi => ({
  get: (path) => staffFetch(path, token, {}, expired),
  post: (path, body) => staffFetch(path, token, { method: 'POST', body }, expired),
  patch: (path, body) => staffFetch(path, token, { method: 'PATCH', body }, expired),
});
