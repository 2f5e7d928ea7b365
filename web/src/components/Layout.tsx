import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { setLanguage } from '../i18n';
import { LANG_PARAM, matchLang } from '../lib/languages';
import { navItems } from '../nav';
import { LangLink, LangNavLink } from './LangLink';
import { AccountLink } from './AccountLink';
import { LanguageSwitch } from './LanguageSwitch';
import { PageSkeleton } from './PageSkeleton';
import { PageTools } from './PageTools';

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

/** How long a page's body may stay hidden waiting for its first answers before it is shown anyway. */
const SETTLE_CAP_MS = 2500;

/**
 * Issue #20: a page paints at once and nothing moves under the reader. While the page's code
 * loads, Layout shows a page skeleton (PageSkeleton). Then the page's heading, breadcrumb, subnav
 * and intro paint at once (they depend on no answer), while the rest of its body is laid out but
 * not shown (`.page-frame--settling`, styles.css) until no query has been fetching for two frames
 * (or SETTLE_CAP_MS): whatever changes size there while the first answers arrive moves nothing
 * the reader sees. A bar at the top of the main area says it is loading. Each part still reserves
 * its own room for what loads later (charts, maps, tables).
 */
function useFirstAnswers(): { settling: boolean; onPageMounted: (page: string) => void } {
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  const [settling, setSettling] = useState(true);
  const [mounted, setMounted] = useState<string | null>(null);
  useLayoutEffect(() => {
    setSettling(true);
  }, [pathname]);
  useEffect(() => {
    if (!settling || mounted !== pathname) return;
    let idleFrames = 0;
    let frame = requestAnimationFrame(function check() {
      idleFrames = queryClient.isFetching() === 0 ? idleFrames + 1 : 0;
      if (idleFrames >= 2) setSettling(false);
      else frame = requestAnimationFrame(check);
    });
    const cap = setTimeout(() => setSettling(false), SETTLE_CAP_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(cap);
    };
  }, [settling, mounted, pathname, queryClient]);
  return { settling, onPageMounted: setMounted };
}

/** Mounts once the lazy page beside it has loaded (it sits inside the same Suspense boundary). */
function PageMounted({ onMount, page }: { onMount: (page: string) => void; page: string }) {
  useEffect(() => {
    onMount(page);
  }, [page, onMount]);
  return null;
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  useLanguageFromUrl();
  useFocusOnNavigate(main);
  const { pathname } = useLocation();
  const { settling, onPageMounted } = useFirstAnswers();

  // A chart-only route (/embed/...), framed in another site: the chart, its title and source, and
  // a link back to the full page (the embed page draws those); no site header, menu or footer.
  if (/^\/embed\//.test(pathname)) {
    return (
      <main id="main" ref={main} tabIndex={-1} className="site-main site-main--embed">
        <div className={settling ? 'page-frame page-frame--settling' : 'page-frame'} aria-busy={settling}>
          <Suspense fallback={<PageSkeleton />}>
            {children}
            <PageMounted onMount={onPageMounted} page={pathname} />
          </Suspense>
        </div>
      </main>
    );
  }

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
          <AccountLink />
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
        {settling && (
          <div className="page-frame__progress" role="status" data-testid="page-settling">
            <span className="sr-only">{t('common.loading')}</span>
          </div>
        )}
        <PageTools />
        <div className={settling ? 'page-frame page-frame--settling' : 'page-frame'} aria-busy={settling}>
          <Suspense fallback={<PageSkeleton />}>
            {children}
            <PageMounted onMount={onPageMounted} page={pathname} />
          </Suspense>
        </div>
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
          {' · '}
          <LangLink to="/methodology" data-testid="footer-methodology">
            {t('methodology.title')}
          </LangLink>
          {' · '}
          <LangLink to="/workshop" data-testid="footer-workshop">
            {t('workshop.title')}
          </LangLink>
        </p>
      </footer>
    </div>
  );
}
