import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { JobOptions, Queue } from 'bull';
import { SlaKind } from './ticket.schema';
import { TicketJob, TicketJobs, TICKETS_QUEUE } from './tickets.constants';

/** How long an enqueue may wait for Redis before the job is left to the reconciler. */
const ENQUEUE_TIMEOUT_MS = 2000;

const COMMON: JobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 500 },
  // Completed jobs are of no further use (the ticket in MongoDB holds the outcome).
  removeOnComplete: true,
  removeOnFail: 1000,
};

/**
 * The door to Bull. Every job is derived from a ticket stored in MongoDB and can be rebuilt from
 * it (see TicketsReconciler), so losing Redis or its last second of writes never loses a ticket.
 * Job ids are derived from what the job is about, so scheduling the same thing twice is a no-op.
 */
@Injectable()
export class TicketQueueService {
  private readonly logger = new Logger(TicketQueueService.name);

  constructor(@InjectQueue(TICKETS_QUEUE) private readonly queue: Queue<TicketJob>) {}

  enqueueRoute(ticketId: string, priority: number): Promise<boolean> {
    // Bull's priority 1 is the most urgent; ours starts at 0.
    return this.add(
      TicketJobs.route,
      { ticketId },
      { jobId: `route:${ticketId}`, priority: priority + 1 },
    );
  }

  /** A routing pass for this ticket after `delayMs` (once per round). */
  enqueueRouteAfter(ticketId: string, round: number, delayMs: number): Promise<boolean> {
    return this.add(
      TicketJobs.route,
      { ticketId },
      { jobId: `route:${ticketId}:after:${round}`, delay: delayMs },
    );
  }

  scheduleOfferExpiry(ticketId: string, round: number, delayMs: number): Promise<boolean> {
    return this.add(
      TicketJobs.offerExpiry,
      { ticketId, round },
      { jobId: `offer:${ticketId}:${round}`, delay: delayMs },
    );
  }

  scheduleSlaDeadline(ticketId: string, kind: SlaKind, delayMs: number): Promise<boolean> {
    return this.add(
      TicketJobs.slaDeadline,
      { ticketId, kind },
      { jobId: `sla:${kind}:${ticketId}`, delay: Math.max(0, delayMs) },
    );
  }

  scheduleAgentGrace(agentId: string, delayMs: number): Promise<boolean> {
    // Not deduplicated: each disconnect gets its own check, and the check looks at presence then.
    return this.add(TicketJobs.agentGrace, { agentId }, { delay: delayMs });
  }

  async ping(): Promise<boolean> {
    try {
      return (await withTimeout(this.queue.client.ping(), 1000)) === 'PONG';
    } catch {
      return false;
    }
  }

  private async add(name: string, data: TicketJob, options: JobOptions): Promise<boolean> {
    try {
      await withTimeout(this.queue.add(name, data, { ...COMMON, ...options }), ENQUEUE_TIMEOUT_MS);
      return true;
    } catch (error) {
      this.logger.warn(
        `${name} job not queued now (${(error as Error).message}); the reconciler will retry`,
      );
      return false;
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
