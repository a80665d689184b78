import { TicketView } from '../tickets/ticket.views';

/**
 * How long the customer waited for the assignment the ticket just got: from its latest entry
 * into the queue (opened, put back, transferred, reopened; a lapsed offer is the same wait
 * going on) to `assignedAt`. Falls back to the first wait the ticket recorded.
 */
export function queueWaitSeconds(ticket: TicketView): number | undefined {
  if (!ticket.assignedAt) return ticket.waitedSeconds;
  const assigned = Date.parse(ticket.assignedAt);
  let entered = Number.NaN;
  ticket.history.forEach((entry, i) => {
    const at = Date.parse(entry.at);
    const lapsedOffer = ticket.history[i - 1]?.status === 'offered';
    if (entry.status === 'queued' && !lapsedOffer && at <= assigned) entered = at;
  });
  if (Number.isNaN(entered)) return ticket.waitedSeconds;
  return (assigned - entered) / 1000;
}

/** An assignment straight after an offer is that offer accepted (not a pick from the queue). */
export function acceptedAnOffer(ticket: TicketView): boolean {
  return ticket.history.at(-2)?.status === 'offered';
}
