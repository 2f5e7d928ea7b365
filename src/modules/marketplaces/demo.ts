// `puente demo marketplaces`: deterministic synthetic traffic for the registry, labelled synthetic
// everywhere (source record synthetic=true, every traffic row synthetic=true, a `synthetic` column
// in every file). It writes partner-format files and loads them through the same importers as
// partner data, so the demo also exercises (and benchmarks) the real import path.
//
// Scale: N = the registry's web websites (app-only rows have no web visits) plus N−1 synthetic
// variants of each (domain `d<k>.<domain>`, listed in demo-websites.csv with synthetic=true).
// Rows therefore grow linearly with N: per website and year, 12 visits rows, 12 × (number of
// origins, 5–9) monthly origin-share rows and 10 annual sex/age/device share rows — about 106
// rows per website-year, i.e. ~27 k rows per N per year for the 258 web websites.
//
// Magnitudes follow each economy's online population (population SP.POP.TOTL × internet users
// IT.NET.USER.ZS / 100, latest values loaded): a website's monthly visits are its online population
// times a drawn intensity (0.002-0.18 visits per internet user, ×3 for the registry's own domain),
// so China's marketplaces are not the size of Uruguay's. An economy without both values takes the
// median online population of those with them; with none loaded, every economy takes
// FALLBACK_ONLINE (10 million) and the result says so (`fallback`).
//
// Same seed, same options, same registry, same indicator values -> byte-identical files: every random draw comes from a
// PRNG seeded by (seed, website id, what), never from the clock or iteration order.
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../platform/http/errors.js';
import { lit, withReader } from '../../platform/ingest/csv.js';
import { runImport, type ImportReport } from '../../platform/ingest/run.js';
import type { AppContext } from '../../platform/module.js';
import { latestValues } from '../indicators/index.js';
import { importers, SHARE_CATEGORIES, SYNTHETIC_SOURCE } from './ingest.js';
import { rebuildMarketplaces } from './store/write.js';

export interface DemoOptions {
  /** Multiplier of the rows (see the header comment); an integer >= 1. */
  scale: number;
  seed: number;
  /** First and last month, YYYY-MM. */
  from: string;
  to: string;
  /** Where to write the files (kept); default a temporary folder, removed after loading. */
  dir?: string;
  /** csv (default), parquet (via DuckDB COPY), or both. */
  format?: 'csv' | 'parquet' | 'both';
  /** Load the files through the importers (default true). */
  load?: boolean;
}

export interface DemoResult {
  dir: string | null;
  files: string[];
  websites: number;
  visitsRows: number;
  shareRows: number;
  report: ImportReport | null;
  /** Economies whose online population is not from their own indicator values (see the header). */
  fallback: string[];
}

interface Site {
  marketplace_id: string;
  domain: string;
  serves_iso3: string;
  variant: number;
}

const EXTRA_FEALAC = ['USA', 'ESP', 'CAN', 'GBR', 'DEU', 'FRA', 'IND', 'ITA'];
const SEASON = [1.0, 0.9, 0.96, 0.95, 1.0, 0.97, 1.02, 1.0, 0.96, 1.03, 1.28, 1.38];
const AGE_WEIGHTS = [0.19, 0.3, 0.22, 0.14, 0.09, 0.06];
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Internet users assumed for an economy when no population or internet-use value is loaded. */
export const FALLBACK_ONLINE = 10_000_000;
const SOURCE_COLS = `${SYNTHETIC_SOURCE.publisher},,${SYNTHETIC_SOURCE.license},true`;

/** FNV-1a of a string: a stable seed for one (seed, key) stream. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, and identical on every platform. */
export function prng(seed: number, key: string): () => number {
  let a = (hash(`${seed}|${key}`) ^ seed) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, from: T[], n: number): T[] {
  const pool = [...from];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0]);
  return out;
}

/** Shares in millionths that sum to exactly 1 000 000 (the rounding residual goes to the largest). */
function toMicro(weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const units = weights.map((w) => Math.round((w / total) * 1e6));
  const big = units.indexOf(Math.max(...units));
  units[big] += 1e6 - units.reduce((s, u) => s + u, 0);
  return units;
}

const micro = (u: number) => (u / 1e6).toFixed(6);

function monthsBetween(from: string, to: string): string[] {
  const a = MONTH.exec(from);
  const b = MONTH.exec(to);
  if (!a || !b) throw new RangeError(`from and to must be YYYY-MM, got ${from}..${to}`);
  const out: string[] = [];
  for (let y = Number(a[1]), m = Number(a[2]); y < Number(b[1]) || (y === Number(b[1]) && m <= Number(b[2])); m === 12 ? (y++, (m = 1)) : m++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  if (!out.length) throw new RangeError(`from (${from}) is after to (${to})`);
  return out;
}

/** Buffered writer: large files without holding them in memory. */
function writer(path: string, header: string) {
  const fd = openSync(path, 'w');
  let buf: string[] = [header];
  let size = header.length;
  const flush = () => {
    writeSync(fd, buf.join('\n') + '\n');
    buf = [];
    size = 0;
  };
  return {
    line(l: string) {
      buf.push(l);
      size += l.length;
      if (size > 1 << 20) flush();
    },
    close() {
      if (buf.length) flush();
      closeSync(fd);
    },
  };
}

/**
 * Writes the demo files for these websites into `dir`; returns their paths and row counts.
 * Pure in its inputs: the same sites, regions and options give the same bytes.
 */
export function writeDemoCsv(sites: Site[], regions: Map<string, string>, opts: Pick<DemoOptions, 'seed' | 'from' | 'to'>, dir: string, online: Map<string, number> = new Map()) {
  const months = monthsBetween(opts.from, opts.to);
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  const firstYear = Number(years[0]);
  const members = [...regions.keys()].sort();
  const files: string[] = [];

  const variants = sites.filter((s) => s.variant > 1);
  if (variants.length) {
    const path = join(dir, 'demo-websites.csv');
    const w = writer(path, 'marketplace_id,domain,serves_iso3,launched_year,status,source_url,domain_evidence,synthetic');
    for (const s of variants) w.line(`${s.marketplace_id},${s.domain},${s.serves_iso3},,active,,,true`);
    w.close();
    files.push(path);
  }

  const visitsPath = join(dir, 'traffic-visits.csv');
  const sharesPath = join(dir, 'traffic-shares.csv');
  const visits = writer(visitsPath, 'domain,serves_iso3,month,visits,source,source_url,license,synthetic');
  const shares = writer(sharesPath, 'domain,serves_iso3,period,dimension,category,share,source,source_url,license,synthetic');
  let visitsRows = 0;
  let shareRows = 0;

  for (const s of sites) {
    const key = `${s.domain}|${s.serves_iso3}`;
    const rnd = prng(opts.seed, key);
    const region = regions.get(s.serves_iso3)!;
    const sameRegion = members.filter((c) => c !== s.serves_iso3 && regions.get(c) === region);
    const otherRegion = members.filter((c) => regions.get(c) !== region);

    // A domestic-heavy mix: neighbours take most of the rest, then bi-regional and extra-FEALAC.
    const domestic = 0.55 + 0.35 * rnd();
    const neighbours = pick(rnd, sameRegion, 2 + Math.floor(rnd() * 3));
    const biRegional = pick(rnd, otherRegion, 1 + Math.floor(rnd() * 2));
    const extra = pick(rnd, EXTRA_FEALAC, 1 + Math.floor(rnd() * 2));
    const rest = 1 - domestic;
    const split = (codes: string[], part: number) => {
      const w = codes.map(() => 0.2 + rnd());
      const t = w.reduce((a, b) => a + b, 0);
      return codes.map((c, i) => [c, (part * w[i]) / t] as [string, number]);
    };
    const mix: [string, number][] = [
      [s.serves_iso3, domestic],
      ...split(neighbours, rest * 0.55),
      ...split(biRegional, rest * 0.15),
      ...split(extra, rest * 0.3),
    ];

    // Visits per internet user and month: 0.002-0.18 (log-uniform), the registry domain ×3.
    const intensity = Math.exp(Math.log(0.002) + 4.5 * rnd()) * (s.variant === 1 ? 3 : 1);
    const base = (online.get(s.serves_iso3) ?? FALLBACK_ONLINE) * intensity;
    const growth = -0.05 + 0.4 * rnd();
    for (const month of months) {
      const y = Number(month.slice(0, 4)) - firstYear;
      const m = Number(month.slice(5, 7));
      const level = base * Math.pow(1 + growth, y + (m - 1) / 12) * SEASON[m - 1] * (0.94 + 0.12 * rnd());
      visits.line(`${s.domain},${s.serves_iso3},${month},${Math.round(level)},${SOURCE_COLS}`);
      visitsRows++;
      const units = toMicro(mix.map(([, share]) => share * (0.9 + 0.2 * rnd())));
      mix.forEach(([origin], i) => shares.line(`${s.domain},${s.serves_iso3},${month},origin,${origin},${micro(units[i])},${SOURCE_COLS}`));
      shareRows += mix.length;
    }
    for (const year of years) {
      const female = 0.38 + 0.24 * rnd();
      const mobile = 0.55 + 0.3 * rnd();
      const groups: [string, readonly string[], number[]][] = [
        ['sex', SHARE_CATEGORIES.sex, [female, 1 - female]],
        ['age', SHARE_CATEGORIES.age, AGE_WEIGHTS.map((w) => w * (0.8 + 0.4 * rnd()))],
        ['device', SHARE_CATEGORIES.device, [1 - mobile, mobile]],
      ];
      for (const [dim, cats, weights] of groups) {
        const units = toMicro(weights);
        cats.forEach((c, i) => shares.line(`${s.domain},${s.serves_iso3},${year},${dim},${c},${micro(units[i])},${SOURCE_COLS}`));
        shareRows += cats.length;
      }
    }
  }
  visits.close();
  shares.close();
  files.push(visitsPath, sharesPath);
  return { files, visitsRows, shareRows };
}

/** The registry's web websites and their variants, in a stable order. */
async function demoSites(ctx: Pick<AppContext, 'db'>, scale: number): Promise<{ sites: Site[]; regions: Map<string, string> }> {
  const rows = await ctx.db.kysely
    .selectFrom('websites')
    .innerJoin('sources', 'sources.id', 'websites.source_id')
    .select(['websites.marketplace_id', 'websites.domain', 'websites.serves_iso3'])
    .where('sources.synthetic', '=', false)
    .where('websites.domain', 'not like', 'app:%')
    .orderBy('websites.id')
    .execute();
  // A missing precondition, not a bug: a 409 through the admin API, a plain message on the CLI.
  if (!rows.length) throw new ApiError(409, 'The registry has no websites: import it first (`npx puente import ../shared/data/marketplaces/registry`)');
  const countries = await ctx.db.kysely.selectFrom('countries').select(['iso3', 'fealac_region']).execute();
  const regions = new Map(countries.map((c) => [String(c.iso3), String(c.fealac_region)]));
  const sites: Site[] = [];
  for (const r of rows) {
    for (let k = 1; k <= scale; k++) {
      sites.push({ marketplace_id: String(r.marketplace_id), domain: k === 1 ? String(r.domain) : `d${k}.${r.domain}`, serves_iso3: String(r.serves_iso3), variant: k });
    }
  }
  return { sites, regions };
}

/**
 * Internet users per economy: population × internet users (% of population) / 100, each its
 * latest loaded value. Economies without both take the median of the others (FALLBACK_ONLINE when
 * no economy has both), listed in `fallback`.
 */
export async function onlinePopulation(ctx: Pick<AppContext, 'db'>, economies: string[]): Promise<{ online: Map<string, number>; fallback: string[] }> {
  const [pop, net] = await Promise.all([latestValues(ctx.db.kysely, 'SP.POP.TOTL', { countries: economies }), latestValues(ctx.db.kysely, 'IT.NET.USER.ZS', { countries: economies })]);
  const share = new Map(net.map((r) => [String(r.iso3), r.value === null || r.value === undefined ? null : Number(r.value)]));
  const known = new Map<string, number>();
  for (const r of pop) {
    const p = r.value === null || r.value === undefined ? null : Number(r.value);
    const s = share.get(String(r.iso3));
    if (p !== null && s !== null && s !== undefined && Number.isFinite(p * s) && p > 0 && s > 0) known.set(String(r.iso3), (p * s) / 100);
  }
  const sorted = [...known.values()].sort((a, b) => a - b);
  const median = sorted.length ? (sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2) : FALLBACK_ONLINE;
  const fallback = economies.filter((e) => !known.has(e)).sort();
  return { online: new Map(economies.map((e) => [e, known.get(e) ?? median])), fallback };
}

async function toParquet(csv: string, parquet: string, types: Record<string, string>): Promise<void> {
  await withReader(async (r) => {
    const columns = `{${Object.entries(types).map(([c, t]) => `${lit(c)}: ${lit(t)}`).join(', ')}}`;
    await r.run(`copy (select * from read_csv(${lit(csv)}, header=true, auto_detect=false, columns=${columns})) to ${lit(parquet)} (format parquet, compression zstd)`);
  });
}

const VISITS_TYPES = { domain: 'VARCHAR', serves_iso3: 'VARCHAR', month: 'VARCHAR', visits: 'DOUBLE', source: 'VARCHAR', source_url: 'VARCHAR', license: 'VARCHAR', synthetic: 'VARCHAR' };
const SHARES_TYPES = { domain: 'VARCHAR', serves_iso3: 'VARCHAR', period: 'VARCHAR', dimension: 'VARCHAR', category: 'VARCHAR', share: 'DOUBLE', source: 'VARCHAR', source_url: 'VARCHAR', license: 'VARCHAR', synthetic: 'VARCHAR' };

export async function generateDemo(ctx: Pick<AppContext, 'db' | 'clock'> & Partial<Pick<AppContext, 'config'>>, options: DemoOptions): Promise<DemoResult> {
  const { scale, seed } = options;
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`scale must be an integer >= 1, got ${scale}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const format = options.format ?? 'csv';
  const load = options.load ?? true;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'puente-demo-'));
  mkdirSync(dir, { recursive: true });
  try {
    const { sites, regions } = await demoSites(ctx, scale);
    const { online, fallback } = await onlinePopulation(ctx, [...regions.keys()].sort());
    const written = writeDemoCsv(sites, regions, options, dir, online);
    let files = written.files;
    if (format !== 'csv') {
      const [visitsCsv, sharesCsv] = files.slice(-2);
      const visitsPq = visitsCsv.replace(/\.csv$/, '.parquet');
      const sharesPq = sharesCsv.replace(/\.csv$/, '.parquet');
      await toParquet(visitsCsv, visitsPq, VISITS_TYPES);
      await toParquet(sharesCsv, sharesPq, SHARES_TYPES);
      if (format === 'parquet') {
        rmSync(visitsCsv);
        rmSync(sharesCsv);
        files = [...files.slice(0, -2), visitsPq, sharesPq];
      } else files = [...files, visitsPq, sharesPq];
    }
    let report: ImportReport | null = null;
    if (load) {
      // With both formats written, one copy is loaded (the Parquet one).
      const toLoad = format === 'both' ? files.filter((f) => !/traffic-(visits|shares)\.csv$/.test(f)) : files;
      report = await runImport(ctx.db, importers, toLoad, { now: ctx.clock(), config: ctx.config, rebuild: (tx) => rebuildMarketplaces(tx) });
    }
    return { dir: options.dir ? dir : null, files: options.dir ? files : [], websites: sites.length, visitsRows: written.visitsRows, shareRows: written.shareRows, report, fallback };
  } finally {
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
  }
}
