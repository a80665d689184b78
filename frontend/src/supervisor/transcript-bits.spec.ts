import { assignedTicket, cardFields, formatValue, staffName } from './transcript-bits';
import type { TicketView } from '../shared/protocol';

describe('transcript bits', () => {
  it('finds the ticket an agent is handling', () => {
    const tickets = [
      { id: 'a', status: 'resolved' },
      { id: 'b', status: 'assigned' },
    ] as TicketView[];
    expect(assignedTicket(tickets)?.id).toBe('b');
    expect(assignedTicket([])).toBeUndefined();
  });

  it('writes case-card values on one line', () => {
    expect(formatValue(['outage.report', 'agent.request'])).toBe('outage.report → agent.request');
    expect(formatValue({ a: 1, b: [] })).toBe('a: 1, b: –');
    expect(formatValue(undefined)).toBe('–');
  });

  it('names staff by the ticket or the board, else by id', () => {
    const ticket = { agentId: 'a1', agentName: 'Li Na' };
    const agents = [{ id: 'a2', displayName: 'Sam Taylor' }];
    expect(staffName('a1', ticket, agents)).toBe('Li Na');
    expect(staffName('a2', ticket, agents)).toBe('Sam Taylor');
    expect(staffName('system', ticket, agents)).toBe('system');
  });

  it('keeps a card to its plain fields', () => {
    expect(cardFields({ amount: 12.5, nested: { x: 1 }, none: null, due: '2026-12-05' })).toEqual([
      ['amount', '12.5'],
      ['due', '2026-12-05'],
    ]);
  });
});
