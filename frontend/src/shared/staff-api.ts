import { requestSignal } from './request-timeout';

/** An HTTP answer as the desk sees it; a failed one carries the server's error, if any. */
export type ApiAnswer<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; body: { error?: { code?: string; message?: string } } | null };

/** `403 · Only supervisors…`: the status and the server's message, as staff read it. */
export const errorText = (res: { status: number; body: unknown }): string => {
  const body = res.body as { error?: { message?: string } } | null;
  return `${res.status} · ${body?.error?.message ?? 'error'}`;
};

/**
 * GET with the session's bearer token; always resolves (a network failure or no answer within
 * REQUEST_TIMEOUT_MS is status 0) and calls `expired` on a 401, when the server no longer knows
 * the session.
 */
export async function getJson<T>(
  path: string,
  token: string,
  expired: () => void,
): Promise<ApiAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { authorization: `Bearer ${token}` },
      signal: requestSignal(),
    });
  } catch (error) {
    return { ok: false, status: 0, body: { error: { code: 'NETWORK', message: String(error) } } };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 401) expired();
  return response.ok
    ? { ok: true, status: response.status, body: body as T }
    : { ok: false, status: response.status, body: body as { error?: { message?: string } } };
}

/** POST a JSON body with the bearer token (the storm switch). */
export async function postJson<T>(
  path: string,
  token: string,
  payload: unknown,
): Promise<ApiAnswer<T>> {
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: requestSignal(),
    });
    const body: unknown = await response.json().catch(() => null);
    return response.ok
      ? { ok: true, status: response.status, body: body as T }
      : { ok: false, status: response.status, body: body as { error?: { message?: string } } };
  } catch (error) {
    return { ok: false, status: 0, body: { error: { code: 'NETWORK', message: String(error) } } };
  }
}
