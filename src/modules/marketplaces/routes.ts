import isoCountries from 'i18n-iso-countries';
import { z } from 'zod';
import type { Api } from '../../platform/http/api.js';
import { ApiError } from '../../platform/http/errors.js';
import { checkKnown } from '../../platform/http/grammar.js';
import { groupMembers, memberCodes } from '../countries/index.js';
import { getIndicator, indicatorSources, latestValues } from '../indicators/index.js';
import { correlate, hhi, originsAbove, reachFromPresence } from './compute.js';
import { share, summarise, withYoy } from './metrics.js';
import {
  audienceQuery,
  audienceRow,
  correlationFields,
  correlationQuery,
  correlationRow,
  facetsSchema,
  flowRow,
  flowsQuery,
  listQuery,
  marketplaceId,
  marketplaceRow,
  profileQuery,
  REGION_PARAM,
  summarySchema,
  topSiteRow,
  topSitesQuery,
  type MarketplaceFilters,
  trafficQuery,
  trafficRow,
  websiteRow,
} from './schema.js';
import {
  attributedByDestination,
  audienceShares,
  bestRanks,
  audienceSourceIds,
  countryNames,
  economyYear,
  flowCells,
  getRegistry,
  lastTrafficYear,
  listRegistry,
  marketplaceNames,
  monthBounds,
  originSharesOf,
  popularityCountries,
  popularitySourceIds,
  regionsOf,
  registryIds,
  shiftYear,
  sourcesById,
  summaryInputs,
  topSites,
  isEcommerce,
  totalsBy,
  trafficCells,
  trafficSourceIds,
  trafficSources,
  websiteCounts,
  websitesOf,
  type RegistryRow,
} from './store/read.js';

const ISO3 = /^[A-Z]{3}$/;
const NOT_ECONOMIES = new Set(['UNK', 'OTH', 'XXX', 'ZZZ']);
const DEFAULT_REACH_THRESHOLD = 0.01;
const EXTRA = 'EXTRA-FEALAC';

function splitCategories(s: string | null): string[] {
  // "general merchandise (open market); books" -> general merchandise, books
  return (s ?? '')
    .split(';')
    .map((c) => c.replace(/\(.*?\)/g, '').trim().toLowerCase())
    .filter(Boolean);
}

function count(values: string[][]): { value: string; count: number }[] {
  const m = new Map<string, number>();
  for (const vs of values) for (const v of new Set(vs)) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** Unknown codes in the filters are 400s that name them (with the nearest known code), not empty answers. */
async function checkFilterCodes(db: Parameters<typeof listRegistry>[0], q: { economy?: string[]; origin?: string[]; marketplace?: string[]; category?: string }): Promise<void> {
  if (q.economy?.length) checkKnown('economy', q.economy, await memberCodes(db), { what: 'FEALAC economy' });
  if (q.origin?.length) checkKnown('origin', q.origin, Object.keys(isoCountries.getAlpha3Codes()), { what: 'ISO 3166 alpha-3 code' });
  if (q.marketplace?.length || q.category) {
    const registry = await listRegistry(db, {});
    checkKnown('marketplace', q.marketplace, registry.map((r) => r.id), { what: 'marketplace id' });
    const categories = registry.flatMap((r) => splitCategories(r.categories));
    checkKnown('category', q.category, categories, { what: 'category', matches: (given, known) => known.includes(given.toLowerCase()) });
  }
}

// An economy list no economy matches: subregion= and economy= without an economy in common.
const NO_ECONOMY = [''];

/**
 * subregion= resolved to its member economies (countries module), intersected with economy=:
 * the store only knows economy= and region=.
 */
async function resolveSubregion<T extends MarketplaceFilters>(db: Parameters<typeof groupMembers>[0], query: T): Promise<T> {
  if (!query.subregion?.length) return query;
  const members = await groupMembers(db, query.subregion);
  const economy = query.economy?.length ? query.economy.filter((e) => members.includes(e)) : members;
  return { ...query, economy: economy.length ? economy : NO_ECONOMY };
}

function marketplaceRecord(r: RegistryRow) {
  return {
    id: r.id,
    name: r.name,
    hq_iso3: r.hq_iso3,
    founded_year: r.founded_year === null ? null : Number(r.founded_year),
    models: r.models,
    goods_or_services: r.goods_or_services,
    categories: r.categories,
    foreign_sellers: r.foreign_sellers || 'unknown',
  };
}

/** Most visited first; marketplaces without visits after, best ranked in the open top lists first; then by name. */
function byTrafficThenRank(a: { visits: number | null; top_rank: number | null; name: string }, b: { visits: number | null; top_rank: number | null; name: string }): number {
  if (a.visits !== b.visits) {
    if (a.visits === null) return 1;
    if (b.visits === null) return -1;
    return b.visits - a.visits;
  }
  if (a.top_rank !== b.top_rank) {
    if (a.top_rank === null) return 1;
    if (b.top_rank === null) return -1;
    return a.top_rank - b.top_rank;
  }
  return a.name.localeCompare(b.name);
}

export function marketplaceRoutes(api: Api): void {
  api.data({
    path: '/api/marketplaces',
    tag: 'marketplaces',
    summary: 'Marketplaces: the registry with visits in the period, and facets',
    description:
      'Online marketplaces serving FEALAC economies. Filters: economy= and region= (a website serves it), model=, goods=, category=, foreign_sellers=, q=, time= (period of the visits). ' +
      'visits is empty for a marketplace without known traffic (unknown, not zero). Named field facets counts the listed marketplaces by each filter\'s values.',
    query: listQuery,
    row: marketplaceRow,
    fields: { facets: facetsSchema, sources: z.array(z.any()) },
    async handler({ query: asked, ctx }) {
      const db = ctx.db.kysely;
      await checkFilterCodes(db, asked);
      const query = await resolveSubregion(db, asked);
      // Independent queries, run together. Websites are counted in SQL per marketplace, economy
      // and source: tens of thousands of demo websites never pass through JS.
      const [registry, websites, totals, regions, visitsSources, ranks] = await Promise.all([
        listRegistry(db, query),
        websiteCounts(db, registryIds(db, query)),
        totalsBy(db, 'marketplace_id', query),
        regionsOf(db),
        trafficSourceIds(db, query),
        bestRanks(db, query),
      ]);
      const served = new Map<string, { economies: Set<string>; websites: number }>();
      for (const w of websites) {
        const s = served.get(w.marketplace_id) ?? { economies: new Set<string>(), websites: 0 };
        s.economies.add(w.serves_iso3);
        s.websites += w.websites;
        served.set(w.marketplace_id, s);
      }
      const rows = registry.map((r) => {
        const t = totals.get(r.id);
        const economies = [...(served.get(r.id)?.economies ?? [])].sort();
        return {
          ...marketplaceRecord(r),
          websites: served.get(r.id)?.websites ?? 0,
          economies: economies.join('~'),
          visits: t && t.months > 0 ? t.visits : null,
          months: t?.months ?? 0,
          cross_border_share: t ? share(t.attributed - t.domestic, t.attributed) : null,
          top_rank: ranks.get(r.id) ?? null,
          synthetic: t?.synthetic ?? false,
        };
      });
      // Most visited first; without visits, best ranked in the open top lists; then by name.
      rows.sort(byTrafficThenRank);
      const facets = {
        economy: count(rows.map((r) => (r.economies ? r.economies.split('~') : []))),
        region: count(rows.map((r) => r.economies.split('~').map((e) => regions.get(e)).filter((x): x is NonNullable<typeof x> => !!x))),
        model: count(rows.map((r) => r.models.split(';').map((m) => m.trim()).filter(Boolean))),
        goods_or_services: count(rows.map((r) => [r.goods_or_services ?? 'unknown'])),
        category: count(rows.map((r) => splitCategories(r.categories))),
        foreign_sellers: count(rows.map((r) => [r.foreign_sellers])),
      };
      const sources = await sourcesById(db, [
        ...new Set(registry.map((r) => r.source_id)),
        ...new Set(websites.map((w) => w.source_id)),
        ...(rows.some((r) => r.visits !== null) ? visitsSources : []),
        ...(ranks.size ? await popularitySourceIds(db, { economy: query.economy, list: ['cloudflare'] }) : []),
      ]);
      return { rows, fields: { facets }, sources, title: 'Marketplaces' };
    },
  });

  // Registered before /api/marketplaces/{id}, which would otherwise take "correlations" as an id.
  api.data({
    path: '/api/marketplaces/correlations',
    tag: 'marketplaces',
    summary: 'Correlation across economies between a marketplace metric and an indicator',
    description:
      'One row per FEALAC economy (destination of the visits): x = the indicator\'s latest value within window years up to year, y = the metric in year. ' +
      'Pearson and Spearman over the economies with both values (n), and the least-squares line y = slope × x + intercept; null below 3 pairs. Metrics: visits, visits_per_capita (population SP.POP.TOTL), cross_border_share, domestic_share, bi_regional_share, hhi, marketplaces.',
    query: correlationQuery,
    row: correlationRow,
    fields: { ...correlationFields, sources: z.array(z.any()) },
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      await checkFilterCodes(db, query);
      const indicator = await getIndicator(db, query.indicator);
      if (!indicator) throw new ApiError(404, `No indicator "${query.indicator}"; GET /api/indicators lists them`);
      const metric = query.metric ?? 'visits';
      const year = query.year ?? (await lastTrafficYear(db));
      const window = query.window ?? 3;
      const regions = await regionsOf(db);
      const members = query.subregion?.length ? new Set(await groupMembers(db, query.subregion)) : null;
      const economies = [...regions.keys()].filter((c) => (!query.region || regions.get(c) === REGION_PARAM[query.region]) && (!members || members.has(c))).sort();
      const fields = {
        year,
        metric,
        indicator: { code: String(indicator.code), name: String(indicator.name), unit: (indicator.unit as string | null) ?? null },
      };
      if (year === null) {
        return { rows: [], fields: { ...fields, n: 0, pearson: null, spearman: null, slope: null, intercept: null, synthetic: false }, sources: [], title: `${metric} and ${indicator.name}` };
      }
      const filter = { ...query, time: undefined };
      const traffic = await economyYear(db, filter, year);
      const xs = await latestValues(db, query.indicator, { countries: economies, from: year - window + 1, to: year });
      const xOf = new Map(xs.map((r) => [String(r.iso3), r]));
      const pop = metric === 'visits_per_capita' ? new Map((await latestValues(db, 'SP.POP.TOTL', { countries: economies, from: year - window + 1, to: year })).map((r) => [String(r.iso3), r.value as number | null])) : null;
      const rows = economies.map((iso3) => {
        const t = traffic.get(iso3);
        let y: number | null = null;
        if (t && t.months > 0) {
          if (metric === 'visits') y = t.visits;
          else if (metric === 'visits_per_capita') y = pop?.get(iso3) ? t.visits / (pop.get(iso3) as number) : null;
          else if (metric === 'cross_border_share') y = share(t.attributed - t.domestic, t.attributed);
          else if (metric === 'domestic_share') y = share(t.domestic, t.attributed);
          else if (metric === 'bi_regional_share') y = share(t.bi_regional, t.attributed);
          else if (metric === 'hhi') y = hhi(t.byMarketplace);
          else if (metric === 'marketplaces') y = Object.values(t.byMarketplace).filter((v) => v > 0).length;
        }
        const x = xOf.get(iso3);
        return { iso3, x: (x?.value as number | null) ?? null, x_year: (x?.year as number | null) ?? null, y, synthetic: t?.synthetic ?? false };
      });
      const stats = correlate(rows.map((r) => ({ key: r.iso3, x: r.x, y: r.y })));
      // The statistics are as synthetic as the y values they are computed from.
      const synthetic = rows.some((r) => r.synthetic && r.y !== null);
      const sources = [
        ...(await indicatorSources(db, xs.map((r) => r.source_id as string | null))),
        ...(await trafficSources(db, { ...filter, months: { from: `${year}-01`, to: `${year}-12` } })),
      ];
      return { rows, fields: { ...fields, ...stats, synthetic }, sources, title: `${metric} (${year}) and ${indicator.name}` };
    },
  });

  api.data({
    path: '/api/top-sites',
    tag: 'marketplaces',
    summary: 'Most visited (e-commerce) sites per economy, from the open top lists',
    description:
      'Entries of the Cloudflare Radar top-100 domain rankings per economy (DNS queries to the 1.1.1.1 resolver; licence CC BY-NC 4.0) and, when imported, the Chrome UX Report rank buckets: ' +
      'rank (or bucket), domain, categories and the registry marketplace the domain belongs to. scope=ecommerce (default) keeps the entries in a shopping category or in the registry. ' +
      'Per economy and list the latest snapshot (or month=). Ordered by economy, list and rank; with marketplace=, by list and rank (best first). Observed data: never turned into visits.',
    query: topSitesQuery,
    row: topSiteRow,
    fields: { months: z.array(z.string()).describe('Snapshot months of the rows'), sources: z.array(z.any()) },
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      await checkFilterCodes(db, { economy: query.economy, marketplace: query.marketplace });
      const records = await topSites(db, {
        economy: query.economy,
        marketplace: query.marketplace,
        list: query.list ?? (query.marketplace ? undefined : ['cloudflare']),
        month: query.month,
        ecommerce: (query.scope ?? 'ecommerce') === 'ecommerce',
      });
      // A marketplace's ranks: best first (by list), not by economy name.
      if (query.marketplace) {
        const at = (r: (typeof records)[number]) => r.rank ?? r.bucket ?? Number.MAX_SAFE_INTEGER;
        records.sort((a, b) => a.list.localeCompare(b.list) || at(a) - at(b) || a.economy.localeCompare(b.economy));
      }
      const rows = records.map((r) => ({
        economy: r.economy,
        list: r.list,
        month: r.month,
        rank: r.rank,
        bucket: r.bucket,
        domain: r.domain,
        categories: r.categories,
        ecommerce: isEcommerce(r),
        marketplace_id: r.marketplace_id,
        marketplace_name: r.marketplace_name,
        synthetic: false,
      }));
      const sources = await sourcesById(db, [...new Set(records.map((r) => r.source_id))]);
      const months = [...new Set(records.map((r) => r.month))].sort();
      const where = query.economy?.length === 1 ? ` in ${query.economy[0]}` : '';
      return { rows, fields: { months }, sources, title: `Most visited ${(query.scope ?? 'ecommerce') === 'ecommerce' ? 'e-commerce ' : ''}sites${where} (open top lists)` };
    },
  });

  api.data({
    path: '/api/marketplaces/{id}',
    tag: 'marketplaces',
    summary: 'One marketplace: its websites with visits and origin shares, headline figures and reach',
    description:
      'Rows are the marketplace\'s websites with visits in the period (empty = unknown) and the shares of their attributed visits by origin. ' +
      'Named fields: marketplace (the registry record), summary (headline figures) and reach (foreign economies where a website is used: origin share ≥ threshold, or listed in an open top list).',
    params: z.object({ id: marketplaceId }),
    query: profileQuery,
    row: websiteRow,
    fields: {
      marketplace: marketplaceRow.omit({ visits: true, months: true, cross_border_share: true, synthetic: true, websites: true, economies: true, top_rank: true }).extend({
        payment_services: z.string().nullable(),
        logistics_services: z.string().nullable(),
        msme_sellers_note: z.string().nullable(),
        source_urls: z.string().nullable(),
      }),
      summary: summarySchema,
      reach: z.object({
        reach: z.number().int().nullable(),
        home: z.string().nullable(),
        threshold: z.number(),
        from_traffic: z.array(z.string()).describe('Foreign economies whose origin share reaches the threshold (from the traffic shares: synthetic when those are)'),
        from_popularity: z.array(z.string()).describe('Foreign economies whose open top list includes one of its websites (observed)'),
        synthetic: z.boolean().describe('true when the reach counts economies found in synthetic traffic shares (the demo): then it is a synthetic figure'),
      }),
      sources: z.array(z.any()),
    },
    async handler({ params, query, ctx }) {
      const db = ctx.db.kysely;
      const registry = await getRegistry(db, params.id);
      if (!registry) throw new ApiError(404, `No marketplace "${params.id}"; GET /api/marketplaces lists them`);
      const filter = { marketplace: [params.id], time: query.time };
      const websites = await websitesOf(db, [params.id]);
      const totals = await totalsBy(db, 'website_id', filter);
      const rows = websites.map((w) => {
        const t = totals.get(w.id);
        return {
          website_id: w.id,
          domain: w.domain,
          serves_iso3: w.serves_iso3,
          launched_year: w.launched_year === null ? null : Number(w.launched_year),
          status: w.status,
          domain_evidence: w.domain_evidence ?? null,
          source_url: w.source_url ?? null,
          visits: t && t.months > 0 ? t.visits : null,
          months: t?.months ?? 0,
          domestic_share: t ? share(t.domestic, t.attributed) : null,
          cross_border_share: t ? share(t.attributed - t.domestic, t.attributed) : null,
          bi_regional_share: t ? share(t.bi_regional, t.attributed) : null,
          unattributed_share: t ? share(t.unattributed, t.visits) : null,
          synthetic: t?.synthetic ?? false,
        };
      });
      rows.sort((a, b) => (b.visits ?? -1) - (a.visits ?? -1) || a.serves_iso3.localeCompare(b.serves_iso3) || a.domain.localeCompare(b.domain));
      const summary = summarise(await summaryInputs(db, filter));
      // Reach is counted from the marketplace's home economy (its headquarters, or else the
      // economy its first website serves).
      const home = registry.hq_iso3 ?? websites[0]?.serves_iso3 ?? null;
      const threshold = query.threshold ?? DEFAULT_REACH_THRESHOLD;
      const bounds = monthBounds(query.time);
      const origins = [...(await originSharesOf(db, params.id, bounds))].filter(([k, v]) => ISO3.test(k) && !NOT_ECONOMIES.has(k) && v.share >= 0 && v.share <= 1);
      const shares = Object.fromEntries(origins.map(([k, v]) => [k, v.share]));
      const fromTraffic = originsAbove(shares, threshold).filter((c) => c !== home);
      const syntheticOrigin = new Set(origins.filter(([, v]) => v.synthetic).map(([k]) => k));
      const fromPopularity = (await popularityCountries(db, params.id, bounds)).filter((c) => ISO3.test(c) && c !== home);
      const present = [...fromTraffic, ...fromPopularity];
      const known = Object.keys(shares).length > 0 || fromPopularity.length > 0;
      const reach = {
        reach: home && known ? reachFromPresence(present, home) : null,
        home,
        threshold,
        from_traffic: fromTraffic,
        from_popularity: fromPopularity,
        // Observed top lists alone would make it real; any economy counted from synthetic shares
        // (and not also from a top list) makes the figure synthetic.
        synthetic: fromTraffic.some((c) => syntheticOrigin.has(c) && !fromPopularity.includes(c)),
      };
      const sources = await sourcesById(db, [
        registry.source_id,
        ...websites.map((w) => w.source_id),
        ...(await trafficSources(db, filter)).map((s) => s.id),
        ...(fromPopularity.length ? await popularitySourceIds(db, { marketplace: [params.id] }) : []),
      ]);
      const marketplace = {
        ...marketplaceRecord(registry),
        payment_services: registry.payment_services,
        logistics_services: registry.logistics_services,
        msme_sellers_note: registry.msme_sellers_note,
        source_urls: registry.source_urls,
      };
      return { rows, fields: { marketplace, summary, reach }, sources, title: registry.name };
    },
  });

  api.data({
    path: '/api/marketplaces/{id}/audience',
    tag: 'marketplaces',
    summary: 'One marketplace\'s visits by sex, age group and device',
    description:
      'One row per dimension (sex, age, device) and category: share = Σ(visits × share) / Σ visits over the website-months that have shares of that dimension ' +
      '(a month uses that month\'s shares, else its year\'s), with the visits covered and their coverage of all the marketplace\'s visits in the filter. ' +
      'A dimension without shares has no rows: unknown, not zero. Shares are used as imported (not rescaled). Filters economy= (websites serving it), time=, dimension=.',
    params: z.object({ id: marketplaceId }),
    query: audienceQuery,
    row: audienceRow,
    fields: { sources: z.array(z.any()) },
    async handler({ params, query, ctx }) {
      const db = ctx.db.kysely;
      const registry = await getRegistry(db, params.id);
      if (!registry) throw new ApiError(404, `No marketplace "${params.id}"; GET /api/marketplaces lists them`);
      await checkFilterCodes(db, query);
      const rows = await audienceShares(db, params.id, query);
      const sources = await sourcesById(db, [registry.source_id, ...(rows.length ? await audienceSourceIds(db, params.id, query) : [])]);
      return { rows, sources, title: `${registry.name}: visits by sex, age group and device` };
    },
  });

  api.data({
    path: '/api/traffic',
    tag: 'marketplaces',
    summary: 'Marketplace visits over time, by marketplace, economy, region or flow class',
    description:
      'Σ visits per month (or year) from the rollup of imported visits split by origin. group=total|marketplace|economy|region|flow_class (economy and region are those the websites serve). ' +
      'Filters as /api/marketplaces plus origin= and flow=. yoy compares with the same period a year before (years only when both are complete). A series without visits in a period has no row: unknown, not zero. ' +
      'Named field summary holds the headline figures of the view (visits, shares by flow class, YoY, CAGR, HHI, top-N shares, top origins).',
    query: trafficQuery,
    row: trafficRow,
    fields: { summary: summarySchema, sources: z.array(z.any()) },
    async handler({ query: asked, ctx }) {
      const db = ctx.db.kysely;
      await checkFilterCodes(db, asked);
      const query = await resolveSubregion(db, asked);
      const group = query.group ?? 'total';
      const interval = query.interval ?? 'month';
      const bounds = monthBounds(query.time);
      // One year more at the start, so the first period of the view has its YoY.
      const months = { from: bounds.from ? shiftYear(bounds.from, -1) : null, to: bounds.to };
      // The series, the headline figures and the sources are independent queries: run together.
      const [cells, inputs, sources] = await Promise.all([trafficCells(db, { ...query, months }, group, interval), summaryInputs(db, query), trafficSources(db, query)]);
      const inView = (p: string) => !bounds.from || p >= (interval === 'year' ? bounds.from.slice(0, 4) : bounds.from);
      const labels =
        group === 'marketplace'
          ? await marketplaceNames(db, [...new Set(cells.map((c) => c.series))])
          : group === 'economy'
            ? await countryNames(db)
            : new Map<string, string>();
      const rows = withYoy(cells)
        .filter((r) => inView(r.period))
        .map((r) => ({ period: r.period, series: r.series, label: labels.get(r.series) ?? r.series, visits: r.visits, months: r.months, yoy: r.yoy, synthetic: r.synthetic }));
      const summary = summarise(inputs);
      return { rows, fields: { summary }, sources, title: `Marketplace visits${group === 'total' ? '' : ` by ${group.replace('_', ' ')}`}` };
    },
  });

  api.data({
    path: '/api/flows',
    tag: 'marketplaces',
    summary: 'Origin × destination matrix of marketplace visits',
    description:
      'Visits with a known origin, from each origin economy to the economy a website serves, with the flow class (domestic, intra-east-asia, intra-latin-america, bi-regional, extra-fealac). ' +
      'level=region sums to East Asia / Latin America / EXTRA-FEALAC. share_of_destination is of the destination\'s attributed visits. Named field unattributed: visits of websites without an origin breakdown.',
    query: flowsQuery,
    row: flowRow,
    fields: { unattributed: z.number().describe('Visits without origin breakdown, left out of the matrix'), sources: z.array(z.any()) },
    async handler({ query: asked, ctx }) {
      const db = ctx.db.kysely;
      await checkFilterCodes(db, asked);
      const query = await resolveSubregion(db, asked);
      // Independent queries, run together.
      const [regions, { cells, unattributed }, denominators, sources] = await Promise.all([
        regionsOf(db),
        flowCells(db, query),
        attributedByDestination(db, query),
        trafficSources(db, query),
      ]);
      let rows;
      if ((query.level ?? 'economy') === 'economy') {
        rows = cells.map((c) => ({
          origin: c.origin,
          destination: c.destination,
          origin_region: regions.get(c.origin) ?? null,
          destination_region: regions.get(c.destination) ?? 'unknown',
          flow_class: c.flow_class,
          visits: c.visits,
          share_of_destination: share(c.visits, denominators.get(c.destination) ?? 0),
          synthetic: c.synthetic,
        }));
      } else {
        const agg = new Map<string, { origin: string; destination: string; classes: Set<string>; visits: number; synthetic: boolean }>();
        const regionTotals = new Map<string, number>();
        for (const [iso3, v] of denominators) {
          const r = regions.get(iso3) ?? 'unknown';
          regionTotals.set(r, (regionTotals.get(r) ?? 0) + v);
        }
        for (const c of cells) {
          const origin = regions.get(c.origin) ?? EXTRA;
          const destination = regions.get(c.destination) ?? 'unknown';
          const k = `${origin}|${destination}`;
          const a = agg.get(k) ?? { origin, destination, classes: new Set<string>(), visits: 0, synthetic: false };
          a.classes.add(c.flow_class);
          a.visits += c.visits;
          a.synthetic ||= c.synthetic;
          agg.set(k, a);
        }
        rows = [...agg.values()]
          .sort((a, b) => a.destination.localeCompare(b.destination) || a.origin.localeCompare(b.origin))
          .map((a) => ({
            origin: a.origin,
            destination: a.destination,
            origin_region: a.origin === EXTRA ? null : a.origin,
            destination_region: a.destination,
            flow_class: a.classes.size === 1 ? [...a.classes][0] : null,
            visits: a.visits,
            share_of_destination: share(a.visits, regionTotals.get(a.destination) ?? 0),
            synthetic: a.synthetic,
          }));
      }
      return { rows, fields: { unattributed }, sources, title: 'Marketplace visits by origin and destination' };
    },
  });
}
