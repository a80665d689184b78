import { Types } from 'mongoose';
import { QUEUE_ORDER, ticketListQuery } from './ticket-list.filter';

const supervisor = { role: 'supervisor' as const, id: 'sup-1' };
const agent = { role: 'agent' as const, id: 'agent-li' };

describe('the REST list of tickets as a query', () => {
  it('gives a supervisor exactly the filters asked for, newest first', () => {
    const conversationId = new Types.ObjectId();
    const from = new Date('2026-11-30T16:00:00Z');
    const { filter, sort } = ticketListQuery(
      { status: ['resolved'], skill: 'billing', conversationId, from, slaBreached: true },
      supervisor,
    );
    expect(filter).toEqual({
      status: { $in: ['resolved'] },
      skill: 'billing',
      conversationId,
      queuedAt: { $gte: from },
      slaBreaches: { $in: ['first_response', 'resolution'] },
    });
    expect(sort).toEqual({ queuedAt: -1, _id: -1 });
  });

  it('keeps an agent to the waiting queue and the tickets they hold or held', () => {
    const { filter } = ticketListQuery({ skill: 'billing' }, agent);
    expect(filter).toEqual({
      $and: [
        { skill: 'billing' },
        {
          $or: [
            { status: { $in: ['queued', 'offered'] } },
            { agentId: 'agent-li' },
            { agentIds: 'agent-li' },
          ],
        },
      ],
    });
    // With no filter of their own, the restriction alone.
    expect(ticketListQuery({}, agent).filter).toHaveProperty('$or');
  });

  it('lists only-waiting statuses in dispatch order, anything else newest first', () => {
    expect(ticketListQuery({ status: ['queued', 'offered'] }, supervisor).sort).toBe(QUEUE_ORDER);
    expect(ticketListQuery({ status: ['queued', 'assigned'] }, supervisor).sort).not.toBe(
      QUEUE_ORDER,
    );
  });

  it('asks for tickets with no breach with $nin, and a bounded day range with both ends', () => {
    const from = new Date('2026-11-30T16:00:00Z');
    const to = new Date('2026-12-01T16:00:00Z');
    expect(ticketListQuery({ slaBreached: false, from, to }, supervisor).filter).toEqual({
      slaBreaches: { $nin: ['first_response', 'resolution'] },
      queuedAt: { $gte: from, $lte: to },
    });
  });
});
