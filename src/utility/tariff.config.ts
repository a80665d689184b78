import type { Bilingual } from '../common/bilingual';
import type { PriceE4 } from './money';

/**
 * The demo city's residential tariff (modelled on common Chinese provincial tariffs; the figures
 * are illustrative). Logic reads only this object, so a real utility replaces values, not code.
 *
 * Tiers are ANNUAL (阶梯电价按年累计): a household's consumption is counted from 1 January, and
 * each month's kWh are placed in the tier where the year's running total stands. A month is
 * therefore never billed against "monthly equivalents" (180/350 kWh): those appear only in the
 * explanation, because customers used to monthly ladders recognise them.
 *
 * Time of use (峰谷电价) is optional: a customer on it pays the peak or valley price for each kWh,
 * plus the tier surcharge for kWh that fall into tier 2 or 3 (the usual way provinces combine
 * the two: the ladder stays a surcharge on top of the period price).
 */
export interface TariffTier {
  tier: 1 | 2 | 3;
  /** Upper bound of the tier's annual range in kWh, inclusive; null for the open-ended top tier. */
  upToKwh: number | null;
  /** Flat plan: price of every kWh in this tier. */
  flatPriceE4: PriceE4;
  /** Time-of-use plan: added to the period price for kWh in this tier. */
  touSurchargeE4: PriceE4;
  /** The tier's range as customers know it from monthly ladders. */
  monthlyEquivalentKwh: number | null;
}

export interface TouPeriod {
  period: 'peak' | 'valley';
  priceE4: PriceE4;
  /** Local clock hours, e.g. 08:00–22:00. */
  hours: string;
  label: Bilingual;
}

export interface ResidentialTariff {
  code: string;
  name: Bilingual;
  effectiveFrom: string;
  tiers: readonly [TariffTier, TariffTier, TariffTier];
  timeOfUse: readonly [TouPeriod, TouPeriod];
  /** Days between a bill's issue and its due date. */
  paymentTermDays: number;
}

export const RESIDENTIAL_TARIFF: ResidentialTariff = {
  code: 'QH-RES-2024',
  name: { zh: '青禾市居民生活用电', en: 'Qinghe residential electricity' },
  effectiveFrom: '2024-01-01',
  tiers: [
    { tier: 1, upToKwh: 2160, flatPriceE4: 4883, touSurchargeE4: 0, monthlyEquivalentKwh: 180 },
    { tier: 2, upToKwh: 4200, flatPriceE4: 5383, touSurchargeE4: 500, monthlyEquivalentKwh: 350 },
    { tier: 3, upToKwh: null, flatPriceE4: 7883, touSurchargeE4: 3000, monthlyEquivalentKwh: null },
  ],
  timeOfUse: [
    { period: 'peak', priceE4: 5683, hours: '08:00–22:00', label: { zh: '峰段', en: 'peak' } },
    { period: 'valley', priceE4: 2883, hours: '22:00–08:00', label: { zh: '谷段', en: 'valley' } },
  ],
  paymentTermDays: 20,
};
