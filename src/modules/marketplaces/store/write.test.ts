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
import { totalsBy } from './read.js';
import { marketplaceStats, rebuildMarketplaces, rebuildTrafficRollup, trafficSplit } from './write.js';

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

/** The visits split per website × origin × month (what a profile's per-website totals read). */
async function split(k: Kysely<any>) {
  return (await sql<Record<string, any>>`select * from (${trafficSplit()}) x order by website_id, month, origin_iso3`.execute(k)).rows;
}

/** The rollup the dashboards read. */
async function flows(k: Kysely<any>) {
  return k
    .selectFrom('traffic_flow_month')
    .selectAll()
    .orderBy('marketplace_id')
    .orderBy('dest_iso3')
    .orderBy('month')
    .orderBy('origin_iso3')
    .orderBy('flow_class')
    .orderBy('source_id')
    .execute();
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
    const rows = (await split(db.kysely)).map((r) => [r.website_id, r.month, r.origin_iso3, r.flow_class, Math.round((r.visits as number) * 1000) / 1000]);
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

  it('split totals equal visits totals, per website and month', async () => {
    const { rows } = await sql<{ website_id: string; month: string; v: number; r: number }>`
      select t.website_id, t.month, t.visits as v, o.r
      from traffic_visits t
      left join (select website_id, month, sum(visits) as r from (${trafficSplit()}) x group by website_id, month) o
        on o.website_id = t.website_id and o.month = t.month
      order by 1, 2`.execute(db.kysely);
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(Number(r.r)).toBeCloseTo(Number(r.v), 6);
  });

  it('traffic_flow_month is the split summed over websites, per marketplace, economy, origin and month', async () => {
    const rows = (await flows(db.kysely)).map((r) => [r.marketplace_id, r.dest_iso3, r.origin_iso3, r.flow_class, r.month, r.source_id, Math.round((r.visits as number) * 1000) / 1000, r.synthetic]);
    const sums = new Map<string, (string | number | boolean)[]>();
    for (const x of await split(db.kysely)) {
      const key = [x.marketplace_id, x.dest_iso3, x.origin_iso3, x.flow_class, x.month, x.source_id].join('|');
      const cur = sums.get(key) ?? [x.marketplace_id, x.dest_iso3, x.origin_iso3, x.flow_class, x.month, x.source_id, 0, false];
      cur[6] = (cur[6] as number) + Number(x.visits);
      cur[7] = cur[7] || x.synthetic;
      sums.set(key, cur);
    }
    expect(rows).toHaveLength(9);
    expect(rows).toEqual(expect.arrayContaining([...sums.values()].map((r) => [...r.slice(0, 6), Math.round((r[6] as number) * 1000) / 1000, r[7]])));
    const { rows: total } = await sql<Record<string, unknown>>`select (select sum(visits) from traffic_visits) as v, (select sum(visits) from traffic_flow_month) as r`.execute(db.kysely);
    expect(Number(total[0].r)).toBeCloseTo(Number(total[0].v), 6);
  });

  it('carries marketplace and destination from the registry', async () => {
    const r = (await split(db.kysely)).find((x) => x.origin_iso3 === 'URY')!;
    expect(r).toMatchObject({ marketplace_id: 'mercadolibre', dest_iso3: 'ARG', synthetic: false });
    const f = (await flows(db.kysely)).find((x) => x.origin_iso3 === 'URY')!;
    expect(f).toMatchObject({ marketplace_id: 'mercadolibre', dest_iso3: 'ARG', flow_class: 'intra-latin-america', month: '2024-02', visits: 1000, synthetic: false });
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
    const rows = await db.kysely.selectFrom('traffic_flow_month').select(['origin_iso3', 'dest_iso3', 'flow_class']).distinct().execute();
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) expect(r.flow_class).toBe(flowClass(r.origin_iso3 as string, r.dest_iso3 as string, (c) => regionOf.get(c)));
    expect(new Set(rows.map((r) => r.flow_class))).toEqual(new Set(['domestic', 'intra-east-asia', 'intra-latin-america', 'bi-regional', 'extra-fealac']));
  });

  it('rollup and split totals equal visits totals, per website-month too, and every row is synthetic', async () => {
    const { rows } = await sql<Record<string, unknown>>`select
        (select sum(visits) from traffic_visits) as v, (select sum(visits) from traffic_flow_month) as r,
        (select count(*) from traffic_flow_month where not synthetic) as real_rows,
        (select count(*) from traffic_visits where not synthetic) as real_visits,
        (select max(abs(t.visits - o.r) / t.visits) from traffic_visits t
          join (select website_id, month, sum(visits) as r from (${trafficSplit()}) x group by website_id, month) o
          on o.website_id = t.website_id and o.month = t.month) as worst,
        (select count(*) from (${trafficSplit()}) x where not x.synthetic) as real_split`.execute(db.kysely);
    expect(Number(rows[0].r)).toBeCloseTo(Number(rows[0].v), 0);
    expect(Number(rows[0].v)).toBeGreaterThan(0);
    expect(Number(rows[0].worst)).toBeLessThan(1e-9);
    expect(Number(rows[0].real_rows)).toBe(0);
    expect(Number(rows[0].real_visits)).toBe(0);
    expect(Number(rows[0].real_split)).toBe(0);
  });

  it('per-website totals, computed on demand for a marketplace and period, add up to its rollup totals', async () => {
    const f = { marketplace: ['mercadolibre'], time: { from: '2023-09', to: '2023-12' } };
    const sites = await totalsBy(db.kysely, 'website_id', f);
    const [mp] = (await totalsBy(db.kysely, 'marketplace_id', f)).values();
    expect(sites.size).toBeGreaterThan(1);
    // The same numbers as the whole split (once stored as traffic_origin_month) filtered afterwards.
    const { rows: whole } = await sql<Record<string, unknown>>`
      select website_id, sum(visits) as visits, sum(case when flow_class = 'domestic' then visits else 0 end) as domestic, count(distinct month) as months
      from (${trafficSplit()}) x where marketplace_id = 'mercadolibre' and month >= '2023-09' and month <= '2023-12' group by website_id`.execute(db.kysely);
    expect(whole).toHaveLength(sites.size);
    for (const w of whole) {
      const t = sites.get(String(w.website_id))!;
      expect(t.visits).toBeCloseTo(Number(w.visits), 6);
      expect(t.domestic).toBeCloseTo(Number(w.domestic), 6);
      expect(t.months).toBe(Number(w.months));
    }
    const sum = (k: 'visits' | 'attributed' | 'domestic' | 'bi_regional' | 'unattributed') => [...sites.values()].reduce((s, t) => s + t[k], 0);
    for (const k of ['visits', 'attributed', 'domestic', 'bi_regional', 'unattributed'] as const) expect(sum(k)).toBeCloseTo(mp[k], 3);
    expect(Math.max(...[...sites.values()].map((t) => t.months))).toBeLessThanOrEqual(mp.months);
    expect([...sites.values()].every((t) => t.synthetic)).toBe(true);
  });

  it('rebuilding again gives the same rows (idempotent)', async () => {
    // Keys exactly, visits within 1e-9 relative: a parallel sum may add in another order.
    const digest = async () => (await flows(db.kysely)).map(({ visits, ...key }) => ({ key: JSON.stringify(key), visits: visits as number }));
    const before = await digest();
    await db.kysely.transaction().execute((tx) => rebuildTrafficRollup(tx));
    sameRows(before, await digest());
  });

  it('gives the same split and rollup on both engines for the same seed', async () => {
    const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    const perWebsite = (await split(db.kysely)).map((r) => ({ key: `site|${r.website_id}|${r.month}|${r.origin_iso3}|${r.flow_class}|${r.synthetic}`, visits: Number(r.visits) }));
    const rolled = (await flows(db.kysely)).map((r) => ({ key: `flow|${r.marketplace_id}|${r.dest_iso3}|${r.month}|${r.origin_iso3}|${r.flow_class}|${r.source_id}|${r.synthetic}`, visits: r.visits as number }));
    expect(rolled.length).toBeGreaterThan(1000);
    demoDigest[engine] = [...perWebsite, ...rolled].sort(byKey);
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
