// One sample URL for every route pattern of the web app's route table (web/src/routes.tsx), for
// the browser tests of issue #20 (layout shift, axe) and bench/web (Lighthouse). The patterns
// are read from the route table itself, so a page added there without a sample here makes
// `pageTypes()` throw and those tests fail: every page type stays measured.
import { readFileSync } from 'node:fs';
import { programmeKey } from '../../src/modules/support/compute.js';

export interface PageSample {
  /** Short name for screenshots and tables. */
  name: string;
  /** A URL of that route pattern that shows real data from ../shared/data (or the demo). */
  path: string;
  /** Present once the page has its data (waited for before measuring). */
  testid: string;
  /** The address opens another page (a workshop link): its head is that page's, not its own. */
  redirects?: true;
}

export interface PageType extends PageSample {
  /** The route pattern, as written in web/src/routes.tsx. */
  pattern: string;
}

/** Keyed by route pattern, exactly as in web/src/routes.tsx. */
export const PAGE_SAMPLES: Record<string, PageSample> = {
  '/': { name: 'home', path: '/', testid: 'module-status' },
  '/countries': { name: 'countries', path: '/countries', testid: 'page-countries' },
  '/countries/:iso3': { name: 'country-profile', path: '/countries/CHN', testid: 'country-top-sites' },
  '/countries/:iso3/brief': { name: 'country-brief', path: '/countries/PER/brief', testid: 'brief-ready' },
  '/indicators': { name: 'indicators', path: '/indicators', testid: 'page-indicators' },
  '/indicators/:code': { name: 'indicator-explorer', path: '/indicators/IT.NET.USER.ZS', testid: 'page-explorer' },
  '/readiness': { name: 'readiness', path: '/readiness', testid: 'page-readiness' },
  '/marketplaces': { name: 'marketplace-explorer', path: '/marketplaces', testid: 'explorer-top-sites' },
  '/marketplaces/correlations': { name: 'marketplace-correlations', path: '/marketplaces/correlations?metric=visits', testid: 'correlation-stats' },
  '/marketplaces/:id': { name: 'marketplace-profile', path: '/marketplaces/mercadolibre', testid: 'marketplace-top-sites' },
  '/regulation': { name: 'regulation', path: '/regulation', testid: 'page-regulation' },
  '/regulation/compare': { name: 'regulation-compare', path: '/regulation/compare?economies=PER~CHL~MEX~COL', testid: 'page-regulation-compare' },
  '/regulation/pair': { name: 'regulation-pair', path: '/regulation/pair?a=PER&b=CHL', testid: 'page-regulation-pair' },
  '/regulation/digital-stri': { name: 'digital-stri', path: '/regulation/digital-stri', testid: 'page-digital-stri' },
  '/regulation/simulate': { name: 'regulation-simulate', path: '/regulation/simulate', testid: 'page-regulation-simulate' },
  '/regulation/:iso3': { name: 'regulation-profile', path: '/regulation/PER', testid: 'page-regulation-profile' },
  // Accounts: an anonymous visitor (what vitals measures) sees the form or a sign-in prompt.
  '/signin': { name: 'signin', path: '/signin', testid: 'page-signin' },
  '/account': { name: 'account', path: '/account', testid: 'account-signin' },
  '/account/invitation': { name: 'invitation', path: '/account/invitation', testid: 'invitation-missing' },
  '/admin/users': { name: 'admin-users', path: '/admin/users', testid: 'admin-users-signin' },
  '/admin/audit': { name: 'admin-audit', path: '/admin/audit', testid: 'admin-audit-signin' },
  '/facilitation': { name: 'facilitation', path: '/facilitation', testid: 'tf-matrix' },
  '/facilitation/:iso3': { name: 'facilitation-economy', path: '/facilitation/PRY', testid: 'tf-trend' },
  '/support': { name: 'support', path: '/support', testid: 'support-table' },
  '/support/gaps': { name: 'support-gaps', path: '/support/gaps?economy=PER&peers=pacific-alliance', testid: 'gaps-matrix' },
  '/support/programmes/:id': { name: 'support-programme', path: `/support/programmes/${programmeKey('PER', 'Exporta Fácil (SUNAT–SERPOST)')}`, testid: 'programme-facts' },
  '/directory': { name: 'directory', path: '/directory?economy=PER', testid: 'directory-table' },
  '/documents/new': { name: 'documents-new', path: '/documents/new?origin=PER&destination=JPN&hs=090121&value=375&currency=USD&weight=20&channel=postal', testid: 'page-documents-new' },
  '/processes': { name: 'processes', path: '/processes', testid: 'case-table' },
  '/processes/:id': { name: 'process-case', path: '/processes/synthetic-ecommerce-export', testid: 'case-totals' },
  '/assistant': { name: 'assistant', path: '/assistant?origin=PER&destination=JPN&hs=0901&value=150&currency=USD&weight=2&channel=postal&traits=women_led', testid: 'assistant-answer' },
  '/tariffs': { name: 'tariffs', path: '/tariffs', testid: 'tariff-line' },
  '/tariffs/:iso3': { name: 'tariffs-destination', path: '/tariffs/JPN?hs=0901.21&origin=PER&value=1000&currency=USD', testid: 'tariff-duty' },
  '/review': { name: 'review-queue', path: '/review', testid: 'page-review' },
  '/my-economies': { name: 'my-economies', path: '/my-economies', testid: 'page-my-economies' },
  '/methodology': { name: 'methodology', path: '/methodology', testid: 'methodology-modules' },
  '/methodology/:module': { name: 'methodology-module', path: '/methodology/regulation', testid: 'methodology-text' },
  '/workshop': { name: 'workshop', path: '/workshop', testid: 'workshop-scenarios' },
  // A scenario link opens its page (here the indicator explorer, with the scenario's economies and years).
  '/workshop/:scenario': { name: 'workshop-scenario', path: '/workshop/mercosur-internet-use', testid: 'page-explorer', redirects: true },
  '/history/:entity/:id': { name: 'entry-history', path: `/history/support_programmes/${encodeURIComponent(programmeKey('PER', 'Exporta Fácil (SUNAT–SERPOST)'))}`, testid: 'history-answer' },
  // Chart-only routes for embedding (issue #15).
  '/embed/indicators/:code': { name: 'embed-indicator', path: '/embed/indicators/IT.NET.USER.ZS?country=PER~CHL~MEX', testid: 'indicator-chart-figure' },
  '/embed/readiness': { name: 'embed-readiness', path: '/embed/readiness', testid: 'readiness-chart-figure' },
  '/embed/marketplaces': { name: 'embed-traffic', path: '/embed/marketplaces', testid: 'traffic-chart-figure' },
  '/embed/regulation/:iso3': { name: 'embed-regulation', path: '/embed/regulation/PER', testid: 'reg-pillar-chart-figure' },
  '/embed/facilitation/:iso3': { name: 'embed-facilitation', path: '/embed/facilitation/PRY', testid: 'tf-trend-chart-figure' },
  '*': { name: 'not-found', path: '/no-such-page', testid: 'page-not-found' },
};

const ROUTES_FILE = new URL('../../web/src/routes.tsx', import.meta.url);

/** The route patterns of web/src/routes.tsx (`path: '...'` entries of the route table). */
export function routePatterns(source = readFileSync(ROUTES_FILE, 'utf8')): string[] {
  const patterns = [...source.matchAll(/\bpath:\s*(['"`])([^'"`]+)\1/g)].map((m) => m[2]);
  if (patterns.length === 0) throw new Error('web/src/routes.tsx: no `path:` entries found; has the route table changed shape?');
  return patterns;
}

/** Every page type with its sample; throws naming the route patterns that have none. */
export function pageTypes(patterns = routePatterns()): PageType[] {
  const missing = patterns.filter((p) => !PAGE_SAMPLES[p]);
  if (missing.length) {
    throw new Error(`No sample URL for route pattern(s) ${missing.join(', ')} of web/src/routes.tsx: add one to PAGE_SAMPLES in test/e2e/page-types.ts`);
  }
  return patterns.map((pattern) => ({ pattern, ...PAGE_SAMPLES[pattern] }));
}

/** `path` with `lang=` added to its query. */
export function withLangParam(path: string, lang: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
}
