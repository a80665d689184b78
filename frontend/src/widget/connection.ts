// The socket to the /customer namespace (docs/protocol.md). socket.io's client is loaded from
// the widget's own server rather than bundled: the bundle stays small, and a copy of socket.io
// the host page has of its own is left in place.
import type { Socket } from 'socket.io-client';
import type { Ack, CustomerServerEvents } from '../shared/protocol';

const ACK_TIMEOUT_MS = 8000;

type ClientEvents = Record<string, (body: unknown, ack: (ack: unknown) => void) => void>;
export type CustomerSocket = Socket<CustomerServerEvents, ClientEvents>;
type Io = ((url: string, options: Record<string, unknown>) => CustomerSocket) & {
  __powerdesk?: true;
};
type IoWindow = Window & { io?: Io };

/** Loads /socket.io/socket.io.js of `origin` once, without replacing the host page's own `io`. */
export function loadSocketIo(origin: string): Promise<Io> {
  const win = window as IoWindow;
  if (win.io?.__powerdesk) return Promise.resolve(win.io);
  return new Promise((resolve, reject) => {
    const theirs = win.io;
    const tag = document.createElement('script');
    tag.src = `${origin}/socket.io/socket.io.js`;
    tag.async = true;
    tag.onload = () => {
      const ours = win.io;
      if (theirs) win.io = theirs;
      if (!ours) return reject(new Error('socket.io did not load'));
      ours.__powerdesk = true;
      resolve(ours);
    };
    tag.onerror = () => reject(new Error('socket.io could not be loaded'));
    document.head.append(tag);
  });
}

export type AnyAck = Ack<Record<string, unknown>>;

/** Emits a command and resolves with its ack; no ack in time becomes `{ ok: false, TIMEOUT }`. */
export function emitWithAck<T extends object>(
  socket: CustomerSocket,
  event: string,
  body: unknown,
  timeoutMessage = '',
): Promise<Ack<T>> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit(event, body, (err: unknown, ack?: unknown) => {
      if (err || !ack || typeof ack !== 'object') {
        resolve({ ok: false, error: { code: 'TIMEOUT', message: timeoutMessage } });
      } else resolve(ack as Ack<T>);
    });
  });
}

/** A refused handshake (too many new sockets from this address) and when to try again. */
export function retryAfterRefusal(error: unknown): number | null {
  const data = (error as { data?: { code?: string; details?: { retryAfterSeconds?: number } } })
    ?.data;
  if (!data || data.code !== 'RATE_LIMITED') return null;
  return data.details?.retryAfterSeconds || 5;
}
