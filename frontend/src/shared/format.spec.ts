import type { TicketView } from './protocol';
import {
  clockIn,
  clockTime,
  dateTime,
  dateTimeSeconds,
  duration,
  maskDigits,
  slaState,
  zoneOffset,
} from './format';

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

describe('times in the service zone', () => {
  // 23:05:09 in London is already 07:05 the next day in Shanghai: one instant, two clocks.
  const instant = '2026-12-01T23:05:09.000Z';

  it('gives the clock time of the zone asked for, not of the machine', () => {
    expect(clockTime(instant, 'en-GB', 'Asia/Shanghai')).toBe('07:05');
    expect(clockTime(instant, 'en-GB', 'Europe/London')).toBe('23:05');
    expect(clockTime(instant, 'zh-CN', 'Asia/Shanghai')).toBe('07:05');
  });

  it('dates the instant by the zone too, past its midnight', () => {
    expect(dateTime(instant, 'en-GB', 'Asia/Shanghai')).toBe('02/12/2026, 07:05');
    expect(dateTime(instant, 'en-GB', 'Europe/London')).toBe('01/12/2026, 23:05');
    expect(dateTime(instant, 'zh-CN', 'Asia/Shanghai')).toBe('2026/12/2 07:05');
    expect(dateTimeSeconds(instant, 'zh-CN', 'Europe/London')).toBe('2026/12/1 23:05:09');
  });

  it('shows midnight as 00, not 24', () => {
    expect(clockTime('2026-12-01T16:00:00.000Z', 'en-GB', 'Asia/Shanghai')).toBe('00:00');
  });

  it('follows summer time: London is an hour ahead of UTC in July', () => {
    expect(clockTime('2026-07-01T12:00:00.000Z', 'en-GB', 'Europe/London')).toBe('13:00');
    expect(zoneOffset('Europe/London', Date.parse('2026-07-01T12:00:00Z'))).toBe('UTC+1');
    expect(zoneOffset('Europe/London', Date.parse(instant))).toBe('UTC+0');
    expect(zoneOffset('Asia/Shanghai', Date.parse(instant))).toBe('UTC+8');
    expect(zoneOffset('Asia/Kolkata', Date.parse(instant))).toBe('UTC+5:30');
    expect(zoneOffset('UTC', Date.parse(instant))).toBe('UTC+0');
  });

  it('binds a page clock to its language and zone', () => {
    const clock = clockIn('en-GB', 'Europe/London');
    expect(clock.zone).toBe('Europe/London');
    expect(clock.time(instant)).toBe('23:05');
    expect(clockIn('zh-CN', 'Asia/Shanghai').dateTime(instant)).toBe('2026/12/2 07:05');
  });
});
