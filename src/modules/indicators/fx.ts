// Dated exchange rates from the official rate series (PA.NUS.FCRF, local currency units per US$,
// annual average): other modules convert an amount stated in a currency on a date to US$ with it.
// The series is per economy, so a currency is looked up through the economy that issues it.

export const FX_INDICATOR = 'PA.NUS.FCRF';

/** ISO 4217 currency of each FEALAC economy (the currency its PA.NUS.FCRF rate is in). */
export const ECONOMY_CURRENCY: Record<string, string> = {
  ARG: 'ARS', AUS: 'AUD', BOL: 'BOB', BRA: 'BRL', BRN: 'BND', KHM: 'KHR', CHL: 'CLP', CHN: 'CNY', COL: 'COP',
  CRI: 'CRC', CUB: 'CUP', DOM: 'DOP', ECU: 'USD', SLV: 'USD', GTM: 'GTQ', HND: 'HNL', IDN: 'IDR', JPN: 'JPY',
  KOR: 'KRW', LAO: 'LAK', MYS: 'MYR', MEX: 'MXN', MNG: 'MNT', MMR: 'MMK', NZL: 'NZD', NIC: 'NIO', PAN: 'PAB',
  PRY: 'PYG', PER: 'PEN', PHL: 'PHP', SGP: 'SGD', SUR: 'SRD', THA: 'THB', URY: 'UYU', VEN: 'VES', VNM: 'VND',
};

/** The economy whose official rate prices `currency` (null: none of the 36 issues it). */
export function economyOfCurrency(currency: string): string | null {
  const c = currency.toUpperCase();
  if (c === 'USD') return null;
  return Object.entries(ECONOMY_CURRENCY).find(([, cur]) => cur === c)?.[0] ?? null;
}

export interface FxRate {
  currency: string;
  /** The year asked for (the amount's date). */
  year: number;
  /** The year of the rate used: the asked year, else the latest earlier one (null for US$ or when none). */
  rateYear: number | null;
  /** Local currency units per US$ (1 for US$; null when no rate is known). */
  lcuPerUsd: number | null;
  iso3: string | null;
  sourceId: string | null;
  /** Why there is no rate, when there is none. */
  missing: string | null;
}

/** The year of an ISO date or year (2024, 2024-05, 2024-05-31). */
export function yearOf(date: string): number {
  const y = Number(/^(\d{4})/.exec(date)?.[1]);
  if (!Number.isInteger(y)) throw new RangeError(`not a date: "${date}" (use YYYY, YYYY-MM or YYYY-MM-DD)`);
  return y;
}
