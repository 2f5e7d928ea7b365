// Every SQL statement that writes the marketplaces tables (the importers and the demo call these;
// the API reads through store/read.ts). Statements are written once for both engines.
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { insertBatches } from '../../../platform/ingest/run.js';
import { FLOW_CLASSES } from '../compute.js';

export interface MarketplaceRow {
  id: string;
  name: string;
  hq_iso3: string | null;
  founded_year: number | null;
  models: string;
  goods_or_services: string | null;
  categories: string | null;
  foreign_sellers: string;
  payment_services: string | null;
  logistics_services: string | null;
  msme_sellers_note: string | null;
  source_urls: string | null;
  source_id: string;
}

export interface PopularityRow {
  list: 'crux' | 'cloudflare';
  country_iso3: string;
  month: string;
  origin: string;
  rank: number | null;
  bucket: number | null;
  categories: string | null;
  website_id: string | null;
  marketplace_id: string | null;
  source_id: string;
}

export async function upsertMarketplaces(tx: Kysely<any>, rows: MarketplaceRow[]): Promise<void> {
  const cols = Object.keys(rows[0] ?? {}).filter((c) => c !== 'id');
  await insertBatches(tx, 'marketplaces', rows as unknown as Record<string, unknown>[], { columns: ['id'], update: cols });
}

export async function upsertPopularity(tx: Kysely<any>, rows: PopularityRow[]): Promise<void> {
  await insertBatches(tx, 'popularity', rows as unknown as Record<string, unknown>[], {
    columns: ['list', 'country_iso3', 'month', 'origin'],
    update: ['rank', 'bucket', 'categories', 'website_id', 'marketplace_id', 'source_id'],
  });
}

/**
 * Hosts a popularity origin can match: registry domains that are a plain host. `app:<name>` has no
 * web origin, and a path-based storefront (`facebook.com/marketplace`, `encuentra24.com/cr-es`)
 * cannot be told apart from the rest of its host in a list of origins, so neither ever matches.
 */
export async function matchableHosts(tx: Kysely<any>): Promise<string[]> {
  const rows = await tx.selectFrom('websites').select('domain').distinct().execute();
  return rows.map((r) => String(r.domain).toLowerCase()).filter((d) => !d.startsWith('app:') && !d.includes('/'));
}

/** ISO alpha-2 (lower case, as in list file names) -> ISO3, for the 36 members. */
export async function iso3ByIso2(tx: Kysely<any>): Promise<Map<string, string>> {
  const rows = await tx.selectFrom('countries').select(['iso2', 'iso3']).execute();
  return new Map(rows.map((r) => [String(r.iso2).toLowerCase(), String(r.iso3)]));
}

/**
 * Points every popularity row at its registry website: same host, preferring the website that
 * serves the list's country (amazon.com in Argentina's list -> the amazon.com|ARG row), else the
 * first website of that host by id. Re-run after registry imports, so a list imported before the
 * registry grew still matches.
 */
export async function matchPopularity(tx: Kysely<any>, only?: { list: string; country_iso3: string; month: string }): Promise<void> {
  const where = only
    ? sql`where popularity.list = ${only.list} and popularity.country_iso3 = ${only.country_iso3} and popularity.month = ${only.month}`
    : sql``;
  await sql`
    update popularity set website_id = (
      select w.id from websites w
      where lower(w.domain) = popularity.origin
      order by case when w.serves_iso3 = popularity.country_iso3 then 0 else 1 end, w.id
      limit 1) ${where}`.execute(tx);
  await sql`
    update popularity set marketplace_id = (select w.marketplace_id from websites w where w.id = popularity.website_id) ${where}`.execute(tx);
}

const [DOMESTIC, INTRA_EA, INTRA_LA, BI_REGIONAL, EXTRA] = FLOW_CLASSES;
export const UNATTRIBUTED = 'unattributed';
export const UNKNOWN_ORIGIN = 'UNK';

/** Which visits a split covers (everything when empty). */
export interface SplitScope {
  /** Only these websites: a query selecting website ids (Kysely puts it in parentheses). */
  websites?: SelectQueryBuilder<any, any, any>;
  /** Only these months, YYYY-MM, inclusive. */
  from?: string | null;
  to?: string | null;
  /** With the flow class (default) and the countries it needs; without, origin_iso3 and dest_iso3 only. */
  flowClass?: boolean;
}

/**
 * The visits split by origin, per website × origin × month, as one SELECT (columns website_id,
 * marketplace_id, dest_iso3, origin_iso3, flow_class, month, visits, synthetic, source_id): a
 * month's visits are split with that month's origin shares, else with the shares of its year,
 * else they stay whole under origin 'UNK' (flow class 'unattributed'). Shares are divided by
 * their sum for that website and period, so each month's split adds up to its visits exactly
 * (files may sum to 1 ± PUENTE_SHARE_TOLERANCE). Each visits row finds its period (month, else
 * year, else none) with two hash joins on the per-period share sums, then joins its shares once:
 * no window over the shares and no anti-joins. Flow classes follow compute.flowClass, with
 * regions from countries.fealac_region; an origin share 'UNK' (a partner's unknown residual)
 * stays unattributed. Imports sum it into traffic_flow_month; a profile's per-website totals
 * read it on demand, scoped to its websites and months (never materialised per website).
 */
export function trafficSplit(scope: SplitScope = {}): RawBuilder<unknown> {
  const where = (conds: RawBuilder<unknown>[]) => (conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``);
  const shares: RawBuilder<unknown>[] = [sql`dimension = 'origin'`];
  const visits: RawBuilder<unknown>[] = [];
  if (scope.websites) {
    shares.push(sql`website_id in ${scope.websites}`);
    visits.push(sql`t.website_id in ${scope.websites}`);
  }
  // A month only ever uses the shares of that month or of its year.
  if (scope.from) {
    shares.push(sql`substr(period, 1, 4) >= ${scope.from.slice(0, 4)}`);
    visits.push(sql`t.month >= ${scope.from}`);
  }
  if (scope.to) {
    shares.push(sql`substr(period, 1, 4) <= ${scope.to.slice(0, 4)}`);
    visits.push(sql`t.month <= ${scope.to}`);
  }
  return sql`
    with tot as (
      select website_id, period, sum(share) as total
      from traffic_shares ${where(shares)} group by website_id, period
    ),
    v as (
      select t.website_id, w.marketplace_id, w.serves_iso3 as dest, t.month, t.visits, t.synthetic, t.source_id,
        case when pm.period is not null then t.month when py.period is not null then substr(t.month, 1, 4) end as period,
        coalesce(pm.total, py.total) as total
      from traffic_visits t join websites w on w.id = t.website_id
      left join tot pm on pm.website_id = t.website_id and pm.period = t.month
      left join tot py on py.website_id = t.website_id and py.period = substr(t.month, 1, 4)
      ${where(visits)}
    ),
    split as (
      select v.website_id, v.marketplace_id, v.dest, s.category as origin, v.month, v.visits * (s.share / nullif(v.total, 0)) as visits, v.synthetic, v.source_id
      from v join traffic_shares s on s.website_id = v.website_id and s.period = v.period
      where s.dimension = 'origin'
      union all
      select v.website_id, v.marketplace_id, v.dest, ${sql.lit(UNKNOWN_ORIGIN)}, v.month, v.visits, v.synthetic, v.source_id
      from v where v.period is null
    )
    select x.website_id, x.marketplace_id, x.dest as dest_iso3, x.origin as origin_iso3, ${scope.flowClass === false ? sql`` : sql`${flowClass},`} x.month, x.visits, x.synthetic, x.source_id
    from split x
    ${scope.flowClass === false ? sql`` : sql`left join countries co on co.iso3 = x.origin left join countries cd on cd.iso3 = x.dest`}`;
}

/** compute.flowClass in SQL, over `x.origin`, `x.dest` and their countries `co`, `cd`. */
const flowClass = sql`case
    when x.origin = ${sql.lit(UNKNOWN_ORIGIN)} then ${sql.lit(UNATTRIBUTED)}
    when x.origin = x.dest then ${sql.lit(DOMESTIC)}
    when co.fealac_region is null then ${sql.lit(EXTRA)}
    when co.fealac_region <> cd.fealac_region then ${sql.lit(BI_REGIONAL)}
    when co.fealac_region = 'East Asia' then ${sql.lit(INTRA_EA)}
    else ${sql.lit(INTRA_LA)}
  end as flow_class`;

export async function rebuildTrafficRollup(tx: Kysely<any>): Promise<void> {
  await sql`delete from traffic_flow_month`.execute(tx);
  // The split summed over websites first; the flow class (a function of origin and destination)
  // is then computed on those far fewer rows.
  await sql`
    insert into traffic_flow_month (marketplace_id, dest_iso3, origin_iso3, flow_class, month, source_id, visits, synthetic)
    select x.marketplace_id, x.dest, x.origin, ${flowClass}, x.month, x.source_id, x.visits, x.synthetic
    from (select marketplace_id, dest_iso3 as dest, origin_iso3 as origin, month, source_id, sum(visits) as visits, bool_or(synthetic) as synthetic
          from (${trafficSplit({ flowClass: false })}) s
          group by marketplace_id, dest_iso3, origin_iso3, month, source_id) x
    left join countries co on co.iso3 = x.origin
    left join countries cd on cd.iso3 = x.dest`.execute(tx);
}

/** What an import of marketplace data needs rebuilt: popularity matches, then the rollup. */
export async function rebuildMarketplaces(tx: Kysely<any>): Promise<void> {
  await matchPopularity(tx);
  await rebuildTrafficRollup(tx);
}

/** Counts for /api/-/health. Traffic rows = monthly visits rows + share rows. */
export async function marketplaceStats(db: Kysely<any>): Promise<Record<string, number>> {
  const { rows } = await sql<Record<string, unknown>>`
    select
      (select count(*) from marketplaces) as marketplaces,
      (select count(*) from websites) as websites,
      (select count(*) from traffic_visits) + (select count(*) from traffic_shares) as traffic_rows,
      (select count(*) from traffic_visits where synthetic) + (select count(*) from traffic_shares where synthetic) as synthetic_traffic_rows,
      (select count(*) from popularity) as popularity_rows`.execute(db);
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}
