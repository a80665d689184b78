import { SERVICE_REQUEST_TYPES } from '../../../src/utility/service-request.schema';
import { translator } from '../shared/translate';
import {
  assignedTicket,
  REQUEST_TYPE_KEY,
  cardFields,
  formatValue,
  historyWords,
  staffName,
} from './transcript-bits';
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

describe('historyWords', () => {
  const known: Record<string, string> = {
    'reasons:customer_request': '客户要求转人工',
    'resolutions:information_given': '已告知信息',
    'senders:bot': '机器人',
  };
  const words = {
    code: (group: string, value: string) => known[`${group}:${value}`] ?? value,
    t: (_key: 'reopenedFor', values: { reason: string }) => `重新打开：${values.reason}`,
  };
  const ticket = { agentId: 'a1', agentName: '李娜' };
  const agents = [{ id: 'a2', displayName: 'Sam Taylor' }];

  it('puts the server codes of a history entry into words', () => {
    expect(historyWords({ by: 'bot', note: 'customer_request' }, ticket, agents, words)).toEqual({
      by: '机器人',
      note: '客户要求转人工',
    });
    expect(historyWords({ by: 'system', note: 'a2' }, ticket, agents, words)).toEqual({
      by: 'system',
      note: 'Sam Taylor',
    });
    expect(historyWords({ by: 'a1', note: 'information_given' }, ticket, agents, words)).toEqual({
      by: '李娜',
      note: '已告知信息',
    });
    expect(
      historyWords({ by: 'bot', note: 'reopened: customer_request' }, ticket, agents, words).note,
    ).toBe('重新打开：客户要求转人工');
  });

  it('leaves a note written by a person as it is', () => {
    expect(historyWords({ by: 'a1', note: '客户住高层' }, ticket, agents, words)).toEqual({
      by: '李娜',
      note: '客户住高层',
    });
    expect(historyWords({ by: 'a1' }, ticket, agents, words)).toEqual({ by: '李娜' });
  });

  it('has words for every service request type a card can show, in both languages', () => {
    for (const type of SERVICE_REQUEST_TYPES) {
      expect([type, REQUEST_TYPE_KEY[type] !== undefined]).toEqual([type, true]);
      expect(translator('zh').t(REQUEST_TYPE_KEY[type])).not.toContain('_');
    }
  });
});
