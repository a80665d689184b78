import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { MetricsService } from './metrics.service';

/**
 * Counts the commands the MongoDB driver sends (its command monitoring: `monitorCommands` is
 * on in AppModule). A command is one round trip to the database, so the chat benchmark can
 * print the round trips per customer message from two readings of /metrics.
 */
@Injectable()
export class DbCommandMonitor implements OnApplicationBootstrap {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    const client = this.connection.getClient();
    client.on('commandStarted', (event) => {
      this.metrics.dbCommands.inc({ command: event.commandName });
    });
    const timed = (event: { commandName: string; duration: number }) =>
      this.metrics.dbCommandSeconds.observe({ command: event.commandName }, event.duration / 1000);
    client.on('commandSucceeded', timed);
    client.on('commandFailed', timed);
  }
}
