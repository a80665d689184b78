import { Socket } from 'socket.io';
import { errorAck } from '../common/ws-ack';

/**
 * socket.io drops events nobody listens for without a word; a client with a typo in an event
 * name would wait forever. Answer them with UNKNOWN_EVENT instead.
 */
export function refuseUnknownEvents(client: Socket, known: readonly string[]): void {
  client.onAny((event: string, ...args: unknown[]) => {
    if (known.includes(event)) return;
    const body = errorAck({
      code: 'UNKNOWN_EVENT',
      message: `Unknown event "${String(event).slice(0, 60)}"`,
    });
    const ack = args.at(-1);
    if (typeof ack === 'function') (ack as (r: unknown) => void)(body);
    else client.emit('error:occurred', { ...body, event: String(event).slice(0, 60) });
  });
}
