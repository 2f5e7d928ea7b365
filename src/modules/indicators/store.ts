import { sql, type Kysely } from 'kysely';
import type { SourceRow } from '../../platform/http/api.js';
import { insertBatches } from '../../platform/ingest/run.js';
import { CATALOGUE } from './catalogue.js';
import type { Observation } from './compute.js';
import { economyOfCurrency, FX_INDICATOR, yearOf, type FxRate } from './fx.js';

const SOURCE_COLUMNS = ['id', 'publisher', 'title', 'url', 'license', 'retrieved_at', 'imported_at', 'synthetic'] as const;

export async function seedCatalogue(db: Kysely<any>): Promise<void> {
  await insertBatches(
    db,
    'indicators',
    CATALOGUE.map(({ code, name, unit, definition, topic }) => ({ code, name, unit, definition, topic })),
    { columns: ['code'], update: ['name', 'unit', 'definition', 'topic'] },
  );
}

/** Codes a file brings that the catalogue lacks get the file's name for them. */
export async function addIndicators(tx: Kysely<any>, entries: { code: string; name: string }[]): Promise<void> {
  await insertBatches(
    tx,
    'indicators',
    entries.map((e) => ({ code: e.code, name: e.name, unit: null, definition: null, topic: null })),
    { columns: ['code'], update: [] },
  );
}

export interface ValueRecord {
  iso3: string;
  indicator_code: string;
  year: number;
  value: number;
  source_id: string;
}

export async function writeValues(tx: Kysely<any>, rows: ValueRecord[]): Promise<void> {
  await insertBatches(tx, 'indicator_values', rows as never, { columns: ['indicator_code', 'iso3', 'year'], update: ['value', 'source_id'] });
}

/** The per-year FEALAC medians the profile and explorer read; rebuilt after every import. */
export async function rebuildYearStats(tx: Kysely<any>): Promise<void> {
  await tx.deleteFrom('indicator_year_stats').execute();
  await sql`
    insert into indicator_year_stats (indicator_code, year, n, median, min, max)
    select indicator_code, year, count(*), percentile_cont(0.5) within group (order by value), min(value), max(value)
    from indicator_values
    where iso3 in (select iso3 from countries)
    group by indicator_code, year`.execute(tx);
}

export async function listIndicators(db: Kysely<any>) {
  const rows = await db
    .selectFrom('indicators as i')
    .leftJoin('indicator_values as v', 'v.indicator_code', 'i.code')
    .select(['i.code', 'i.name', 'i.unit', 'i.definition', 'i.topic'])
    .select((eb) => [
      eb.fn.count<number>('v.iso3').distinct().as('countries'),
      eb.fn.min<number>('v.year').as('min_year'),
      eb.fn.max<number>('v.year').as('max_year'),
      eb.fn.count<number>('v.value').as('values'),
    ])
    .groupBy(['i.code', 'i.name', 'i.unit', 'i.definition', 'i.topic'])
    .orderBy('i.code')
    .execute();
  return rows.map((r) => ({ ...r, countries: Number(r.countries), values: Number(r.values) }));
}

export async function getIndicator(db: Kysely<any>, code: string) {
  return db.selectFrom('indicators').select(['code', 'name', 'unit', 'definition', 'topic']).where('code', '=', code).executeTakeFirst();
}

export interface ValueFilter {
  countries?: string[];
  from?: number | null;
  to?: number | null;
}

export async function listValues(db: Kysely<any>, code: string, f: ValueFilter) {
  let q = db
    .selectFrom('indicator_values')
    .select(['iso3', 'year', 'value', 'source_id'])
    .where('indicator_code', '=', code)
    .where('iso3', 'in', db.selectFrom('countries').select('iso3'));
  if (f.countries?.length) q = q.where('iso3', 'in', f.countries);
  if (f.from) q = q.where('year', '>=', f.from);
  if (f.to) q = q.where('year', '<=', f.to);
  return q.orderBy('iso3').orderBy('year').execute();
}

/** One row per economy: its latest value in the window, or nulls (missing stays visible). */
export async function latestValues(db: Kysely<any>, code: string, f: ValueFilter) {
  let ranked = db
    .selectFrom('indicator_values')
    .select(['iso3', 'year', 'value', 'source_id'])
    .select(sql<number>`row_number() over (partition by iso3 order by year desc)`.as('rn'))
    .where('indicator_code', '=', code);
  if (f.from) ranked = ranked.where('year', '>=', f.from);
  if (f.to) ranked = ranked.where('year', '<=', f.to);
  let q = db
    .selectFrom('countries as c')
    .leftJoin(ranked.as('v'), (join) => join.onRef('v.iso3', '=', 'c.iso3').on('v.rn', '=', 1))
    .select(['c.iso3', 'v.year', 'v.value', 'v.source_id']);
  if (f.countries?.length) q = q.where('c.iso3', 'in', f.countries);
  return q.orderBy('c.iso3').execute();
}

export async function sourcesOf(db: Kysely<any>, ids: (string | null)[]): Promise<SourceRow[]> {
  const unique = [...new Set(ids.filter((i): i is string => !!i))];
  if (!unique.length) return [];
  return (await db.selectFrom('sources').select(SOURCE_COLUMNS).where('id', 'in', unique).orderBy('publisher').orderBy('url').orderBy('id').execute()) as SourceRow[];
}

export async function seriesFor(db: Kysely<any>, codes: string[], countries: string[], f: ValueFilter) {
  let q = db
    .selectFrom('indicator_values')
    .select(['indicator_code', 'iso3', 'year', 'value', 'source_id'])
    .where('indicator_code', 'in', codes)
    .where('iso3', 'in', countries);
  if (f.from) q = q.where('year', '>=', f.from);
  if (f.to) q = q.where('year', '<=', f.to);
  return q.orderBy('indicator_code').orderBy('iso3').orderBy('year').execute();
}

export async function mediansFor(db: Kysely<any>, codes: string[], f: ValueFilter) {
  let q = db.selectFrom('indicator_year_stats').select(['indicator_code', 'year', 'median', 'n']).where('indicator_code', 'in', codes);
  if (f.from) q = q.where('year', '>=', f.from);
  if (f.to) q = q.where('year', '<=', f.to);
  return q.orderBy('indicator_code').orderBy('year').execute();
}

export async function observations(db: Kysely<any>, codes: string[], from: number, to: number): Promise<(Observation & { source_id: string })[]> {
  return (await db
    .selectFrom('indicator_values')
    .select(['iso3', 'indicator_code', 'year', 'value', 'source_id'])
    .where('indicator_code', 'in', codes)
    .where('year', '>=', from)
    .where('year', '<=', to)
    .where('iso3', 'in', db.selectFrom('countries').select('iso3'))
    .execute()) as (Observation & { source_id: string })[];
}

export async function latestYear(db: Kysely<any>, codes: string[]): Promise<number | null> {
  const row = await db.selectFrom('indicator_values').select((eb) => eb.fn.max<number>('year').as('y')).where('indicator_code', 'in', codes).executeTakeFirst();
  return row?.y ?? null;
}

export async function indicatorStats(db: Kysely<any>) {
  const [i] = await db.selectFrom('indicators').select((eb) => eb.fn.countAll().as('n')).execute();
  const [v] = await db.selectFrom('indicator_values').select((eb) => eb.fn.countAll().as('n')).execute();
  const [s] = await db.selectFrom('sources').select((eb) => eb.fn.countAll().as('n')).execute();
  return { indicators: Number(i.n), values: Number(v.n), sources: Number(s.n) };
}

/**
 * Dated US$ rates: for each currency, the PA.NUS.FCRF value of the date's year, else of the latest
 * earlier year (said in rateYear); never a later year's, never a guess.
 */
export async function usdRates(db: Kysely<any>, asked: { currency: string; date: string }[]): Promise<FxRate[]> {
  const out: FxRate[] = [];
  for (const a of asked) {
    const currency = a.currency.toUpperCase();
    const year = yearOf(a.date);
    if (currency === 'USD') {
      out.push({ currency, year, rateYear: null, lcuPerUsd: 1, iso3: null, sourceId: null, missing: null });
      continue;
    }
    const iso3 = economyOfCurrency(currency);
    if (!iso3) {
      out.push({ currency, year, rateYear: null, lcuPerUsd: null, iso3: null, sourceId: null, missing: `no official rate for ${currency} (not the currency of a FEALAC economy)` });
      continue;
    }
    const row = await db
      .selectFrom('indicator_values')
      .select(['year', 'value', 'source_id'])
      .where('indicator_code', '=', FX_INDICATOR)
      .where('iso3', '=', iso3)
      .where('year', '<=', year)
      .orderBy('year', 'desc')
      .limit(1)
      .executeTakeFirst();
    out.push(
      row
        ? { currency, year, rateYear: Number(row.year), lcuPerUsd: Number(row.value), iso3, sourceId: row.source_id as string, missing: null }
        : { currency, year, rateYear: null, lcuPerUsd: null, iso3, sourceId: null, missing: `no ${FX_INDICATOR} rate for ${iso3} in or before ${year} (import indicators/fx_official_fealac.csv)` },
    );
  }
  return out;
}
