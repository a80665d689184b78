import { monthReference } from './month-reference';

const NOW = new Date('2026-12-01T08:00:00Z');

describe('monthReference', () => {
  it.each([
    ['这个月电费多少', 'latest'],
    ["this month's bill", 'latest'],
    ['my latest bill', 'latest'],
    ['那上个月呢', 'latest-1'],
    ['and last month?', 'latest-1'],
    ['上上个月的', 'latest-2'],
    ['and the month before that?', 'latest-1'],
    ['3月份的电费', '2026-03'],
    ['三月的账单', '2026-03'],
    ['explain my March bill', '2026-03'],
    ['what about December 2024?', '2024-12'],
    ['2024年1月的呢', '2024-01'],
    ['bill for may', '2026-05'],
    ['can you explain the bill before last?', 'latest-2'],
    ['the one before last', 'latest-2'],
    ['大上个月的电费明细', 'latest-2'],
    ['how much was my bill 2 months ago?', 'latest-2'],
    ['3 bills ago', 'latest-3'],
    ['三个月前的电费', 'latest-3'],
    ['explain last mth bill', 'latest-1'],
    ['and the prev month?', 'latest-1'],
  ])('reads "%s" as %s', (text, expected) => {
    expect(monthReference(text, NOW)).toBe(expected);
  });

  it('takes a named month not yet this year as last year’s', () => {
    expect(monthReference('the December bill', new Date('2026-06-01T00:00:00Z'))).toBe('2025-12');
  });

  it.each(['may I pay later?', 'my power is out', '一个月多少钱', 'March 5th outage'])(
    'finds no month in "%s"',
    (text) => expect(monthReference(text, NOW)).toBeUndefined(),
  );
});
