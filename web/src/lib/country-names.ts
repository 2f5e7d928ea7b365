// Country names in the reader's language from i18n-iso-countries (alpha-3 codes). English is
// bundled; other languages load on demand with the interface translation.
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import type { Lang } from './languages';

countries.registerLocale(en);

const loaders: Record<Exclude<Lang, 'en'>, () => Promise<{ default: unknown }>> = {
  es: () => import('i18n-iso-countries/langs/es.json'),
  pt: () => import('i18n-iso-countries/langs/pt.json'),
  zh: () => import('i18n-iso-countries/langs/zh.json'),
  ja: () => import('i18n-iso-countries/langs/ja.json'),
  ko: () => import('i18n-iso-countries/langs/ko.json'),
};

const loaded = new Set<string>(['en']);

export async function loadCountryNames(lang: Lang): Promise<void> {
  if (loaded.has(lang)) return;
  const mod = await loaders[lang as Exclude<Lang, 'en'>]();
  countries.registerLocale(mod.default as Parameters<typeof countries.registerLocale>[0]);
  loaded.add(lang);
}

// Looked up once per code and language: tables and charts ask for the same names many times a render.
const names = new Map<string, string>();

export function countryName(iso3: string, lang: string): string {
  const key = `${lang}|${iso3}`;
  let name = names.get(key);
  if (name === undefined) {
    name = countries.getName(iso3, lang) ?? countries.getName(iso3, 'en') ?? iso3;
    // A language whose names have not loaded yet falls back to English: not kept, asked again.
    if (loaded.has(lang) || lang === 'en') names.set(key, name);
  }
  return name;
}

export function numericToIso3(numeric: string): string | undefined {
  return countries.numericToAlpha3(numeric);
}

/** Locale-aware comparison for sorting by name. */
export function compareNames(lang: string): (a: string, b: string) => number {
  const coll = new Intl.Collator(lang);
  return (a, b) => coll.compare(a, b);
}
