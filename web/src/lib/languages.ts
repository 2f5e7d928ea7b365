// The interface languages. `en` and `es` are complete; the others translate what they can and
// fall back to English key by key.
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'es', label: 'Español' },
  { code: 'pt', label: 'Português' },
  { code: 'zh', label: '中文' },
  { code: 'ja', label: '日本語' },
  { code: 'ko', label: '한국어' },
] as const;

export type Lang = (typeof LANGUAGES)[number]['code'];
export const DEFAULT_LANG: Lang = 'en';
export const LANG_PARAM = 'lang';
export const LANG_STORAGE_KEY = 'puente.lang';

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && LANGUAGES.some((l) => l.code === v);
}

/** `es-MX` -> `es`; unknown -> null. */
export function matchLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const base = tag.toLowerCase().split(/[-_]/)[0];
  return isLang(base) ? base : null;
}

export interface LangSources {
  search: string;
  stored: string | null;
  browser: readonly string[];
}

/** URL first (a shared link decides), then the remembered choice, then the browser. */
export function resolveLang({ search, stored, browser }: LangSources): Lang {
  const fromUrl = matchLang(new URLSearchParams(search).get(LANG_PARAM));
  if (fromUrl) return fromUrl;
  const fromStore = matchLang(stored);
  if (fromStore) return fromStore;
  for (const tag of browser) {
    const m = matchLang(tag);
    if (m) return m;
  }
  return DEFAULT_LANG;
}

export function readStoredLang(): string | null {
  try {
    return window.localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the URL still carries the choice.
  }
}
