import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TicketQueueService } from './ticket-queue.service';
import { TicketsService } from './tickets.service';

const RECONCILE_EVERY_MS = 60_000;

/**
 * Rebuilds Bull's jobs from MongoDB, the system of record: at start (after a Redis crash or a
 * flush) and then every minute, every queued ticket gets its offer job back.
 */
@Injectable()
export class TicketsReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TicketsReconciler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly tickets: TicketsService,
    private readonly queue: TicketQueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reconcile().catch((error: Error) =>
      this.logger.warn(`reconcile at start failed: ${error.message}`),
    );
    this.timer = setInterval(() => {
      this.reconcile().catch((error: Error) =>
        this.logger.warn(`reconcile failed: ${error.message}`),
      );
    }, RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async reconcile(): Promise<number> {
    const queued = await this.tickets.listQueued(10_000);
    let enqueued = 0;
    for (const ticket of queued) {
      if (await this.queue.enqueue(ticket.id as string, ticket.priority)) enqueued++;
    }
    if (queued.length > 0)
      this.logger.log(`reconciled ${enqueued}/${queued.length} queued tickets with Bull`);
    return enqueued;
  }
}
