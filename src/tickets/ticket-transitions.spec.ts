import { canApply, TICKET_TRANSITIONS, TicketAction } from './ticket-transitions';
import { TICKET_STATUSES, TicketStatus } from './ticket.schema';

describe('TICKET_TRANSITIONS', () => {
  const allowed: Record<TicketAction, TicketStatus[]> = {
    offer: ['queued'],
    accept: ['queued', 'offered'],
    lapse: ['offered'],
    requeue: ['assigned'],
    resolve: ['assigned'],
    abandon: ['queued', 'offered'],
    reopen: ['resolved'],
  };

  it.each(Object.keys(allowed) as TicketAction[])('%s starts only from its statuses', (action) => {
    for (const status of TICKET_STATUSES) {
      expect(canApply(action, status)).toBe(allowed[action].includes(status));
    }
  });

  it('never leaves abandoned, and reaches every status', () => {
    expect(TICKET_STATUSES.filter((s) => canApply('reopen', s))).toEqual(['resolved']);
    for (const action of Object.keys(TICKET_TRANSITIONS) as TicketAction[]) {
      expect(canApply(action, 'abandoned')).toBe(false);
    }
    const reached = new Set(Object.values(TICKET_TRANSITIONS).map((t) => t.to));
    expect([...reached].sort()).toEqual(
      ['abandoned', 'assigned', 'offered', 'queued', 'resolved'].sort(),
    );
  });
});
