import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { LANGUAGES, type Language } from './reference.js';

const require = createRequire(import.meta.url);
for (const lang of LANGUAGES) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));

export interface IsoCodes {
  iso2: string;
  iso_numeric: string;
  names: Record<Language, string | null>;
}

/** ISO codes and names from the i18n-iso-countries package, for one alpha-3 code. */
export function isoCodes(iso3: string): IsoCodes {
  const iso2 = countries.alpha3ToAlpha2(iso3);
  const numeric = countries.alpha3ToNumeric(iso3);
  if (!iso2 || !numeric) throw new Error(`i18n-iso-countries does not know ${iso3}`);
  const names = Object.fromEntries(LANGUAGES.map((l) => [l, countries.getName(iso3, l) ?? null])) as Record<Language, string | null>;
  return { iso2, iso_numeric: numeric, names };
}
