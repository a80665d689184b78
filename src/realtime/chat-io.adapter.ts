import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { IncomingMessage } from 'http';
import { Namespace, Server, ServerOptions, Socket } from 'socket.io';
import { MAX_PAYLOAD_DEPTH, nestsDeeperThan, TOO_DEEP_MESSAGE } from '../common/payload-depth';
import { errorAck } from '../common/ws-ack';

/**
 * One socket.io server for every namespace, with a chat-sized frame limit: socket.io's default
 * of 1 MB lets a single client push megabytes per event into the bot and the database.
 *
 * Browser origins are checked for every transport: socket.io's `cors` only governs the
 * long-polling requests, and a WebSocket upgrade is not subject to CORS at all, so any site
 * could otherwise open a socket from its visitors' browsers. A request without an Origin (a
 * server, a test client) is no browser page and passes.
 *
 * Rooms span instances: the socket.io Redis adapter (two connections of its own, channels under
 * `<QUEUE_PREFIX>:socket.io`) carries every room broadcast to the other instances, so a customer
 * on one instance and an agent or a watching supervisor on another see each other's messages.
 */
export class ChatIoAdapter extends IoAdapter {
  private readonly logger = new Logger(ChatIoAdapter.name);
  private readonly clients: Redis[] = [];
  private closed = false;

  constructor(
    app: INestApplicationContext,
    private readonly maxBytes: number,
    private readonly corsOrigins: string[],
    private readonly redis: { url: string; prefix: string },
  ) {
    super(app);
  }

  override async close(server: Parameters<IoAdapter['close']>[0]): Promise<void> {
    await super.close(server);
    this.closed = true;
    await Promise.all(this.clients.splice(0).map((c) => c.quit().catch(() => c.disconnect())));
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: this.maxBytes,
      cors: this.corsOrigins.length > 0 ? { origin: this.corsOrigins } : undefined,
      allowRequest: (
        request: IncomingMessage,
        callback: (error: string | null | undefined, allowed: boolean) => void,
      ) => callback(null, originAllowed(request, this.corsOrigins)),
    }) as Server;
    const guard = (namespace: Namespace) =>
      namespace.use((socket, next) => {
        refuseDeepPayloads(socket);
        next();
      });
    guard(server.of('/'));
    server.on('new_namespace', guard);
    // Auto-pipelining: a turn's several broadcasts leave in one socket write, not one each.
    const pub = new Redis(this.redis.url, {
      maxRetriesPerRequest: null,
      enableAutoPipelining: true,
    });
    const sub = new Redis(this.redis.url, { maxRetriesPerRequest: null });
    // Domain events may still be broadcast while the app shuts down, after these connections
    // closed: the adapter does not catch a refused publish, so it is not attempted then.
    const publish = pub.publish.bind(pub);
    // Nor does it catch a publish refused while Redis is away: the broadcast then reaches only
    // this instance's sockets (as the adapter promises), and the refusal is logged, not thrown.
    pub.publish = ((...args: Parameters<typeof publish>) =>
      this.closed
        ? Promise.resolve(0)
        : publish(...args).catch((error: Error) => {
            this.logger.debug(`socket.io publish refused: ${error.message}`);
            return 0;
          })) as typeof pub.publish;
    for (const client of [pub, sub]) {
      // While Redis is away, rooms still reach this instance's own sockets.
      client.on('error', (error: Error) => this.logger.debug(`socket.io Redis: ${error.message}`));
      this.clients.push(client);
    }
    server.adapter(createAdapter(pub, sub, { key: `${this.redis.prefix}:socket.io` }));
    return server;
  }
}

export function originAllowed(
  request: Pick<IncomingMessage, 'headers'>,
  allowed: readonly string[],
): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** Answers an over-deep event with TOO_DEEP (through its ack when it has one) and drops it. */
function refuseDeepPayloads(socket: Socket): void {
  socket.use((packet, next) => {
    const [event, ...args] = packet as [string, ...unknown[]];
    const payload = typeof args.at(-1) === 'function' ? args.slice(0, -1) : args;
    if (!nestsDeeperThan(payload, MAX_PAYLOAD_DEPTH + 1)) return next();
    const body = errorAck({ code: 'TOO_DEEP', message: TOO_DEEP_MESSAGE });
    const ack = args.at(-1);
    if (typeof ack === 'function') (ack as (r: unknown) => void)(body);
    else socket.emit('error:occurred', { ...body, event: String(event).slice(0, 60) });
  });
}
