import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ClusterJobsService } from '../jobs/cluster-jobs.service';
import { TicketQueueService } from './ticket-queue.service';
import { TicketOffersService } from './ticket-offers.service';
import { TicketsQueryService } from './tickets-query.service';
import { TicketSlaService } from './ticket-sla.service';
import { TicketDocument } from './ticket.schema';

/**
 * Rebuilds Bull's jobs from MongoDB, the system of record: when an instance starts (after a
 * Redis crash or a flush) and then every TICKETS_RECONCILE_SECONDS once per cluster: route jobs
 * for queued tickets, expiry jobs for offers, SLA deadlines, and grace checks for agents holding
 * chats. Job ids are derived from the ticket, so a run on two instances at once adds nothing twice.
 */
@Injectable()
export class TicketsReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger(TicketsReconciler.name);

  constructor(
    private readonly queries: TicketsQueryService,
    private readonly sla: TicketSlaService,
    private readonly offers: TicketOffersService,
    private readonly queue: TicketQueueService,
    private readonly config: AppConfig,
    private readonly jobs: ClusterJobsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reconcile().catch((error: Error) =>
      this.logger.warn(`reconcile at start failed: ${error.message}`),
    );
    this.jobs.every('tickets-reconcile', this.config.TICKETS_RECONCILE_SECONDS * 1000, () =>
      this.reconcile(),
    );
  }

  async reconcile(): Promise<number> {
    const open = await this.queries.listOpen();
    let rebuilt = 0;
    for (const ticket of open) {
      // One failure means Redis is away: stop here rather than wait out a timeout per ticket.
      const rebuiltJobs =
        ticket.status === 'offered'
          ? await this.offers.rebuildOffer(ticket)
          : await this.rebuildJobs(ticket);
      if (!rebuiltJobs) break;
      rebuilt++;
    }
    const agents = new Set(
      open.filter((t) => t.status === 'assigned').map((t) => t.agentId as string),
    );
    // Whoever holds chats gets a grace check: an agent who is connected keeps them, one who is
    // not (say, after a restart of the service) gets them put back in the queue.
    for (const agentId of agents)
      await this.queue.scheduleAgentGrace(agentId, this.config.AGENT_GRACE_SECONDS * 1000);
    if (open.length > 0)
      this.logger.debug(`rebuilt jobs of ${rebuilt}/${open.length} open tickets`);
    return rebuilt;
  }

  /** Re-schedules what Redis may have lost for a queued or assigned ticket. */
  private async rebuildJobs(ticket: TicketDocument): Promise<boolean> {
    const id = ticket.id as string;
    if (ticket.status === 'queued' && !(await this.queue.enqueueRoute(id, ticket.priority)))
      return false;
    return this.sla.schedule(ticket);
  }
}
