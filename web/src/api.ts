// The API client: the JSON envelope, one request descriptor per view ({path, params}) and the
// TanStack Query hooks. A page passes the same descriptor to its download menu, so the CSV and
// metadata links are the API twins of exactly the query the view shows.
// Requests go through openapi-fetch typed by api-types.ts, which `npm run api:types` generates
// from the server's OpenAPI document. The answers' types are not kept here: api-shapes.ts infers
// them from the modules' zod schemas (and the generated document), and they are checked against
// the document (see the end of this file), so an API change breaks the type check, not a page.
import { keepPreviousData, useQueries, useQuery, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import createClient from 'openapi-fetch';
import type { paths } from './api-types';
import { buildParams, toQueryString, type QueryPatch } from './lib/query-string';
import type * as S from './api-shapes';
import type { ApiJson, Envelope, ReadPath, RowsOf } from './api-shapes';
// The answers' types come from the server's schemas (api-shapes.ts); pages import them from here.
export type * from './api-shapes';
type Health = S.Health;
type Source = S.Source;
type ApiErrorBody = S.ApiErrorBody;
type CountriesEnvelope = S.CountriesEnvelope;
type CountryEnvelope = S.CountryEnvelope;
type ProfileEnvelope = S.ProfileEnvelope;
type IndicatorCatalogRow = S.IndicatorCatalogRow;
type IndicatorEnvelope = S.IndicatorEnvelope;
type ReadinessEnvelope = S.ReadinessEnvelope;
type PairRow = S.PairRow;
type MarketplacesEnvelope = S.MarketplacesEnvelope;
type TrafficEnvelope = S.TrafficEnvelope;
type FlowsEnvelope = S.FlowsEnvelope;
type MarketplaceEnvelope = S.MarketplaceEnvelope;
type AudienceEnvelope = S.AudienceEnvelope;
type CorrelationEnvelope = S.CorrelationEnvelope;
type RegFrameworksEnvelope = S.RegFrameworksEnvelope;
type RegEconomyEnvelope = S.RegEconomyEnvelope;
type RegCompareEnvelope = S.RegCompareEnvelope;
type RegPairEnvelope = S.RegPairEnvelope;
type RegSimulateEnvelope = S.RegSimulateEnvelope;
type RegScoreMode = S.RegScoreMode;
type RegGoal = S.RegGoal;
type TopSitesEnvelope = S.TopSitesEnvelope;
type RegFrameworkRow = S.RegFrameworkRow;

// ---------- the generated contract ----------
type GetOp<P extends ReadPath> = paths[P] extends { get: infer O } ? O : never;
/** The path parameters of a read route ({} when it has none). */
export type PathParams<P extends ReadPath> = GetOp<P> extends { parameters: { path: infer V } } ? ([V] extends [never | undefined] ? Record<string, never> : V) : Record<string, never>;
/** The query parameters a read route declares, given as the URL grammar's values. */
export type QueryOf<P extends ReadPath> = GetOp<P> extends { parameters: { query?: infer Q } } ? { [K in keyof NonNullable<Q>]?: QueryPatch[string] } : Record<string, never>;

const client = createClient<paths>({
  // The URL grammar keeps ~ : , literal (query-string.ts): the same query string as the links.
  querySerializer: (q) => toQueryString(Object.entries(q as Record<string, string>)).slice(1),
});

// ---------- envelope ----------

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errors: unknown[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// ---------- rows and named fields ----------


export type GroupCode =
  | 'asean'
  | 'northeast-asia'
  | 'oceania'
  | 'pacific-alliance'
  | 'mercosur'
  | 'andean-community'
  | 'central-america'
  | 'caribbean';
export type RegionCode = 'east-asia' | 'latin-america';



export const FEALAC_MEDIAN = 'FEALAC_MEDIAN';


// ---------- requests ----------
/** One view's query: the path under /api and its parameters (already in the API grammar). */
export interface ApiRequest {
  path: string;
  params: URLSearchParams;
  /** The document's path and the values of its path parameters (set by `route`). */
  route?: { template: ReadPath; values: Record<string, string> };
}

export function request(path: string, params: QueryPatch = {}): ApiRequest {
  return { path, params: buildParams(params) };
}

/**
 * A request to a route of the OpenAPI document: its path, path parameters and query parameters
 * are checked against the generated types at build time.
 */
export function route<P extends ReadPath>(template: P, values: PathParams<P>, query: QueryOf<P> = {} as QueryOf<P>): ApiRequest {
  const vals = values as Record<string, string>;
  const path = template.replace(/^\/api/, '').replace(/\{([^}]+)\}/g, (_, k: string) => encodeURIComponent(vals[k]));
  return { path, params: buildParams(query as QueryPatch), route: { template, values: vals } };
}

export function apiUrl(req: ApiRequest): string {
  return `/api${req.path}${toQueryString(req.params)}`;
}

/** The `.csv` / `.metadata.json` twin of a data route, same query string. */
export function twinUrl(req: ApiRequest, ext: 'csv' | 'metadata.json' | 'zip'): string {
  return `/api${req.path}.${ext}${toQueryString(req.params)}`;
}

/** GET through the typed client; an error answer (or none) becomes an ApiError. */
async function fetchJson<T>(req: ApiRequest, signal?: AbortSignal): Promise<T> {
  const template = req.route?.template ?? (`/api${req.path}` as ReadPath);
  const query = Object.fromEntries(req.params);
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await client.GET(template, {
      params: { path: req.route?.values ?? {}, query },
      signal,
      headers: { accept: 'application/json' },
    } as never);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    // A proxy error page (not JSON), or no network.
    throw new ApiError('network', 0);
  }
  const { data, error, response } = result;
  const b = (error ?? data) as Partial<ApiErrorBody> | null | undefined;
  if (!response.ok || !b || b.ok === false) {
    throw new ApiError(b?.error ?? response.statusText ?? 'error', b?.status ?? response.status, b?.errors ?? []);
  }
  return data as T;
}

/** Follows `next` so a view shows all its rows (bounded: a view never needs more). */
const MAX_PAGES = 20;
async function fetchEnvelope<E extends Envelope<unknown>>(req: ApiRequest, signal?: AbortSignal): Promise<E> {
  const first = await fetchJson<E>(req, signal);
  let next = first.next;
  let pages = 1;
  while (next && pages < MAX_PAGES) {
    const params = new URLSearchParams(req.params);
    params.set('_next', next);
    const page = await fetchJson<E>({ ...req, params }, signal);
    first.rows.push(...page.rows);
    next = page.next;
    pages++;
  }
  return { ...first, next, truncated: first.truncated || Boolean(next) };
}

export function useApi<E extends Envelope<unknown>>(req: ApiRequest | null, keep = false): UseQueryResult<E, ApiError> {
  return useQuery<E, ApiError>({
    queryKey: ['api', req ? apiUrl(req) : null],
    queryFn: ({ signal }) => fetchEnvelope<E>(req as ApiRequest, signal),
    enabled: req !== null,
    placeholderData: keep ? keepPreviousData : undefined,
  });
}

/** Starts a request that a page will ask for, before the page has loaded (same cache entry as useApi). */
export function prefetchApi(client: QueryClient, req: ApiRequest): void {
  void client.prefetchQuery({ queryKey: ['api', apiUrl(req)], queryFn: ({ signal }) => fetchEnvelope(req, signal) });
}

// ---------- the routes ----------
export const healthRequest = (): ApiRequest => route('/api/-/health', {});
export function useHealth(): UseQueryResult<Health, ApiError> {
  return useQuery<Health, ApiError>({
    queryKey: ['api', '/api/-/health'],
    queryFn: ({ signal }) => fetchJson<Health>(healthRequest(), signal),
    staleTime: 30_000,
  });
}

export const sourcesRequest = (): ApiRequest => route('/api/-/sources', {});
export const useSources = () => useApi<Envelope<Source>>(sourcesRequest());

export function countriesRequest(filter: { region?: string | null; group?: string | null } = {}): ApiRequest {
  return route('/api/countries', {}, { region: filter.region, group: filter.group });
}
export const useCountries = (req: ApiRequest = countriesRequest()) => useApi<CountriesEnvelope>(req, true);

export const countryRequest = (iso3: string): ApiRequest => route('/api/countries/{iso3}', { iso3 });
export const useCountry = (iso3: string) => useApi<CountryEnvelope>(countryRequest(iso3));

export function profileRequest(iso3: string, q: { indicator: string[]; peer: string[]; time: string | null }): ApiRequest {
  return route('/api/countries/{iso3}/profile', { iso3 }, { indicator: q.indicator, peer: q.peer, time: q.time });
}
export const useProfile = (req: ApiRequest | null) => useApi<ProfileEnvelope>(req, true);

export const indicatorCatalogRequest = (): ApiRequest => route('/api/indicators', {});
export const useIndicatorCatalog = () => useApi<Envelope<IndicatorCatalogRow>>(indicatorCatalogRequest());

export function indicatorValuesRequest(
  code: string,
  q: { country?: string[]; time?: string | null; latest?: boolean; sort?: string | null },
): ApiRequest {
  return route('/api/indicators/{code}', { code }, {
    country: q.country,
    time: q.time,
    latest: q.latest ? 'true' : null,
    _sort: q.sort,
  });
}
export const useIndicatorValues = (req: ApiRequest | null) => useApi<IndicatorEnvelope>(req, true);

export function readinessRequest(q: {
  weights: string | null;
  log: string | null;
  year: number | null;
  window: number | null;
  peer: string[];
  maxMissing: number | null;
}): ApiRequest {
  return route('/api/readiness', {}, {
    weights: q.weights,
    log: q.log,
    year: q.year,
    window: q.window,
    peer: q.peer,
    maxMissing: q.maxMissing,
  });
}
export const useReadiness = (req: ApiRequest) => useApi<ReadinessEnvelope>(req, true);

export const pairsRequest = (iso3: string): ApiRequest => route('/api/countries/{iso3}/pairs', { iso3 });
export const usePairs = (iso3: string) => useApi<Envelope<PairRow>>(pairsRequest(iso3));

// ---------- marketplaces ----------
export const FLOW_CLASSES = ['domestic', 'intra-east-asia', 'intra-latin-america', 'bi-regional', 'extra-fealac'] as const;
export type FlowClassCode = (typeof FLOW_CLASSES)[number];

export interface MarketplaceFilter {
  economy?: string[];
  region?: string | null;
  /** FEALAC sub-regional groups, ~-separated (asean~mercosur). */
  subregion?: string | null;
  model?: string | null;
  goods?: string | null;
  category?: string | null;
  foreign_sellers?: string | null;
  time?: string | null;
}

function filterParams(f: MarketplaceFilter) {
  return {
    economy: f.economy,
    region: f.region,
    subregion: f.subregion,
    model: f.model,
    goods: f.goods,
    category: f.category,
    foreign_sellers: f.foreign_sellers,
    time: f.time,
  };
}
export const marketplacesRequest = (f: MarketplaceFilter, sort?: string | null): ApiRequest =>
  route('/api/marketplaces', {}, { ...filterParams(f), _sort: sort });
export const useMarketplaces = (req: ApiRequest) => useApi<MarketplacesEnvelope>(req, true);

export const trafficRequest = (f: MarketplaceFilter & { marketplace?: string | null }, group: string, interval: 'month' | 'year' = 'month'): ApiRequest =>
  route('/api/traffic', {}, { ...filterParams(f), marketplace: f.marketplace, group: group === 'total' ? null : group, interval: interval === 'month' ? null : interval });
export const useTraffic = (req: ApiRequest | null) => useApi<TrafficEnvelope>(req, true);

export const flowsRequest = (f: MarketplaceFilter & { marketplace?: string | null }, level: 'economy' | 'region'): ApiRequest =>
  route('/api/flows', {}, { ...filterParams(f), marketplace: f.marketplace, level: level === 'economy' ? null : level });
export const useFlows = (req: ApiRequest | null) => useApi<FlowsEnvelope>(req, true);

export const marketplaceRequest = (id: string, time: string | null): ApiRequest => route('/api/marketplaces/{id}', { id }, { time });
export const useMarketplace = (req: ApiRequest) => useApi<MarketplaceEnvelope>(req, true);

export const AUDIENCE_DIMENSIONS = ['sex', 'age', 'device'] as const;
export type AudienceDimension = (typeof AUDIENCE_DIMENSIONS)[number];
export const audienceRequest = (id: string, time: string | null): ApiRequest => route('/api/marketplaces/{id}/audience', { id }, { time });
export const useAudience = (req: ApiRequest) => useApi<AudienceEnvelope>(req, true);

export const correlationRequest = (q: { indicator: string; metric: string; year: number | null; region?: string | null }): ApiRequest =>
  route('/api/marketplaces/correlations', {}, { indicator: q.indicator, metric: q.metric === 'visits' ? null : q.metric, year: q.year, region: q.region });
export const useCorrelation = (req: ApiRequest) => useApi<CorrelationEnvelope>(req, true);

// ---------- regulation ----------
export const REGULATION_FRAMEWORK = 'rdtii-2.1';


export const regFrameworksRequest = (): ApiRequest => route('/api/regulation/frameworks', {});
export const useRegFrameworks = () => useApi<RegFrameworksEnvelope>(regFrameworksRequest());

export const regEconomyRequest = (iso3: string, scores: RegScoreMode | null = null): ApiRequest =>
  route('/api/regulation/economies/{iso3}', { iso3 }, { scores: scores === 'corrected' ? scores : null });
export const useRegEconomy = (req: ApiRequest | null) => useApi<RegEconomyEnvelope>(req, true);

export const regCompareRequest = (economies: readonly string[], scores: RegScoreMode | null = null): ApiRequest =>
  route('/api/regulation/compare', {}, { economies, scores: scores === 'corrected' ? scores : null });
export const useRegCompare = (req: ApiRequest | null) => useApi<RegCompareEnvelope>(req, true);

export const regPairRequest = (a: string, b: string, scores: RegScoreMode | null = null): ApiRequest =>
  route('/api/regulation/pair', {}, { a, b, scores: scores === 'corrected' ? scores : null });
export const useRegPair = (req: ApiRequest | null) => useApi<RegPairEnvelope>(req, true);

export const regSimulateRequest = (q: { economy: string; partners: readonly string[]; edit: string | null; goal?: RegGoal | null; order?: string | null; scores?: RegScoreMode | null }): ApiRequest =>
  route('/api/regulation/simulate', {}, {
    economy: q.economy,
    partners: q.partners,
    edit: q.edit,
    goal: q.goal && q.goal !== 'partners' ? q.goal : null,
    order: q.order && q.order !== 'liberalising_first' ? q.order : null,
    scores: q.scores === 'corrected' ? q.scores : null,
  });
export const useRegSimulate = (req: ApiRequest | null) => useApi<RegSimulateEnvelope>(req, true);

/** Several economies' answers at once (the simulator shows the partners' answers beside the edited ones). */
export function useRegEconomies(iso3s: readonly string[]): (RegEconomyEnvelope | undefined)[] {
  return useQueries({
    queries: iso3s.map((iso3) => {
      const req = regEconomyRequest(iso3);
      return { queryKey: ['api', apiUrl(req)], queryFn: ({ signal }: { signal: AbortSignal }) => fetchEnvelope<RegEconomyEnvelope>(req, signal) };
    }),
  }).map((r) => r.data);
}

// ---------- marketplaces: open top lists, profile extras (issue #16) ----------
export const topSitesRequest = (q: { economy?: string[]; marketplace?: string | null; scope?: 'ecommerce' | 'all' | null }): ApiRequest =>
  request('/top-sites', { economy: q.economy, marketplace: q.marketplace, scope: q.scope === 'all' ? 'all' : null });
export const useTopSites = (req: ApiRequest | null) => useApi<TopSitesEnvelope>(req, true);


// ---------- the view types, checked against the document ----------
// Each type a page reads must accept what the OpenAPI document says its route answers: a field
// renamed, removed or retyped on the server makes one of these lines fail to compile.
// `sources` is optional in the document (a route without sources leaves it out); it is checked once, as Source.
type Accepts<Declared, Used> = [Omit<Declared, 'sources'>] extends [Omit<Used, 'sources'>] ? true : false;
type Check<T extends true> = T;
export type ContractChecks = [
  Check<Accepts<ApiJson<'/api/-/health'>, Health>>,
  Check<Accepts<ApiJson<'/api/-/sources'>, Envelope<Source>>>,
  Check<Accepts<NonNullable<ApiJson<'/api/countries'>['sources']>[number], Source>>,
  Check<Accepts<ApiJson<'/api/countries'>, CountriesEnvelope>>,
  Check<Accepts<ApiJson<'/api/countries/{iso3}'>, CountryEnvelope>>,
  Check<Accepts<ApiJson<'/api/countries/{iso3}/pairs'>, Envelope<PairRow>>>,
  Check<Accepts<ApiJson<'/api/countries/{iso3}/profile'>, ProfileEnvelope>>,
  Check<Accepts<ApiJson<'/api/indicators'>, Envelope<IndicatorCatalogRow>>>,
  Check<Accepts<ApiJson<'/api/indicators/{code}'>, IndicatorEnvelope>>,
  Check<Accepts<ApiJson<'/api/readiness'>, ReadinessEnvelope>>,
  Check<Accepts<ApiJson<'/api/marketplaces'>, MarketplacesEnvelope>>,
  Check<Accepts<ApiJson<'/api/marketplaces/{id}'>, MarketplaceEnvelope>>,
  Check<Accepts<ApiJson<'/api/marketplaces/{id}/audience'>, AudienceEnvelope>>,
  Check<Accepts<ApiJson<'/api/marketplaces/correlations'>, CorrelationEnvelope>>,
  Check<Accepts<ApiJson<'/api/traffic'>, TrafficEnvelope>>,
  Check<Accepts<ApiJson<'/api/flows'>, FlowsEnvelope>>,
  // The frameworks are served whole as the framework files give them (any JSON): their rows are checked.
  Check<Accepts<RowsOf<'/api/regulation/frameworks'>, RegFrameworkRow>>,
  Check<Accepts<ApiJson<'/api/regulation/economies/{iso3}'>, RegEconomyEnvelope>>,
  Check<Accepts<ApiJson<'/api/regulation/compare'>, RegCompareEnvelope>>,
  Check<Accepts<ApiJson<'/api/regulation/pair'>, RegPairEnvelope>>,
  Check<Accepts<ApiJson<'/api/regulation/simulate'>, RegSimulateEnvelope>>,
];
