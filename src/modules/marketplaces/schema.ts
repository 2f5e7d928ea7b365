// Query and row schemas of the Marketplace Explorer routes (docs/api.md, METHODS.md §3). One zod
// schema validates the request, types the handler and documents the column in OpenAPI, the
// .metadata.json twin and the zip README.
import { z } from 'zod';
import { countryList, timeRange } from '../../platform/http/grammar.js';
import { groupCodes } from '../countries/index.js';

const indicatorCode = z
  .string()
  .regex(/^[A-Za-z0-9_.]+$/, 'must be an indicator code such as IT.NET.USER.ZS')
  .describe('Indicator code (GET /api/indicators lists them)');

export const REGION_PARAM = { 'east-asia': 'East Asia', 'latin-america': 'Latin America' } as const;
export const FLOW_CLASS_VALUES = ['domestic', 'intra-east-asia', 'intra-latin-america', 'bi-regional', 'extra-fealac'] as const;
export const MODELS = ['B2C', 'C2C', 'B2B', 'classifieds'] as const;

const list = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .string()
    .transform((s, ctx) => {
      const items = [...new Set(s.split('~').map((x) => x.trim()).filter(Boolean))];
      const bad = items.filter((i) => !(values as readonly string[]).includes(i));
      if (!items.length || bad.length) {
        ctx.addIssue({ code: 'custom', message: `${bad.map((b) => `"${b}"`).join(', ') || 'nothing'} is not ${what} (${values.join(', ')}; several separated by ~)` });
        return z.NEVER;
      }
      return items as T[number][];
    })
    .describe(`${what}: ${values.join(' | ')}; several separated by ~`);

export const marketplaceId = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/, 'must be a marketplace id such as mercadolibre')
  .describe('Marketplace id');

/** Filters on the registry, shared by every route of the module. */
export const marketplaceFilters = z.object({
  economy: countryList.optional().describe('Economies served (ISO3 separated by ~): marketplaces with a website serving one of them; for traffic and flows, the destination economy'),
  region: z.enum(['east-asia', 'latin-america']).optional().describe('FEALAC region of the economy served'),
  subregion: list(groupCodes, 'a FEALAC sub-regional group')
    .optional()
    .describe(`FEALAC sub-regional groups of the economy served (${groupCodes.join(' | ')}; several separated by ~): the economies of their members, combined with economy= and region= when given`),
  model: list(MODELS, 'a business model').optional(),
  goods: z.enum(['goods', 'services']).optional().describe('goods or services; marketplaces selling both match either'),
  category: z.string().min(2).max(80).optional().describe('Category, matched as text (e.g. "fashion")'),
  foreign_sellers: z.enum(['yes', 'no', 'unknown']).optional().describe('Whether foreign sellers may sell; unknown = not documented'),
  marketplace: z
    .string()
    .transform((s) => [...new Set(s.split('~').filter(Boolean))])
    .pipe(z.array(marketplaceId).min(1).max(50))
    .optional()
    .describe('Marketplace ids separated by ~'),
  time: timeRange.optional(),
});
export type MarketplaceFilters = z.infer<typeof marketplaceFilters>;

export const listQuery = marketplaceFilters.extend({
  q: z.string().min(1).max(80).optional().describe('Text in the name or id'),
});

const facet = z.array(z.object({ value: z.string(), count: z.number().int() }));
export const facetsSchema = z
  .object({
    economy: facet,
    region: facet,
    model: facet,
    goods_or_services: facet,
    category: facet,
    foreign_sellers: facet,
  })
  .describe('Counts of the marketplaces listed, by each filter\'s values');

export const marketplaceRow = z.object({
  id: z.string().describe('Marketplace id'),
  name: z.string(),
  hq_iso3: z.string().nullable().describe('Headquarters economy (ISO3); empty when unknown'),
  founded_year: z.number().int().nullable(),
  models: z.string().describe('Business models, separated by ;'),
  goods_or_services: z.string().nullable().describe('goods | services | both; empty when unknown'),
  categories: z.string().nullable(),
  foreign_sellers: z.string().describe('yes | no | unknown'),
  websites: z.number().int().describe('Websites in the registry'),
  economies: z.string().describe('Economies its websites serve, ISO3 separated by ~'),
  visits: z.number().nullable().describe('Visits in the period; empty when no traffic is known (unknown, not zero)'),
  months: z.number().int().describe('Months with known visits in the period'),
  cross_border_share: z.number().nullable().describe('Share of attributed visits from outside the website\'s economy; empty when unknown'),
  top_rank: z.number().int().nullable().describe('Best rank of one of its websites in the Cloudflare Radar top-100 of the economies in the filter (any snapshot; observed, not synthetic); empty when in none'),
  synthetic: z.boolean().describe('true when any of its visits are synthetic (demo data): then so are visits and cross_border_share'),
});

export const websiteRow = z.object({
  website_id: z.string(),
  domain: z.string(),
  serves_iso3: z.string().describe('Economy the website serves'),
  launched_year: z.number().int().nullable(),
  status: z.string().describe('active | closed | unknown'),
  domain_evidence: z.string().nullable().describe('How the domain is known: source | inferred-pattern | popularity-list | public-code-mention | app-only; empty when not given'),
  source_url: z.string().nullable().describe('Public page documenting the website'),
  visits: z.number().nullable().describe('Visits in the period; empty when unknown'),
  months: z.number().int().describe('Months with known visits in the period'),
  domestic_share: z.number().nullable().describe('Share of attributed visits from the website\'s own economy'),
  cross_border_share: z.number().nullable(),
  bi_regional_share: z.number().nullable().describe('Share of attributed visits from the other FEALAC region'),
  unattributed_share: z.number().nullable().describe('Share of visits without an origin breakdown'),
  synthetic: z.boolean(),
});

export const profileQuery = z.object({
  time: timeRange.optional(),
  threshold: z.coerce.number().gt(0).lte(1).optional().describe('Origin share from which a foreign economy counts in the reach (default 0.01)'),
});

export const AUDIENCE_DIMENSION_VALUES = ['sex', 'age', 'device'] as const;

export const audienceQuery = z.object({
  economy: countryList.optional().describe('Only the websites serving these economies (ISO3 separated by ~)'),
  time: timeRange.optional(),
  dimension: list(AUDIENCE_DIMENSION_VALUES, 'an audience dimension').optional(),
});

export const audienceRow = z.object({
  dimension: z.enum(AUDIENCE_DIMENSION_VALUES).describe('sex | age | device'),
  category: z.string().describe('female, male | 18-24, 25-34, 35-44, 45-54, 55-64, 65+ | desktop, mobile (as imported)'),
  share: z
    .number()
    .nullable()
    .describe('Σ(visits × share) / visits: the month\'s shares, else its year\'s, weighted by the website-month\'s visits; empty when unknown'),
  visits: z.number().describe('Visits covered: of the website-months with shares of this dimension'),
  months: z.number().int().describe('Distinct months among the visits covered'),
  coverage: z.number().nullable().describe('Visits covered / all visits of the marketplace\'s websites in the filter'),
  synthetic: z.boolean().describe('true when a contributing visit or share is synthetic'),
});

const flowMixSchema = z.object(Object.fromEntries(FLOW_CLASS_VALUES.map((c) => [c, z.number()])) as Record<(typeof FLOW_CLASS_VALUES)[number], z.ZodNumber>);

export const summarySchema = z
  .object({
    visits: z.number().nullable().describe('Σ visits in the period (all origins, attributed or not)'),
    months: z.number().int().describe('Distinct months with visits'),
    first_month: z.string().nullable(),
    last_month: z.string().nullable(),
    attributed: z.number().nullable().describe('Visits with a known origin'),
    domestic_share: z.number().nullable().describe('Of attributed visits'),
    cross_border_share: z.number().nullable(),
    bi_regional_share: z.number().nullable(),
    flow_mix: flowMixSchema.nullable().describe('Share of attributed visits by flow class'),
    yoy: z.number().nullable().describe('% growth of the last full year over the year before'),
    yoy_year: z.number().int().nullable(),
    cagr: z.number().nullable().describe('% a year between the first and the last full year'),
    cagr_from: z.number().int().nullable(),
    cagr_to: z.number().int().nullable(),
    hhi: z.number().nullable().describe('Σ (marketplace share × 100)², 0-10 000, over the visits listed'),
    top1_share: z.number().nullable(),
    top3_share: z.number().nullable(),
    marketplaces: z.number().int().describe('Marketplaces with visits'),
    top_origins: z.array(z.object({ origin: z.string(), visits: z.number(), share: z.number() })),
    synthetic: z.boolean(),
  })
  .describe('Headline figures of the view');
export type Summary = z.infer<typeof summarySchema>;

export const trafficQuery = marketplaceFilters.extend({
  group: z.enum(['total', 'marketplace', 'economy', 'region', 'flow_class']).optional().describe('Series: one total (default), or one per marketplace, destination economy, destination region or flow class'),
  interval: z.enum(['month', 'year']).optional().describe('month (default) or year'),
  flow: list(FLOW_CLASS_VALUES, 'a flow class').optional(),
  origin: countryList.optional().describe('Origin economies of the visits (ISO3 separated by ~)'),
});

export const trafficRow = z.object({
  period: z.string().describe('YYYY-MM (interval=month) or YYYY (interval=year)'),
  series: z.string().describe('Marketplace id, ISO3, region, flow class or "total"'),
  label: z.string().describe('Name of the series'),
  visits: z.number().describe('Σ visits'),
  months: z.number().int().describe('Months with visits in the period (12 = a full year)'),
  yoy: z.number().nullable().describe('% growth over the same period a year before; empty when that is unknown'),
  synthetic: z.boolean().describe('true when any contributing visit is synthetic'),
});

export const flowsQuery = marketplaceFilters.extend({
  level: z.enum(['economy', 'region']).optional().describe('economy (default): ISO3 × ISO3; region: East Asia / Latin America / extra-FEALAC'),
  origin: countryList.optional().describe('Origin economies (ISO3 separated by ~)'),
  flow: list(FLOW_CLASS_VALUES, 'a flow class').optional(),
});

export const flowRow = z.object({
  origin: z.string().describe('Origin economy (ISO3) or region; EXTRA-FEALAC for origins outside FEALAC at region level'),
  destination: z.string().describe('Economy (ISO3) or region the website serves'),
  origin_region: z.string().nullable().describe('FEALAC region of the origin; empty outside FEALAC'),
  destination_region: z.string(),
  flow_class: z.string().nullable().describe('Flow class (economy level; empty at region level when mixed)'),
  visits: z.number(),
  share_of_destination: z.number().nullable().describe('Share of the destination\'s attributed visits'),
  synthetic: z.boolean().describe('true when any contributing visit is synthetic'),
});

export const METRICS = ['visits', 'visits_per_capita', 'cross_border_share', 'domestic_share', 'bi_regional_share', 'hhi', 'marketplaces'] as const;

export const correlationQuery = marketplaceFilters.omit({ time: true, economy: true }).extend({
  indicator: indicatorCode,
  metric: z.enum(METRICS).optional().describe('Marketplace metric per economy (default visits)'),
  year: z.coerce.number().int().min(1990).max(2100).optional().describe('Year of the traffic (default: the last year with traffic)'),
  window: z.coerce.number().int().min(1).max(10).optional().describe('Years back to look for the indicator\'s latest value (default 3)'),
});

export const correlationRow = z.object({
  iso3: z.string(),
  x: z.number().nullable().describe('Indicator value (latest in the window); empty when missing'),
  x_year: z.number().int().nullable(),
  y: z.number().nullable().describe('Marketplace metric in the year; empty when unknown'),
  synthetic: z.boolean(),
});

export const correlationFields = {
  n: z.number().int().describe('Economies with both values'),
  pearson: z.number().nullable(),
  spearman: z.number().nullable(),
  slope: z.number().nullable(),
  intercept: z.number().nullable(),
  year: z.number().int().nullable(),
  metric: z.string(),
  synthetic: z.boolean().describe('true when a y value is synthetic (demo traffic): then n, pearson, spearman, slope and intercept are synthetic too'),
  indicator: z.object({ code: z.string(), name: z.string(), unit: z.string().nullable() }),
};

export const TOP_LISTS = ['cloudflare', 'crux'] as const;

export const topSitesQuery = z.object({
  economy: countryList.optional().describe('Economies of the lists (ISO3 separated by ~); default all'),
  marketplace: marketplaceFilters.shape.marketplace,
  list: list(TOP_LISTS, 'a top list').optional().describe('cloudflare (Cloudflare Radar top-100, exact ranks; default) | crux (Chrome UX Report, rank buckets); several separated by ~'),
  month: z
    .string()
    .regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
    .optional()
    .describe('Snapshot month (YYYY-MM); default the latest snapshot of each list and economy'),
  scope: z.enum(['ecommerce', 'all']).optional().describe('ecommerce (default): entries in a shopping category (Ecommerce, Auctions & Marketplaces, Shopping) or whose domain is a registry website; all: every entry'),
});

export const topSiteRow = z.object({
  economy: z.string().describe('Economy of the list (ISO3)'),
  list: z.string().describe('cloudflare | crux'),
  month: z.string().describe('Snapshot month (YYYY-MM)'),
  rank: z.number().int().nullable().describe('Exact rank (Cloudflare top-100); empty for a CrUX bucket'),
  bucket: z.number().int().nullable().describe('CrUX rank bucket (in the top 1 000, 5 000, ...); never turned into visits'),
  domain: z.string().describe('Host as listed (scheme and www. stripped)'),
  categories: z.string().nullable().describe('Content categories of the list, separated by ;'),
  ecommerce: z.boolean().describe('In a shopping category or a registry website'),
  marketplace_id: z.string().nullable().describe('The registry marketplace the domain belongs to; empty when not in the registry'),
  marketplace_name: z.string().nullable(),
  synthetic: z.boolean().describe('Always false: the open top lists are observed data'),
});
