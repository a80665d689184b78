/**
 * Money in this module is always integer fen (1 yuan = 100 fen): sums stay exact and a bill's
 * lines add up to its total. Unit prices need more precision than a fen (0.4883 yuan/kWh), so they
 * are integers in ten-thousandths of a yuan ("E4"); a line's amount is rounded to the fen once.
 */
export type Fen = number;

/** Yuan per kWh × 10,000, e.g. 4883 for 0.4883 yuan/kWh. */
export type PriceE4 = number;

/** Half-up rounding of kWh × price to the fen; kWh are whole (meters register whole kWh). */
export function lineAmountFen(kwh: number, priceE4: PriceE4): Fen {
  // kWh × E4 price is in hundredths of a fen.
  return Math.round((kwh * priceE4) / 100);
}

/** `123456` → `"1234.56"`; negative amounts keep their sign. */
export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `4883` → `"0.4883"`. */
export function formatPrice(priceE4: PriceE4): string {
  const sign = priceE4 < 0 ? '-' : '';
  const abs = Math.abs(priceE4);
  return `${sign}${Math.floor(abs / 10000)}.${String(abs % 10000).padStart(4, '0')}`;
}
