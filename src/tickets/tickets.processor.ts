import { Process, Processor } from '@nestjs/bull';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Job } from 'bull';
import { DomainError } from '../common/domain-error';
import { AgentGraceExpiredEvent, TicketEvents } from './ticket.events';
import {
  AgentGraceJob,
  OfferExpiryJob,
  RouteJob,
  SlaDeadlineJob,
  TICKETS_QUEUE,
  TicketJobs,
} from './tickets.constants';
import { TicketOffersService } from './ticket-offers.service';
import { TicketSlaService } from './ticket-sla.service';
import { TicketsService } from './tickets.service';

/**
 * The tickets queue's one processor. Every handler is idempotent (Bull reruns a job whose worker
 * died mid-way): each reads the ticket's current state and does nothing if the moment has passed.
 * Errors are rethrown so Bull retries them; a ticket that no longer exists is not an error.
 */
@Processor(TICKETS_QUEUE)
export class TicketsProcessor {
  constructor(
    private readonly tickets: TicketsService,
    private readonly offers: TicketOffersService,
    private readonly sla: TicketSlaService,
    private readonly events: EventEmitter2,
  ) {}

  @Process(TicketJobs.route)
  route(job: Job<RouteJob>): Promise<void> {
    return discardIfGone(this.tickets.announce(job.data.ticketId));
  }

  @Process(TicketJobs.offerExpiry)
  offerExpiry(job: Job<OfferExpiryJob>): Promise<void> {
    return discardIfGone(this.offers.expireOffer(job.data.ticketId, job.data.round));
  }

  @Process(TicketJobs.slaDeadline)
  slaDeadline(job: Job<SlaDeadlineJob>): Promise<void> {
    return discardIfGone(this.sla.check(job.data.ticketId, job.data.kind));
  }

  @Process(TicketJobs.agentGrace)
  agentGrace(job: Job<AgentGraceJob>): void {
    // Presence lives with the agents module: it decides whether the agent is still away.
    this.events.emit(TicketEvents.agentGraceExpired, {
      agentId: job.data.agentId,
    } satisfies AgentGraceExpiredEvent);
  }
}

/** A ticket that no longer exists is a permanent outcome, not a failure worth retrying. */
async function discardIfGone(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION'))
      return;
    throw error;
  }
}
