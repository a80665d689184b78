import type { Socket } from 'socket.io-client';
import type { StaffView } from './protocol';

export interface StaffSession {
  token: string;
  staff: StaffView;
}

export type LoginResult = { ok: true; session: StaffSession } | { ok: false; message: string };

/** POST /auth/login: the token for the sockets, and who logged in. */
export async function logIn(username: string, password: string): Promise<LoginResult> {
  try {
    const response = await fetch('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await response.json()) as {
      token?: string;
      staff?: StaffView;
      error?: { message?: string };
    };
    if (!response.ok || !body.token || !body.staff) {
      return { ok: false, message: body.error?.message ?? response.statusText };
    }
    return { ok: true, session: { token: body.token, staff: body.staff } };
  } catch (error) {
    return { ok: false, message: String(error) };
  }
}

/** The session of this tab (sessionStorage: a new tab logs in again). */
export const savedSession = (key: string): StaffSession | null => {
  const saved = sessionStorage.getItem(key);
  return saved ? (JSON.parse(saved) as StaffSession) : null;
};
export const saveSession = (key: string, session: StaffSession | null): void =>
  session ? sessionStorage.setItem(key, JSON.stringify(session)) : sessionStorage.removeItem(key);

/**
 * Calls `ended` when the server ends this staff session (logout elsewhere, revoke, expiry), and
 * `refused` when a handshake is refused for another reason. The server closes a staff socket
 * only when its session ended: socket.io does not reconnect then, and a new handshake would be
 * refused, so the page must say so instead of reconnecting forever.
 */
export function watchSession(
  socket: Socket,
  on: { ended(): void; refused(message: string): void; down(): void; up(): void },
): void {
  socket.on('connect', on.up);
  socket.on('disconnect', (reason) => (reason === 'io server disconnect' ? on.ended() : on.down()));
  socket.on('error:occurred', (body?: { event?: string }) => {
    if (body?.event === 'session') on.ended();
  });
  socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    on.down();
    if (error.data?.code === 'UNAUTHENTICATED') on.ended();
    else if (error.data?.code) on.refused(error.message);
  });
}
