// Workshop tours as data (issue #15): one guided tour per module page, a few steps that point at
// the page's controls and say what to look at. The texts are i18n messages
// (`tour.<id>.s<n>.title` / `.body`, in every language); `element` is a CSS selector on the page.
// A step whose element is not on the page (no data yet, a signed-in control) shows its text in
// the middle of the screen instead.
/** The query parameter a workshop link sets to start the page's tour on arrival. */
export const TOUR_PARAM = 'tour';

export interface TourStep {
  element: string;
}

export interface TourDef {
  id: string;
  /** The route the tour belongs to (exact path). */
  path: string;
  steps: TourStep[];
}

const tid = (id: string) => `[data-testid="${id}"]`;

export const TOURS: TourDef[] = [
  {
    id: 'marketplaces',
    path: '/marketplaces',
    steps: [
      { element: tid('marketplace-filters') },
      { element: 'section[aria-labelledby="mp-headline-h"]' },
      { element: 'section[aria-labelledby="mp-view-h"] [role="tablist"]' },
      { element: `section[aria-labelledby="mp-view-h"] ${tid('source-line')}` },
      { element: tid('explorer-top-sites') },
    ],
  },
  { id: 'countries', path: '/countries', steps: [{ element: tid('country-filter') }, { element: `${tid('page-countries')} table` }, { element: tid('nav-indicators') }] },
  { id: 'indicators', path: '/indicators', steps: [{ element: tid('indicator-search') }, { element: tid('indicator-topic') }, { element: `${tid('page-indicators')} ul` }] },
  { id: 'readiness', path: '/readiness', steps: [{ element: tid('readiness-controls') }, { element: tid('readiness-summary') }, { element: tid('readiness-unscored') }, { element: tid('source-line') }] },
  { id: 'regulation', path: '/regulation', steps: [{ element: tid('reg-pillar-grid') }, { element: tid('reg-coverage-notice') }, { element: tid('reg-overview-apart') }, { element: tid('reg-card-compare') }] },
  { id: 'facilitation', path: '/facilitation', steps: [{ element: tid('tf-round') }, { element: tid('tf-matrix') }, { element: tid('tf-comparison-averages') }, { element: tid('tf-sequence') }] },
  { id: 'support', path: '/support', steps: [{ element: tid('support-search') }, { element: tid('support-table') }, { element: tid('support-unplaced') }] },
  { id: 'directory', path: '/directory', steps: [{ element: tid('directory-table') }, { element: tid('to-verify') }, { element: tid('source-line') }] },
  { id: 'processes', path: '/processes', steps: [{ element: tid('case-table') }, { element: tid('source-line') }, { element: tid('nav-facilitation') }] },
  { id: 'assistant', path: '/assistant', steps: [{ element: tid('assistant-form') }, { element: tid('assistant-answer') }, { element: tid('assistant-pdf') }] },
  { id: 'tariffs', path: '/tariffs', steps: [{ element: tid('tariff-form') }, { element: tid('tariff-editions') }, { element: tid('source-line') }] },
];

export function tourForPath(pathname: string): TourDef | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  return TOURS.find((t) => t.path === path);
}

export function tourById(id: string | null | undefined): TourDef | undefined {
  return TOURS.find((t) => t.id === id);
}
