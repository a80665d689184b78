export const TICKETS_QUEUE = 'tickets';

export const TicketJobs = {
  offer: 'offer',
} as const;

export interface OfferJob {
  ticketId: string;
}
