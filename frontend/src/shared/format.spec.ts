import type { TicketView } from './protocol';
import { duration, maskDigits, slaState } from './format';

const queuedAt = '2026-12-01T10:00:00.000Z';
const at = (seconds: number) => Date.parse(queuedAt) + seconds * 1000;

function ticket(overrides: Partial<TicketView> = {}): TicketView {
  return {
    id: 't1',
    conversationId: 'c1',
    status: 'queued',
    priority: 2,
    reason: 'customer_request',
    language: 'zh',
    skill: 'general',
    channel: 'web',
    queuedAt,
    firstResponseDueAt: new Date(at(300)).toISOString(),
    resolutionDueAt: new Date(at(1800)).toISOString(),
    slaBreaches: [],
    history: [],
    ...overrides,
  };
}

describe('slaState', () => {
  it('counts down to the first-response target until the first reply', () => {
    expect(slaState(ticket(), at(60))).toEqual({
      kind: 'first_response',
      seconds: 240,
      tone: 'ok',
      breached: false,
    });
  });

  it('turns amber in the last quarter of the target and red once it passed', () => {
    expect(slaState(ticket(), at(240)).tone).toBe('warn');
    const late = slaState(ticket(), at(301));
    expect(late).toMatchObject({ tone: 'breach', breached: true });
    expect(late.seconds).toBeLessThan(0);
  });

  it('counts down to the resolution target after the first reply', () => {
    const answered = ticket({ firstResponseAt: new Date(at(30)).toISOString() });
    expect(slaState(answered, at(600))).toMatchObject({ kind: 'resolution', seconds: 1200 });
  });

  it('is red whenever the server reported a breach, even before the clock says so', () => {
    expect(slaState(ticket({ slaBreaches: ['first_response'] }), at(10)).tone).toBe('breach');
  });

  it('counts up since queued when the ticket has no target', () => {
    const none = ticket({ firstResponseDueAt: undefined, resolutionDueAt: undefined });
    expect(slaState(none, at(75))).toEqual({ seconds: 75, tone: 'ok', breached: false });
  });
});

describe('duration', () => {
  it('shows mm:ss, and hours past an hour', () => {
    expect(duration(65)).toBe('01:05');
    expect(duration(3725)).toBe('1:02:05');
    expect(duration(-3)).toBe('00:00');
  });
});

describe('maskDigits', () => {
  it('masks long digit runs in the middle and leaves short ones', () => {
    expect(maskDigits('户号 1234567890，第 3 期')).toBe('户号 12******90，第 3 期');
  });
});
