import { Injectable } from '@nestjs/common';
import { AppConfig, perPriority } from '../config/app-config';
import { TicketEventsService } from './ticket-events.service';
import { PRIORITY, SlaKind, TicketDocument } from './ticket.schema';
import { TicketQueueService } from './ticket-queue.service';
import { TicketsRepository } from './tickets.repository';
import { TicketsQueryService } from './tickets-query.service';

/**
 * A ticket's service-level clocks: the first-response and resolution targets of its priority,
 * their deadline jobs, and what a missed target does to the ticket.
 */
@Injectable()
export class TicketSlaService {
  private readonly firstResponseTargets: number[];
  private readonly resolutionTargets: number[];

  constructor(
    private readonly tickets: TicketsRepository,
    private readonly queries: TicketsQueryService,
    private readonly queue: TicketQueueService,
    private readonly events: TicketEventsService,
    config: AppConfig,
  ) {
    this.firstResponseTargets = perPriority(config.SLA_FIRST_RESPONSE_SECONDS);
    this.resolutionTargets = perPriority(config.SLA_RESOLUTION_SECONDS);
  }

  dueDates(queuedAt: Date, priority: number): { firstResponseDueAt: Date; resolutionDueAt: Date } {
    const p = Math.min(priority, this.firstResponseTargets.length - 1);
    return {
      firstResponseDueAt: new Date(queuedAt.getTime() + this.firstResponseTargets[p] * 1000),
      resolutionDueAt: new Date(queuedAt.getTime() + this.resolutionTargets[p] * 1000),
    };
  }

  /** Schedules both deadline jobs; false if Redis did not take them (the reconciler retries). */
  async schedule(ticket: TicketDocument): Promise<boolean> {
    const id = ticket.id as string;
    const p = Math.min(ticket.priority, this.firstResponseTargets.length - 1);
    const since = ticket.queuedAt.getTime() - Date.now();
    const a = await this.queue.scheduleSlaDeadline(
      id,
      'first_response',
      since + this.firstResponseTargets[p] * 1000,
    );
    const b = await this.queue.scheduleSlaDeadline(
      id,
      'resolution',
      since + this.resolutionTargets[p] * 1000,
    );
    return a && b;
  }

  /** An SLA deadline job: a target missed raises the ticket's priority and alerts supervisors. */
  async check(ticketId: string, kind: SlaKind): Promise<void> {
    const ticket = await this.queries.get(ticketId);
    const done = ticket.status === 'resolved' || ticket.status === 'abandoned';
    const met = kind === 'first_response' ? done || ticket.firstResponseAt !== undefined : done;
    if (met || ticket.slaBreaches.includes(kind)) return;
    // A job run twice (Bull retries) records the breach once: the guard sees the first.
    const breached = await this.tickets.record(ticket, 'system', `SLA ${kind} breached`, {
      guard: (t) =>
        !t.slaBreaches.includes(kind) &&
        t.status !== 'resolved' &&
        t.status !== 'abandoned' &&
        (kind !== 'first_response' || !t.firstResponseAt),
      update: (t) => ({
        $set: { priority: Math.max(PRIORITY.hazard, t.priority - 1) },
        $addToSet: { slaBreaches: kind },
      }),
    });
    if (!breached) return;
    this.events.slaBreached(breached, kind);
    if (breached.status === 'queued') this.events.queued(breached, 'announced');
  }
}
