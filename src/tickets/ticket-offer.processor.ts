import { Process, Processor } from '@nestjs/bull';
import { Job } from 'bull';
import { OfferJob, TICKETS_QUEUE, TicketJobs } from './tickets.constants';
import { TicketsService } from './tickets.service';

/**
 * Offers queued tickets to agents. Safe to run twice for one job (Bull reruns a job whose worker
 * died mid-way): offering a ticket that is no longer queued does nothing.
 */
@Processor(TICKETS_QUEUE)
export class TicketOfferProcessor {
  constructor(private readonly tickets: TicketsService) {}

  @Process(TicketJobs.offer)
  async offer(job: Job<OfferJob>): Promise<void> {
    await this.tickets.offer(job.data.ticketId);
  }
}
