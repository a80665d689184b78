import { SlaKind } from './ticket.schema';

export const TICKETS_QUEUE = 'tickets';

/** Bull job names: every job is derived from MongoDB and safe to run twice. */
export const TicketJobs = {
  /** A queued ticket needs routing (after a restart, a lost Redis, or a requeue). */
  route: 'route',
  /** An offer's accept timeout. */
  offerExpiry: 'offer-expiry',
  /** An SLA target's deadline. */
  slaDeadline: 'sla-deadline',
  /** A disconnected agent's grace period. */
  agentGrace: 'agent-grace',
} as const;

export interface RouteJob {
  ticketId: string;
}

export interface OfferExpiryJob {
  ticketId: string;
  round: number;
}

export interface SlaDeadlineJob {
  ticketId: string;
  kind: SlaKind;
}

export interface AgentGraceJob {
  agentId: string;
}

export type TicketJob = RouteJob | OfferExpiryJob | SlaDeadlineJob | AgentGraceJob;
