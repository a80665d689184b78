import { Injectable } from '@nestjs/common';
import { fill } from '../common/bilingual';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { ConversationsService } from '../conversations/conversations.service';
import { MessagesService } from '../conversations/messages.service';
import { HANDOFF_TEXTS } from './handoff-texts';
import { TicketEvents } from './ticket.events';
import { TicketDocument } from './ticket.schema';
import { TicketQueueService } from './ticket-queue.service';
import { TicketEventsService } from './ticket-events.service';
import { TicketsRepository } from './tickets.repository';
import { TicketsQueryService } from './tickets-query.service';
import { secondsBetween, StaffRef } from './tickets.service';

/**
 * One round of a waiting ticket: the offer to an agent and how it ends (accepted, declined,
 * lapsed). Each round has a number; every change is guarded on the status and the round or
 * the agent on offer, so two agents accepting, or an accept racing the offer's timeout, end
 * with exactly one winner whichever instance each runs on.
 */
@Injectable()
export class TicketOffersService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly queries: TicketsQueryService,
    private readonly events: TicketEventsService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly queue: TicketQueueService,
    private readonly config: AppConfig,
  ) {}

  /** Offers a queued ticket to one agent for OFFER_TIMEOUT_SECONDS. Returns null if it is gone. */
  async offer(ticketId: string, agentId: string): Promise<TicketDocument | null> {
    const ticket = await this.queries.get(ticketId);
    if (ticket.status !== 'queued') return null;
    const timeoutMs = this.config.OFFER_TIMEOUT_SECONDS * 1000;
    const offered = await this.tickets.apply(ticket, 'offer', 'system', agentId, {
      guard: (t) => t.round === ticket.round,
      update: { $set: { offeredTo: agentId, offerExpiresAt: new Date(Date.now() + timeoutMs) } },
    });
    if (!offered) return null;
    await this.queue.scheduleOfferExpiry(offered.id as string, offered.round, timeoutMs);
    this.events.emit(TicketEvents.offered, offered);
    return offered;
  }

  /**
   * An agent takes a ticket: the one it is offered to, or a queued one from the list. Of many
   * agents accepting one ticket exactly one wins; the others get CONFLICT.
   */
  async accept(ticketId: string, agent: StaffRef): Promise<TicketDocument> {
    const current = await this.queries.get(ticketId);
    if (current.status === 'queued') {
      if (current.requiredAgentId && current.requiredAgentId !== agent.id) {
        throw new DomainError('CONFLICT', 'This ticket was transferred to another agent');
      }
    } else if (current.status === 'offered') {
      if (current.offeredTo !== agent.id)
        throw new DomainError('CONFLICT', 'This ticket is offered to another agent');
    } else {
      throw new DomainError('CONFLICT', `Ticket is already ${current.status}`, {
        status: current.status,
      });
    }
    const now = new Date();
    const ticket = await this.tickets.apply(current, 'accept', agent.id, undefined, {
      // From the queue: this round, and not reserved for somebody else. On offer: to this agent.
      // (A ticket offered to this agent meanwhile, by the dispatcher, may be taken too.)
      guard: (t) =>
        t.round === current.round &&
        (t.status === 'queued'
          ? !t.requiredAgentId || t.requiredAgentId === agent.id
          : t.offeredTo === agent.id),
      update: (t) => ({
        $set: {
          agentId: agent.id,
          agentName: agent.displayName,
          assignedAt: now,
          ...(t.waitedSeconds === undefined && {
            waitedSeconds: secondsBetween(t.queuedAt, now),
          }),
        },
        $unset: { offeredTo: 1, offerExpiresAt: 1, requiredAgentId: 1 },
        $addToSet: { agentIds: agent.id },
      }),
    });
    if (!ticket) throw new DomainError('CONFLICT', 'Another agent has just taken this ticket');
    const conversation = await this.conversations.transition(ticket.conversationId, 'agent');
    await this.messages.append(ticket.conversationId, {
      sender: 'system',
      text: fill(HANDOFF_TEXTS.agentJoined[conversation.language], { agent: agent.displayName }),
    });
    this.events.emit(TicketEvents.assigned, ticket);
    return ticket;
  }

  async decline(ticketId: string, agentId: string): Promise<TicketDocument | null> {
    const ticket = await this.queries.get(ticketId);
    if (ticket.status !== 'offered') {
      throw new DomainError('CONFLICT', 'This ticket is not on offer to you');
    }
    if (ticket.offeredTo !== agentId) {
      throw new DomainError('FORBIDDEN', 'This ticket is not on offer to you');
    }
    return this.lapse(ticket, agentId, 'declined');
  }

  /** The offer-expiry job: the round's offer lapses unless it was decided meanwhile. */
  async expireOffer(ticketId: string, round: number): Promise<TicketDocument | null> {
    const ticket = await this.queries.get(ticketId);
    if (ticket.status !== 'offered' || ticket.round !== round) return null;
    return this.lapse(ticket, undefined, 'timeout');
  }

  /** Re-schedules an offer's expiry that Redis may have lost (the reconciler). */
  async rebuildOffer(ticket: TicketDocument): Promise<boolean> {
    const left = (ticket.offerExpiresAt?.getTime() ?? 0) - Date.now();
    if (left <= 0) {
      await this.expireOffer(ticket.id as string, ticket.round);
      return true;
    }
    return this.queue.scheduleOfferExpiry(ticket.id as string, ticket.round, left);
  }

  private async lapse(
    ticket: TicketDocument,
    agentId: string | undefined,
    why: 'declined' | 'timeout',
  ): Promise<TicketDocument | null> {
    const offeredTo = ticket.offeredTo as string;
    const updated = await this.tickets.apply(
      ticket,
      'lapse',
      agentId ?? 'system',
      `offer ${why} (${offeredTo})`,
      {
        guard: (t) => t.round === ticket.round && t.offeredTo === offeredTo,
        update: {
          $inc: { round: 1 },
          $unset: { offeredTo: 1, offerExpiresAt: 1 },
          $addToSet: { declinedBy: offeredTo },
          // A timeout sets the agent away instead: back online, they may get it again at once.
          ...(why === 'declined' && {
            $push: { declines: { agentId: offeredTo, at: new Date() } },
          }),
        },
      },
    );
    // Decided meanwhile (accepted, abandoned, or the other of decline and timeout).
    if (!updated) return null;
    this.events.offerLapsed(updated, offeredTo, why);
    await this.queue.enqueueRoute(updated.id as string, updated.priority);
    // Should nobody else take it, the agent who passed may be offered it again after the
    // cool-down: a routing job then, so the ticket does not wait for the next reconciliation.
    await this.queue.enqueueRouteAfter(
      updated.id as string,
      updated.round,
      this.config.OFFER_DECLINE_COOLDOWN_SECONDS * 1000 + 500,
    );
    this.events.queued(updated, 'requeued');
    return updated;
  }
}
