import { Types } from 'mongoose';
import { TicketDocument } from '../tickets/ticket.schema';
import { liveBoard } from './monitor-board';

const now = Date.parse('2026-12-01T10:00:00Z');
const ago = (s: number) => new Date(now - s * 1000);

function ticket(over: Record<string, unknown>): TicketDocument {
  return {
    id: String(Math.random()),
    conversationId: new Types.ObjectId(),
    status: 'queued',
    priority: 2,
    language: 'zh',
    skill: 'general',
    reason: 'customer_request',
    queuedAt: ago(60),
    slaBreaches: [],
    ...over,
  } as unknown as TicketDocument;
}

describe('liveBoard', () => {
  it('says a P1 customer who has waited past the target is overdue, even on a board opened now', () => {
    const { live, alerts } = liveBoard(
      [ticket({ priority: 1, queuedAt: ago(22 * 60), firstResponseDueAt: ago(20 * 60) })],
      2,
      now,
    );
    expect(live[0]).toMatchObject({ sla: 'overdue', waitingSeconds: 22 * 60, priority: 1 });
    expect(alerts.overdue).toBe(1);
  });

  it('lists waiting chats first, most urgent and longest waiting first, then those with agents', () => {
    const { live } = liveBoard(
      [
        ticket({ id: 'assigned', status: 'assigned', priority: 0, assignedAt: ago(30) }),
        ticket({ id: 'p2-old', priority: 2, queuedAt: ago(300) }),
        ticket({ id: 'p0', priority: 0, queuedAt: ago(10) }),
        ticket({ id: 'p2-new', priority: 2, queuedAt: ago(20) }),
      ],
      1,
      now,
    );
    expect(live.map((i) => i.ticketId)).toEqual(['p0', 'p2-old', 'p2-new', 'assigned']);
  });

  it('warns when customers wait and nobody is online, and when the queue outgrows the pickups', () => {
    const waiting = [1, 2, 3].map((i) => ticket({ queuedAt: ago(i * 60) }));
    expect(liveBoard(waiting, 0, now).alerts).toMatchObject({
      noAgentOnline: true,
      queueGrowing: true,
    });
    const served = [
      ...waiting,
      ...[1, 2, 3, 4].map((i) =>
        ticket({ status: 'assigned', queuedAt: ago(900), assignedAt: ago(i * 30) }),
      ),
    ];
    expect(liveBoard(served, 2, now).alerts).toMatchObject({
      noAgentOnline: false,
      queueGrowing: false,
    });
    expect(liveBoard([], 0, now).alerts.noAgentOnline).toBe(false);
  });

  it('marks a target due within a minute, and one already missed and recorded', () => {
    const { live } = liveBoard(
      [
        ticket({ id: 'soon', firstResponseDueAt: new Date(now + 30_000) }),
        ticket({ id: 'recorded', slaBreaches: ['first_response'], queuedAt: ago(900) }),
        ticket({
          id: 'answered',
          status: 'assigned',
          firstResponseAt: ago(5),
          firstResponseDueAt: ago(1),
        }),
      ],
      1,
      now,
    );
    expect(Object.fromEntries(live.map((i) => [i.ticketId, i.sla]))).toEqual({
      recorded: 'breached',
      soon: 'due_soon',
      answered: 'ok',
    });
  });

  it('says which target a breached item missed and whether an agent has replied', () => {
    const { live } = liveBoard(
      [
        ticket({ id: 'missed', slaBreaches: ['first_response'], queuedAt: ago(900) }),
        ticket({ id: 'replied', status: 'assigned', firstResponseAt: ago(5), assignedAt: ago(9) }),
      ],
      1,
      now,
    );
    expect(
      live.map(({ ticketId, slaBreaches, answered }) => [ticketId, slaBreaches, answered]),
    ).toEqual([
      ['missed', ['first_response'], false],
      ['replied', [], true],
    ]);
  });
});
