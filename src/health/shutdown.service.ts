import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { BotTurnsService } from '../chat/bot-turns.service';
import { AppConfig } from '../config/app-config';
import { IoServers } from '../observability/io-servers';
import { DrainState } from './drain-state';

/**
 * The drain of a stopping instance (SIGTERM, through Nest's shutdown hooks): readiness fails
 * and new sockets and requests are refused at once; the bot turns this process accepted are
 * answered; then its socket connections are closed so clients reconnect to another instance;
 * only then do the other modules stop (MongoDB, Bull, Redis, the NLU).
 *
 * It is a provider of the root module on purpose: Nest destroys the root module's providers
 * first, before any module whose services the turns in flight still use.
 */
@Injectable()
export class ShutdownService implements OnModuleDestroy {
  private readonly logger = new Logger(ShutdownService.name);

  constructor(
    private readonly drain: DrainState,
    private readonly turns: BotTurnsService,
    private readonly sockets: IoServers,
    private readonly config: AppConfig,
  ) {}

  async onModuleDestroy(): Promise<void> {
    this.drain.start();
    const started = Date.now();
    const { SHUTDOWN_DELAY_MS: delay, SHUTDOWN_GRACE_MS: grace } = this.config;
    this.logger.log(`draining: readiness fails, new connections refused (grace ${grace} ms)`);
    const bounded = await Promise.race([
      Promise.all([this.turns.drained(), sleep(delay)]).then(() => true),
      sleep(grace).then(() => false),
    ]);
    const closed = this.sockets.closeLocalConnections();
    this.logger.log(
      `${bounded ? 'drained' : 'drain grace over, turns still running'} after ` +
        `${Date.now() - started} ms; closed ${closed} socket connections`,
    );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
