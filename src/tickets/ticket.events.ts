import { TicketView } from './ticket.views';

/** Domain events of tickets; the realtime gateway decides who hears each one. */
export const TicketEvents = {
  /** A ticket waits for an agent (new, put back, transferred, or re-announced after a restart). */
  queued: 'ticket.queued',
  offered: 'ticket.offered',
  /** An offer ended without acceptance (declined or timed out). */
  offerLapsed: 'ticket.offer_lapsed',
  assigned: 'ticket.assigned',
  resolved: 'ticket.resolved',
  abandoned: 'ticket.abandoned',
  slaBreached: 'ticket.sla_breached',
  rated: 'ticket.rated',
  /** A disconnected agent's grace period is over. */
  agentGraceExpired: 'agent.grace_expired',
} as const;

export interface TicketEvent {
  ticket: TicketView;
}

/** Why a ticket is (again) waiting: new, put back by an agent or a lapsed offer, or re-announced. */
export interface TicketQueuedEvent extends TicketEvent {
  origin: 'opened' | 'requeued' | 'announced';
}

export interface OfferLapsedEvent extends TicketEvent {
  agentId: string;
  why: 'declined' | 'timeout';
}

export interface SlaBreachedEvent extends TicketEvent {
  kind: 'first_response' | 'resolution';
}

export interface AgentGraceExpiredEvent {
  agentId: string;
}
