import { Injectable } from '@nestjs/common';
import type { Bilingual } from '../common/bilingual';
import { formatPrice } from './money';
import { RESIDENTIAL_TARIFF } from './tariff.config';
import { BillExplanation, describeTierRange, explainBill, MeteredUsage } from './tariff-calculator';

export interface TariffTableView {
  code: string;
  name: Bilingual;
  effectiveFrom: string;
  tiers: { tier: number; range: Bilingual; flatPrice: string; touSurcharge: string }[];
  timeOfUse: { period: 'peak' | 'valley'; label: Bilingual; hours: string; price: string }[];
  /** The table as sentences, ready to send. */
  lines: Bilingual[];
}

/** Public tariff information: no verification needed. */
@Injectable()
export class TariffService {
  residentialTariff(): TariffTableView {
    const t = RESIDENTIAL_TARIFF;
    const tiers = t.tiers.map((tier) => ({
      tier: tier.tier,
      range: describeTierRange(t, tier.tier),
      flatPrice: formatPrice(tier.flatPriceE4),
      touSurcharge: formatPrice(tier.touSurchargeE4),
    }));
    const timeOfUse = t.timeOfUse.map((p) => ({
      period: p.period,
      label: p.label,
      hours: p.hours,
      price: formatPrice(p.priceE4),
    }));
    const lines: Bilingual[] = [
      ...tiers.map((tier) => ({
        zh: `第${tier.tier}档（${tier.range.zh}）：${tier.flatPrice} 元/kWh`,
        en: `Tier ${tier.tier} (${tier.range.en}): ${tier.flatPrice} yuan/kWh`,
      })),
      {
        zh: `峰谷电价（可选）：${timeOfUse.map((p) => `${p.label.zh} ${p.hours} ${p.price} 元/kWh`).join('，')}；第2、3档电量分别加价 ${tiers[1].touSurcharge}、${tiers[2].touSurcharge} 元/kWh。`,
        en: `Time of use (optional): ${timeOfUse.map((p) => `${p.label.en} ${p.hours} ${p.price} yuan/kWh`).join(', ')}; kWh in tiers 2 and 3 add ${tiers[1].touSurcharge} and ${tiers[2].touSurcharge} yuan/kWh.`,
      },
      {
        zh: '阶梯按自然年累计用电量计算，每年1月1日重新开始。',
        en: 'Tiers count consumption over the calendar year, starting again on 1 January.',
      },
    ];
    return { code: t.code, name: t.name, effectiveFrom: t.effectiveFrom, tiers, timeOfUse, lines };
  }

  /** "What would 300 kWh cost?": the same explanation a bill gets. */
  quote(usage: MeteredUsage): BillExplanation {
    return explainBill(usage, RESIDENTIAL_TARIFF);
  }
}
