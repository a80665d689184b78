import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { Server, ServerOptions } from 'socket.io';

/**
 * One socket.io server for every namespace, with a chat-sized frame limit: socket.io's default
 * of 1 MB lets a single client push megabytes per event into the bot and the database.
 */
export class ChatIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly maxBytes: number,
    private readonly corsOrigins: string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: this.maxBytes,
      cors: this.corsOrigins.length > 0 ? { origin: this.corsOrigins } : undefined,
    });
  }
}
