import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { Types } from 'mongoose';
import { fill } from '../common/bilingual';
import { AppConfig } from '../config/app-config';
import { ConversationEvents, CustomerReturnedEvent } from '../conversations/conversation.events';
import { MessagesService } from '../conversations/messages.service';
import { HANDOFF_TEXTS } from '../tickets/handoff-texts';
import {
  AgentGraceExpiredEvent,
  OfferLapsedEvent,
  TicketEvents,
  TicketQueuedEvent,
} from '../tickets/ticket.events';
import { TicketDocument } from '../tickets/ticket.schema';
import { TicketHandlingService } from '../tickets/ticket-handling.service';
import { TicketOffersService } from '../tickets/ticket-offers.service';
import { TicketsQueryService } from '../tickets/tickets-query.service';
import { estimateWaits } from '../tickets/wait-estimate';
import {
  AgentPresenceEvents,
  AgentPresenceService,
  AgentState,
  PresenceChangedEvent,
} from './agent-presence.service';
import { DISPATCH_LEASE_MS, DispatchLease } from './dispatch-lease';
import { planOffers, queueOrder, RoutableTicket } from './routing-policy';
import { withinServiceHours } from './service-hours';

export const QueueEvents = { updated: 'queue.updated' } as const;

/** After each dispatch run, for the metrics. */
export const DispatchEvents = { ran: 'dispatch.ran' } as const;

export interface DispatchRanEvent {
  offers: number;
  ms: number;
}

export interface QueuePosition {
  conversationId: string;
  ticketId: string;
  position: number;
  /** Null while no agent is online: there is no honest estimate then. */
  estimatedWaitSeconds: number | null;
  agentsOnline: number;
  /** Outside configured service hours: the customer is told, and offered a callback. */
  outOfHours: boolean;
}

export interface QueueUpdatedEvent {
  positions: QueuePosition[];
}

/**
 * Push routing: whenever the queue or the desk changes, waiting tickets are offered to the best
 * online agent with room (see routing-policy.ts), and every waiting customer is told their
 * place. Any instance may run it, from shared state (tickets in MongoDB, presence in Redis).
 * Runs are serialised across the cluster by a lease (DispatchLease) and coalesced: a change
 * anywhere during a run causes exactly one more run.
 */
@Injectable()
export class DispatcherService {
  private readonly logger = new Logger(DispatcherService.name);
  private running?: Promise<void>;
  private again = false;

  constructor(
    private readonly tickets: TicketsQueryService,
    private readonly offers: TicketOffersService,
    private readonly handling: TicketHandlingService,
    private readonly presence: AgentPresenceService,
    private readonly lease: DispatchLease,
    private readonly messages: MessagesService,
    private readonly events: EventEmitter2,
    private readonly config: AppConfig,
  ) {}

  private serviceOpen(): boolean {
    return withinServiceHours(new Date(), this.config.SERVICE_HOURS, this.config.SERVICE_TIMEZONE);
  }

  @OnEvent(TicketEvents.queued)
  async onQueued({ ticket, origin }: TicketQueuedEvent): Promise<void> {
    const open = this.serviceOpen();
    const nobody = async () => (await this.presence.online().catch(() => [{}])).length === 0;
    if (origin === 'opened' && (!open || (await nobody()))) {
      const { conversationId, language } = ticket;
      const text = open
        ? HANDOFF_TEXTS.noAgentsOnline[language]
        : fill(HANDOFF_TEXTS.outOfHours[language], { hours: this.config.SERVICE_HOURS });
      await this.messages
        .append(new Types.ObjectId(conversationId), { sender: 'system', text })
        .catch((error: Error) =>
          this.logger.warn(`could not tell customer no agent is online: ${error.message}`),
        );
    }
    this.schedule();
  }

  @OnEvent(TicketEvents.offerLapsed)
  async onOfferLapsed({ agentId, why }: OfferLapsedEvent): Promise<void> {
    // An agent who lets an offer time out is probably not at the desk: stop offering them work.
    if (why === 'timeout')
      await this.presence
        .setPresence(agentId, 'away')
        .catch((error: Error) => this.logger.warn(`presence not set: ${error.message}`));
    this.schedule();
  }

  @OnEvent(TicketEvents.assigned)
  @OnEvent(TicketEvents.resolved)
  @OnEvent(TicketEvents.abandoned)
  onChange(): void {
    this.schedule();
  }

  /** A waiting customer back after a reload hears their place and wait again from this run. */
  @OnEvent(ConversationEvents.customerReturned)
  onCustomerReturned({ status }: CustomerReturnedEvent): void {
    if (status === 'waiting') this.schedule();
  }

  @OnEvent(AgentPresenceEvents.changed)
  async onPresence({ agentId, presence }: PresenceChangedEvent): Promise<void> {
    this.schedule();
    // Whichever instance saw the agent go (their socket closed, or their instance lapsed).
    if (presence === 'offline') await this.handling.scheduleAgentGrace(agentId);
  }

  @OnEvent(TicketEvents.agentGraceExpired)
  async onGraceExpired({ agentId }: AgentGraceExpiredEvent): Promise<void> {
    // Asked of the shared presence: the agent may be connected to another instance. With Redis
    // away nothing is decided: the reconciler schedules the check again for whoever holds chats.
    const connected = await this.presence.isConnected(agentId).catch((error: Error) => {
      this.logger.warn(`grace check of ${agentId} put off: ${error.message}`);
      return true;
    });
    if (connected) return;
    const requeued = await this.handling.requeueAgentTickets(agentId);
    if (requeued > 0)
      this.logger.log(`agent ${agentId} did not come back: ${requeued} chats requeued`);
  }

  /** Resolves when a run that includes every change so far has finished (used by tests). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  schedule(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.runUnderLease();
      } catch (error) {
        this.logger.warn(`dispatch failed: ${(error as Error).message}`);
      }
    } while (this.again);
  }

  private async runUnderLease(): Promise<void> {
    if (!(await this.lease.acquire())) {
      // The holder runs once more for us. Should it die first, the wish outlives it: look again.
      setTimeout(() => {
        void this.lease.wanted().then(
          (wanted) => wanted && this.schedule(),
          () => undefined,
        );
      }, DISPATCH_LEASE_MS + 500).unref();
      return;
    }
    do {
      const started = Date.now();
      const offers = await this.dispatch();
      this.events.emit(DispatchEvents.ran, {
        offers,
        ms: Date.now() - started,
      } satisfies DispatchRanEvent);
    } while (await this.lease.releaseOrContinue());
  }

  /** One run; returns how many offers it made. */
  private async dispatch(): Promise<number> {
    let made = 0;
    const everyone = await this.presence.all();
    const online = everyone.filter((s) => s.presence === 'online');
    // One read of the open tickets per run: on mongo-java-server such a query scans the collection.
    let open = await this.tickets.listOpen();
    if (online.length > 0) {
      const load = loadOf(open);
      const queued = open.filter((t) => t.status === 'queued').map(toRoutable);
      const agents = online.map((s) => ({
        id: s.agent.id,
        skills: s.agent.skills,
        languages: s.agent.languages,
        capacity: s.capacity,
        load: load.get(s.agent.id) ?? 0,
        lastAssignedAt: s.lastAssignedAt,
      }));
      const offers = planOffers(queued, agents, {
        now: new Date(),
        declineCooldownMs: this.config.OFFER_DECLINE_COOLDOWN_SECONDS * 1000,
      });
      for (const offer of offers) {
        if (await this.offers.offer(offer.ticketId, offer.agentId)) {
          made++;
          await this.presence.markAssigned(offer.agentId);
        }
      }
      if (offers.length > 0) open = await this.tickets.listOpen();
    }
    // Every change of a load (offer, accept, transfer, close, requeue) schedules a run, so the
    // count stored here trails the tickets by one run at most.
    await this.presence
      .recordLoads(everyone, loadOf(open))
      .catch((error: Error) => this.logger.warn(`loads not recorded: ${error.message}`));
    await this.announcePositions(open, online);
    return made;
  }

  private async announcePositions(open: TicketDocument[], online: AgentState[]): Promise<void> {
    const waiting = open
      .filter((t) => t.status === 'queued' || t.status === 'offered')
      .sort((a, b) => queueOrder(toRoutable(a), toRoutable(b)));
    if (waiting.length === 0) return;
    const handle = await this.tickets.recentHandleSeconds();
    const estimates = estimateWaits({
      waiting: waiting.length,
      handleSeconds: handle,
      agentsBusyFor: busyFor(open, online, Date.now()),
    });
    const positions = waiting.map((t, i) => ({
      conversationId: t.conversationId.toHexString(),
      ticketId: t.id as string,
      position: i + 1,
      estimatedWaitSeconds: estimates[i],
      agentsOnline: online.length,
      outOfHours: !this.serviceOpen(),
    }));
    this.events.emit(QueueEvents.updated, { positions } satisfies QueueUpdatedEvent);
  }
}

/** Per agent online: seconds since the oldest chat they hold was assigned, null if none. */
function busyFor(open: TicketDocument[], online: AgentState[], now: number): (number | null)[] {
  const oldest = new Map<string, number>();
  for (const t of open) {
    if (t.status !== 'assigned' || !t.agentId || !t.assignedAt) continue;
    const at = t.assignedAt.getTime();
    if (at < (oldest.get(t.agentId) ?? Infinity)) oldest.set(t.agentId, at);
  }
  return online.map((s) => {
    const since = oldest.get(s.agent.id);
    return since === undefined ? null : (now - since) / 1000;
  });
}

/** Chats assigned plus offers pending, per agent. */
function loadOf(open: TicketDocument[]): Map<string, number> {
  const load = new Map<string, number>();
  for (const t of open) {
    const holder =
      t.status === 'assigned' ? t.agentId : t.status === 'offered' ? t.offeredTo : undefined;
    if (holder) load.set(holder, (load.get(holder) ?? 0) + 1);
  }
  return load;
}

function toRoutable(t: TicketDocument): RoutableTicket {
  return {
    id: t.id as string,
    priority: t.priority,
    queueSortAt: t.queueSortAt,
    skill: t.skill,
    language: t.language,
    requiredAgentId: t.requiredAgentId,
    declinedBy: t.declinedBy,
    declines: t.declines,
  };
}
