import { skillForIntents } from '../tickets/ticket-skill';
import { planOffers, queueOrder, RoutableAgent, RoutableTicket } from './routing-policy';

const t0 = new Date('2026-01-01T00:00:00Z').getTime();

function ticket(id: string, over: Partial<RoutableTicket> = {}): RoutableTicket {
  return {
    id,
    priority: 2,
    queueSortAt: new Date(t0),
    skill: 'general',
    language: 'zh',
    declinedBy: [],
    ...over,
  };
}

function agent(id: string, over: Partial<RoutableAgent> = {}): RoutableAgent {
  return {
    id,
    skills: ['outage', 'billing', 'account'],
    languages: ['zh', 'en'],
    capacity: 2,
    load: 0,
    ...over,
  };
}

describe('planOffers', () => {
  it('serves a hazard before a complaint before the rest, and the longest waiting first', () => {
    const tickets = [
      ticket('normal-old', { priority: 2, queueSortAt: new Date(t0) }),
      ticket('complaint', { priority: 1, queueSortAt: new Date(t0 + 5000) }),
      ticket('normal-new', { priority: 2, queueSortAt: new Date(t0 + 1000) }),
      ticket('hazard', { priority: 0, queueSortAt: new Date(t0 + 9000) }),
    ];
    expect([...tickets].sort(queueOrder).map((t) => t.id)).toEqual([
      'hazard',
      'complaint',
      'normal-old',
      'normal-new',
    ]);
    const offers = planOffers(tickets, [agent('a', { capacity: 3 })]);
    expect(offers.map((o) => o.ticketId)).toEqual(['hazard', 'complaint', 'normal-old']);
  });

  it('respects capacity, counting chats already held', () => {
    const offers = planOffers(
      [ticket('1'), ticket('2'), ticket('3')],
      [agent('a', { capacity: 2, load: 1 })],
    );
    expect(offers).toEqual([{ ticketId: '1', agentId: 'a' }]);
  });

  it('routes by language and skill, and lets a ticket nobody can serve wait without blocking others', () => {
    const tickets = [
      ticket('zh-billing', { priority: 0, skill: 'billing', language: 'zh' }),
      ticket('en-outage', { skill: 'outage', language: 'en' }),
    ];
    const offers = planOffers(tickets, [
      agent('en-only', { languages: ['en'], skills: ['outage'] }),
    ]);
    expect(offers).toEqual([{ ticketId: 'en-outage', agentId: 'en-only' }]);
  });

  it('spreads tickets to the least loaded agent', () => {
    const offers = planOffers(
      [ticket('1'), ticket('2')],
      [agent('busy', { load: 1 }), agent('idle')],
    );
    expect(offers).toEqual([
      { ticketId: '1', agentId: 'idle' },
      { ticketId: '2', agentId: 'busy' },
    ]);
  });

  it('prefers an agent who has not declined the ticket, but offers it again if nobody else can', () => {
    expect(
      planOffers([ticket('1', { declinedBy: ['a'] })], [agent('a'), agent('b', { load: 1 })]),
    ).toEqual([{ ticketId: '1', agentId: 'b' }]);
    expect(planOffers([ticket('1', { declinedBy: ['a'] })], [agent('a')])).toEqual([
      { ticketId: '1', agentId: 'a' },
    ]);
  });

  it('gives a ticket transferred to a named agent to that agent only', () => {
    const t = ticket('1', { requiredAgentId: 'b' });
    expect(planOffers([t], [agent('a')])).toEqual([]);
    expect(planOffers([t], [agent('a'), agent('b', { load: 1 })])).toEqual([
      { ticketId: '1', agentId: 'b' },
    ]);
  });
});

describe('the decline cool-down', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const rules = { now, declineCooldownMs: 120_000 };
  const passed = (agentId: string, secondsAgo: number) => ({
    agentId,
    at: new Date(now.getTime() - secondsAgo * 1000),
  });

  it('gives a ticket an agent just declined to someone else', () => {
    const t = ticket('t1', { declinedBy: ['li'], declines: [passed('li', 10)] });
    expect(planOffers([t], [agent('li'), agent('sam')], rules)).toEqual([
      { ticketId: 't1', agentId: 'sam' },
    ]);
  });

  it('lets it wait rather than offer it straight back when nobody else can take it', () => {
    const t = ticket('t1', { declinedBy: ['li'], declines: [passed('li', 10)] });
    expect(planOffers([t], [agent('li')], rules)).toEqual([]);
  });

  it('offers it to the same agent again once the cool-down is over', () => {
    const t = ticket('t1', { declinedBy: ['li'], declines: [passed('li', 10), passed('li', 180)] });
    expect(
      planOffers([t], [agent('li')], {
        now: new Date(now.getTime() + 115_000),
        declineCooldownMs: 120_000,
      }),
    ).toEqual([{ ticketId: 't1', agentId: 'li' }]);
  });
});

describe('skillForIntents', () => {
  it.each([
    ['outage.report', 'outage'],
    ['safety.hazard', 'outage'],
    ['billing.explain', 'billing'],
    ['meter.fault', 'billing'],
    ['account.transfer', 'account'],
    ['solar.connect', 'account'],
    ['agent.request', 'general'],
    [undefined, 'general'],
  ])('%s needs %s', (intent, skill) => {
    expect(skillForIntents([intent])).toBe(skill);
  });

  it('uses the latest intent that names a skill', () => {
    expect(skillForIntents(['agent.request', 'billing.balance', 'outage.report'])).toBe('billing');
  });
});
