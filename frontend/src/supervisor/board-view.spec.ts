import { alertLines, BoardAt, breachesNow, missedTargets, slaNow, waitNow } from './board-view';
import type { LiveItem, MonitorSnapshot } from './supervisor-protocol';

const serverAt = '2026-12-01T10:00:00.000Z';
/** Our clock differs from the server's by hours: only the time since arrival may count. */
const receivedAt = Date.parse('2026-12-01T13:00:00.000Z');
const later = (s: number) => receivedAt + s * 1000;
const dueIn = (s: number) => new Date(Date.parse(serverAt) + s * 1000).toISOString();

function item(over: Partial<LiveItem> = {}): LiveItem {
  return {
    ticketId: 't1',
    conversationId: 'c1',
    status: 'queued',
    priority: 1,
    language: 'zh',
    channel: 'web',
    skill: 'general',
    reason: 'customer_request',
    waitingSeconds: 100,
    sla: 'ok',
    slaBreaches: [],
    answered: false,
    firstResponseDueAt: dueIn(120),
    ...over,
  };
}

function boardAt(live: LiveItem[]): BoardAt {
  const board: MonitorSnapshot = {
    at: serverAt,
    live,
    alerts: { noAgentOnline: false, queueGrowing: false, overdue: 0 },
    conversations: { withBot: 0, waiting: live.length, withAgent: 0 },
    queue: [],
    agents: [],
  };
  return { board, receivedAt };
}

describe('slaNow', () => {
  it('turns due soon and then overdue as time passes after the push, whatever our clock says', () => {
    const at = boardAt([item()]);
    expect(slaNow(item(), at, later(0))).toBe('ok');
    expect(slaNow(item(), at, later(61))).toBe('due_soon');
    expect(slaNow(item(), at, later(120))).toBe('overdue');
  });

  it('keeps a recorded breach, and an answered chat is not held to the first-response target', () => {
    const at = boardAt([]);
    expect(slaNow(item({ slaBreaches: ['resolution'], sla: 'breached' }), at, later(0))).toBe(
      'breached',
    );
    expect(slaNow(item({ answered: true }), at, later(600))).toBe('ok');
    expect(slaNow(item({ firstResponseDueAt: undefined }), at, later(600))).toBe('ok');
  });
});

describe('breachesNow and missedTargets', () => {
  it('lists what is past a target now, from the server state, and says which target', () => {
    const late = item({ ticketId: 'late', firstResponseDueAt: dueIn(-5) });
    const missed = item({ ticketId: 'missed', sla: 'breached', slaBreaches: ['resolution'] });
    const fine = item({ ticketId: 'fine' });
    const at = boardAt([late, missed, fine]);
    expect(breachesNow(at, later(0)).map((i) => i.ticketId)).toEqual(['late', 'missed']);
    expect(missedTargets(late, 'overdue')).toEqual(['first_response']);
    expect(missedTargets(missed, 'breached')).toEqual(['resolution']);
    expect(missedTargets(fine, 'ok')).toEqual([]);
  });
});

describe('alertLines', () => {
  it('says when nobody is online, when the queue grows, and how many are overdue', () => {
    expect(alertLines({ noAgentOnline: true, queueGrowing: true, overdue: 2 }, 0)).toEqual([
      { key: 'supAlertNoAgent' },
      { key: 'supAlertGrowing' },
      { key: 'supAlertOverdue', n: 2 },
    ]);
    // A target passed since the push counts before the next push says so.
    expect(alertLines({ noAgentOnline: false, queueGrowing: false, overdue: 0 }, 1)).toEqual([
      { key: 'supAlertOverdue', n: 1 },
    ]);
    expect(alertLines({ noAgentOnline: false, queueGrowing: false, overdue: 0 }, 0)).toEqual([]);
  });
});

describe('waitNow', () => {
  it('adds the seconds since the board arrived', () => {
    expect(waitNow(100, boardAt([]), later(30))).toBe(130);
    expect(waitNow(100, boardAt([]), receivedAt - 5000)).toBe(100);
  });
});
