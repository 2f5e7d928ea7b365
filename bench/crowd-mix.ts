// The crowd's mix of everyday reads (issue #9), shared by bench/load and bench/cluster.

/** The everyday reads of the issue: 18 routes, every page's main answer and a download. */
export const ROUTES = [
  '/api/countries',
  '/api/indicators',
  '/api/indicators/IT.NET.USER.ZS?latest=true',
  '/api/readiness',
  '/api/countries/PER/profile',
  '/api/marketplaces',
  '/api/marketplaces/mercadolibre',
  '/api/marketplaces/mercadolibre/audience',
  '/api/traffic?group=region',
  '/api/traffic?group=marketplace',
  '/api/traffic?group=economy',
  '/api/flows?level=region',
  '/api/flows',
  '/api/flows.csv',
  '/api/marketplaces/correlations?indicator=IT.NET.USER.ZS',
  '/api/regulation/economies/PER',
  '/api/regulation/compare?economies=PER~CHL~MEX',
  '/api/-/health',
];
