// The API answers each page asks for first, by route pattern of web/src/routes.tsx (issue #20).
// The build copies them into preload.json; the server preloads them with the app shell
// (`<link rel="preload" as="fetch">`, src/platform/http/preload.ts), so they are on their way
// before the page's code has loaded, and the page's own request takes the preloaded answer.
//
// Write each URL exactly as the page requests it (same parameters in the same order; the browser
// test test/e2e/preload.test.ts fails on a preload the page does not use). `{name}` is the route's
// path parameter or else the page URL's query parameter `name`; `{name|default}` falls back to the
// page's default. Plain data: vite.config.ts imports it at build.
export const FIRST_ANSWERS: Record<string, string[]> = {
  '/': ['/api/-/health'],
  '/countries': ['/api/countries'],
  '/countries/:iso3': [
    '/api/countries',
    '/api/countries/{iso3}',
    '/api/countries/{iso3}/pairs',
    '/api/indicators',
    '/api/countries/{iso3}/profile?indicator=IT.NET.USER.ZS~FINDEX.account_t_d~LP.LPI.OVRL.XQ',
    '/api/top-sites?economy={iso3}',
  ],
  '/countries/:iso3/brief': ['/api/countries', '/api/countries/{iso3}/brief'],
  '/indicators': ['/api/countries', '/api/indicators'],
  '/indicators/:code': ['/api/countries', '/api/indicators', '/api/indicators/{code}?latest=true'],
  '/readiness': ['/api/countries', '/api/readiness'],
  '/marketplaces': ['/api/countries', '/api/top-sites', '/api/marketplaces', '/api/traffic?group=marketplace'],
  '/marketplaces/correlations': ['/api/countries', '/api/indicators', '/api/marketplaces/correlations?indicator={indicator|IT.NET.USER.ZS}'],
  '/marketplaces/:id': [
    '/api/countries',
    '/api/marketplaces/{id}',
    '/api/marketplaces/{id}/audience',
    '/api/top-sites?marketplace={id}',
    '/api/traffic?marketplace={id}&group=economy',
  ],
  '/regulation': ['/api/countries'],
  '/regulation/compare': ['/api/countries', '/api/regulation/compare?economies={economies}'],
  '/regulation/pair': ['/api/countries', '/api/regulation/pair?a={a}&b={b}', '/api/regulation/frameworks'],
  '/regulation/digital-stri': ['/api/countries', '/api/regulation/digital-stri/ranking', '/api/regulation/digital-stri?area={area|STRI}'],
  '/regulation/simulate': ['/api/countries', '/api/regulation/frameworks', '/api/regulation/simulate?economy={economy|PER}&partners={partners|CHL~MEX~COL}'],
  '/regulation/:iso3': ['/api/countries', '/api/regulation/economies/{iso3}'],
  '/support': ['/api/countries', '/api/support/unplaced', '/api/support/vocabulary', '/api/support/programmes'],
  '/support/gaps': [
    '/api/countries',
    '/api/support/vocabulary',
    '/api/support/gaps/{economy}?peers={peers}',
    '/api/support/similarity/{economy}?peers={peers}',
    '/api/support/matrix/types?economy={economy}&peers={peers}',
  ],
  '/support/programmes/:id': ['/api/countries', '/api/support/programmes/{id}'],
  '/directory': ['/api/countries', '/api/directory/entries?economy={economy}', '/api/directory/coverage'],
  '/processes': ['/api/countries', '/api/processes/cases'],
  '/processes/:id': ['/api/countries', '/api/processes/cases/{id}', '/api/processes/cases/{id}/documents', '/api/processes/cases/{id}/bottlenecks'],
  '/facilitation': ['/api/countries', '/api/facilitation/framework', '/api/facilitation/comparison?_size=max', '/api/facilitation/sequence'],
  '/facilitation/:iso3': [
    '/api/countries',
    '/api/facilitation/framework',
    '/api/facilitation/scores?country={iso3}&_size=max',
    '/api/facilitation/economies/{iso3}/averages?_size=max',
    '/api/facilitation/statuses?country={iso3}&_size=max',
    '/api/facilitation/sequence',
  ],
  // Chart-only routes (docs/charts.md): each asks for its page's chart request.
  '/embed/indicators/:code': ['/api/countries', '/api/indicators/{code}?country={country}'],
  '/embed/readiness': ['/api/readiness'],
  '/embed/marketplaces': ['/api/traffic?group=marketplace'],
  '/embed/regulation/:iso3': ['/api/regulation/economies/{iso3}'],
  '/embed/facilitation/:iso3': ['/api/facilitation/scores?country={iso3}&_size=max'],
};
