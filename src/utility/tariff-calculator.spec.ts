import { formatYuan } from './money';
import { RESIDENTIAL_TARIFF } from './tariff.config';
import {
  compareBills,
  computeBill,
  explainBill,
  MeteredUsage,
  splitIntoTiers,
} from './tariff-calculator';

const usage = (over: Partial<MeteredUsage>): MeteredUsage => {
  const kwh = over.kwh ?? 200;
  const peakKwh = over.peakKwh ?? Math.round(kwh * 0.6);
  return {
    kwh,
    peakKwh,
    valleyKwh: over.valleyKwh ?? kwh - peakKwh,
    yearToDateKwhBefore: 0,
    plan: 'flat',
    ...over,
  };
};

describe('splitIntoTiers', () => {
  it('keeps a month inside tier 1 while the year total stays under 2,160 kWh', () => {
    expect(splitIntoTiers(300, 1000)).toEqual([{ tier: 1, kwh: 300, fromKwh: 1000, toKwh: 1300 }]);
  });

  it('splits a month that crosses the 2,160 kWh boundary', () => {
    expect(splitIntoTiers(300, 2000)).toEqual([
      { tier: 1, kwh: 160, fromKwh: 2000, toKwh: 2160 },
      { tier: 2, kwh: 140, fromKwh: 2160, toKwh: 2300 },
    ]);
  });

  it('splits a month across all three tiers', () => {
    expect(splitIntoTiers(2500, 2100)).toEqual([
      { tier: 1, kwh: 60, fromKwh: 2100, toKwh: 2160 },
      { tier: 2, kwh: 2040, fromKwh: 2160, toKwh: 4200 },
      { tier: 3, kwh: 400, fromKwh: 4200, toKwh: 4600 },
    ]);
  });

  it('puts the 2,160th kWh in tier 1 and the 2,161st in tier 2', () => {
    expect(splitIntoTiers(1, 2159)).toEqual([{ tier: 1, kwh: 1, fromKwh: 2159, toKwh: 2160 }]);
    expect(splitIntoTiers(1, 2160)).toEqual([{ tier: 2, kwh: 1, fromKwh: 2160, toKwh: 2161 }]);
  });

  it('returns nothing for zero kWh', () => {
    expect(splitIntoTiers(0, 3000)).toEqual([]);
  });

  it('rejects fractional or negative kWh', () => {
    expect(() => splitIntoTiers(1.5, 0)).toThrow('whole number');
    expect(() => splitIntoTiers(-1, 0)).toThrow('whole number');
  });
});

describe('computeBill', () => {
  it('prices a flat month in tier 1', () => {
    const bill = computeBill(usage({ kwh: 200 }));
    expect(bill.tierKwh).toEqual([200, 0, 0]);
    expect(bill.lines).toEqual([
      { kind: 'tier', tier: 1, kwh: 200, priceE4: 4883, amountFen: 9766 },
    ]);
    expect(bill.amountFen).toBe(9766);
  });

  it('prices each tier at its own price when a month crosses boundaries', () => {
    const bill = computeBill(usage({ kwh: 400, yearToDateKwhBefore: 4000 }));
    expect(bill.tierKwh).toEqual([0, 200, 200]);
    // 200 × 0.5383 = 107.66; 200 × 0.7883 = 157.66
    expect(bill.lines.map((l) => l.amountFen)).toEqual([10766, 15766]);
    expect(bill.amountFen).toBe(26532);
  });

  it('rounds each line half up to the fen and the total is the sum of the lines', () => {
    const bill = computeBill(usage({ kwh: 3, yearToDateKwhBefore: 2159 }));
    // 1 × 0.4883 = 0.4883 → 0.49; 2 × 0.5383 = 1.0766 → 1.08
    expect(bill.lines.map((l) => l.amountFen)).toEqual([49, 108]);
    expect(bill.amountFen).toBe(157);
  });

  it('prices time of use by period plus the tier surcharge', () => {
    const bill = computeBill(
      usage({ kwh: 300, peakKwh: 180, valleyKwh: 120, yearToDateKwhBefore: 2060, plan: 'tou' }),
    );
    expect(bill.lines).toEqual([
      { kind: 'period', period: 'peak', kwh: 180, priceE4: 5683, amountFen: 10229 },
      { kind: 'period', period: 'valley', kwh: 120, priceE4: 2883, amountFen: 3460 },
      { kind: 'surcharge', tier: 2, kwh: 200, priceE4: 500, amountFen: 1000 },
    ]);
    expect(bill.amountFen).toBe(10229 + 3460 + 1000);
  });

  it('charges nothing for zero kWh on either plan', () => {
    for (const plan of ['flat', 'tou'] as const) {
      const bill = computeBill(usage({ kwh: 0, peakKwh: 0, valleyKwh: 0, plan }));
      expect(bill.lines).toEqual([]);
      expect(bill.amountFen).toBe(0);
    }
  });

  it('refuses a peak/valley split that does not add up', () => {
    expect(() => computeBill(usage({ kwh: 100, peakKwh: 60, valleyKwh: 30 }))).toThrow(
      'peakKwh + valleyKwh',
    );
  });

  it('reads prices from the tariff it is given', () => {
    const cheaper = {
      ...RESIDENTIAL_TARIFF,
      tiers: [
        { ...RESIDENTIAL_TARIFF.tiers[0], flatPriceE4: 1000 },
        RESIDENTIAL_TARIFF.tiers[1],
        RESIDENTIAL_TARIFF.tiers[2],
      ] as const,
    };
    expect(computeBill(usage({ kwh: 100 }), cheaper).amountFen).toBe(1000);
  });
});

describe('explainBill', () => {
  it('explains a boundary-crossing flat month tier by tier in both languages', () => {
    const { steps, computation } = explainBill(usage({ kwh: 300, yearToDateKwhBefore: 2000 }));
    const zh = steps.map((s) => s.text.zh);
    const en = steps.map((s) => s.text.en);
    expect(zh[0]).toContain('本月用电 300 kWh');
    expect(en[0]).toContain('2,000 kWh had been used earlier this year');
    expect(zh).toContainEqual(expect.stringContaining('第1档（年用电 0–2,160 kWh'));
    expect(en).toContainEqual(expect.stringContaining('Tier 2 (2,161–4,200 kWh a year'));
    expect(en).toContainEqual('Tier 1: 160 kWh × 0.4883 yuan/kWh = 78.13 yuan');
    expect(zh).toContainEqual('第2档：140 kWh × 0.5383 元/kWh = 75.36 元');
    const total = steps.find((s) => s.kind === 'total');
    expect(total?.amountFen).toBe(computation.amountFen);
    expect(total?.text.en).toBe(`Total: ${formatYuan(7813 + 7536)} yuan`);
  });

  it('explains time-of-use lines and what the flat plan would have cost', () => {
    const result = explainBill(
      usage({ kwh: 300, peakKwh: 100, valleyKwh: 200, yearToDateKwhBefore: 0, plan: 'tou' }),
    );
    const en = result.steps.map((s) => s.text.en);
    expect(en).toContainEqual('peak (08:00–22:00): 100 kWh × 0.5683 yuan/kWh = 56.83 yuan');
    expect(en).toContainEqual('valley (22:00–08:00): 200 kWh × 0.2883 yuan/kWh = 57.66 yuan');
    expect(result.otherPlan).toEqual({ plan: 'flat', amountFen: 14649 });
    expect(result.steps.at(-1)?.text.zh).toContain('标准阶梯电价');
  });

  it('says plainly that nothing was used in a zero month', () => {
    const { steps } = explainBill(usage({ kwh: 0, peakKwh: 0, valleyKwh: 0 }));
    expect(steps.map((s) => s.kind)).toEqual(['usage', 'total']);
    expect(steps[0].text.zh).toContain('没有用电');
    expect(steps[1].text.en).toBe('Total: 0.00 yuan');
  });
});

describe('compareBills', () => {
  const may = { period: '2025-05', kwh: 220, amountFen: 10743 };

  it('compares with last month and the same month last year', () => {
    const result = compareBills(
      may,
      { period: '2025-04', kwh: 200, amountFen: 9766 },
      { period: '2024-05', kwh: 275, amountFen: 13428 },
    );
    expect(result.previousMonth).toMatchObject({
      kwhChange: 20,
      amountChangeFen: 977,
      kwhChangePercent: 10,
    });
    expect(result.sameMonthLastYear).toMatchObject({
      kwhChange: -55,
      amountChangeFen: -2685,
      kwhChangePercent: -20,
    });
    expect(result.text[0].zh).toBe(
      '比上月（2025-04，200 kWh，97.66 元）多用 20 kWh（+10%），电费多 9.77 元。',
    );
    expect(result.text[1].en).toBe(
      '55 kWh less (-20%) than the same month last year (2024-05: 275 kWh, 134.28 yuan); 26.85 yuan less.',
    );
  });

  it('says when there is nothing to compare with', () => {
    const result = compareBills(may, null, null);
    expect(result.previousMonth).toBeNull();
    expect(result.sameMonthLastYear).toBeNull();
    expect(result.text.map((t) => t.en)).toEqual([
      'There is no bill for last month to compare with.',
      'There is no bill for the same month last year to compare with.',
    ]);
  });

  it('gives no percentage against a month without consumption', () => {
    const result = compareBills(may, { period: '2025-04', kwh: 0, amountFen: 0 }, null);
    expect(result.previousMonth?.kwhChangePercent).toBeNull();
    expect(result.text[0].en).toBe(
      '220 kWh more than last month (2025-04: 0 kWh, 0.00 yuan); 107.43 yuan more.',
    );
  });

  it('reports an unchanged month as unchanged', () => {
    const result = compareBills(may, { ...may, period: '2025-04' }, null);
    expect(result.text[0].zh).toContain('持平');
  });
});
