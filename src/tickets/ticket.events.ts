import { TicketView } from './ticket.views';

/** Domain events of tickets; the realtime gateway decides who hears each one. */
export const TicketEvents = {
  /** A queued ticket is (again) on offer to agents. */
  offered: 'ticket.offered',
  assigned: 'ticket.assigned',
  closed: 'ticket.closed',
} as const;

export interface TicketEvent {
  ticket: TicketView;
}
