import { TicketView } from '../tickets/ticket.views';
import { acceptedAnOffer, queueWaitSeconds } from './queue-wait';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 8, 0, s)).toISOString();

function ticket(history: [number, string][], assignedSecond?: number, waited?: number): TicketView {
  return {
    history: history.map(([s, status]) => ({ at: at(s), status, by: 'x' })),
    ...(assignedSecond !== undefined && { assignedAt: at(assignedSecond) }),
    ...(waited !== undefined && { waitedSeconds: waited }),
  } as TicketView;
}

describe(queueWaitSeconds.name, () => {
  it('counts from the entry into the queue, through lapsed offers, to the assignment', () => {
    const t = ticket(
      [
        [0, 'queued'],
        [5, 'offered'],
        [25, 'queued'],
        [30, 'offered'],
        [42, 'assigned'],
      ],
      42,
    );
    expect(queueWaitSeconds(t)).toBe(42);
    expect(acceptedAnOffer(t)).toBe(true);
  });

  it('starts again when an agent puts the ticket back', () => {
    const t = ticket(
      [
        [0, 'queued'],
        [10, 'assigned'],
        [40, 'queued'],
        [47, 'assigned'],
      ],
      47,
    );
    expect(queueWaitSeconds(t)).toBe(7);
    expect(acceptedAnOffer(t)).toBe(false);
  });

  it('falls back to the recorded wait without history or assignment time', () => {
    expect(queueWaitSeconds(ticket([], undefined, 12))).toBe(12);
    expect(queueWaitSeconds(ticket([[3, 'assigned']], 3, 9))).toBe(9);
  });
});
