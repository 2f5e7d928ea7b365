// The API client: the JSON envelope, one request descriptor per view ({path, params}) and the
// TanStack Query hooks. A page passes the same descriptor to its download menu, so the CSV and
// metadata links are the API twins of exactly the query the view shows.
// Requests go through openapi-fetch typed by api-types.ts, which `npm run api:types` generates
// from the server's OpenAPI document; the types below are checked against it (see the end of
// this file), so an API change the web app does not follow breaks its build.
import { keepPreviousData, useQueries, useQuery, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import createClient from 'openapi-fetch';
import type { paths } from './api-types';
import { buildParams, toQueryString, type QueryPatch } from './lib/query-string';

// ---------- the generated contract ----------
/** Paths of the document that answer GET. */
export type ReadPath = { [P in keyof paths]: paths[P] extends { get: object } ? P : never }[keyof paths];
type GetOp<P extends ReadPath> = paths[P] extends { get: infer O } ? O : never;
/** The JSON answer (200) of a read route, as the OpenAPI document declares it. */
export type ApiJson<P extends ReadPath> = GetOp<P> extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;
/** The path parameters of a read route ({} when it has none). */
export type PathParams<P extends ReadPath> = GetOp<P> extends { parameters: { path: infer V } } ? ([V] extends [never | undefined] ? Record<string, never> : V) : Record<string, never>;
/** The query parameters a read route declares, given as the URL grammar's values. */
export type QueryOf<P extends ReadPath> = GetOp<P> extends { parameters: { query?: infer Q } } ? { [K in keyof NonNullable<Q>]?: QueryPatch[string] } : Record<string, never>;

const client = createClient<paths>({
  // The URL grammar keeps ~ : , literal (query-string.ts): the same query string as the links.
  querySerializer: (q) => toQueryString(Object.entries(q as Record<string, string>)).slice(1),
});

// ---------- envelope ----------
export interface Envelope<Row> {
  ok: true;
  rows: Row[];
  truncated: boolean;
  next: string | null;
}
export interface ApiErrorBody {
  ok: false;
  error: string;
  errors?: unknown[];
  status: number;
}

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
export interface Health {
  ok: true;
  status: string;
  engine: 'duckdb' | 'postgres' | string;
  /** Rows per table (countries, indicators, values, sources, ...). */
  counts: Record<string, number>;
  version: string;
}

export interface Source {
  id: string;
  publisher: string | null;
  title: string | null;
  url: string | null;
  license: string | null;
  /** When the publisher's data was retrieved (null: not stated). */
  retrieved_at: string | null;
  /** When Puente imported it. */
  imported_at?: string | null;
  synthetic: boolean;
}

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

export interface Country {
  iso3: string;
  iso2: string;
  iso_numeric: string;
  name_en: string;
  name_es?: string | null;
  name_pt?: string | null;
  name_zh?: string | null;
  name_ja?: string | null;
  name_ko?: string | null;
  fealac_region: 'East Asia' | 'Latin America' | string;
  subregions: string[];
  year_joined: number | null;
}
export interface Group {
  code: string;
  name_en: string;
  name_es?: string;
  kind?: string;
  note?: string | null;
  members: string[];
}
export type CountriesEnvelope = Envelope<Country> & { groups?: Group[]; sources?: Source[] };
export type CountryEnvelope = Envelope<Country> & { country: Country };

export interface IndicatorMeta {
  code: string;
  name: string;
  unit: string | null;
  definition: string | null;
  topic: string | null;
  /** Not in the contract yet: when present, the sources this indicator's values cite. */
  source_ids?: string[];
}
export interface IndicatorCatalogRow extends IndicatorMeta {
  countries: number;
  min_year: number | null;
  max_year: number | null;
  values: number;
}
export interface IndicatorValue {
  iso3: string;
  year: number | null;
  value: number | null;
  source_id: string | null;
}
export type IndicatorEnvelope = Envelope<IndicatorValue> & { indicator: IndicatorMeta; sources: Source[] };

export const FEALAC_MEDIAN = 'FEALAC_MEDIAN';
export interface ProfileRow {
  indicator_code: string;
  series: string;
  year: number;
  value: number | null;
  /** FEALAC_MEDIAN: economies with a value that year (the median is null below median_min_economies). */
  n?: number | null;
  source_id?: string | null;
}
export type ProfileEnvelope = Envelope<ProfileRow> & { indicators: IndicatorMeta[]; sources: Source[]; median_min_economies?: number };

export interface ReadinessComponent {
  code: string;
  name: string;
  weight: number;
  log: boolean;
}
export interface ReadinessRow {
  iso3: string;
  score: number | null;
  rank: number | null;
  percentile: number | null;
  vs_median: number | null;
  vs_peers: number | null;
  available: number;
  reason: string | null;
  [component: string]: unknown;
}
export type ReadinessEnvelope = Envelope<ReadinessRow> & {
  components: ReadinessComponent[];
  median: number | null;
  medianN?: number;
  minEconomies?: number;
  peersMedian: number | null;
  peersMedianN?: number;
  year: number | null;
  window: number | null;
  sources: Source[];
};

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

export interface PairRow {
  iso3_o: string;
  iso3_d: string;
  dist_km: number | null;
  distcap_km: number | null;
  distw_km: number | null;
  contig: number | boolean | null;
  comlang_off: number | boolean | null;
  comlang_ethno: number | boolean | null;
}
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
export interface Facet {
  value: string;
  count: number;
}
export interface MarketplaceRow {
  id: string;
  name: string;
  hq_iso3: string | null;
  founded_year: number | null;
  models: string;
  goods_or_services: string | null;
  categories: string | null;
  foreign_sellers: string;
  websites: number;
  economies: string;
  visits: number | null;
  months: number;
  cross_border_share: number | null;
  synthetic: boolean;
}
export type MarketplacesEnvelope = Envelope<MarketplaceRow> & {
  facets: Record<'economy' | 'region' | 'model' | 'goods_or_services' | 'category' | 'foreign_sellers', Facet[]>;
  sources: Source[];
};
export interface TrafficSummary {
  visits: number | null;
  months: number;
  first_month: string | null;
  last_month: string | null;
  attributed: number | null;
  domestic_share: number | null;
  cross_border_share: number | null;
  bi_regional_share: number | null;
  flow_mix: Record<FlowClassCode, number> | null;
  yoy: number | null;
  yoy_year: number | null;
  cagr: number | null;
  cagr_from: number | null;
  cagr_to: number | null;
  hhi: number | null;
  top1_share: number | null;
  top3_share: number | null;
  marketplaces: number;
  top_origins: { origin: string; visits: number; share: number }[];
  synthetic: boolean;
}
export interface TrafficRow {
  period: string;
  series: string;
  label: string;
  visits: number;
  months: number;
  yoy: number | null;
  synthetic: boolean;
}
export type TrafficEnvelope = Envelope<TrafficRow> & { summary: TrafficSummary; sources: Source[] };
export interface FlowRow {
  origin: string;
  destination: string;
  origin_region: string | null;
  destination_region: string;
  flow_class: string | null;
  visits: number;
  share_of_destination: number | null;
  synthetic: boolean;
}
export type FlowsEnvelope = Envelope<FlowRow> & { unattributed: number; sources: Source[] };
export interface WebsiteRow {
  website_id: string;
  domain: string;
  serves_iso3: string;
  launched_year: number | null;
  status: string;
  visits: number | null;
  months: number;
  domestic_share: number | null;
  cross_border_share: number | null;
  bi_regional_share: number | null;
  unattributed_share: number | null;
  synthetic: boolean;
}
export type MarketplaceEnvelope = Envelope<WebsiteRow> & {
  marketplace: Omit<MarketplaceRow, 'visits' | 'months' | 'cross_border_share' | 'synthetic' | 'websites' | 'economies'> & {
    payment_services: string | null;
    logistics_services: string | null;
    msme_sellers_note: string | null;
    source_urls: string | null;
  };
  summary: TrafficSummary;
  reach: { reach: number | null; home: string | null; threshold: number; from_traffic: string[]; from_popularity: string[] };
  sources: Source[];
};
export interface CorrelationRow {
  iso3: string;
  x: number | null;
  x_year: number | null;
  y: number | null;
  synthetic: boolean;
}
export type CorrelationEnvelope = Envelope<CorrelationRow> & {
  n: number;
  pearson: number | null;
  spearman: number | null;
  slope: number | null;
  intercept: number | null;
  year: number | null;
  metric: string;
  indicator: { code: string; name: string; unit: string | null };
  sources: Source[];
};

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
export interface AudienceRow {
  dimension: AudienceDimension;
  category: string;
  share: number | null;
  visits: number;
  months: number;
  coverage: number | null;
  synthetic: boolean;
}
export type AudienceEnvelope = Envelope<AudienceRow> & { sources: Source[] };
export const audienceRequest = (id: string, time: string | null): ApiRequest => route('/api/marketplaces/{id}/audience', { id }, { time });
export const useAudience = (req: ApiRequest) => useApi<AudienceEnvelope>(req, true);

export const correlationRequest = (q: { indicator: string; metric: string; year: number | null; region?: string | null }): ApiRequest =>
  route('/api/marketplaces/correlations', {}, { indicator: q.indicator, metric: q.metric === 'visits' ? null : q.metric, year: q.year, region: q.region });
export const useCorrelation = (req: ApiRequest) => useApi<CorrelationEnvelope>(req, true);

// ---------- regulation ----------
export const REGULATION_FRAMEWORK = 'rdtii-2.1';
export interface RegOption {
  id: string;
  criterion: string;
  score: number | null;
}
export interface RegIndicator {
  id: string;
  name: string;
  type: string;
  group?: string;
  nonRegulatory: boolean;
  weight: number | null;
  options: RegOption[];
}
export interface RegPillar {
  pillar: number;
  id: string;
  name: string;
  weight: number;
  indicators: RegIndicator[];
}
export interface RegFramework {
  id: string;
  version: string;
  title: string;
  pillars: RegPillar[];
}
export interface RegFrameworkRow {
  id: string;
  version: string;
  loaded_at: string;
  name: string | null;
  pillars: number;
  indicators: number;
}
export type RegFrameworksEnvelope = Envelope<RegFrameworkRow> & { frameworks: RegFramework[] };

export type RegBasis = 'measures' | 'escap' | 'derived' | 'unknown';
/** ESCAP measure scores as recorded, or with the government verification's corrections. */
export type RegScoreMode = 'recorded' | 'corrected';
export interface RegAnswerRow {
  iso3: string;
  pillar: number;
  indicator_id: string;
  indicator: string;
  non_regulatory: boolean;
  category_id: string | null;
  category: string | null;
  /** 0 = simplified … 1 = heavily regulated; null = unknown (never 0). */
  score: number | null;
  basis: RegBasis;
  explanation: string | null;
  measures: string[];
  pending: string[];
  source_ids: string[];
  disputed: string[];
  set_aside: string[];
}
/** One ESCAP RDTII 2.1 measure record (GET /api/regulation/escap-measures). */
export interface RegEscapMeasure {
  id: string;
  iso3: string;
  pillar: number;
  indicator_id: string;
  indicator_id_source: string;
  category_id: string;
  raw_score: number;
  act_or_practice: string;
  coverage: string | null;
  impact: string | null;
  timeframe: string | null;
  urls: string[];
  note: string | null;
  gov_feedback: string | null;
  gov_feedback_full: string | null;
  gov_action: string | null;
  gov_question: string | null;
  correction: 'kept' | 'changed' | 'set_aside' | null;
  corrected_score: number | null;
  workbook: string;
  sheet: string;
  sheet_row: number;
  source_id: string;
}
export interface RegInventoryRow {
  iso3: string;
  seq: number;
  pillar: number;
  indicator_id: string;
  indicator_label: string;
  cluster: string | null;
  act_or_practice: string;
  coverage: string | null;
  coverage_type: string | null;
  timeframe: string | null;
  reference_url: string | null;
  source_id: string;
}
export interface RegOverall {
  score: number | null;
  coverage: number;
  pillarsKnown: number;
  pillarsTotal: number;
}
export interface RegPillarScore {
  pillar: number;
  id: string;
  name: string;
  score: number | null;
  coverage: number;
  known: number;
  total: number;
  weight: number;
}
export interface RegCyberlawStatus {
  iso3: string;
  area: string;
  status: string;
  flagged: string | null;
  source_id: string;
  score: number | null;
  laws: { url: string; title: string | null }[];
}
export interface RegDeMinimisRow {
  iso3: string;
  kind: string;
  amount: string;
  amount_value: number | null;
  currency: string | null;
  usd_approx: number | null;
  basis: string | null;
  channel: string | null;
  effective_from: string | null;
  source_type: string | null;
  source_url: string | null;
  source_date: string | null;
  notes: string | null;
  source_id: string;
}
export interface RegTreatyRow {
  iso3: string;
  instrument: string;
  status: string;
  date: string | null;
  source_url: string | null;
  source_date: string | null;
  notes: string | null;
  source_id: string;
}
export type RegEconomyEnvelope = Envelope<RegAnswerRow> & {
  framework: string;
  scores_mode: RegScoreMode;
  min_coverage: number;
  enough_coverage: boolean;
  escap_measures: RegEscapMeasure[];
  legal_inventory: RegInventoryRow[];
  scores: { overall: RegOverall; pillars: RegPillarScore[] };
  known: string[];
  unknown: string[];
  cyberlaw: { score: number | null; known: number; areas: number; statuses: RegCyberlawStatus[] };
  de_minimis: RegDeMinimisRow[];
  treaties: RegTreatyRow[];
  sources: Source[];
};
export interface RegMatrix {
  value: (number | null)[][];
  coverage: number[][];
}
export interface RegCompareRow {
  a: string;
  b: string;
  h: number | null;
  h_coverage: number;
  d: number | null;
  d_coverage: number;
  treaty_jaccard: number | null;
  treaty_coverage: number;
  treaty_shared: string[];
  enough_coverage: boolean;
}
export interface RegDispersion {
  pillarId: string;
  pillar: number;
  name: string;
  dispersion: number | null;
  pairs: number;
  totalPairs: number;
  coverage: number;
  meanScore: number | null;
  scored: number;
}
export type RegCompareEnvelope = Envelope<RegCompareRow> & {
  framework: string;
  scores_mode: RegScoreMode;
  min_coverage: number;
  economies: string[];
  h: RegMatrix;
  d: RegMatrix;
  dispersion: RegDispersion[];
  scores: { iso3: string; overall: number | null; coverage: number; enough_coverage: boolean; pillars: (RegPillarScore & { enough_coverage: boolean })[] }[];
  sources: Source[];
};
export interface RegPairRow {
  pillar: number;
  indicator_id: string;
  indicator: string;
  a_category_id: string | null;
  a_score: number | null;
  a_basis: string;
  b_category_id: string | null;
  b_score: number | null;
  b_basis: string;
  differ: boolean | null;
}
export interface RegAlignment {
  value: number | null;
  coverage: number;
  compared: number;
  total: number;
  shared: string[];
}
export type RegPairEnvelope = Envelope<RegPairRow> & {
  framework: string;
  scores_mode: RegScoreMode;
  min_coverage: number;
  a: string;
  b: string;
  h: { value: number | null; coverage: number; enough_coverage: boolean };
  d: { value: number | null; coverage: number; enough_coverage: boolean };
  treaties: RegAlignment;
  sources: Source[];
};
export interface RegSimRow {
  pillar: number;
  indicator_id: string;
  indicator: string;
  edited: boolean;
  category_before: string | null;
  score_before: number | null;
  contribution_before: number | null;
  category_after: string | null;
  score_after: number | null;
  contribution_after: number | null;
}
export interface RegSimPartner {
  economy: string;
  h_before: number | null;
  h_after: number | null;
  h_coverage_before: number;
  h_coverage_after: number;
  h_change: number | null;
  d_before: number | null;
  d_after: number | null;
  enough_coverage: boolean;
}
export type RegGoal = 'partners' | 'best_practice' | 'average';
export interface RegReform {
  indicator_id: string;
  /** null when the answer is unknown today (from_unknown). */
  from: string | null;
  to: string;
  from_score: number | null;
  to_score: number;
  /** A hypothesis for an answer unknown today ("if the rule were X"). */
  from_unknown: boolean;
  raises_restrictiveness: boolean;
  pillar: number;
  direction: 'liberalising' | 'neutral' | 'restricting';
  /** How much the reform advances the goal; null when it cannot be measured (a hypothesis). */
  gain: number | null;
  mean_distance_before: number | null;
  mean_distance_after: number | null;
  overall_before: number | null;
  overall_after: number | null;
  target: number | null;
  partners: { economy: string; category_id: string | null; score: number | null }[];
}
export type RegSimulateEnvelope = Envelope<RegSimRow> & {
  framework: string;
  scores_mode: RegScoreMode;
  min_coverage: number;
  goal: RegGoal;
  order: string;
  economy: string;
  overall: { before: RegOverall; after: RegOverall };
  pillars: (RegPillarScore & { score_after: number | null; coverage_after: number })[];
  partners: RegSimPartner[];
  mean_distance: { before: number | null; after: number | null; change: number | null };
  changes: { indicator_id: string; from: { categoryId: string | null; score: number | null }; to: { categoryId: string | null; score: number | null }; raises_restrictiveness: boolean | null }[];
  reforms: RegReform[];
  hypotheses: RegReform[];
  sources: Source[];
};

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
export interface TopSiteRow {
  economy: string;
  list: 'cloudflare' | 'crux' | string;
  month: string;
  rank: number | null;
  bucket: number | null;
  domain: string;
  categories: string | null;
  ecommerce: boolean;
  marketplace_id: string | null;
  marketplace_name: string | null;
  synthetic: boolean;
}
export type TopSitesEnvelope = Envelope<TopSiteRow> & { months: string[]; sources: Source[] };
export const topSitesRequest = (q: { economy?: string[]; marketplace?: string | null; scope?: 'ecommerce' | 'all' | null }): ApiRequest =>
  request('/top-sites', { economy: q.economy, marketplace: q.marketplace, scope: q.scope === 'all' ? 'all' : null });
export const useTopSites = (req: ApiRequest | null) => useApi<TopSitesEnvelope>(req, true);

/** What the profile route adds to WebsiteRow and to its reach (issue #16). */
export type WebsiteDetail = WebsiteRow & { domain_evidence: string | null; source_url: string | null };
export type MarketplaceReach = MarketplaceEnvelope['reach'] & { synthetic?: boolean };

// ---------- the view types, checked against the document ----------
// Each type a page reads must accept what the OpenAPI document says its route answers: a field
// renamed, removed or retyped on the server makes one of these lines fail to compile.
// `sources` is optional in the document (a route without sources leaves it out); it is checked once, as Source.
type Accepts<Declared, Used> = [Omit<Declared, 'sources'>] extends [Omit<Used, 'sources'>] ? true : false;
type Check<T extends true> = T;
type RowsOf<P extends ReadPath> = ApiJson<P> extends { rows: (infer R)[] } ? R : never;
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
