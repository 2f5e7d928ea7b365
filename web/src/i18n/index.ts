// Interface translations. English is bundled and is the fallback for any missing key; the other
// languages are fetched when chosen, together with the country names for that language.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import { loadCountryNames } from '../lib/country-names';
import { DEFAULT_LANG, type Lang } from '../lib/languages';

type Messages = typeof en;

const loaders: Record<Exclude<Lang, 'en'>, () => Promise<{ default: unknown }>> = {
  es: () => import('./es.json'),
  pt: () => import('./pt.json'),
  zh: () => import('./zh.json'),
  ja: () => import('./ja.json'),
  ko: () => import('./ko.json'),
};

export const i18n = i18next.createInstance();

export async function initI18n(lang: Lang): Promise<void> {
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: DEFAULT_LANG,
    fallbackLng: DEFAULT_LANG,
    supportedLngs: ['en', 'es', 'pt', 'zh', 'ja', 'ko'],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    react: { useSuspense: false },
  });
  await setLanguage(lang);
}

async function ensureLanguage(lang: Lang): Promise<void> {
  if (lang === 'en' || i18n.hasResourceBundle(lang, 'translation')) return;
  const mod = await loaders[lang]();
  i18n.addResourceBundle(lang, 'translation', mod.default as Messages, true, true);
}

/** Load the language (messages + country names), then switch to it and mark the document. */
export async function setLanguage(lang: Lang): Promise<void> {
  await Promise.all([ensureLanguage(lang), loadCountryNames(lang)]);
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/**
 * Names that come from the data (indicators, groups) are translated by lookup tables in the
 * message files; the data's English name is the fallback. Codes contain dots, so they cannot be
 * i18next keys.
 */
export function lookupName(table: 'indicatorNames' | 'indicatorShort' | 'indicatorUnits' | 'topics', code: string, lang: string): string | undefined {
  for (const l of [lang, DEFAULT_LANG]) {
    const bundle = i18n.getResourceBundle(l, 'translation') as Record<string, Record<string, string> | undefined> | undefined;
    const v = bundle?.[table]?.[code];
    if (v) return v;
  }
  return undefined;
}
