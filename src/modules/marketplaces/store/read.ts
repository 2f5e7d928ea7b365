// Every read query of the Marketplace Explorer. Set-based: the database aggregates, JavaScript
// only applies the pure formulas of compute.ts to the few rows that come back. Traffic and flows
// read the traffic_flow_month rollup (rebuilt by each import), so PostgreSQL answers dashboards
// without touching the raw visits; only a profile's per-website totals split its own websites'
// visits by origin on demand (write.ts trafficSplit). The same Kysely queries run on DuckDB and
// PostgreSQL.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { SourceRow } from '../../../platform/http/api.js';
import { AUDIENCE_DIMENSION_VALUES, REGION_PARAM, type MarketplaceFilters } from '../schema.js';
import { trafficSplit, type MarketplaceRow } from './write.js';

type Db = Kysely<any>;
type Q = SelectQueryBuilder<any, any, any>;

const SOURCE_COLUMNS = ['id', 'publisher', 'title', 'url', 'license', 'retrieved_at', 'imported_at', 'synthetic'] as const;

export interface MonthBounds {
  from: string | null;
  to: string | null;
}

/** time=2019..2020 is 2019-01..2020-12; months compare as text. */
export function monthBounds(time: { from: string | null; to: string | null } | undefined): MonthBounds {
  return {
    from: time?.from ? (time.from.length === 4 ? `${time.from}-01` : time.from) : null,
    to: time?.to ? (time.to.length === 4 ? `${time.to}-12` : time.to) : null,
  };
}

export function shiftYear(month: string, years: number): string {
  return `${String(Number(month.slice(0, 4)) + years).padStart(4, '0')}${month.slice(4)}`;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const bool = (v: unknown): boolean => v === true || Number(v) > 0;

/** Registry filters on the marketplaces table, aliased `m`. */
type RegistryFilters = Omit<MarketplaceFilters, 'time' | 'economy' | 'region'> & { q?: string };

/** The registry conditions a filter asks for, each a WHERE over the marketplace `m`. */
function registryConditions(f: RegistryFilters): ((q: Q) => Q)[] {
  const out: ((q: Q) => Q)[] = [];
  if (f.model?.length) {
    out.push((q) => q.where((eb) => eb.or(f.model!.map((m) => eb(sql`';' || replace(lower(m.models), ' ', '') || ';'`, 'like', `%;${m.toLowerCase()};%`)))));
  }
  if (f.goods) out.push((q) => q.where('m.goods_or_services', 'in', [f.goods, 'both']));
  if (f.category) out.push((q) => q.where(sql`lower(m.categories)`, 'like', `%${escapeLike(f.category!.toLowerCase())}%`));
  if (f.foreign_sellers) out.push((q) => q.where('m.foreign_sellers', '=', f.foreign_sellers));
  if (f.marketplace?.length) out.push((q) => q.where('m.id', 'in', f.marketplace!));
  if (f.q) {
    const like = `%${escapeLike(f.q.toLowerCase())}%`;
    out.push((q) => q.where((eb) => eb.or([eb(sql`lower(m.name)`, 'like', like), eb(sql`lower(m.id)`, 'like', like)])));
  }
  return out;
}

function registryFilter<T extends Q>(q: T, f: RegistryFilters): T {
  return registryConditions(f).reduce((acc, c) => c(acc), q as Q) as T;
}

/** Whether a filter asks anything of the registry. */
function registryFiltered(f: RegistryFilters): boolean {
  return registryConditions(f).length > 0;
}

function escapeLike(s: string): string {
  // Both engines treat \ as the default LIKE escape in standard_conforming mode only for
  // Postgres; drop the wildcards instead, a category never needs them.
  return s.replace(/[%_\\]/g, '');
}

function economiesIn(db: Db, f: Pick<MarketplaceFilters, 'economy' | 'region'>): string[] | Q | null {
  if (f.region) {
    let q = db.selectFrom('countries').select('iso3').where('fealac_region', '=', REGION_PARAM[f.region]);
    if (f.economy?.length) q = q.where('iso3', 'in', f.economy);
    return q;
  }
  return f.economy?.length ? f.economy : null;
}

// ---------------------------------------------------------------------------------------------
// The registry

/** A registry row as stored (the same shape the importer writes). */
export type RegistryRow = MarketplaceRow;

const REGISTRY_COLUMNS = [
  'm.id',
  'm.name',
  'm.hq_iso3',
  'm.founded_year',
  'm.models',
  'm.goods_or_services',
  'm.categories',
  'm.foreign_sellers',
  'm.payment_services',
  'm.logistics_services',
  'm.msme_sellers_note',
  'm.source_urls',
  'm.source_id',
] as const;

/** Marketplaces matching the filters; economy/region = one of its websites serves it. */
export async function listRegistry(db: Db, f: MarketplaceFilters & { q?: string }): Promise<RegistryRow[]> {
  return (await registryQuery(db, f, REGISTRY_COLUMNS).orderBy('m.name').orderBy('m.id').execute()) as RegistryRow[];
}

/** The ids listRegistry lists, as a subquery (e.g. for websitesOf); null when it lists them all. */
export function registryIds(db: Db, f: MarketplaceFilters & { q?: string }): Q | null {
  return registryFiltered(f) || economiesIn(db, f) ? registryQuery(db, f, ['m.id']) : null;
}

function registryQuery(db: Db, f: MarketplaceFilters & { q?: string }, columns: readonly string[]): Q {
  let q = registryFilter(db.selectFrom('marketplaces as m').select(columns as never) as Q, f);
  const econ = economiesIn(db, f);
  if (econ) q = q.where('m.id', 'in', db.selectFrom('websites').select('marketplace_id').where('serves_iso3', 'in', econ as never));
  return q;
}

/** Every marketplace of the registry (for the sitemap). */
export async function marketplaceIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('marketplaces').select('id').orderBy('id').execute()).map((r) => (r as { id: string }).id);
}

export async function getRegistry(db: Db, id: string): Promise<RegistryRow | undefined> {
  return (await db.selectFrom('marketplaces as m').select(REGISTRY_COLUMNS).where('m.id', '=', id).executeTakeFirst()) as RegistryRow | undefined;
}

export interface WebsiteRecord {
  id: string;
  marketplace_id: string;
  domain: string;
  serves_iso3: string;
  launched_year: number | null;
  status: string;
  source_url: string | null;
  domain_evidence: string | null;
  source_id: string;
}

export async function websitesOf(db: Db, marketplaceIds: string[] | Q): Promise<WebsiteRecord[]> {
  if (Array.isArray(marketplaceIds) && !marketplaceIds.length) return [];
  return (await db
    .selectFrom('websites')
    .select(['id', 'marketplace_id', 'domain', 'serves_iso3', 'launched_year', 'status', 'source_url', 'domain_evidence', 'source_id'])
    .where('marketplace_id', 'in', marketplaceIds as never)
    .orderBy('marketplace_id')
    .orderBy('serves_iso3')
    .orderBy('domain')
    .execute()) as WebsiteRecord[];
}

/**
 * The websites of the given marketplaces counted per (marketplace, economy served, source):
 * what /api/marketplaces needs of them (counts, economies, sources), in a few hundred rows
 * however many websites there are.
 */
export async function websiteCounts(db: Db, marketplaceIds: Q | null): Promise<{ marketplace_id: string; serves_iso3: string; source_id: string; websites: number }[]> {
  let q = db.selectFrom('websites').select(['marketplace_id', 'serves_iso3', 'source_id', sql<number>`count(*)`.as('websites')]);
  if (marketplaceIds) q = q.where('marketplace_id', 'in', marketplaceIds as never);
  const rows = await q
    .groupBy(['marketplace_id', 'serves_iso3', 'source_id'])
    .orderBy('marketplace_id')
    .orderBy('serves_iso3')
    .execute();
  return rows.map((r) => ({ marketplace_id: String(r.marketplace_id), serves_iso3: String(r.serves_iso3), source_id: String(r.source_id), websites: num(r.websites) }));
}

// ---------------------------------------------------------------------------------------------
// The rollup

export interface TrafficFilter extends MarketplaceFilters {
  origin?: string[];
  flow?: string[];
  /** Overrides `time` (e.g. one year earlier, to compute the first YoY). */
  months?: MonthBounds;
}

/**
 * The rollup `r` (joined to its marketplace `m` when the filter asks something of the registry),
 * with every filter applied: traffic_flow_month
 * (no website column, a few hundred thousand rows whatever the data size) unless a query needs
 * websites, then the visits split by website and origin (trafficSplit), computed on demand for
 * the websites and months the filter covers only.
 */
function rollup(db: Db, f: TrafficFilter, perWebsite = false): Q {
  const { from, to } = f.months ?? monthBounds(f.time);
  const source = perWebsite ? sql`(${trafficSplit({ websites: websitesIn(db, f), from, to })})`.as('r') : 'traffic_flow_month as r';
  let q: Q = db.selectFrom(source as never);
  // The registry is joined only to filter on it: every rollup row has its marketplace.
  if (registryFiltered(f)) q = registryFilter(q.innerJoin('marketplaces as m', 'm.id', 'r.marketplace_id'), f);
  const econ = economiesIn(db, f);
  if (econ) q = q.where('r.dest_iso3', 'in', econ as never);
  if (from) q = q.where('r.month', '>=', from);
  if (to) q = q.where('r.month', '<=', to);
  if (f.origin?.length) q = q.where('r.origin_iso3', 'in', f.origin);
  if (f.flow?.length) q = q.where('r.flow_class', 'in', f.flow);
  return q;
}

/** The ids of the websites a filter covers: its marketplaces' websites serving its economies. */
function websitesIn(db: Db, f: TrafficFilter): Q {
  let q = registryFilter(db.selectFrom('websites as w').innerJoin('marketplaces as m', 'm.id', 'w.marketplace_id').select('w.id') as Q, f);
  const econ = economiesIn(db, f);
  if (econ) q = q.where('w.serves_iso3', 'in', econ as never);
  return q;
}

const SYNTHETIC = sql<number>`max(case when r.synthetic then 1 else 0 end)`;
const VISITS = sql<number>`sum(r.visits)`;
const MONTHS = sql<number>`count(distinct r.month)`;
const ATTRIBUTED = sql<number>`sum(case when r.flow_class <> 'unattributed' then r.visits else 0 end)`;
const DOMESTIC = sql<number>`sum(case when r.flow_class = 'domestic' then r.visits else 0 end)`;
const BIREGIONAL = sql<number>`sum(case when r.flow_class = 'bi-regional' then r.visits else 0 end)`;
const UNATTRIBUTED = sql<number>`sum(case when r.flow_class = 'unattributed' then r.visits else 0 end)`;

export interface ShareTotals {
  visits: number;
  months: number;
  attributed: number;
  domestic: number;
  bi_regional: number;
  unattributed: number;
  synthetic: boolean;
}

function shareTotals(r: Record<string, unknown>): ShareTotals {
  return {
    visits: num(r.visits),
    months: num(r.months),
    attributed: num(r.attributed),
    domestic: num(r.domestic),
    bi_regional: num(r.bi_regional),
    unattributed: num(r.unattributed),
    synthetic: bool(r.synthetic),
  };
}

/** Visits and origin split per key (marketplace or website); keys without traffic are absent. */
export async function totalsBy(db: Db, key: 'marketplace_id' | 'website_id', f: TrafficFilter): Promise<Map<string, ShareTotals>> {
  // Summed per key and month first, then per key: the months are counted on those few rows, which
  // costs half of a count(distinct month) over the whole rollup.
  const perMonth = rollup(db, f, key === 'website_id')
    .select([sql<string>`r.${sql.ref(key)}`.as('key'), 'r.month'])
    .select([VISITS.as('visits'), ATTRIBUTED.as('attributed'), DOMESTIC.as('domestic'), BIREGIONAL.as('bi_regional'), UNATTRIBUTED.as('unattributed'), SYNTHETIC.as('synthetic')])
    .groupBy([`r.${key}`, 'r.month']);
  const rows = await db
    .selectFrom(perMonth.as('x'))
    .select([
      'x.key',
      sql<number>`sum(x.visits)`.as('visits'),
      sql<number>`count(*)`.as('months'),
      sql<number>`sum(x.attributed)`.as('attributed'),
      sql<number>`sum(x.domestic)`.as('domestic'),
      sql<number>`sum(x.bi_regional)`.as('bi_regional'),
      sql<number>`sum(x.unattributed)`.as('unattributed'),
      sql<number>`max(x.synthetic)`.as('synthetic'),
    ])
    .groupBy('x.key')
    .execute();
  return new Map(rows.map((r) => [String(r.key), shareTotals(r)]));
}

export type Group = 'total' | 'marketplace' | 'economy' | 'region' | 'flow_class';

const GROUP_COLUMN: Record<Group, string> = {
  total: `'total'`,
  marketplace: 'r.marketplace_id',
  economy: 'r.dest_iso3',
  region: 'c.fealac_region',
  flow_class: 'r.flow_class',
};

export interface SeriesCell {
  period: string;
  series: string;
  visits: number;
  months: number;
  synthetic: boolean;
}

/** Σ visits per (period, series). Groups without visits are absent: unknown, not zero. */
export async function trafficCells(db: Db, f: TrafficFilter, group: Group, interval: 'month' | 'year'): Promise<SeriesCell[]> {
  let q = rollup(db, f);
  if (group === 'region') q = q.innerJoin('countries as c', 'c.iso3', 'r.dest_iso3');
  const period = interval === 'year' ? sql<string>`substr(r.month, 1, 4)` : sql<string>`r.month`;
  const series = sql<string>`${sql.raw(GROUP_COLUMN[group])}`;
  // PostgreSQL refuses a constant in GROUP BY / ORDER BY, so the one total series is not grouped.
  const total = group === 'total';
  let s = q.select([period.as('period'), series.as('series'), VISITS.as('visits'), MONTHS.as('months'), SYNTHETIC.as('synthetic')]);
  s = total ? s.groupBy(period) : s.groupBy([period, series]).orderBy(series);
  const rows = await s.orderBy(period).execute();
  return rows.map((r) => ({ period: String(r.period), series: String(r.series), visits: num(r.visits), months: num(r.months), synthetic: bool(r.synthetic) }));
}

export interface FlowCell {
  origin: string;
  destination: string;
  flow_class: string;
  visits: number;
  synthetic: boolean;
}

/** Origin × destination visits with a known origin (the unattributed are counted apart). */
export async function flowCells(db: Db, f: TrafficFilter): Promise<{ cells: FlowCell[]; unattributed: number }> {
  const rows = await rollup(db, f)
    .where('r.flow_class', '<>', 'unattributed')
    .select(['r.origin_iso3 as origin', 'r.dest_iso3 as destination', 'r.flow_class as flow_class', VISITS.as('visits'), SYNTHETIC.as('synthetic')])
    .groupBy(['r.origin_iso3', 'r.dest_iso3', 'r.flow_class'])
    .orderBy('r.dest_iso3')
    .orderBy('r.origin_iso3')
    .execute();
  const [u] = await rollup(db, { ...f, flow: undefined }).where('r.flow_class', '=', 'unattributed').select(VISITS.as('visits')).execute();
  return {
    cells: rows.map((r) => ({ origin: String(r.origin), destination: String(r.destination), flow_class: String(r.flow_class), visits: num(r.visits), synthetic: bool(r.synthetic) })),
    unattributed: f.flow?.length || f.origin?.length ? 0 : num(u?.visits),
  };
}

export interface SummaryInputs {
  overall: ShareTotals & { first_month: string | null; last_month: string | null };
  byFlow: Map<string, number>;
  byMarketplace: Map<string, number>;
  byOrigin: Map<string, number>;
  byYear: { year: number; visits: number; months: number }[];
}

/**
 * The handful of aggregates the headline figures are computed from, in one scan of the rollup.
 *
 * Two levels, so that no aggregate needs DISTINCT: the rollup is first summed per month and per
 * (flow class | marketplace | origin, month) — GROUPING SETS of plain sums, which both engines
 * hash in one pass — and those few thousand rows are then summed per key, where a key's months
 * are its row count. (A single level with `count(distinct month)` per grouping set made
 * PostgreSQL sort the whole rollup once per set: 7–9 s of a 8–13 s `/api/traffic` at scale 2–8,
 * docs/performance.md.) The overall totals and the years come from the per-month rows.
 */
export async function summaryInputs(db: Db, f: TrafficFilter): Promise<SummaryInputs> {
  const perMonth = rollup(db, f)
    .select([
      sql<number>`grouping(r.flow_class)`.as('g_flow'),
      sql<number>`grouping(r.marketplace_id)`.as('g_marketplace'),
      sql<number>`grouping(r.origin_iso3)`.as('g_origin'),
      'r.flow_class as flow_class',
      'r.marketplace_id as marketplace_id',
      'r.origin_iso3 as origin',
      'r.month as month',
      VISITS.as('visits'),
      ATTRIBUTED.as('attributed'),
      DOMESTIC.as('domestic'),
      BIREGIONAL.as('bi_regional'),
      UNATTRIBUTED.as('unattributed'),
      SYNTHETIC.as('synthetic'),
      sql<number>`sum(case when r.flow_class <> 'unattributed' then 1 else 0 end)`.as('attributed_rows'),
    ])
    .groupBy(sql`grouping sets ((r.month), (r.flow_class, r.month), (r.marketplace_id, r.month), (r.origin_iso3, r.month))`);
  // The per-month rows of the overall set keep their month (for the years); the others are summed per key.
  const overallSet = sql`x.g_flow = 1 and x.g_marketplace = 1 and x.g_origin = 1`;
  const month = sql<string | null>`case when ${overallSet} then x.month end`;
  const rows = await db
    .selectFrom(perMonth.as('x'))
    .select([
      'x.g_flow',
      'x.g_marketplace',
      'x.g_origin',
      'x.flow_class',
      'x.marketplace_id',
      'x.origin',
      month.as('month'),
      sql<number>`sum(x.visits)`.as('visits'),
      sql<number>`count(*)`.as('months'),
      sql<number>`sum(x.attributed)`.as('attributed'),
      sql<number>`sum(x.domestic)`.as('domestic'),
      sql<number>`sum(x.bi_regional)`.as('bi_regional'),
      sql<number>`sum(x.unattributed)`.as('unattributed'),
      sql<number>`max(x.synthetic)`.as('synthetic'),
      sql<number>`sum(x.attributed_rows)`.as('attributed_rows'),
    ])
    .groupBy(['x.g_flow', 'x.g_marketplace', 'x.g_origin', 'x.flow_class', 'x.marketplace_id', 'x.origin', month])
    .execute();
  const all = rows as Record<string, unknown>[];
  const set = (g: string) => all.filter((r) => ['g_flow', 'g_marketplace', 'g_origin'].every((k) => Number(r[k]) === (k === g ? 0 : 1)));
  const months = set('').sort((a, b) => String(a.month).localeCompare(String(b.month)));
  const sum = (key: string) => months.reduce((t, r) => t + num(r[key]), 0);
  const years = new Map<number, { year: number; visits: number; months: number }>();
  for (const r of months) {
    const year = Number(String(r.month).slice(0, 4));
    const y = years.get(year) ?? { year, visits: 0, months: 0 };
    y.visits += num(r.visits);
    y.months += 1;
    years.set(year, y);
  }
  const toMap = (xs: Record<string, unknown>[], key: string, value = 'visits') => new Map(xs.map((r) => [String(r[key]), num(r[value])]));
  return {
    overall: {
      ...shareTotals(
        months.length
          ? {
              visits: sum('visits'),
              months: months.length,
              attributed: sum('attributed'),
              domestic: sum('domestic'),
              bi_regional: sum('bi_regional'),
              unattributed: sum('unattributed'),
              synthetic: months.some((r) => bool(r.synthetic)),
            }
          : {},
      ),
      first_month: months.length ? String(months[0].month) : null,
      last_month: months.length ? String(months[months.length - 1].month) : null,
    },
    byFlow: toMap(set('g_flow'), 'flow_class'),
    byMarketplace: toMap(set('g_marketplace'), 'marketplace_id'),
    // Origins of attributed visits only (the unattributed are counted apart).
    byOrigin: toMap(set('g_origin').filter((r) => num(r.attributed_rows) > 0), 'origin', 'attributed'),
    byYear: [...years.values()].sort((a, b) => a.year - b.year),
  };
}

/** Per destination economy in a year: visits, origin split, marketplaces with visits. */
export async function economyYear(db: Db, f: TrafficFilter, year: number) {
  const months = { from: `${year}-01`, to: `${year}-12` };
  const totals = await rollup(db, { ...f, months })
    .select([
      'r.dest_iso3 as iso3',
      VISITS.as('visits'),
      MONTHS.as('months'),
      ATTRIBUTED.as('attributed'),
      DOMESTIC.as('domestic'),
      BIREGIONAL.as('bi_regional'),
      UNATTRIBUTED.as('unattributed'),
      SYNTHETIC.as('synthetic'),
    ])
    .groupBy('r.dest_iso3')
    .execute();
  const perMarketplace = await rollup(db, { ...f, months })
    .select(['r.dest_iso3 as iso3', 'r.marketplace_id as marketplace_id', VISITS.as('visits')])
    .groupBy(['r.dest_iso3', 'r.marketplace_id'])
    .execute();
  const byMarketplace = new Map<string, Record<string, number>>();
  for (const r of perMarketplace) {
    const m = byMarketplace.get(String(r.iso3)) ?? {};
    m[String(r.marketplace_id)] = num(r.visits);
    byMarketplace.set(String(r.iso3), m);
  }
  return new Map(totals.map((r) => [String(r.iso3), { ...shareTotals(r), byMarketplace: byMarketplace.get(String(r.iso3)) ?? {} }]));
}

export async function lastTrafficYear(db: Db): Promise<number | null> {
  const row = await db.selectFrom('traffic_flow_month').select(sql<string>`max(month)`.as('m')).executeTakeFirst();
  return row?.m ? Number(String(row.m).slice(0, 4)) : null;
}

/**
 * Origin shares (dimension origin) of a marketplace's websites: the largest per origin, and
 * whether any of them is synthetic (then so is every figure derived from them, e.g. the reach).
 */
export async function originSharesOf(db: Db, marketplaceId: string, b: MonthBounds): Promise<Map<string, { share: number; synthetic: boolean }>> {
  let q = db
    .selectFrom('traffic_shares as s')
    .innerJoin('websites as w', 'w.id', 's.website_id')
    .select(['s.category as origin', sql<number>`max(s.share)`.as('share'), sql<number>`max(case when s.synthetic then 1 else 0 end)`.as('synthetic')])
    .where('w.marketplace_id', '=', marketplaceId)
    .where('s.dimension', '=', 'origin');
  // Annual periods (YYYY) overlap a month range when their year does.
  if (b.from) q = q.where(sql`substr(s.period, 1, 4)`, '>=', b.from.slice(0, 4));
  if (b.to) q = q.where(sql`substr(s.period, 1, 4)`, '<=', b.to.slice(0, 4));
  const rows = await q.groupBy('s.category').execute();
  return new Map(rows.map((r) => [String(r.origin), { share: num(r.share), synthetic: bool(r.synthetic) }]));
}

/** Economies whose open top lists (CrUX, Cloudflare Radar) include one of its websites. */
export async function popularityCountries(db: Db, marketplaceId: string, b: MonthBounds): Promise<string[]> {
  let q = db.selectFrom('popularity').select('country_iso3').distinct().where('marketplace_id', '=', marketplaceId);
  if (b.from) q = q.where('month', '>=', b.from);
  if (b.to) q = q.where('month', '<=', b.to);
  return (await q.orderBy('country_iso3').execute()).map((r) => String(r.country_iso3));
}

// ---------------------------------------------------------------------------------------------
// Countries and sources

export async function regionsOf(db: Db): Promise<Map<string, 'East Asia' | 'Latin America'>> {
  const rows = await db.selectFrom('countries').select(['iso3', 'fealac_region']).execute();
  return new Map(rows.map((r) => [String(r.iso3), r.fealac_region as 'East Asia' | 'Latin America']));
}

export async function countryNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('countries').select(['iso3', 'name_en']).execute();
  return new Map(rows.map((r) => [String(r.iso3), String(r.name_en)]));
}

export async function marketplaceNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('marketplaces').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [String(r.id), String(r.name)]));
}

/**
 * Sources behind a view: the registry records of the marketplaces it covers and the visit files
 * of their websites in the period (the synthetic demo among them, so downloads say so).
 */
export async function trafficSources(db: Db, f: TrafficFilter, withVisits = true): Promise<SourceRow[]> {
  return sourcesById(db, await trafficSourceIds(db, f, withVisits));
}

/** The ids of trafficSources, for a caller that adds its own before reading the sources once. */
export async function trafficSourceIds(db: Db, f: TrafficFilter, withVisits = true): Promise<string[]> {
  const ids = new Set<string>();
  const registry = await registryFilter(db.selectFrom('marketplaces as m').select('m.source_id').distinct(), f).execute();
  for (const r of registry) ids.add(String(r.source_id));
  if (withVisits) {
    // Every visits row is in the rollup (split by origin or whole as UNK), with its source.
    const q = rollup(db, { ...f, origin: undefined, flow: undefined }).select('r.source_id').distinct();
    for (const r of await q.execute()) if (r.source_id !== null) ids.add(String(r.source_id));
  }
  return [...ids];
}

export async function sourcesById(db: Db, ids: (string | null)[]): Promise<SourceRow[]> {
  const unique = [...new Set(ids.filter((i): i is string => !!i))];
  if (!unique.length) return [];
  const rows = await db.selectFrom('sources').select(SOURCE_COLUMNS).where('id', 'in', unique).orderBy('publisher').orderBy('id').execute();
  return rows.map((r) => ({ ...r, synthetic: bool(r.synthetic) })) as SourceRow[];
}

export { numOrNull };

/** Attributed visits per destination economy, whatever the origin and flow filters. */
export async function attributedByDestination(db: Db, f: TrafficFilter): Promise<Map<string, number>> {
  const rows = await rollup(db, { ...f, origin: undefined, flow: undefined })
    .where('r.flow_class', '<>', 'unattributed')
    .select(['r.dest_iso3 as iso3', VISITS.as('visits')])
    .groupBy('r.dest_iso3')
    .execute();
  return new Map(rows.map((r) => [String(r.iso3), num(r.visits)]));
}

// ---------------------------------------------------------------------------------------------
// Audience: visits by sex, age group and device

const AUDIENCE_DIMENSIONS = AUDIENCE_DIMENSION_VALUES;
export type AudienceDimension = (typeof AUDIENCE_DIMENSIONS)[number];

export interface AudienceFilter {
  /** Websites serving these economies only. */
  economy?: string[];
  time?: { from: string | null; to: string | null };
  dimension?: AudienceDimension[];
}

export interface AudienceRow {
  dimension: AudienceDimension;
  category: string;
  /** Σ(visits × share) / visits covered; null when the covered visits are 0. */
  share: number | null;
  /** Visits of the website-months that have shares of this dimension. */
  visits: number;
  /** Distinct months among them. */
  months: number;
  /** visits / all visits of the marketplace's websites in the filter. */
  coverage: number | null;
  synthetic: boolean;
}

/**
 * The website-months of a marketplace in the filter (`v`), and per dimension the share period
 * each of them uses (`d`): the month's shares of that dimension, else its year's, else none (the
 * same rule as the origin split in write.ts). Website-months without shares of a dimension are
 * not in `d` for it, so they never count as zeros.
 */
function audienceScope(marketplaceId: string, f: AudienceFilter) {
  const { from, to } = monthBounds(f.time);
  const visits = [sql`w.marketplace_id = ${marketplaceId}`];
  if (f.economy?.length) visits.push(sql`w.serves_iso3 in (${sql.join(f.economy)})`);
  if (from) visits.push(sql`t.month >= ${from}`);
  if (to) visits.push(sql`t.month <= ${to}`);
  const dimensions = f.dimension?.length ? f.dimension : AUDIENCE_DIMENSIONS;
  const shares = [sql`dimension in (${sql.join([...dimensions])})`, sql`website_id in (select website_id from v)`];
  // A month only ever uses the shares of that month or of its year.
  if (from) shares.push(sql`substr(period, 1, 4) >= ${from.slice(0, 4)}`);
  if (to) shares.push(sql`substr(period, 1, 4) <= ${to.slice(0, 4)}`);
  return sql`
    with v as (
      select t.website_id, t.month, t.visits, t.synthetic, t.source_id
      from traffic_visits t join websites w on w.id = t.website_id
      where ${sql.join(visits, sql` and `)}
    ),
    p as (
      select website_id, dimension, period from traffic_shares
      where ${sql.join(shares, sql` and `)}
      group by website_id, dimension, period
    ),
    d as (
      select v.website_id, v.month, v.visits, v.synthetic, v.source_id, k.dimension,
        case when pm.period is not null then pm.period else py.period end as period
      from v
      join (select distinct website_id, dimension from p) k on k.website_id = v.website_id
      left join p pm on pm.website_id = v.website_id and pm.dimension = k.dimension and pm.period = v.month
      left join p py on py.website_id = v.website_id and py.dimension = k.dimension and py.period = substr(v.month, 1, 4)
    )`;
}

/**
 * Shares of a marketplace's visits by sex, age group and device, weighted by visits: per
 * dimension and category Σ(visits × share) / Σ visits over the website-months that have shares
 * of that dimension. A dimension without shares has no rows (unknown, not zero). Shares are used
 * as given (not rescaled to sum to 1), so a partial breakdown stays partial.
 */
export async function audienceShares(db: Db, marketplaceId: string, f: AudienceFilter = {}): Promise<AudienceRow[]> {
  const { rows } = await sql<Record<string, unknown>>`
    ${audienceScope(marketplaceId, f)},
    total as (select sum(visits) as visits from v),
    covered as (
      select dimension, sum(visits) as visits, count(distinct month) as months
      from d where period is not null group by dimension
    )
    select s.dimension, s.category,
      sum(d.visits * s.share) / nullif(max(c.visits), 0) as share,
      max(c.visits) as visits,
      max(c.months) as months,
      max(c.visits) / nullif(max(total.visits), 0) as coverage,
      max(case when d.synthetic or s.synthetic then 1 else 0 end) as synthetic
    from d
    join traffic_shares s on s.website_id = d.website_id and s.dimension = d.dimension and s.period = d.period
    join covered c on c.dimension = d.dimension
    cross join total
    group by s.dimension, s.category`.execute(db);
  const order = (d: string) => (AUDIENCE_DIMENSIONS as readonly string[]).indexOf(d);
  return rows
    .map((r) => ({
      dimension: String(r.dimension) as AudienceDimension,
      category: String(r.category),
      share: numOrNull(r.share),
      visits: num(r.visits),
      months: num(r.months),
      coverage: numOrNull(r.coverage),
      synthetic: bool(r.synthetic),
    }))
    .sort((a, b) => order(a.dimension) - order(b.dimension) || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
}

/** The sources of the visits and of the shares audienceShares combines. */
export async function audienceSourceIds(db: Db, marketplaceId: string, f: AudienceFilter = {}): Promise<string[]> {
  const { rows } = await sql<Record<string, unknown>>`
    ${audienceScope(marketplaceId, f)}
    select d.source_id as visits_source, s.source_id as shares_source
    from d join traffic_shares s on s.website_id = d.website_id and s.dimension = d.dimension and s.period = d.period
    group by d.source_id, s.source_id`.execute(db);
  return [...new Set(rows.flatMap((r) => [r.visits_source, r.shares_source]).filter((x) => x !== null && x !== undefined).map(String))];
}

// ---------------------------------------------------------------------------------------------
// Open top lists (Cloudflare Radar top-100, CrUX buckets): shown as ranks, never as visits

export interface TopSitesFilter {
  economy?: string[];
  marketplace?: string[];
  list?: ('cloudflare' | 'crux')[];
  /** A snapshot month (YYYY-MM); default the latest snapshot of each list and economy. */
  month?: string;
  /** Only e-commerce entries (a shopping category, or a domain in the registry). */
  ecommerce?: boolean;
}

export interface TopSiteRecord {
  economy: string;
  list: string;
  month: string;
  rank: number | null;
  bucket: number | null;
  domain: string;
  categories: string | null;
  marketplace_id: string | null;
  marketplace_name: string | null;
  website_id: string | null;
  source_id: string;
}

/** Cloudflare content categories that mean a shop or a marketplace. */
export const ECOMMERCE_CATEGORY = /e-?commerce|auction|marketplace|shopping/i;

/**
 * Entries of the open top lists, ranked: per economy and list, the latest snapshot (or the month
 * asked), best rank first. With `ecommerce`, entries in a shopping category or matched to a
 * registry website only.
 */
export async function topSites(db: Db, f: TopSitesFilter): Promise<TopSiteRecord[]> {
  let latest = db.selectFrom('popularity').select(['list', 'country_iso3', sql<string>`max(month)`.as('month')]).groupBy(['list', 'country_iso3']);
  if (f.month) latest = latest.where('month', '=', f.month);
  let q = db
    .selectFrom('popularity as p')
    .innerJoin(latest.as('l'), (j) => j.onRef('l.list', '=', 'p.list').onRef('l.country_iso3', '=', 'p.country_iso3').onRef('l.month', '=', 'p.month'))
    .leftJoin('marketplaces as m', 'm.id', 'p.marketplace_id')
    .select([
      'p.country_iso3 as economy',
      'p.list as list',
      'p.month as month',
      'p.rank as rank',
      'p.bucket as bucket',
      'p.origin as domain',
      'p.categories as categories',
      'p.marketplace_id as marketplace_id',
      'm.name as marketplace_name',
      'p.website_id as website_id',
      'p.source_id as source_id',
    ]);
  if (f.economy?.length) q = q.where('p.country_iso3', 'in', f.economy);
  if (f.marketplace?.length) q = q.where('p.marketplace_id', 'in', f.marketplace);
  if (f.list?.length) q = q.where('p.list', 'in', f.list);
  const rows = (await q.orderBy('p.country_iso3').orderBy('p.list').orderBy(sql`coalesce(p.rank, p.bucket)`).orderBy('p.origin').execute()).map((r) => ({
    economy: String(r.economy),
    list: String(r.list),
    month: String(r.month),
    rank: numOrNull(r.rank),
    bucket: numOrNull(r.bucket),
    domain: String(r.domain),
    categories: (r.categories as string | null) ?? null,
    marketplace_id: (r.marketplace_id as string | null) ?? null,
    marketplace_name: (r.marketplace_name as string | null) ?? null,
    website_id: (r.website_id as string | null) ?? null,
    source_id: String(r.source_id),
  }));
  return f.ecommerce ? rows.filter(isEcommerce) : rows;
}

export function isEcommerce(r: Pick<TopSiteRecord, 'categories' | 'marketplace_id'>): boolean {
  return r.marketplace_id !== null || ECOMMERCE_CATEGORY.test(r.categories ?? '');
}

/** Best (smallest) Cloudflare top-100 rank of each marketplace, in the economies of the filter (all when none). */
export async function bestRanks(db: Db, f: Pick<MarketplaceFilters, 'economy' | 'region'>): Promise<Map<string, number>> {
  const economies = economiesIn(db, f);
  let q = db
    .selectFrom('popularity')
    .select(['marketplace_id', sql<number>`min(rank)`.as('rank')])
    .where('list', '=', 'cloudflare')
    .where('marketplace_id', 'is not', null)
    .where('rank', 'is not', null);
  if (economies) q = q.where('country_iso3', 'in', economies as never);
  const rows = await q.groupBy('marketplace_id').execute();
  return new Map(rows.map((r) => [String(r.marketplace_id), num(r.rank)]));
}

/** Sources of the top-list entries of these economies / marketplaces / lists. */
export async function popularitySourceIds(db: Db, f: { economy?: string[]; marketplace?: string[]; list?: string[] }): Promise<string[]> {
  let q = db.selectFrom('popularity').select('source_id').distinct();
  if (f.economy?.length) q = q.where('country_iso3', 'in', f.economy);
  if (f.marketplace?.length) q = q.where('marketplace_id', 'in', f.marketplace);
  if (f.list?.length) q = q.where('list', 'in', f.list);
  return (await q.execute()).map((r) => String(r.source_id));
}
