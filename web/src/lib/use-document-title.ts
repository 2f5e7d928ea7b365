import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { LANG_PARAM } from './languages';

/**
 * The languages a page is offered in to search engines (hreflang), as in the server's sitemap
 * (src/platform/http/site.ts): the complete ones.
 */
const INDEXED_LANGUAGES = ['en', 'es'] as const;

function headElement<T extends HTMLElement>(selector: string, create: () => T): T {
  const found = document.head.querySelector<T>(selector);
  if (found) return found;
  const el = create();
  document.head.append(el);
  return el;
}

/** A page's URL in a language, without its view state: what search engines should index. */
export function canonicalUrl(pathname: string, lang: string | null): string {
  return `${window.location.origin}${pathname}${lang ? `?${LANG_PARAM}=${lang}` : ''}`;
}

/**
 * The page's head: `<title>`, meta description (its own, from the title unless given), canonical
 * URL with the language, and the hreflang alternates. `<html lang>` is set by setLanguage.
 */
export function useDocumentTitle(title: string | null | undefined, description?: string): void {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  const lang = i18n.language;
  useEffect(() => {
    document.title = title ? `${title} · Puente` : 'Puente';
    const meta = headElement('meta[name="description"]', () => Object.assign(document.createElement('meta'), { name: 'description' }));
    meta.content = description ?? (title ? t('seo.pageDescription', { title }) : t('seo.siteDescription'));
    const canonical = headElement('link[rel="canonical"]', () => Object.assign(document.createElement('link'), { rel: 'canonical' }));
    canonical.href = canonicalUrl(pathname, lang);
    for (const l of [...INDEXED_LANGUAGES, 'x-default']) {
      const alt = headElement(`link[rel="alternate"][hreflang="${l}"]`, () => {
        const el = Object.assign(document.createElement('link'), { rel: 'alternate' });
        el.setAttribute('hreflang', l);
        return el;
      });
      alt.href = canonicalUrl(pathname, l === 'x-default' ? null : l);
    }
  }, [title, description, pathname, lang, t]);
}
