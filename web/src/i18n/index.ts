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

// Content (framework names, answers, definitions: keyed by their stable ids) is in its own
// versioned files, web/src/i18n/content/<lang>.json, loaded with the language (namespace 'content').
// English content comes from the data itself; content/en.json is the reference the tests check.
const contentLoaders: Record<Exclude<Lang, 'en'>, () => Promise<{ default: unknown }>> = {
  es: () => import('./content/es.json'),
  pt: () => import('./content/pt.json'),
  zh: () => import('./content/zh.json'),
  ja: () => import('./content/ja.json'),
  ko: () => import('./content/ko.json'),
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
  const [mod, content] = await Promise.all([loaders[lang](), contentLoaders[lang]()]);
  i18n.addResourceBundle(lang, 'content', content.default as object, true, true);
  i18n.addResourceBundle(lang, 'translation', mod.default as Messages, true, true);
}

/**
 * Content in the language: `set` is a versioned content set (e.g. 'rdtii-2.1'), `kind` a table
 * in it ('pillar', 'indicator', 'answer'), `id` the content's stable id or code. Undefined when
 * the language has no translation of it (the caller shows the source text, marked as such).
 */
export function lookupContent(set: string, kind: string, id: string, lang: string): string | undefined {
  const bundle = i18n.getResourceBundle(lang, 'content') as Record<string, Record<string, Record<string, string> | undefined> | undefined> | undefined;
  return bundle?.[set]?.[kind]?.[id] || undefined;
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
export function lookupName(table: 'indicatorNames' | 'indicatorShort' | 'indicatorUnits' | 'topics', code: string, lang: string, fallback = true): string | undefined {
  for (const l of fallback ? [lang, DEFAULT_LANG] : [lang]) {
    const bundle = i18n.getResourceBundle(l, 'translation') as Record<string, Record<string, string> | undefined> | undefined;
    const v = bundle?.[table]?.[code];
    if (v) return v;
  }
  return undefined;
}
