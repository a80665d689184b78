import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { TicketQueueService } from './ticket-queue.service';
import { TicketsService } from './tickets.service';

/**
 * Rebuilds Bull's jobs from MongoDB, the system of record: at start (after a Redis crash or a
 * flush) and then every TICKETS_RECONCILE_SECONDS, every queued ticket gets its offer job back.
 */
@Injectable()
export class TicketsReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TicketsReconciler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly tickets: TicketsService,
    private readonly queue: TicketQueueService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reconcile().catch((error: Error) =>
      this.logger.warn(`reconcile at start failed: ${error.message}`),
    );
    this.timer = setInterval(() => {
      this.reconcile().catch((error: Error) =>
        this.logger.warn(`reconcile failed: ${error.message}`),
      );
    }, this.config.TICKETS_RECONCILE_SECONDS * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async reconcile(): Promise<number> {
    const queued = await this.tickets.listQueued(10_000);
    let enqueued = 0;
    for (const ticket of queued) {
      // One failure means Redis is away: stop here rather than wait out a timeout per ticket.
      if (!(await this.queue.enqueue(ticket.id as string, ticket.priority))) break;
      enqueued++;
    }
    if (queued.length > 0)
      this.logger.debug(`re-offered ${enqueued}/${queued.length} queued tickets to Bull`);
    return enqueued;
  }
}
