import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bull';
import { OfferJob, TICKETS_QUEUE, TicketJobs } from './tickets.constants';

/** How long an enqueue may wait for Redis before the ticket is left to the reconciler. */
const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * The door to Bull. A job is derived from a ticket stored in MongoDB and can always be rebuilt
 * from it, so losing Redis (or its last second of writes) never loses a ticket.
 */
@Injectable()
export class TicketQueueService {
  private readonly logger = new Logger(TicketQueueService.name);

  constructor(@InjectQueue(TICKETS_QUEUE) private readonly queue: Queue<OfferJob>) {}

  /** Idempotent: the job id is the ticket's, so a second enqueue of a waiting job is a no-op. */
  async enqueue(ticketId: string, priority: number): Promise<boolean> {
    const add = this.queue.add(
      TicketJobs.offer,
      { ticketId },
      {
        jobId: `offer:${ticketId}`,
        // Bull's priority 1 is the most urgent; ours starts at 0.
        priority: priority + 1,
        attempts: 5,
        backoff: { type: 'exponential', delay: 500 },
        removeOnComplete: true,
        removeOnFail: 1000,
      },
    );
    try {
      await withTimeout(add, ENQUEUE_TIMEOUT_MS);
      return true;
    } catch (error) {
      this.logger.warn(
        `ticket ${ticketId} not enqueued now (${(error as Error).message}); the reconciler will retry`,
      );
      return false;
    }
  }

  async ping(): Promise<boolean> {
    try {
      return (await withTimeout(this.queue.client.ping(), 1000)) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
