import { groupSimilar, mean, percentile, rate, toCsv } from './report-math';

describe('report maths', () => {
  it('computes nearest-rank percentiles, means and rates, and null on nothing', () => {
    const waits = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(waits, 50)).toBe(50);
    expect(percentile(waits, 90)).toBe(90);
    expect(percentile([], 50)).toBeNull();
    expect(mean([4, 5])).toBe(4.5);
    expect(rate(1, 3)).toBe(0.333);
    expect(rate(1, 0)).toBeNull();
  });

  it('groups texts the bot missed by similarity, largest group first', () => {
    const groups = groupSimilar([
      '充电宝没电了怎么办',
      '我的充电宝没电了',
      'my phone battery is dead',
      '充电宝没电了',
      'my phone battery died',
    ]);
    expect(groups[0].size).toBe(3);
    expect(groups[0].examples[0]).toContain('充电宝');
    expect(groups[1].size).toBe(2);
  });

  it('writes CSV with quoting and defuses formulas', () => {
    expect(toCsv([{ a: 'x,y', b: '=SUM(1)', c: 3 }])).toBe(`a,b,c\r\n"x,y",'=SUM(1),3\r\n`);
  });
});
