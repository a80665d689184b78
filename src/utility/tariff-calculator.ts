import type { Bilingual } from '../common/bilingual';
import { DomainError } from '../common/domain-error';
import type { BillingPeriod } from './billing-period';
import { Fen, formatPrice, formatYuan, lineAmountFen, PriceE4 } from './money';
import { RESIDENTIAL_TARIFF, ResidentialTariff, TariffTier } from './tariff.config';

/** Pure tariff maths: what the bot uses to price a month and explain a bill tier by tier. */

export const TARIFF_PLANS = ['flat', 'tou'] as const;
export type TariffPlan = (typeof TARIFF_PLANS)[number];
export type TierNumber = TariffTier['tier'];
export type TouPeriodName = 'peak' | 'valley';

export interface MeteredUsage {
  /** Whole kWh of the month; equals peakKwh + valleyKwh. */
  kwh: number;
  peakKwh: number;
  valleyKwh: number;
  /** kWh already billed in the same calendar year: where the annual ladder stands. */
  yearToDateKwhBefore: number;
  plan: TariffPlan;
}

/** The part of a month's kWh that falls into one tier, with the year's running total around it. */
export interface TierUse {
  tier: TierNumber;
  kwh: number;
  /** Year's running total before these kWh. */
  fromKwh: number;
  /** Year's running total after these kWh. */
  toKwh: number;
}

export interface BillLine {
  kind: 'tier' | 'period' | 'surcharge';
  tier?: TierNumber;
  period?: TouPeriodName;
  kwh: number;
  priceE4: PriceE4;
  amountFen: Fen;
}

export interface BillComputation {
  plan: TariffPlan;
  kwh: number;
  peakKwh: number;
  valleyKwh: number;
  yearToDateKwhBefore: number;
  /** kWh per tier 1, 2, 3. */
  tierKwh: [number, number, number];
  tierUses: TierUse[];
  lines: BillLine[];
  /** Sum of the lines, each rounded to the fen. */
  amountFen: Fen;
}

export interface ExplanationStep {
  kind: 'usage' | 'tier' | 'line' | 'total' | 'plan-comparison';
  text: Bilingual;
  amountFen?: Fen;
}

export interface BillExplanation {
  computation: BillComputation;
  steps: ExplanationStep[];
  /** What the same month would have cost on the other plan, so the bot can point out a saving. */
  otherPlan: { plan: TariffPlan; amountFen: Fen };
}

function assertWholeNonNegative(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new DomainError('VALIDATION', `${what} must be a whole number of kWh >= 0`);
  }
}

/** Places `kwh` on the annual ladder, starting from the year's running total `yearToDateBefore`. */
export function splitIntoTiers(
  kwh: number,
  yearToDateBefore: number,
  tariff: ResidentialTariff = RESIDENTIAL_TARIFF,
): TierUse[] {
  assertWholeNonNegative(kwh, 'kwh');
  assertWholeNonNegative(yearToDateBefore, 'yearToDateKwhBefore');
  const start = yearToDateBefore;
  const end = yearToDateBefore + kwh;
  const uses: TierUse[] = [];
  let lower = 0;
  for (const tier of tariff.tiers) {
    const upper = tier.upToKwh ?? Number.POSITIVE_INFINITY;
    const from = Math.max(start, lower);
    const to = Math.min(end, upper);
    if (to > from) uses.push({ tier: tier.tier, kwh: to - from, fromKwh: from, toKwh: to });
    lower = upper;
  }
  return uses;
}

function tierOf(tariff: ResidentialTariff, tier: TierNumber): TariffTier {
  return tariff.tiers[tier - 1];
}

/** Prices one month of a residential account. */
export function computeBill(
  usage: MeteredUsage,
  tariff: ResidentialTariff = RESIDENTIAL_TARIFF,
): BillComputation {
  assertWholeNonNegative(usage.peakKwh, 'peakKwh');
  assertWholeNonNegative(usage.valleyKwh, 'valleyKwh');
  if (usage.peakKwh + usage.valleyKwh !== usage.kwh) {
    throw new DomainError('VALIDATION', 'peakKwh + valleyKwh must equal kwh');
  }
  const tierUses = splitIntoTiers(usage.kwh, usage.yearToDateKwhBefore, tariff);
  const tierKwh: [number, number, number] = [0, 0, 0];
  for (const use of tierUses) tierKwh[use.tier - 1] = use.kwh;

  const lines: BillLine[] = [];
  if (usage.plan === 'flat') {
    for (const use of tierUses) {
      const priceE4 = tierOf(tariff, use.tier).flatPriceE4;
      lines.push({
        kind: 'tier',
        tier: use.tier,
        kwh: use.kwh,
        priceE4,
        amountFen: lineAmountFen(use.kwh, priceE4),
      });
    }
  } else {
    for (const period of tariff.timeOfUse) {
      const kwh = period.period === 'peak' ? usage.peakKwh : usage.valleyKwh;
      if (kwh === 0) continue;
      lines.push({
        kind: 'period',
        period: period.period,
        kwh,
        priceE4: period.priceE4,
        amountFen: lineAmountFen(kwh, period.priceE4),
      });
    }
    for (const use of tierUses) {
      const priceE4 = tierOf(tariff, use.tier).touSurchargeE4;
      if (priceE4 === 0) continue;
      lines.push({
        kind: 'surcharge',
        tier: use.tier,
        kwh: use.kwh,
        priceE4,
        amountFen: lineAmountFen(use.kwh, priceE4),
      });
    }
  }
  return {
    plan: usage.plan,
    kwh: usage.kwh,
    peakKwh: usage.peakKwh,
    valleyKwh: usage.valleyKwh,
    yearToDateKwhBefore: usage.yearToDateKwhBefore,
    tierKwh,
    tierUses,
    lines,
    amountFen: lines.reduce((sum, line) => sum + line.amountFen, 0),
  };
}

const num = (n: number): string => n.toLocaleString('en-US');

/** "0–2,160 kWh a year (about 180 kWh a month)" in both languages. */
export function describeTierRange(tariff: ResidentialTariff, tier: TierNumber): Bilingual {
  const lower = tier === 1 ? 0 : (tariff.tiers[tier - 2].upToKwh ?? 0);
  const t = tierOf(tariff, tier);
  const prevMonthly = tier === 1 ? null : tariff.tiers[tier - 2].monthlyEquivalentKwh;
  if (t.upToKwh === null) {
    return {
      zh: `年用电 ${num(lower)} kWh 以上（约每月 ${num(prevMonthly ?? 0)} kWh 以上）`,
      en: `above ${num(lower)} kWh a year (about ${num(prevMonthly ?? 0)} kWh a month)`,
    };
  }
  const from = tier === 1 ? 0 : lower + 1;
  return {
    zh: `年用电 ${num(from)}–${num(t.upToKwh)} kWh（约每月 ${num(t.monthlyEquivalentKwh ?? 0)} kWh 以内）`,
    en: `${num(from)}–${num(t.upToKwh)} kWh a year (about ${num(t.monthlyEquivalentKwh ?? 0)} kWh a month)`,
  };
}

function lineText(line: BillLine, tariff: ResidentialTariff): Bilingual {
  const price = formatPrice(line.priceE4);
  const amount = formatYuan(line.amountFen);
  if (line.kind === 'tier') {
    return {
      zh: `第${line.tier}档：${num(line.kwh)} kWh × ${price} 元/kWh = ${amount} 元`,
      en: `Tier ${line.tier}: ${num(line.kwh)} kWh × ${price} yuan/kWh = ${amount} yuan`,
    };
  }
  if (line.kind === 'period') {
    const period = tariff.timeOfUse.find((p) => p.period === line.period);
    const label = period?.label ?? { zh: '', en: '' };
    const hours = period?.hours ?? '';
    return {
      zh: `${label.zh}（${hours}）：${num(line.kwh)} kWh × ${price} 元/kWh = ${amount} 元`,
      en: `${label.en} (${hours}): ${num(line.kwh)} kWh × ${price} yuan/kWh = ${amount} yuan`,
    };
  }
  return {
    zh: `第${line.tier}档加价：${num(line.kwh)} kWh × ${price} 元/kWh = ${amount} 元`,
    en: `Tier ${line.tier} surcharge: ${num(line.kwh)} kWh × ${price} yuan/kWh = ${amount} yuan`,
  };
}

/** The bill step by step: usage, where the kWh fell on the annual ladder, each priced line, total. */
export function explainBill(
  usage: MeteredUsage,
  tariff: ResidentialTariff = RESIDENTIAL_TARIFF,
): BillExplanation {
  const computation = computeBill(usage, tariff);
  const otherPlan: TariffPlan = usage.plan === 'flat' ? 'tou' : 'flat';
  const other = computeBill({ ...usage, plan: otherPlan }, tariff);
  const steps: ExplanationStep[] = [];

  if (computation.kwh === 0) {
    steps.push({
      kind: 'usage',
      text: {
        zh: '本月没有用电，电费为 0.00 元。',
        en: 'No electricity was used this month; the charge is 0.00 yuan.',
      },
    });
  } else {
    steps.push({
      kind: 'usage',
      text: {
        zh: `本月用电 ${num(usage.kwh)} kWh（峰段 ${num(usage.peakKwh)}，谷段 ${num(usage.valleyKwh)}）；今年此前已累计用电 ${num(usage.yearToDateKwhBefore)} kWh。阶梯按自然年累计计算。`,
        en: `This month you used ${num(usage.kwh)} kWh (peak ${num(usage.peakKwh)}, valley ${num(usage.valleyKwh)}); ${num(usage.yearToDateKwhBefore)} kWh had been used earlier this year. Tiers count the calendar year's total.`,
      },
    });
    for (const use of computation.tierUses) {
      const range = describeTierRange(tariff, use.tier);
      steps.push({
        kind: 'tier',
        text: {
          zh: `第${use.tier}档（${range.zh}）：本月有 ${num(use.kwh)} kWh 落在此档，年累计从 ${num(use.fromKwh)} 到 ${num(use.toKwh)} kWh。`,
          en: `Tier ${use.tier} (${range.en}): ${num(use.kwh)} kWh of this month fall in this tier, taking the year's total from ${num(use.fromKwh)} to ${num(use.toKwh)} kWh.`,
        },
      });
    }
    if (usage.plan === 'tou') {
      steps.push({
        kind: 'line',
        text: {
          zh: '您选用峰谷电价：每度电按峰段或谷段计价，落在第2、3档的电量另加阶梯加价。',
          en: 'You are on time-of-use pricing: each kWh is priced by period, and kWh in tiers 2 and 3 carry a tier surcharge.',
        },
      });
    }
    for (const line of computation.lines) {
      steps.push({ kind: 'line', text: lineText(line, tariff), amountFen: line.amountFen });
    }
  }
  steps.push({
    kind: 'total',
    text: {
      zh: `合计：${formatYuan(computation.amountFen)} 元`,
      en: `Total: ${formatYuan(computation.amountFen)} yuan`,
    },
    amountFen: computation.amountFen,
  });
  if (computation.kwh > 0) {
    const planName =
      otherPlan === 'tou'
        ? { zh: '峰谷电价', en: 'time-of-use pricing' }
        : { zh: '标准阶梯电价', en: 'the standard tiered tariff' };
    steps.push({
      kind: 'plan-comparison',
      text: {
        zh: `同样的用电量按${planName.zh}计算为 ${formatYuan(other.amountFen)} 元。`,
        en: `The same usage on ${planName.en} would cost ${formatYuan(other.amountFen)} yuan.`,
      },
      amountFen: other.amountFen,
    });
  }
  return { computation, steps, otherPlan: { plan: otherPlan, amountFen: other.amountFen } };
}

/** The figures of a bill that a comparison needs. */
export interface BillSnapshot {
  period: BillingPeriod;
  kwh: number;
  amountFen: Fen;
}

export interface BillDelta {
  period: BillingPeriod;
  kwh: number;
  amountFen: Fen;
  kwhChange: number;
  amountChangeFen: Fen;
  /** One decimal; null when the earlier month had no consumption. */
  kwhChangePercent: number | null;
}

export interface BillComparison {
  previousMonth: BillDelta | null;
  sameMonthLastYear: BillDelta | null;
  text: Bilingual[];
}

function delta(current: BillSnapshot, earlier: BillSnapshot): BillDelta {
  const kwhChange = current.kwh - earlier.kwh;
  return {
    period: earlier.period,
    kwh: earlier.kwh,
    amountFen: earlier.amountFen,
    kwhChange,
    amountChangeFen: current.amountFen - earlier.amountFen,
    kwhChangePercent: earlier.kwh === 0 ? null : Math.round((kwhChange / earlier.kwh) * 1000) / 10,
  };
}

function deltaText(d: BillDelta, what: Bilingual): Bilingual {
  const pct =
    d.kwhChangePercent === null
      ? ''
      : ` (${d.kwhChangePercent > 0 ? '+' : ''}${d.kwhChangePercent}%)`;
  const zhPct =
    d.kwhChangePercent === null
      ? ''
      : `（${d.kwhChangePercent > 0 ? '+' : ''}${d.kwhChangePercent}%）`;
  if (d.kwhChange === 0 && d.amountChangeFen === 0) {
    return {
      zh: `与${what.zh}（${d.period}）持平：${num(d.kwh)} kWh，${formatYuan(d.amountFen)} 元。`,
      en: `The same as ${what.en} (${d.period}): ${num(d.kwh)} kWh, ${formatYuan(d.amountFen)} yuan.`,
    };
  }
  const more = d.kwhChange >= 0;
  const moreMoney = d.amountChangeFen >= 0;
  const kwhAbs = num(Math.abs(d.kwhChange));
  const fenAbs = formatYuan(Math.abs(d.amountChangeFen));
  return {
    zh: `比${what.zh}（${d.period}，${num(d.kwh)} kWh，${formatYuan(d.amountFen)} 元）${more ? '多' : '少'}用 ${kwhAbs} kWh${zhPct}，电费${moreMoney ? '多' : '少'} ${fenAbs} 元。`,
    en: `${kwhAbs} kWh ${more ? 'more' : 'less'}${pct} than ${what.en} (${d.period}: ${num(d.kwh)} kWh, ${formatYuan(d.amountFen)} yuan); ${fenAbs} yuan ${moreMoney ? 'more' : 'less'}.`,
  };
}

/** Compares a bill with the previous month and the same month a year before; either may be missing. */
export function compareBills(
  current: BillSnapshot,
  previousMonth: BillSnapshot | null,
  sameMonthLastYear: BillSnapshot | null,
): BillComparison {
  const prev = previousMonth ? delta(current, previousMonth) : null;
  const year = sameMonthLastYear ? delta(current, sameMonthLastYear) : null;
  const text: Bilingual[] = [];
  const lastMonth = { zh: '上月', en: 'last month' };
  const lastYear = { zh: '去年同月', en: 'the same month last year' };
  text.push(
    prev
      ? deltaText(prev, lastMonth)
      : { zh: '没有上月账单可供比较。', en: 'There is no bill for last month to compare with.' },
  );
  text.push(
    year
      ? deltaText(year, lastYear)
      : {
          zh: '没有去年同月账单可供比较。',
          en: 'There is no bill for the same month last year to compare with.',
        },
  );
  return { previousMonth: prev, sameMonthLastYear: year, text };
}
