import { io, Socket } from 'socket.io-client';

/**
 * The benches' socket.io clients talk to the service the way the widget and the agent desk do:
 * websocket only, one fresh connection each, no reconnection (a dropped client is a failure to
 * count, not something to paper over), and every command checked against its ack.
 */

export interface Ack {
  ok: boolean;
  error?: { code: string; message: string };
  conversation?: { id: string };
}

export async function openSocket(
  url: string,
  timeoutMs: number,
  auth?: Record<string, unknown>,
): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: timeoutMs,
    auth,
  });
  await new Promise<void>((done, fail) => {
    socket.once('connect', () => done());
    socket.once('connect_error', (error) => fail(error));
  });
  return socket;
}

/** Emits and waits for the ack; a `{ ok: false }` ack throws with the service's error code. */
export async function command(
  socket: Socket,
  event: string,
  body: unknown,
  timeoutMs: number,
): Promise<Ack> {
  const ack = (await socket.timeout(timeoutMs).emitWithAck(event, body)) as Ack;
  if (!ack.ok) throw new Error(`${event}: ${ack.error?.code} ${ack.error?.message}`);
  return ack;
}
