import { INestApplicationContext } from '@nestjs/common';
import { IncomingMessage } from 'http';
import { Server, ServerOptions } from 'socket.io';
import { ChatIoAdapter } from '../realtime/chat-io.adapter';
import { IoServers } from '../observability/io-servers';
import { DrainState } from './drain-state';

type AllowRequest = (
  request: IncomingMessage,
  callback: (error: string | null | undefined, allowed: boolean) => void,
) => void;

/**
 * The chat adapter, plus what an instance that may be drained needs: a new connection is
 * refused while it drains (the engine's handshake answers an error, and socket.io clients
 * retry, landing on another instance), and each server is registered for metrics and shutdown.
 */
export class DrainingIoAdapter extends ChatIoAdapter {
  constructor(
    app: INestApplicationContext,
    maxBytes: number,
    corsOrigins: string[],
    redis: { url: string; prefix: string },
    private readonly drain: DrainState,
    private readonly servers: IoServers,
  ) {
    super(app, maxBytes, corsOrigins, redis);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options);
    const opts = server.engine.opts as { allowRequest?: AllowRequest };
    const allow = opts.allowRequest;
    opts.allowRequest = (request, callback) => {
      if (this.drain.draining) return callback('DRAINING', false);
      if (allow) return allow(request, callback);
      callback(null, true);
    };
    this.servers.add(server);
    return server;
  }
}
