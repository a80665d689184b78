import { TicketStatus } from './ticket.schema';

/**
 * The ticket's state machine, in one place: each action, the statuses it may start from and
 * the status it leads to. TicketsRepository applies an action as one conditional update whose
 * filter is the `from` list (plus the action's own guard: the round, the agent), so of racing
 * callers exactly one changes the ticket and the others find no document to update.
 */
export const TICKET_TRANSITIONS = {
  /** The dispatcher offers a waiting ticket to one agent. */
  offer: { from: ['queued'], to: 'offered' },
  /** An agent takes the ticket on offer to them, or picks a waiting one from the queue. */
  accept: { from: ['queued', 'offered'], to: 'assigned' },
  /** The agent on offer says no, or the offer times out: the ticket waits again. */
  lapse: { from: ['offered'], to: 'queued' },
  /** The agent left (grace period over) or transferred it: back to the front of the queue. */
  requeue: { from: ['assigned'], to: 'queued' },
  resolve: { from: ['assigned'], to: 'resolved' },
  /** The customer leaves the queue before anyone took them. */
  abandon: { from: ['queued', 'offered'], to: 'abandoned' },
  /** The customer is back soon after a resolution: the same ticket waits again. */
  reopen: { from: ['resolved'], to: 'queued' },
} as const satisfies Record<string, { from: readonly TicketStatus[]; to: TicketStatus }>;

export type TicketAction = keyof typeof TICKET_TRANSITIONS;

export function canApply(action: TicketAction, status: TicketStatus): boolean {
  return (TICKET_TRANSITIONS[action].from as readonly TicketStatus[]).includes(status);
}
