// A staff page's socket command: emitted with an ack and a time limit, always resolving to an
// ack, so that no caller waits for ever on a socket that dropped or a server that did not answer.
import type { Ack } from './protocol';

/** How long a command may go unanswered before the page counts it as lost (socket.io's ack timeout). */
export const COMMAND_TIMEOUT_MS = 8000;

/** What a command needs of a socket: socket.io's `timeout(ms).emitWithAck(event, payload)`. */
export interface CommandSocket {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
}

/**
 * What a page does when a command fails, beyond handing the failed ack back to its caller. The
 * agent console says so for every command (a toast, the "reconnecting" line); the supervisor
 * desk leaves it to the caller, which says it where the command was asked (the watch button).
 */
export interface CommandPolicy {
  /** The server answered no (its coded error). */
  refused?(error: { code: string; message: string }): void;
  /** No answer within the time limit, or the socket dropped meanwhile. */
  unanswered?(): void;
}

/** Sends `event` and resolves to the server's ack, or to a TIMEOUT/UNAVAILABLE one made up here. */
export async function sendCommand<T>(
  socket: CommandSocket | null,
  event: string,
  payload: unknown,
  policy: CommandPolicy = {},
  timeoutMs = COMMAND_TIMEOUT_MS,
): Promise<Ack<T>> {
  // Not connected (logged out, or before the first login): nothing was sent, nothing to say.
  if (!socket) return { ok: false, error: { code: 'UNAVAILABLE', message: 'offline' } };
  let ack: Ack<T>;
  try {
    ack = (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
  } catch {
    policy.unanswered?.();
    return { ok: false, error: { code: 'TIMEOUT', message: 'no answer' } };
  }
  if (!ack.ok) policy.refused?.(ack.error);
  return ack;
}
