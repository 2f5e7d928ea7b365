import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, freshDatabase } from '../../../test/support/engines.js';
import type { Database } from '../../platform/db/index.js';
import { lit, withReader } from '../../platform/ingest/csv.js';
import { ImportError } from '../../platform/ingest/report.js';
import { runImport, type Importer } from '../../platform/ingest/run.js';
import { modules } from '../../modules.js';
import { cruxPath, importers as marketplaceImporters, makeImporters, normaliseHost } from './ingest.js';
import { rebuildMarketplaces } from './store/write.js';
import { loadConfig } from '../../platform/config.js';
import { BAD_PARTNER_FILES as BAD, GOOD_SHARES, GOOD_VISITS, SHARES_HEADER, SRC, VISITS_HEADER } from './test-fixtures.js';

// Real data is read in place from ../shared/data, never copied into the repository.
const SHARED = fileURLToPath(new URL('../../../../shared/data/marketplaces/', import.meta.url));
const REGISTRY = join(SHARED, 'registry');
const CLOUDFLARE = join(SHARED, 'cloudflare-radar-top100-2024-05');
const clock = () => new Date('2025-03-01T12:00:00Z');

// The other modules' importers (members, indicators, ...), then the marketplaces importers under test.
const base = modules.filter((m) => m.name !== 'marketplaces').flatMap((m) => m.importers ?? []);
function load(db: Database, paths: string[], importers: Importer[] = marketplaceImporters) {
  return runImport(db, [...base, ...importers], paths, { now: clock(), rebuild: (tx) => rebuildMarketplaces(tx) });
}

async function importError(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    return err as ImportError;
  }
  throw new Error('the import did not fail');
}

const tmp = mkdtempSync(join(tmpdir(), 'puente-marketplaces-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
function file(name: string, content: string | Buffer): string {
  const dir = join(tmp, `f${++n}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

async function snapshot(k: Kysely<any>) {
  const { rows } = await sql<Record<string, unknown>>`select
      (select count(*) from traffic_visits) as visits, (select coalesce(sum(visits), 0) from traffic_visits) as visits_sum,
      (select count(*) from traffic_shares) as shares, (select coalesce(sum(share), 0) from traffic_shares) as shares_sum,
      (select count(*) from traffic_flow_month) as rollup, (select count(*) from sources) as sources,
      (select count(*) from popularity) as popularity, (select count(*) from import_runs) as runs`.execute(k);
  return Object.fromEntries(Object.entries(rows[0]).map(([key, v]) => [key, Number(v)]));
}

describe('partner file paths and hosts', () => {
  it('normalises origins to hosts: scheme, www., port and trailing slash go', () => {
    expect(normaliseHost('https://www.MercadoLibre.com.ar/')).toBe('mercadolibre.com.ar');
    expect(normaliseHost('http://shopee.co.id:8080')).toBe('shopee.co.id');
    expect(normaliseHost('m.shopee.co.id')).toBe('m.shopee.co.id');
  });
  it('reads country and month from a CrUX path', () => {
    expect(cruxPath('/x/data/country/ar/202405.csv.gz')).toEqual({ cc: 'ar', month: '2024-05' });
    expect(cruxPath('/x/data/country/ar/202413.csv.gz')).toBeNull();
  });
});

describe.each(engines)('marketplace imports on %s', (engine) => {
  let db: Database;

  beforeAll(async () => {
    db = await freshDatabase(engine);
    for (const m of modules) await m.seed?.(db.kysely, { clock });
    await load(db, [REGISTRY, CLOUDFLARE]);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('imports the shared registry: 115 marketplaces, 298 websites', async () => {
    const s = await sql<Record<string, unknown>>`select
        (select count(*) from marketplaces) as m, (select count(*) from websites) as w,
        (select count(*) from websites where status = 'active') as active,
        (select count(*) from websites where status = 'closed') as closed,
        (select count(*) from websites where status = 'unknown') as unknown_status,
        (select count(*) from marketplaces where foreign_sellers = 'unknown') as fs_unknown,
        (select count(*) from marketplaces where foreign_sellers = 'yes') as fs_yes,
        (select count(*) from marketplaces where founded_year is null) as no_year,
        (select count(*) from marketplaces where hq_iso3 is null) as no_hq,
        (select count(*) from websites where domain_evidence = 'app-only') as app_only`.execute(db.kysely);
    expect(Object.fromEntries(Object.entries(s.rows[0]).map(([k, v]) => [k, Number(v)]))).toEqual({
      m: 115, w: 298, active: 235, closed: 27, unknown_status: 36, fs_unknown: 103, fs_yes: 10, no_year: 59, no_hq: 15, app_only: 40,
    });
  });

  it('keeps unknowns as null, not zero or empty text', async () => {
    const mudah = await db.kysely.selectFrom('marketplaces').selectAll().where('id', '=', '11street-my').executeTakeFirstOrThrow();
    expect(mudah.founded_year).toBeNull();
    expect(mudah.payment_services).toBeNull();
    expect(mudah.foreign_sellers).toBe('unknown');
    const w = await db.kysely.selectFrom('websites').selectAll().where('id', '=', '11street.co.th|THA').executeTakeFirstOrThrow();
    expect(w).toMatchObject({ marketplace_id: '11st', status: 'closed', launched_year: null, domain_evidence: 'inferred-pattern' });
    const src = await db.kysely.selectFrom('sources').selectAll().where('id', '=', w.source_id as string).executeTakeFirstOrThrow();
    expect(src.synthetic).toBe(false);
  });

  it('imports the Cloudflare Radar top-100 lists as ranks, matched to registry websites, with the CC BY-NC 4.0 licence', async () => {
    const rows = await db.kysely.selectFrom('popularity').selectAll().where('list', '=', 'cloudflare').execute();
    expect(rows).toHaveLength(3600);
    const amazonAr = rows.find((r) => r.country_iso3 === 'ARG' && r.origin === 'amazon.com')!;
    expect(amazonAr).toMatchObject({ month: '2024-05', rank: 57, bucket: null, website_id: 'amazon.com|ARG', marketplace_id: 'amazon' });
    // amazon.com is in the top-100 of 28 economies in the registry's own reading of these files.
    expect(new Set(rows.filter((r) => r.origin === 'amazon.com').map((r) => r.country_iso3)).size).toBe(28);
    // Unmatched origins are kept as ranks with no website.
    expect(rows.find((r) => r.country_iso3 === 'ARG' && r.origin === 'google.com')).toMatchObject({ rank: 1, website_id: null });
    // pe.csv line 79 has an unquoted comma inside its category: it stays one category.
    expect(rows.find((r) => r.country_iso3 === 'PER' && r.origin === 'sunat.gob.pe')?.categories).toBe('Politics, Advocacy, and Government-Related');
    const src = await db.kysely.selectFrom('sources').selectAll().where('id', '=', amazonAr.source_id as string).executeTakeFirstOrThrow();
    expect(src).toMatchObject({ publisher: 'Cloudflare Radar', license: 'CC BY-NC 4.0', synthetic: false });
  });

  it('never turns popularity into visits', async () => {
    expect(await snapshot(db.kysely)).toMatchObject({ visits: 0, shares: 0, rollup: 0 });
  });

  it('imports CrUX country lists (.csv.gz): registry origins only, best bucket per host, never visits', async () => {
    const crux = file(
      'data/country/ar/202405.csv.gz',
      gzipSync('origin,rank\nhttps://www.google.com,1000\nhttps://www.mercadolibre.com.ar,5000\nhttps://mercadolibre.com.ar,1000\nhttp://amazon.com,50000\nhttps://example.org,1000\n'),
    );
    const outside = join(crux, '../../us/202405.csv.gz');
    mkdirSync(join(outside, '..'), { recursive: true });
    writeFileSync(outside, gzipSync('origin,rank\nhttps://amazon.com,1000\n'));
    const report = await load(db, [join(crux, '../../..')]);
    expect(report.files.map((f) => [f.importer, f.rows])).toEqual([
      ['marketplaces/crux', 2],
      ['marketplaces/crux', 0],
    ]);
    const rows = await db.kysely.selectFrom('popularity').select(['origin', 'bucket', 'rank', 'website_id', 'month']).where('list', '=', 'crux').orderBy('origin').execute();
    expect(rows).toEqual([
      { origin: 'amazon.com', bucket: 50000, rank: null, website_id: 'amazon.com|ARG', month: '2024-05' },
      { origin: 'mercadolibre.com.ar', bucket: 1000, rank: null, website_id: 'mercadolibre.com.ar|ARG', month: '2024-05' },
    ]);
    expect(await snapshot(db.kysely)).toMatchObject({ visits: 0, rollup: 0 });
  });

  it('a CrUX rank that is not a bucket names its line and field', async () => {
    const bad = file('data/country/cl/202405.csv.gz', gzipSync('origin,rank\nhttps://falabella.com,1000\nhttps://ripley.cl,2000\n'));
    const err = await importError(load(db, [bad]));
    expect(err.issues).toEqual([{ file: bad, line: 3, field: 'rank', message: expect.stringMatching(/unknown CrUX rank bucket .*"2000"/) }]);
  });

  it('imports good partner files (visits and shares) and rebuilds the rollup', async () => {
    const dir = join(tmp, `good-${engine}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'visits.csv'), GOOD_VISITS);
    writeFileSync(join(dir, 'shares.csv'), GOOD_SHARES);
    const report = await load(db, [dir]);
    expect(report.files.map((f) => [f.importer, f.rows])).toEqual([
      ['marketplaces/traffic-visits', 3],
      ['marketplaces/traffic-shares', 7],
    ]);
    const visits = await db.kysely.selectFrom('traffic_visits').selectAll().orderBy('website_id').orderBy('month').execute();
    expect(visits.map((v) => [v.website_id, v.month, v.visits, v.synthetic])).toEqual([
      ['amazon.com|ARG', '2024-01', 500, false],
      ['mercadolibre.com.ar|ARG', '2024-01', 1000, false],
      ['mercadolibre.com.ar|ARG', '2024-02', 1200, false],
    ]);
    const src = await db.kysely.selectFrom('sources').selectAll().where('id', '=', visits[0].source_id as string).executeTakeFirstOrThrow();
    expect(src).toMatchObject({ publisher: 'Test panel', url: 'https://example.org/panel', license: 'Partner licence', synthetic: false });
    const s = await snapshot(db.kysely);
    expect(s.visits).toBe(3);
    expect(s.shares).toBe(7);
    // amazon 1 (UNK) + mercadolibre Jan: annual 3 origins + Feb: monthly 2 origins.
    expect(s.rollup).toBe(6);
  });

  describe('bad partner files: line-level issues, nothing written', () => {
    it.each(BAD)('$name', async (c) => {
      const before = await snapshot(db.kysely);
      // A good file beside the bad one: all-or-nothing means it is not written either.
      const dir = join(tmp, `bad-${engine}-${++n}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'a-good.csv'), `${VISITS_HEADER}\nmercadolibre.com.ar,ARG,2030-01,77,${SRC}\n`);
      const bad = join(dir, `b-${c.file}`);
      writeFileSync(bad, c.content);
      const err = await importError(load(db, [dir]));
      expect(err.issues.length).toBeGreaterThan(0);
      expect(err.issues[0]).toEqual({ file: bad, line: c.line, field: c.field, message: expect.stringMatching(c.message) });
      expect(await snapshot(db.kysely)).toEqual(before);
    });

    it('the share tolerance is a setting: 0.9 passes with tolerance 0.1', async () => {
      const f = file('s.csv', `${SHARES_HEADER}\nmercadolibre.com.ar,ARG,2022,origin,ARG,0.8,${SRC}\nmercadolibre.com.ar,ARG,2022,origin,URY,0.1,${SRC}\n`);
      await importError(load(db, [f], makeImporters({ shareTolerance: 0.05 })));
      const report = await load(db, [f], makeImporters({ shareTolerance: 0.1 }));
      expect(report.files[0].rows).toBe(2);
    });

    it('PUENTE_SHARE_TOLERANCE reaches the importer through the import\'s settings', async () => {
      const f = file('s2.csv', `${SHARES_HEADER}\nmercadolibre.com.ar,ARG,2023,origin,ARG,0.8,${SRC}\nmercadolibre.com.ar,ARG,2023,origin,URY,0.1,${SRC}\n`);
      const withTolerance = (t: string) =>
        runImport(db, [...base, ...marketplaceImporters], [f], {
          now: clock(),
          config: loadConfig({ PUENTE_SHARE_TOLERANCE: t }),
          rebuild: (tx) => rebuildMarketplaces(tx),
        });
      await importError(withTolerance('0.05'));
      expect((await withTolerance('0.1')).files[0].rows).toBe(2);
    });
  });

  it('accepts a Parquet partner file', async () => {
    const csv = file('v.csv', `${VISITS_HEADER}\nlazada.co.th,THA,2024-05,4321.5,${SRC}\nlazada.co.th,THA,2024-06,5000,${SRC}\n`);
    const pq = csv.replace(/\.csv$/, '.parquet');
    await withReader((r) => r.run(`copy (select * replace (cast(visits as double) as visits) from read_csv(${lit(csv)}, all_varchar=true)) to ${lit(pq)} (format parquet)`));
    rmSync(csv);
    const report = await load(db, [join(pq, '..')]);
    expect(report.files).toEqual([{ file: pq, importer: 'marketplaces/traffic-visits', rows: 2 }]);
    const rows = await db.kysely.selectFrom('traffic_visits').select(['month', 'visits']).where('website_id', '=', 'lazada.co.th|THA').orderBy('month').execute();
    expect(rows).toEqual([{ month: '2024-05', visits: 4321.5 }, { month: '2024-06', visits: 5000 }]);
  });

  it('a bad Parquet partner file names the row and field', async () => {
    const csv = file('v.csv', `${VISITS_HEADER}\nlazada.co.th,THA,2024-07,1,${SRC}\nlazada.co.th,THA,2024-08,-1,${SRC}\n`);
    const pq = csv.replace(/\.csv$/, '.parquet');
    await withReader((r) => r.run(`copy (select * from read_csv(${lit(csv)}, all_varchar=true)) to ${lit(pq)} (format parquet)`));
    const before = await snapshot(db.kysely);
    const err = await importError(load(db, [pq]));
    expect(err.issues).toEqual([{ file: pq, line: 2, field: 'visits', message: expect.stringMatching(/got "-1"/) }]);
    expect(await snapshot(db.kysely)).toEqual(before);
  });

  it('websites pointing to an unknown marketplace stop the import', async () => {
    const f = file('websites.csv', 'marketplace_id,domain,serves_iso3,launched_year,status,source_url,domain_evidence\namazon,amazon.com.mx,MEX,,active,,source\nno-such-brand,nosuch.pe,PER,,active,,source\n');
    const err = await importError(load(db, [f]));
    expect(err.issues).toEqual([{ file: f, line: 3, field: 'marketplace_id', message: expect.stringMatching(/unknown marketplace "no-such-brand"/) }]);
  });
});
