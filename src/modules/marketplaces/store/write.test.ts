import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, freshDatabase } from '../../../../test/support/engines.js';
import type { Database, Engine } from '../../../platform/db/index.js';
import { runImport } from '../../../platform/ingest/run.js';
import { modules } from '../../../modules.js';
import { flowClass, type Region } from '../compute.js';
import { generateDemo } from '../demo.js';
import { importers } from '../ingest.js';
import { marketplaceStats, rebuildMarketplaces, rebuildTrafficRollup } from './write.js';

const REGISTRY = fileURLToPath(new URL('../../../../../shared/data/marketplaces/registry/', import.meta.url));
const clock = () => new Date('2025-03-01T12:00:00Z');
const base = modules.filter((m) => m.name !== 'marketplaces').flatMap((m) => m.importers ?? []);
const tmp = mkdtempSync(join(tmpdir(), 'puente-mk-write-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function withRegistry(engine: Engine): Promise<Database> {
  const db = await freshDatabase(engine);
  for (const m of modules) await m.seed?.(db.kysely, { clock });
  await runImport(db, [...base, ...importers], [REGISTRY], { now: clock(), rebuild: (tx) => rebuildMarketplaces(tx) });
  return db;
}

const SRC = 'Test panel,,Partner licence,false';

async function rollup(k: Kysely<any>) {
  return k.selectFrom('traffic_origin_month').selectAll().orderBy('website_id').orderBy('month').orderBy('origin_iso3').execute();
}

async function regions(k: Kysely<any>): Promise<Map<string, Region>> {
  const rows = await k.selectFrom('countries').select(['iso3', 'fealac_region']).execute();
  return new Map(rows.map((r) => [r.iso3 as string, r.fealac_region as Region]));
}

describe.each(engines)('traffic rollup on %s', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await withRegistry(engine);
    const dir = join(tmp, `case-${engine}`);
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'visits.csv'),
      'domain,serves_iso3,month,visits,source,source_url,license,synthetic\n' +
        `mercadolibre.com.ar,ARG,2024-01,1000,${SRC}\nmercadolibre.com.ar,ARG,2024-02,2000,${SRC}\n` +
        `lazada.co.th,THA,2024-01,300,${SRC}\nshopee.com.br,BRA,2024-01,90,${SRC}\n`,
    );
    writeFileSync(
      join(dir, 'shares.csv'),
      'domain,serves_iso3,period,dimension,category,share,source,source_url,license,synthetic\n' +
        // Annual shares for ARG in 2024 (sum 0.995, within tolerance), monthly shares for February.
        `mercadolibre.com.ar,ARG,2024,origin,ARG,0.795,${SRC}\nmercadolibre.com.ar,ARG,2024,origin,CHN,0.1,${SRC}\nmercadolibre.com.ar,ARG,2024,origin,USA,0.1,${SRC}\n` +
        `mercadolibre.com.ar,ARG,2024-02,origin,ARG,0.5,${SRC}\nmercadolibre.com.ar,ARG,2024-02,origin,URY,0.5,${SRC}\n` +
        // A partner's unknown residual (UNK) stays unattributed; VNM -> THA is intra-East-Asia.
        `lazada.co.th,THA,2024,origin,THA,0.6,${SRC}\nlazada.co.th,THA,2024,origin,VNM,0.2,${SRC}\nlazada.co.th,THA,2024,origin,UNK,0.2,${SRC}\n` +
        // Sex shares are not origin shares: shopee.com.br has no origin shares and stays whole as UNK.
        `shopee.com.br,BRA,2024,sex,female,0.5,${SRC}\nshopee.com.br,BRA,2024,sex,male,0.5,${SRC}\n`,
    );
    await runImport(db, [...base, ...importers], [dir], { now: clock(), rebuild: (tx) => rebuildMarketplaces(tx) });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('splits visits by the monthly shares, else the annual ones (renormalised), else keeps them whole as UNK', async () => {
    const rows = (await rollup(db.kysely)).map((r) => [r.website_id, r.month, r.origin_iso3, r.flow_class, Math.round((r.visits as number) * 1000) / 1000]);
    expect(rows).toEqual([
      ['lazada.co.th|THA', '2024-01', 'THA', 'domestic', 180],
      ['lazada.co.th|THA', '2024-01', 'UNK', 'unattributed', 60],
      ['lazada.co.th|THA', '2024-01', 'VNM', 'intra-east-asia', 60],
      ['mercadolibre.com.ar|ARG', '2024-01', 'ARG', 'domestic', Math.round((1000 * 0.795 / 0.995) * 1000) / 1000],
      ['mercadolibre.com.ar|ARG', '2024-01', 'CHN', 'bi-regional', Math.round((1000 * 0.1 / 0.995) * 1000) / 1000],
      ['mercadolibre.com.ar|ARG', '2024-01', 'USA', 'extra-fealac', Math.round((1000 * 0.1 / 0.995) * 1000) / 1000],
      ['mercadolibre.com.ar|ARG', '2024-02', 'ARG', 'domestic', 1000],
      ['mercadolibre.com.ar|ARG', '2024-02', 'URY', 'intra-latin-america', 1000],
      ['shopee.com.br|BRA', '2024-01', 'UNK', 'unattributed', 90],
    ]);
  });

  it('rollup totals equal visits totals, per website and month', async () => {
    const { rows } = await sql<{ website_id: string; month: string; v: number; r: number }>`
      select t.website_id, t.month, t.visits as v, (select sum(o.visits) from traffic_origin_month o where o.website_id = t.website_id and o.month = t.month) as r
      from traffic_visits t order by 1, 2`.execute(db.kysely);
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(Number(r.r)).toBeCloseTo(Number(r.v), 6);
  });

  it('carries marketplace and destination from the registry', async () => {
    const r = (await rollup(db.kysely)).find((x) => x.origin_iso3 === 'URY')!;
    expect(r).toMatchObject({ marketplace_id: 'mercadolibre', dest_iso3: 'ARG', synthetic: false });
  });

  it('counts for /api/-/health', async () => {
    expect(await marketplaceStats(db.kysely)).toEqual({ marketplaces: 115, websites: 298, traffic_rows: 14, synthetic_traffic_rows: 0, popularity_rows: 0 });
  });
});

// The demo at a small scale, once per engine: the rollup must come out the same on both.
// Keys compared exactly; visits within 1e-9 relative (the engines sum shares in different orders).
const demoDigest: Partial<Record<Engine, { key: string; visits: number }[]>> = {};
function sameRows(a: { key: string; visits: number }[], b: { key: string; visits: number }[]) {
  expect(b.map((r) => r.key)).toEqual(a.map((r) => r.key));
  const off = a.filter((r, i) => Math.abs(r.visits - b[i].visits) > 1e-9 * Math.max(1, Math.abs(r.visits)));
  expect(off).toEqual([]);
}

describe.each(engines)('demo rollup on %s', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await withRegistry(engine);
    await generateDemo({ db, clock }, { scale: 1, seed: 7, from: '2023-06', to: '2024-01' });
  }, 300_000);
  afterAll(async () => {
    await db?.close();
  });

  it('flow classes agree with compute.flowClass for every row', async () => {
    const regionOf = await regions(db.kysely);
    const rows = await db.kysely.selectFrom('traffic_origin_month').select(['origin_iso3', 'dest_iso3', 'flow_class']).distinct().execute();
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) expect(r.flow_class).toBe(flowClass(r.origin_iso3 as string, r.dest_iso3 as string, (c) => regionOf.get(c)));
    expect(new Set(rows.map((r) => r.flow_class))).toEqual(new Set(['domestic', 'intra-east-asia', 'intra-latin-america', 'bi-regional', 'extra-fealac']));
  });

  it('rollup totals equal visits totals and every row is synthetic', async () => {
    const { rows } = await sql<Record<string, unknown>>`select
        (select sum(visits) from traffic_visits) as v, (select sum(visits) from traffic_origin_month) as r,
        (select count(*) from traffic_origin_month where not synthetic) as real_rows,
        (select count(*) from traffic_visits where not synthetic) as real_visits`.execute(db.kysely);
    expect(Number(rows[0].r)).toBeCloseTo(Number(rows[0].v), 0);
    expect(Number(rows[0].v)).toBeGreaterThan(0);
    expect(Number(rows[0].real_rows)).toBe(0);
    expect(Number(rows[0].real_visits)).toBe(0);
  });

  it('rebuilding again gives the same rows (idempotent)', async () => {
    const before = await rollup(db.kysely);
    await db.kysely.transaction().execute((tx) => rebuildTrafficRollup(tx));
    expect(await rollup(db.kysely)).toEqual(before);
  });

  it('gives the same rollup on both engines for the same seed', async () => {
    const rows = await rollup(db.kysely);
    demoDigest[engine] = rows.map((r) => ({ key: `${r.website_id}|${r.month}|${r.origin_iso3}|${r.flow_class}|${r.synthetic}`, visits: r.visits as number }));
    expect(demoDigest[engine]!.length).toBeGreaterThan(1000);
    const other = demoDigest[engine === 'duckdb' ? 'postgres' : 'duckdb'];
    // The second engine to run compares with the first.
    if (other) sameRows(other, demoDigest[engine]!);
  });
});

describe('demo rollup on both engines', () => {
  it('DuckDB and PostgreSQL produced the same rollup rows for seed 7', () => {
    expect(demoDigest.duckdb?.length).toBeGreaterThan(1000);
    expect(demoDigest.postgres).toBeDefined();
    sameRows(demoDigest.duckdb!, demoDigest.postgres!);
  });
});
