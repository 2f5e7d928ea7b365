// The shapes of the API's answers, taken from the server: rows are inferred from the modules' zod
// row schemas (src/modules/*/schema.ts), named fields from the OpenAPI document that
// `npm run api:types` generates from the same zod schemas (api-types.ts). Nothing here is a
// hand-kept copy: a field renamed, removed or retyped on the server breaks `npm run typecheck`
// (web/tsconfig.test.json checks web/src together with the server files it imports), not a page.
// Every import is `import type`: no zod and no server code ends in the bundle.
// web/src/api.ts re-exports these names, so pages keep importing them from './api'.
import type { z } from 'zod';
import type { paths } from './api-types';
import type { sourceSchema } from '../../src/platform/http/api';
import type { countryRow, groupSchema, pairRow } from '../../src/modules/countries/schema';
import type { catalogueRow, indicatorEntry, profileRow, readinessRow, valueRow } from '../../src/modules/indicators/schema';
import type {
  audienceRow,
  correlationRow,
  facetsSchema,
  flowRow,
  marketplaceRow,
  summarySchema,
  topSiteRow,
  trafficRow,
  websiteRow,
} from '../../src/modules/marketplaces/schema';
import type {
  answerRow,
  cyberlawRow,
  deMinimisRow,
  escapMeasureRow,
  frameworkRow,
  legalInventoryRow,
  treatyRow,
} from '../../src/modules/regulation/schema';
import type { categorySchema, frameworkSchema, indicatorSchema, pillarSchema } from '../../src/modules/regulation/framework';

// ---------- the generated contract ----------
/** Paths of the document that answer GET. */
export type ReadPath = { [P in keyof paths]: paths[P] extends { get: object } ? P : never }[keyof paths];
type GetOp<P extends ReadPath> = paths[P] extends { get: infer O } ? O : never;
/** The JSON answer (200) of a read route, as the OpenAPI document declares it. */
export type ApiJson<P extends ReadPath> = GetOp<P> extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;
/** The rows of a read route, as the document declares them. */
export type RowsOf<P extends ReadPath> = ApiJson<P> extends { rows: (infer R)[] } ? R : never;

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

/** A source record, as every data route's `sources` gives it (/api/-/sources adds fields). */
export type Source = z.infer<typeof sourceSchema>;
/**
 * A data route's answer: its rows typed by the module's zod row schema, its named fields as the
 * document declares them, and its sources (data routes always send them).
 */
export type Answer<P extends ReadPath, Row> = Envelope<Row> & Omit<ApiJson<P>, 'ok' | 'rows' | 'truncated' | 'next' | 'sources'> & { sources: Source[] };

// ---------- system ----------
export type Health = ApiJson<'/api/-/health'>;

// ---------- countries ----------
export type Country = z.infer<typeof countryRow>;
export type Group = z.infer<typeof groupSchema>;
export type PairRow = z.infer<typeof pairRow>;
export type CountriesEnvelope = Answer<'/api/countries', Country>;
export type CountryEnvelope = Answer<'/api/countries/{iso3}', Country>;

// ---------- indicators ----------
export type IndicatorMeta = z.infer<typeof indicatorEntry>;
export type IndicatorCatalogRow = z.infer<typeof catalogueRow>;
export type IndicatorValue = z.infer<typeof valueRow>;
export type IndicatorEnvelope = Answer<'/api/indicators/{code}', IndicatorValue>;
export type ProfileRow = z.infer<typeof profileRow>;
export type ProfileEnvelope = Answer<'/api/countries/{iso3}/profile', ProfileRow>;
/** The readiness row schema is open: the route adds `<component>.value|.year|.norm` columns. */
export type ReadinessRow = z.infer<typeof readinessRow> & { [component: string]: unknown };
export type ReadinessEnvelope = Answer<'/api/readiness', ReadinessRow>;
export type ReadinessComponent = ReadinessEnvelope['components'][number];

// ---------- marketplaces ----------
export type Facet = z.infer<typeof facetsSchema>['economy'][number];
export type MarketplaceRow = z.infer<typeof marketplaceRow>;
export type MarketplacesEnvelope = Answer<'/api/marketplaces', MarketplaceRow>;
export type TrafficSummary = z.infer<typeof summarySchema>;
export type TrafficRow = z.infer<typeof trafficRow>;
export type TrafficEnvelope = Answer<'/api/traffic', TrafficRow>;
export type FlowRow = z.infer<typeof flowRow>;
export type FlowsEnvelope = Answer<'/api/flows', FlowRow>;
export type WebsiteRow = z.infer<typeof websiteRow>;
export type MarketplaceEnvelope = Answer<'/api/marketplaces/{id}', WebsiteRow>;
export type CorrelationRow = z.infer<typeof correlationRow>;
export type CorrelationEnvelope = Answer<'/api/marketplaces/correlations', CorrelationRow>;
export type AudienceRow = z.infer<typeof audienceRow>;
export type AudienceEnvelope = Answer<'/api/marketplaces/{id}/audience', AudienceRow>;
export type TopSiteRow = z.infer<typeof topSiteRow>;
export type TopSitesEnvelope = Answer<'/api/top-sites', TopSiteRow>;
/** The website rows of the profile route (with the evidence of each domain). */
export type WebsiteDetail = MarketplaceEnvelope['rows'][number] & RowsOf<'/api/marketplaces/{id}'>;
export type MarketplaceReach = MarketplaceEnvelope['reach'];

// ---------- regulation ----------
/** The frameworks are served whole as their files give them: typed by the framework file schema. */
export type RegOption = z.infer<typeof categorySchema>;
export type RegIndicator = z.infer<typeof indicatorSchema>;
export type RegPillar = z.infer<typeof pillarSchema>;
export type RegFramework = z.infer<typeof frameworkSchema>;
export type RegFrameworkRow = z.infer<typeof frameworkRow>;
export type RegFrameworksEnvelope = Envelope<RegFrameworkRow> & { frameworks: RegFramework[] };

export type RegAnswerRow = z.infer<typeof answerRow>;
export type RegBasis = RegAnswerRow['basis'];
export type RegEscapMeasure = z.infer<typeof escapMeasureRow>;
export type RegInventoryRow = z.infer<typeof legalInventoryRow>;
export type RegCyberlawRow = z.infer<typeof cyberlawRow>;
export type RegDeMinimisRow = z.infer<typeof deMinimisRow>;
export type RegTreatyRow = z.infer<typeof treatyRow>;
export type RegEconomyEnvelope = Answer<'/api/regulation/economies/{iso3}', RegAnswerRow>;
export type RegScoreMode = RegEconomyEnvelope['scores_mode'];
export type RegOverall = RegEconomyEnvelope['scores']['overall'];
export type RegPillarScore = RegEconomyEnvelope['scores']['pillars'][number];
export type RegCyberlawStatus = RegEconomyEnvelope['cyberlaw']['statuses'][number];

export type RegCompareRow = RowsOf<'/api/regulation/compare'>;
export type RegCompareEnvelope = Answer<'/api/regulation/compare', RegCompareRow>;
export type RegMatrix = RegCompareEnvelope['h'];
export type RegDispersion = RegCompareEnvelope['dispersion'][number];

export type RegPairRow = RowsOf<'/api/regulation/pair'>;
export type RegPairEnvelope = Answer<'/api/regulation/pair', RegPairRow>;
export type RegAlignment = RegPairEnvelope['treaties'];

export type RegSimRow = RowsOf<'/api/regulation/simulate'>;
export type RegSimulateEnvelope = Answer<'/api/regulation/simulate', RegSimRow>;
export type RegSimPartner = RegSimulateEnvelope['partners'][number];
export type RegGoal = RegSimulateEnvelope['goal'];
export type RegReform = RegSimulateEnvelope['reforms'][number];
