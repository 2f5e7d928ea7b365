// Importers of the marketplaces module (formats: docs/data-formats.md#marketplaces).
//
// - Registry (marketplaces.csv, websites.csv): small files, read and checked by the platform's
//   reader, written row by row (`write`).
// - Partner traffic files (monthly visits; shares by origin / sex / age / device), CSV or Parquet:
//   large files, checked and loaded inside DuckDB (`load` via loadFile), never parsed in JS.
// - Open popularity lists (Cloudflare Radar top-100, Chrome UX Report country lists): presence
//   only. Ranks and buckets are stored as ranks and buckets; nothing here makes visits of them.
import { basename, dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { settingsSchema, type Config } from '../../platform/config.js';
import { duplicateCheck, formatOf, ident, lit, readFileHeader, stageFile, withReader, type CsvSpec, type Rule, type SqlRunner } from '../../platform/ingest/csv.js';
import { loadFile, type Lookup } from '../../platform/ingest/load.js';
import { upsertSources, type SourceRecord } from '../../platform/ingest/provenance.js';
import { ImportError, type Issue } from '../../platform/ingest/report.js';
import type { ImportMeta, Importer } from '../../platform/ingest/run.js';
import { memberCodes } from '../countries/index.js';
import { bestBucket, CRUX_BUCKETS } from './compute.js';
import {
  iso3ByIso2,
  matchableHosts,
  matchPopularity,
  upsertMarketplaces,
  upsertPopularity,
  type PopularityRow,
} from './store/write.js';

export const MODULE = 'marketplaces';

export const MODELS = ['B2C', 'C2C', 'B2B', 'classifieds'] as const;
export const GOODS_OR_SERVICES = ['goods', 'services', 'both'] as const;
export const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const;
export const WEBSITE_STATUS = ['active', 'closed', 'unknown'] as const;
export const DOMAIN_EVIDENCE = ['source', 'inferred-pattern', 'popularity-list', 'public-code-mention', 'app-only'] as const;
export const SHARE_DIMENSIONS = ['origin', 'sex', 'age', 'device'] as const;
export const SHARE_CATEGORIES: Record<Exclude<(typeof SHARE_DIMENSIONS)[number], 'origin'>, readonly string[]> = {
  sex: ['female', 'male'],
  age: ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'],
  device: ['desktop', 'mobile'],
};

/** The registry as published with Puente: facts compiled from public pages, each row listing its own. */
export const REGISTRY_SOURCE: SourceRecord = {
  publisher: 'Puente marketplace registry',
  title: 'Marketplace registry — FEALAC economies (compiled from public pages)',
  url: null,
  license: "Facts compiled from public pages; cite each row's source_urls",
};

/** Anything the demo generator makes points here; `synthetic` is what the UI and downloads show. */
export const SYNTHETIC_SOURCE: SourceRecord = {
  publisher: 'Puente synthetic demo generator (NOT REAL DATA)',
  title: 'Synthetic marketplace traffic for demonstration and benchmarks',
  url: null,
  license: 'CC0-1.0',
  synthetic: true,
};

export const CLOUDFLARE_SOURCE: SourceRecord = {
  publisher: 'Cloudflare Radar',
  title: 'Cloudflare Radar domain rankings: top 100 per country (DNS, 1.1.1.1 resolver), via DNSet/cloudflare-radar-domains',
  url: 'https://radar.cloudflare.com/domains',
  license: 'CC BY-NC 4.0',
};

export const CRUX_SOURCE: SourceRecord = {
  publisher: 'Chrome UX Report (Google)',
  title: 'CrUX country top lists (origin, rank bucket)',
  url: 'https://github.com/zakird/crux-top-lists',
  license: 'CC BY 4.0',
};

const MONTH_RE = '(19|20)[0-9]{2}-(0[1-9]|1[0-2])';
const YEAR_OR_MONTH_RE = '(19|20)[0-9]{2}(-(0[1-9]|1[0-2]))?';
const ISO3_RE = '[A-Z]{3}';

/** An origin or domain as a host: lower case, no scheme, no `www.`, no port, no trailing slash. */
export function normaliseHost(origin: string): string {
  return origin
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^www\./, '')
    .replace(/(:[0-9]+)?\/*$/, '');
}

/** The same rule as normaliseHost, in DuckDB SQL (staging always runs in DuckDB). */
function hostSql(col: string): string {
  return `regexp_replace(regexp_replace(regexp_replace(lower(trim(${col})), '^[a-z][a-z0-9+.-]*://', ''), '^www\\.', ''), '(:[0-9]+)?/*$', '')`;
}

function text(v: unknown): string | null {
  return v === null || v === undefined || v === '' ? null : String(v);
}

// ---------------------------------------------------------------------------------------------
// Registry

export const marketplacesImporter: Importer = {
  name: 'marketplaces/registry',
  module: MODULE,
  order: 30,
  signature: ['marketplace_id', 'name', 'models', 'foreign_sellers'],
  spec: () => ({
    columns: [
      { name: 'marketplace_id', type: 'text', pattern: { regex: '[a-z0-9][a-z0-9-]*', label: 'an id (lower-case letters, digits, -)' } },
      { name: 'name', type: 'text' },
      { name: 'hq_iso3', type: 'text', required: false, pattern: { regex: ISO3_RE, label: 'an upper-case ISO3 code' } },
      { name: 'founded_year', type: 'integer', required: false, pattern: { regex: '(1[89]|20)[0-9]{2}', label: 'a year (YYYY)' } },
      { name: 'models', type: 'text', pattern: { regex: `(${MODELS.join('|')})(;(${MODELS.join('|')}))*`, label: `a ;-list of ${MODELS.join(', ')}` } },
      { name: 'goods_or_services', type: 'text', required: false, oneOf: { values: [...GOODS_OR_SERVICES], label: 'goods_or_services (goods, services, both)' } },
      { name: 'categories', type: 'text', required: false },
      { name: 'foreign_sellers', type: 'text', required: false, oneOf: { values: [...YES_NO_UNKNOWN], label: 'foreign_sellers (yes, no, unknown)' } },
      { name: 'payment_services', type: 'text', required: false },
      { name: 'logistics_services', type: 'text', required: false },
      { name: 'msme_sellers_note', type: 'text', required: false },
      { name: 'source_urls', type: 'text', required: false },
    ],
    key: ['marketplace_id'],
  }),
  async write(tx, rows, meta) {
    const [sourceId] = (await upsertSources(tx, [{ ...REGISTRY_SOURCE, imported_at: meta.now, note: `imported from ${meta.file}` }])).values();
    await upsertMarketplaces(
      tx,
      rows.map((r) => ({
        id: String(r.marketplace_id),
        name: String(r.name),
        hq_iso3: text(r.hq_iso3),
        founded_year: (r.founded_year as number | null) ?? null,
        models: String(r.models),
        goods_or_services: text(r.goods_or_services),
        categories: text(r.categories),
        // Not stated by any source = unknown, never "no".
        foreign_sellers: text(r.foreign_sellers) ?? 'unknown',
        payment_services: text(r.payment_services),
        logistics_services: text(r.logistics_services),
        msme_sellers_note: text(r.msme_sellers_note),
        source_urls: text(r.source_urls),
        source_id: sourceId,
      })),
    );
    return rows.length;
  },
};

export const websitesImporter: Importer = {
  name: 'marketplaces/websites',
  module: MODULE,
  order: 31,
  signature: ['marketplace_id', 'domain', 'serves_iso3', 'status'],
  spec: async (db) => ({
    columns: [
      { name: 'marketplace_id', type: 'text' },
      { name: 'domain', type: 'text', pattern: { regex: '(app:[^ ]+|[a-z0-9.-]+\\.[a-z]{2,}(/[^ ]*)?)', label: 'a lower-case domain (optionally with a path) or app:<name>' } },
      { name: 'serves_iso3', type: 'text', oneOf: { values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' } },
      { name: 'launched_year', type: 'integer', required: false, pattern: { regex: '(1[89]|20)[0-9]{2}', label: 'a year (YYYY)' } },
      { name: 'status', type: 'text', required: false, oneOf: { values: [...WEBSITE_STATUS], label: 'status (active, closed, unknown)' } },
      { name: 'source_url', type: 'text', required: false },
      { name: 'domain_evidence', type: 'text', required: false, oneOf: { values: [...DOMAIN_EVIDENCE], label: 'domain_evidence' } },
      // Demo-generated websites (scale > 1) say so; the registry's own rows leave it out.
      { name: 'synthetic', type: 'text', required: false, oneOf: { values: ['true', 'false'], label: 'synthetic (true, false)' } },
    ],
    key: ['domain', 'serves_iso3'],
  }),
  write: async () => 0,
  // Loaded in the engine (loadFile): a demo at scale 125 brings 32,250 websites.
  async load(tx, file, meta) {
    const cols = await columnsOf(file);
    const has = (c: string) => cols.includes(c);
    // Only the sources rows point to are recorded: a real registry import adds no synthetic source.
    const kinds = await withReader(async (r) => {
      const from = formatOf(file) === 'parquet' ? `read_parquet(${lit(file)})` : `read_csv(${lit(file)}, header=true, all_varchar=true, delim=',', quote='"', escape='"')`;
      const syn = has('synthetic') ? `coalesce(trim(cast(synthetic as varchar)), '') = 'true'` : 'false';
      try {
        return (await r.all(`select coalesce(bool_or(${syn}), false) as synthetic, coalesce(bool_or(not (${syn})), false) as real from ${from}`))[0];
      } catch {
        return { synthetic: false, real: true }; // the load reports what is wrong with the file
      }
    });
    const note = `imported from ${meta.file}`;
    const registryId = kinds.real ? [...(await upsertSources(tx, [{ ...REGISTRY_SOURCE, imported_at: meta.now, note }])).values()][0] : '';
    const syntheticId = kinds.synthetic ? [...(await upsertSources(tx, [{ ...SYNTHETIC_SOURCE, imported_at: meta.now, note: `websites ${note}` }])).values()][0] : '';
    const spec = await websitesImporter.spec(tx);
    const col = (c: string) => (has(c) ? `_stage.${ident(c)}` : 'null');
    return loadFile(
      tx,
      meta,
      file,
      {
        ...spec,
        // Checked here rather than by a column rule: the marketplaces may arrive in the same
        // import, and they are written (order 30) before this runs.
        checks: (t) => [
          `select _rec, 'marketplace_id' as field, 'unknown marketplace "' || trim(marketplace_id) || '" (not in marketplaces.csv nor the database)' as message
           from ${t} where trim(marketplace_id) <> '' and not exists (select 1 from ${MARKETPLACE_LOOKUP} m where m.id = trim(${t}.marketplace_id))`,
        ],
      },
      {
        table: 'websites',
        columns: ['id', 'marketplace_id', 'domain', 'serves_iso3', 'launched_year', 'status', 'source_url', 'domain_evidence', 'source_id'],
        select: `_stage.domain || '|' || _stage.serves_iso3, _stage.marketplace_id, _stage.domain, _stage.serves_iso3, ${col('launched_year')},
          coalesce(${col('status')}, 'unknown'), ${col('source_url')}, ${col('domain_evidence')},
          case when ${col('synthetic')} = 'true' then ${lit(syntheticId)} else ${lit(registryId)} end`,
        conflict: { columns: ['id'], update: [] },
      },
      [{ name: MARKETPLACE_LOOKUP, columns: { id: 'VARCHAR' }, select: 'select id from marketplaces' }],
    );
  },
};

const MARKETPLACE_LOOKUP = '_mk_marketplaces';

// ---------------------------------------------------------------------------------------------
// Partner traffic files

const SOURCE_COLUMNS = [
  { name: 'source', type: 'text' as const },
  { name: 'source_url', type: 'text' as const, required: false },
  { name: 'license', type: 'text' as const },
  { name: 'synthetic', type: 'text' as const, required: false, oneOf: { values: ['true', 'false'], label: 'synthetic (true, false)' } },
];

interface FileSource {
  source: string;
  source_url: string;
  license: string;
  synthetic: string;
}

/** The first row's source columns: a partner file names one source, checked constant below. */
async function firstSource(file: string): Promise<FileSource> {
  const empty = { source: '', source_url: '', license: '', synthetic: '' };
  return withReader(async (r) => {
    try {
      const from = formatOf(file) === 'parquet' ? `read_parquet(${lit(file)})` : `read_csv(${lit(file)}, header=true, all_varchar=true, delim=',', quote='"', escape='"')`;
      const cols = (await r.all(`describe select * from ${from}`)).map((c) => String(c.column_name));
      const pick = (c: string) => (cols.includes(c) ? `coalesce(trim(cast(${ident(c)} as varchar)), '')` : `''`);
      const [row] = await r.all(`select ${pick('source')} as source, ${pick('source_url')} as source_url, ${pick('license')} as license, ${pick('synthetic')} as synthetic from ${from} limit 1`);
      return (row as unknown as FileSource) ?? empty;
    } catch {
      return empty; // the load reports what is wrong with the file
    }
  });
}

function sourceRules(first: FileSource, present: (c: string) => boolean): Rule[] {
  return (Object.keys(first) as (keyof FileSource)[])
    .filter((c) => present(c))
    .map((c) => ({
      field: c,
      columns: [c],
      when: `coalesce(trim(${ident(c)}), '') <> ${lit(first[c])}`,
      message: lit(`a file names one source: "${c}" differs from the first row's (${first[c] === '' ? 'empty' : `"${first[c]}"`})`),
    }));
}

const WEBSITE_LOOKUP = '_mk_websites';

/** Registry websites (domain + economy -> website id), for the partner-file checks and joins. */
const websiteLookup: Lookup = {
  name: WEBSITE_LOOKUP,
  columns: { id: 'VARCHAR', domain: 'VARCHAR', serves_iso3: 'VARCHAR' },
  select: 'select id, domain, serves_iso3 from websites',
};

/** The distinct (domain, economy) pairs of a staged table with their host: the lookups below normalise each once, not each row. */
function domainsOf(table: string): string {
  return `(select domain, serves_iso3, ${hostSql('domain')} as host from (select distinct domain, serves_iso3 from ${table}))`;
}

function unknownWebsiteCheck(table: string): string {
  return `select r._rec, 'domain' as field,
      'unknown website "' || trim(r.domain) || '" serving ' || coalesce(trim(r.serves_iso3), '?') || ' (not in the registry: import websites.csv first)' as message
    from ${table} r
    join (select d.domain, d.serves_iso3 from ${domainsOf(table)} d
          where trim(d.domain) <> '' and not exists (select 1 from ${WEBSITE_LOOKUP} w where w.domain = d.host and w.serves_iso3 = trim(d.serves_iso3))) u
      on u.domain = r.domain and u.serves_iso3 is not distinct from r.serves_iso3`;
}

/** Joins the staged records to the registry website each names (domain as a host, plus economy). */
const WEBSITE_JOIN = `join (select d.domain, d.serves_iso3, w.id from ${domainsOf('_stage')} d
      join ${WEBSITE_LOOKUP} w on w.domain = d.host and w.serves_iso3 = d.serves_iso3) w
    on w.domain = _stage.domain and w.serves_iso3 = _stage.serves_iso3`;

/** The website id the fast path builds from a record: the registry builds ids the same way. */
const FAST_WEBSITE_ID = `_stage.domain || '|' || _stage.serves_iso3`;

/** The fast path's source id: raises on a record that names another source than the first row. */
function fastSourceId(first: FileSource, present: (c: string) => boolean, id: string): string {
  return `case when ${sourceBroken(first, present).join(' or ')} then error('a file names one source') else ${lit(id)} end`;
}

/**
 * What the fast path checks on the rows a partner file brought (CsvSpec.fast), grouped by website
 * and `by`: every website id is a registry website's (so each domain was spelt as the registry
 * spells it: trimmed, lower case, no `www.`; with one spelling per host, repeated keys are exactly
 * repeated `keyColumn` values within a group, compared by hash: a collision can only send a good
 * file to staging, never let a repeated key through); values are finite and >= 0; and the
 * conditions of `broken` (over the group's aggregates and columns) do not hold. Anything unusual
 * starts the import again with staging, which names the problem.
 */
function partnerFast(opts: { by: string[]; value: string; keyColumn: string; recordBroken?: string; broken: string[] }): CsvSpec['fast'] {
  const by = ['website_id', ...opts.by].map(ident).join(', ');
  const v = ident(opts.value);
  return {
    problems: (loaded) => [
      `select 1 from (select ${by}, count(*) as _n, list_unique(list(hash(${ident(opts.keyColumn)}))) as _distinct,
          min(${v}) as _min, max(${v}) as _max, sum(${v}) as _total
          ${opts.recordBroken ? `, count(*) filter (where coalesce(${opts.recordBroken}, true)) as _broken` : ', 0 as _broken'}
        from ${loaded} group by ${by}) g
       where _broken > 0 or _distinct <> _n or not (_min >= 0) or not isfinite(_max) ${opts.broken.map((c) => `or coalesce(${c}, true)`).join(' ')}`,
      `select 1 from (select distinct website_id from ${loaded}) l where not exists (select 1 from ${WEBSITE_LOOKUP} w where w.id = l.website_id)`,
    ],
  };
}

/** Record conditions of the fast path: a source column differs from the first row's (untrimmed). */
function sourceBroken(first: FileSource, present: (c: string) => boolean): string[] {
  return (Object.keys(first) as (keyof FileSource)[]).filter((c) => present(c)).map((c) => `coalesce(${ident(c)}, '') <> ${lit(first[c])}`);
}

/** The fast path needs the first row's source to be valid: otherwise staging reports it at once. */
function sourceUsable(first: FileSource): boolean {
  return first.source !== '' && first.license !== '' && ['', 'true', 'false'].includes(first.synthetic);
}

/** The host of each record's domain, as `_host`, beside the staged table's columns. */
function withHost(table: string): string {
  return `(select t.*, h.host as _host from ${table} t left join (select distinct domain, ${hostSql('domain')} as host from (select distinct domain from ${table})) h on h.domain is not distinct from t.domain)`;
}

async function partnerSource(tx: Kysely<any>, first: FileSource, meta: ImportMeta): Promise<{ id: string; synthetic: boolean }> {
  const synthetic = first.synthetic === 'true';
  const [id] = (
    await upsertSources(tx, [
      { publisher: first.source, url: first.source_url || null, license: first.license, imported_at: meta.now, synthetic, note: `imported from ${meta.file}` },
    ])
  ).values();
  return { id, synthetic };
}

export interface MarketplaceImporterOptions {
  /** Shares of one website, period and dimension must sum to 1 ± this; default PUENTE_SHARE_TOLERANCE. */
  shareTolerance?: number;
}

// The setting arrives with the import (ImportMeta.config); the schema's default covers callers
// that pass no settings (e.g. a test calling runImport directly).
function toleranceOf(options: MarketplaceImporterOptions, config?: Config): number {
  return options.shareTolerance ?? config?.PUENTE_SHARE_TOLERANCE ?? settingsSchema.shape.PUENTE_SHARE_TOLERANCE.parse(undefined);
}

const visitsSpec = (first: FileSource, header: (c: string) => boolean): CsvSpec => ({
  columns: [
    { name: 'domain', type: 'text' },
    { name: 'serves_iso3', type: 'text', pattern: { regex: ISO3_RE, label: 'an upper-case ISO3 code' } },
    { name: 'month', type: 'text', pattern: { regex: MONTH_RE, label: 'a month (YYYY-MM)' } },
    { name: 'visits', type: 'number' },
    ...SOURCE_COLUMNS,
  ],
  rules: [
    {
      field: 'visits',
      columns: ['visits'],
      when: `try_cast(trim(visits) as double) < 0 or not isfinite(try_cast(trim(visits) as double))`,
      message: `'visits must be a finite number >= 0, got "' || trim(visits) || '"'`,
    },
    ...sourceRules(first, header),
  ],
  checks: (t) => [
    unknownWebsiteCheck(t),
    duplicateCheck(t, ['_host', 'trim(serves_iso3)', 'trim(month)'], `'month'`,
      `'duplicate month ' || trim(t.month) || ' for ' || trim(t.domain) || ' (' || trim(t.serves_iso3) || '), first given on {record:' || first_rec || '}'`, withHost(t)),
  ],
  fast: sourceUsable(first)
    ? partnerFast({ by: [], value: 'visits', keyColumn: 'month', recordBroken: `not regexp_full_match(month, '${MONTH_RE}')`, broken: [] })
    : undefined,
});

export function makeVisitsImporter(): Importer {
  return {
    name: 'marketplaces/traffic-visits',
    module: MODULE,
    order: 32,
    signature: ['domain', 'serves_iso3', 'month', 'visits'],
    spec: () => visitsSpec({ source: '', source_url: '', license: '', synthetic: '' }, () => false),
    write: async () => 0,
    async load(tx, file, meta) {
      const { spec, first, present } = await partnerFileSpec('visits', file);
      const src = await partnerSource(tx, first, meta);
      return loadFile(
        tx,
        meta,
        file,
        spec,
        {
          table: 'traffic_visits',
          columns: ['website_id', 'month', 'visits', 'synthetic', 'source_id'],
          select: `w.id, _stage.month, _stage.visits, ${src.synthetic}, ${lit(src.id)}`,
          join: WEBSITE_JOIN,
          fast: { select: `${FAST_WEBSITE_ID}, _stage.month, _stage.visits, ${src.synthetic}, ${fastSourceId(first, present, src.id)}` },
          conflict: { columns: ['website_id', 'month'], update: ['visits', 'synthetic', 'source_id'] },
        },
        [websiteLookup],
      );
    },
  };
}

const sharesSpec = (first: FileSource, header: (c: string) => boolean, tolerance: number): CsvSpec => {
  const categoryRules: Rule[] = Object.entries(SHARE_CATEGORIES).map(([dim, values]) => ({
    field: 'category',
    columns: ['dimension', 'category'],
    when: `trim(dimension) = ${lit(dim)} and trim(category) not in (${values.map(lit).join(', ')})`,
    message: `${lit(`unknown ${dim} category "`)} || trim(category) || ${lit(`" (one of ${values.join(', ')})`)}`,
  }));
  return {
    columns: [
      { name: 'domain', type: 'text' },
      { name: 'serves_iso3', type: 'text', pattern: { regex: ISO3_RE, label: 'an upper-case ISO3 code' } },
      { name: 'period', type: 'text', pattern: { regex: YEAR_OR_MONTH_RE, label: 'a year (YYYY) or a month (YYYY-MM)' } },
      { name: 'dimension', type: 'text', oneOf: { values: [...SHARE_DIMENSIONS], label: 'dimension (origin, sex, age, device)' } },
      { name: 'category', type: 'text' },
      { name: 'share', type: 'number' },
      ...SOURCE_COLUMNS,
    ],
    rules: [
      {
        field: 'share',
        columns: ['share'],
        when: `try_cast(trim(share) as double) < 0 or try_cast(trim(share) as double) > 1 or not isfinite(try_cast(trim(share) as double))`,
        message: `'share must be a number between 0 and 1, got "' || trim(share) || '"'`,
      },
      {
        field: 'category',
        columns: ['dimension', 'category'],
        when: `trim(dimension) = 'origin' and trim(category) <> '' and not regexp_full_match(trim(category), '${ISO3_RE}')`,
        message: `'origin must be an upper-case ISO3 code (or UNK for an unknown residual), got "' || trim(category) || '"'`,
      },
      ...categoryRules,
      ...sourceRules(first, header),
    ],
    checks: (t) => [
      unknownWebsiteCheck(t),
      duplicateCheck(t, ['_host', 'trim(serves_iso3)', 'trim(period)', 'trim(dimension)', 'trim(category)'], `'category'`,
        `'duplicate ' || trim(t.dimension) || ' category ' || trim(t.category) || ' for ' || trim(t.domain) || ' (' || trim(t.serves_iso3) || ') ' || trim(t.period) || ', first given on {record:' || first_rec || '}'`, withHost(t)),
      // The same slack as compute.shareSumError: decimal shares rarely sum exactly in binary.
      `select first_rec as _rec, 'share' as field,
          trim(dim) || ' shares of ' || dom || ' (' || iso || ') ' || per || ' sum to ' || cast(round(total, 6) as varchar) || ', not 1 (tolerance ${tolerance}; PUENTE_SHARE_TOLERANCE)' as message
        from (select min(_rec) as first_rec, min(trim(domain)) as dom, trim(serves_iso3) as iso, trim(period) as per, trim(dimension) as dim,
                sum(try_cast(trim(share) as double)) as total
              from ${withHost(t)} group by _host, trim(serves_iso3), trim(period), trim(dimension))
        where abs(total - 1) > ${tolerance} + 1e-9`,
    ],
    fast: sourceUsable(first)
      ? partnerFast({
          by: ['period', 'dimension'],
          value: 'share',
          keyColumn: 'category',
          recordBroken: `case dimension when 'origin' then not regexp_full_match(category, '${ISO3_RE}') ${Object.entries(SHARE_CATEGORIES)
            .map(([dim, values]) => `when ${lit(dim)} then category not in (${values.map(lit).join(', ')})`)
            .join(' ')} end`,
          broken: [
            `not regexp_full_match(period, '${YEAR_OR_MONTH_RE}')`,
            `dimension not in (${SHARE_DIMENSIONS.map(lit).join(', ')})`,
            '_max > 1',
            `abs(_total - 1) > ${tolerance} + 1e-9`,
          ],
        })
      : undefined,
  };
};

export function makeSharesImporter(options: MarketplaceImporterOptions = {}): Importer {
  const none = { source: '', source_url: '', license: '', synthetic: '' };
  return {
    name: 'marketplaces/traffic-shares',
    module: MODULE,
    order: 33,
    signature: ['domain', 'serves_iso3', 'period', 'dimension', 'category', 'share'],
    spec: () => sharesSpec(none, () => false, toleranceOf(options)),
    write: async () => 0,
    async load(tx, file, meta) {
      const tolerance = toleranceOf(options, meta.config);
      const { spec, first, present } = await partnerFileSpec('shares', file, tolerance);
      const src = await partnerSource(tx, first, meta);
      return loadFile(
        tx,
        meta,
        file,
        spec,
        {
          table: 'traffic_shares',
          columns: ['website_id', 'period', 'dimension', 'category', 'share', 'synthetic', 'source_id'],
          select: `w.id, _stage.period, _stage.dimension, _stage.category, _stage.share, ${src.synthetic}, ${lit(src.id)}`,
          join: WEBSITE_JOIN,
          fast: { select: `${FAST_WEBSITE_ID}, _stage.period, _stage.dimension, _stage.category, _stage.share, ${src.synthetic}, ${fastSourceId(first, present, src.id)}` },
          conflict: { columns: ['website_id', 'period', 'dimension', 'category'], update: ['share', 'synthetic', 'source_id'] },
        },
        [websiteLookup],
      );
    },
  };
}

/**
 * The checks of one partner file (they depend on its header and on the source its first row
 * names), with the first row's source.
 */
async function partnerFileSpec(kind: 'visits' | 'shares', file: string, tolerance = toleranceOf({})): Promise<{ spec: CsvSpec; first: FileSource; present: (c: string) => boolean }> {
  const first = await firstSource(file);
  const cols = await columnsOf(file);
  const present = (c: string) => cols.includes(c);
  return { spec: kind === 'visits' ? visitsSpec(first, present) : sharesSpec(first, present, tolerance), first, present };
}

async function columnsOf(file: string): Promise<string[]> {
  const head = await readFileHeader(file);
  return 'header' in head ? head.header : [];
}

// ---------------------------------------------------------------------------------------------
// Open popularity lists

/** `.../<name>-YYYY-MM/<cc>.csv` -> country code and month, or an issue. */
export function cloudflarePath(file: string): { cc: string; month: string } | Issue {
  const cc = /^([a-z]{2})\.csv$/i.exec(basename(file))?.[1]?.toLowerCase();
  const month = /-(\d{4})-(0[1-9]|1[0-2])$/.exec(basename(dirname(file)));
  if (!cc) return { file, line: 0, field: null, message: 'a Cloudflare Radar top-100 file is named <cc>.csv (ISO alpha-2 country code)' };
  if (!month) return { file, line: 0, field: null, message: 'a Cloudflare Radar top-100 file sits in a folder named ...-YYYY-MM (the month of the snapshot)' };
  return { cc, month: `${month[1]}-${month[2]}` };
}

/**
 * Cloudflare Radar top-100 files as published by DNSet/cloudflare-radar-domains: `rank,domain,
 * categories`, CRLF line ends, and categories NOT quoted even when one holds commas (pe.csv:
 * "Politics, Advocacy, and Government-Related"). A strict CSV reader calls that line ragged, so each
 * line is read whole by DuckDB and split at its first two commas: the rest is the categories.
 */
export const cloudflareImporter: Importer = {
  name: 'marketplaces/cloudflare-radar',
  module: MODULE,
  order: 34,
  signature: ['rank', 'domain', 'categories'],
  spec: () => ({
    columns: [
      { name: 'rank', type: 'integer' },
      { name: 'domain', type: 'text' },
      { name: 'categories', type: 'text', required: false },
    ],
  }),
  write: async () => 0,
  async load(tx, file, meta) {
    const where = cloudflarePath(file);
    if ('message' in where) throw new ImportError([where]);
    const iso3 = (await iso3ByIso2(tx)).get(where.cc);
    if (!iso3) throw new ImportError([{ file, line: 0, field: null, message: `"${where.cc}" is not the alpha-2 code of one of the 36 FEALAC economies` }]);
    const rows = await withReader(async (r) => {
      await r.run(`create temp table _cf as
        select (row_number() over ()) + 1 as line, regexp_replace(l, '\r$', '') as l
        from read_csv(${lit(file)}, header=true, auto_detect=false, columns={'l': 'VARCHAR'}, delim=${lit('\u0001')}, quote='', escape='')`);
      return r.all(`select line, trim(split_part(l, ',', 1)) as rank, trim(split_part(l, ',', 2)) as domain,
          nullif(trim(substr(l, length(split_part(l, ',', 1)) + length(split_part(l, ',', 2)) + 3)), '') as categories
        from _cf where trim(coalesce(l, '')) <> '' order by line`);
    });
    const issues: Issue[] = [];
    const seen = new Map<string, number>();
    for (const r of rows) {
      const line = Number(r.line);
      if (!/^[1-9][0-9]*$/.test(String(r.rank))) issues.push({ file, line, field: 'rank', message: `"${r.rank}" is not a rank (1, 2, ...)` });
      else if (seen.has(String(r.rank))) issues.push({ file, line, field: 'rank', message: `duplicate rank ${r.rank}, first seen on line ${seen.get(String(r.rank))}` });
      else seen.set(String(r.rank), line);
      if (!r.domain) issues.push({ file, line, field: 'domain', message: 'value is required' });
    }
    if (!rows.length) issues.push({ file, line: 0, field: null, message: 'file has a header but no data rows' });
    if (issues.length) throw new ImportError(issues);
    const [sourceId] = (await upsertSources(tx, [{ ...CLOUDFLARE_SOURCE, retrieved_at: where.month, imported_at: meta.now, note: `imported from ${meta.file}` }])).values();
    // www.x and x are one origin: keep its best (smallest) rank.
    const byOrigin = new Map<string, PopularityRow>();
    for (const r of rows) {
      const origin = normaliseHost(String(r.domain));
      const rank = Number(r.rank);
      const prev = byOrigin.get(origin);
      if (prev && (prev.rank as number) <= rank) continue;
      byOrigin.set(origin, {
        list: 'cloudflare', country_iso3: iso3, month: where.month, origin, rank, bucket: null,
        categories: text(r.categories), website_id: null, marketplace_id: null, source_id: sourceId,
      });
    }
    await upsertPopularity(tx, [...byOrigin.values()]);
    await matchPopularity(tx, { list: 'cloudflare', country_iso3: iso3, month: where.month });
    return byOrigin.size;
  },
};

/** `.../<cc>/<YYYYMM>.csv[.gz]` -> country code and month, or null. */
export function cruxPath(file: string): { cc: string; month: string } | null {
  const m = /(?:^|[\\/])([a-z]{2})[\\/](\d{4})(0[1-9]|1[0-2])\.csv(\.gz)?$/i.exec(file);
  return m ? { cc: m[1].toLowerCase(), month: `${m[2]}-${m[3]}` } : null;
}

/**
 * CrUX country lists hold up to a million origins; only those matching a registry website are
 * kept (best bucket per host). A list of a country outside FEALAC is read as nothing (0 rows).
 */
export const cruxImporter: Importer = {
  name: 'marketplaces/crux',
  module: MODULE,
  order: 35,
  signature: ['origin', 'rank'],
  spec: () => cruxSpec,
  write: async () => 0,
  async load(tx, file, meta) {
    const where = cruxPath(file);
    if (!where) throw new ImportError([{ file, line: 0, field: null, message: 'a CrUX country list is named <cc>/<YYYYMM>.csv.gz (as in data/country/ of the CrUX top lists)' }]);
    const iso3 = (await iso3ByIso2(tx)).get(where.cc);
    if (!iso3) return 0;
    const hosts = await matchableHosts(tx);
    const matched = await withReader(async (r: SqlRunner) => {
      await r.run(`create temp table _hosts (host varchar)`);
      for (let i = 0; i < hosts.length; i += 500) {
        const values = hosts.slice(i, i + 500).map((h) => `(${lit(h)})`).join(', ');
        if (values) await r.run(`insert into _hosts values ${values}`);
      }
      const staged = await stageFile(r, file, cruxSpec, { table: '_crux' });
      if (staged.issues.length) throw new ImportError(staged.issues, staged.issueCount);
      return r.all(`select h.host, list(c.rank order by c.rank) as ranks
        from _crux c join _hosts h on h.host = ${hostSql('c.origin')} group by h.host order by h.host`);
    });
    const [sourceId] = (await upsertSources(tx, [{ ...CRUX_SOURCE, retrieved_at: where.month, imported_at: meta.now, note: `imported from ${meta.file}` }])).values();
    await upsertPopularity(
      tx,
      matched.map((m) => ({
        list: 'crux', country_iso3: iso3, month: where.month, origin: String(m.host), rank: null,
        bucket: bestBucket((m.ranks as unknown[]).map(Number)), categories: null, website_id: null, marketplace_id: null, source_id: sourceId,
      })),
    );
    await matchPopularity(tx, { list: 'crux', country_iso3: iso3, month: where.month });
    return matched.length;
  },
};

const cruxSpec: CsvSpec = {
  columns: [
    { name: 'origin', type: 'text' },
    { name: 'rank', type: 'integer', oneOf: { values: CRUX_BUCKETS.map(String), label: `CrUX rank bucket (${CRUX_BUCKETS.join(', ')})` } },
  ],
};

/** Every importer of the module; the share tolerance is the PUENTE_SHARE_TOLERANCE setting unless given. */
export function makeImporters(options: MarketplaceImporterOptions = {}): Importer[] {
  return [marketplacesImporter, websitesImporter, makeVisitsImporter(), makeSharesImporter(options), cloudflareImporter, cruxImporter];
}

export const importers: Importer[] = makeImporters();
