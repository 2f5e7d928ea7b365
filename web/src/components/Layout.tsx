import { Suspense, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { setLanguage } from '../i18n';
import { LANG_PARAM, matchLang } from '../lib/languages';
import { navItems } from '../nav';
import { LangLink, LangNavLink } from './LangLink';
import { LanguageSwitch } from './LanguageSwitch';
import { PageSkeleton } from './PageSkeleton';

/** Applies `?lang=` whenever the URL changes (the switch, a shared link, back/forward). */
function useLanguageFromUrl() {
  const { search } = useLocation();
  const { i18n } = useTranslation();
  const wanted = matchLang(new URLSearchParams(search).get(LANG_PARAM));
  useEffect(() => {
    if (wanted && wanted !== i18n.language) void setLanguage(wanted);
  }, [wanted, i18n]);
}

/** Move focus to the main heading region after navigation, for screen-reader users. */
function useFocusOnNavigate(target: React.RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    target.current?.focus({ preventScroll: true });
  }, [pathname, target]);
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  useLanguageFromUrl();
  useFocusOnNavigate(main);

  return (
    <div className="app">
      <a href="#main" className="skip-link">
        {t('layout.skip')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <LangLink to="/" className="brand" data-testid="brand">
            <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
              <rect width="32" height="32" rx="6" fill="#ffffff" fillOpacity="0.14" />
              <path d="M4 22c6-10 18-10 24 0" stroke="#fff" strokeWidth="3" fill="none" />
              <path d="M8 22v-5M16 22v-8M24 22v-5" stroke="#fff" strokeWidth="2" />
            </svg>
            <span className="brand__name">Puente</span>
            <span className="brand__tag">{t('layout.tagline')}</span>
          </LangLink>
          <LanguageSwitch />
        </div>
        <nav className="site-nav" aria-label={t('layout.navLabel')}>
          <ul>
            {navItems.map((item) => (
              <li key={item.to}>
                <LangNavLink to={item.to} end={item.end} data-testid={item.testid}>
                  {t(item.key)}
                </LangNavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="site-main">
        {/* The page paints at once: its skeleton while its code loads, then its own heading and
            the reserved room of each part still waiting for answers (issue #20). */}
        <Suspense fallback={<PageSkeleton />}>{children}</Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('layout.footerData')}</p>
        <p>
          {t('layout.footerLicence')}{' '}
          <a href="/api/-/sources" data-testid="footer-sources">
            {t('layout.footerSources')}
          </a>
          {' · '}
          <a href="/api/openapi.json">{t('layout.footerApi')}</a>
        </p>
      </footer>
    </div>
  );
}
