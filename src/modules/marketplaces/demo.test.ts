import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/engines.js';
import type { Database } from '../../platform/db/index.js';
import { runImport } from '../../platform/ingest/run.js';
import { modules } from '../../modules.js';
import { sharesSumOk } from './compute.js';
import { FALLBACK_ONLINE, generateDemo, onlinePopulation, prng, writeDemoCsv } from './demo.js';
import { importers, SYNTHETIC_SOURCE } from './ingest.js';
import { rebuildMarketplaces } from './store/write.js';

const REGISTRY = fileURLToPath(new URL('../../../../shared/data/marketplaces/registry/', import.meta.url));
const clock = () => new Date('2025-03-01T12:00:00Z');
const base = modules.filter((m) => m.name !== 'marketplaces').flatMap((m) => m.importers ?? []);
const tmp = mkdtempSync(join(tmpdir(), 'puente-demo-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let db: Database;
beforeAll(async () => {
  db = await freshDatabase('duckdb');
  for (const m of modules) await m.seed?.(db.kysely, { clock });
  await runImport(db, [...base, ...importers], [REGISTRY], { now: clock(), rebuild: (tx) => rebuildMarketplaces(tx) });
}, 60_000);
afterAll(async () => {
  await db?.close();
});

/** sha256 of each file: comparing hashes, not megabytes of bytes, keeps the test fast. */
function bytes(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

function csvRows(path: string): string[][] {
  return readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
}

describe('prng', () => {
  it('is a function of (seed, key) only', () => {
    const a = prng(1, 'x');
    const b = prng(1, 'x');
    const c = prng(2, 'x');
    const sa = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(sa);
    expect([c(), c(), c()]).not.toEqual(sa);
    for (const v of sa) expect(v >= 0 && v < 1).toBe(true);
  });
});

describe('generateDemo files', () => {
  const opts = { scale: 2, from: '2023-01', to: '2024-12', load: false, format: 'both' as const };
  let first: string;
  beforeAll(async () => {
    first = join(tmp, 'a');
    mkdirSync(first);
    await generateDemo({ db, clock }, { ...opts, seed: 42, dir: first });
  }, 60_000);

  it('same seed -> byte-identical files (CSV and Parquet)', async () => {
    const again = join(tmp, 'b');
    await generateDemo({ db, clock }, { ...opts, seed: 42, dir: again });
    const a = bytes(first);
    expect(Object.keys(a)).toEqual(['demo-websites.csv', 'traffic-shares.csv', 'traffic-shares.parquet', 'traffic-visits.csv', 'traffic-visits.parquet']);
    expect(bytes(again)).toEqual(a);
  });

  it('another seed -> other numbers', async () => {
    const other = join(tmp, 'c');
    await generateDemo({ db, clock }, { ...opts, seed: 43, dir: other, format: 'csv' });
    expect(bytes(other)['traffic-visits.csv']).not.toBe(bytes(first)['traffic-visits.csv']);
  });

  it('labels every row synthetic, in every file', () => {
    for (const f of ['traffic-visits.csv', 'traffic-shares.csv', 'demo-websites.csv']) {
      const rows = csvRows(join(first, f));
      expect(rows.length).toBeGreaterThan(100);
      for (const r of rows) expect(r[r.length - 1]).toBe('true');
    }
    const header = readFileSync(join(first, 'traffic-visits.csv'), 'utf8').split('\n')[0];
    expect(header).toBe('domain,serves_iso3,month,visits,source,source_url,license,synthetic');
    expect(csvRows(join(first, 'traffic-visits.csv'))[0][4]).toBe(SYNTHETIC_SOURCE.publisher);
  });

  it('scale 2 = the 258 web websites and one variant of each; app-only rows have no visits', () => {
    const visits = csvRows(join(first, 'traffic-visits.csv'));
    const sites = new Set(visits.map((r) => `${r[0]}|${r[1]}`));
    expect(sites.size).toBe(516);
    expect([...sites].some((s) => s.startsWith('app:'))).toBe(false);
    expect(visits).toHaveLength(516 * 24);
    expect(csvRows(join(first, 'demo-websites.csv'))).toHaveLength(258);
  });

  it('shares sum to 1 per website, period and dimension; origins are domestic-heavy', () => {
    const groups = new Map<string, number[]>();
    let domestic = 0;
    let origin = 0;
    for (const r of csvRows(join(first, 'traffic-shares.csv'))) {
      const key = `${r[0]}|${r[1]}|${r[2]}|${r[3]}`;
      groups.set(key, [...(groups.get(key) ?? []), Number(r[5])]);
      if (r[3] === 'origin') {
        origin += Number(r[5]);
        if (r[4] === r[1]) domestic += Number(r[5]);
      }
    }
    for (const shares of groups.values()) expect(sharesSumOk(shares, 1e-9)).toBe(true);
    const dims = new Set([...groups.keys()].map((k) => k.split('|')[3]));
    expect(dims).toEqual(new Set(['origin', 'sex', 'age', 'device']));
    expect(domestic / origin).toBeGreaterThan(0.55);
    expect(domestic / origin).toBeLessThan(0.95);
  });

  it('has November/December peaks and growth', () => {
    const byMonth = new Map<string, number>();
    for (const r of csvRows(join(first, 'traffic-visits.csv'))) byMonth.set(r[2], (byMonth.get(r[2]) ?? 0) + Number(r[3]));
    const y2023 = [...byMonth].filter(([m]) => m.startsWith('2023')).map(([, v]) => v);
    const mean = y2023.reduce((s, v) => s + v, 0) / 12;
    expect(byMonth.get('2023-11')!).toBeGreaterThan(mean * 1.1);
    expect(byMonth.get('2023-12')!).toBeGreaterThan(mean * 1.15);
    const year = (y: string) => [...byMonth].filter(([m]) => m.startsWith(y)).reduce((s, [, v]) => s + v, 0);
    expect(year('2024')).toBeGreaterThan(year('2023'));
  });
});

describe('magnitudes follow the online population', () => {
  it('visits scale with population × internet users; China is not Uruguay', () => {
    const dir = join(tmp, 'online');
    mkdirSync(dir);
    const regions = new Map([['CHN', 'East Asia'], ['URY', 'Latin America'], ['KOR', 'East Asia'], ['ARG', 'Latin America']]);
    // The same site keys in both economies would draw the same numbers: only the scale differs.
    const sites = [
      { marketplace_id: 'x', domain: 'x.example', serves_iso3: 'CHN', variant: 1 },
      { marketplace_id: 'x', domain: 'x.example', serves_iso3: 'URY', variant: 1 },
    ];
    const online = new Map([['CHN', 1_000_000_000], ['URY', 3_000_000]]);
    writeDemoCsv(sites, regions, { seed: 1, from: '2024-01', to: '2024-12' }, dir, online);
    const total = new Map<string, number>();
    for (const r of csvRows(join(dir, 'traffic-visits.csv'))) total.set(r[1], (total.get(r[1]) ?? 0) + Number(r[3]));
    const ratio = total.get('CHN')! / total.get('URY')!;
    // Each site draws its own intensity (0.002-0.18, ×3): the ratio of online populations (333)
    // times at most 90 either way.
    expect(ratio).toBeGreaterThan(333 / 90);
    expect(ratio).toBeLessThan(333 * 90);
    // Monthly visits per internet user stay within the documented intensity range.
    for (const [iso3, v] of total) {
      const perUser = v / 12 / online.get(iso3)!;
      expect(perUser).toBeGreaterThan(0.002 * 3 * 0.8);
      expect(perUser).toBeLessThan(0.18 * 3 * 1.5);
    }
  });

  it('reads population and internet users when loaded; the others take the median, and say so', async () => {
    const none = await onlinePopulation({ db }, ['ARG', 'CHN']);
    expect(none.fallback).toEqual(['ARG', 'CHN']);
    expect(none.online.get('CHN')).toBe(FALLBACK_ONLINE);
    await db.kysely.insertInto('sources').values({ id: 'test-wb', publisher: 'World Bank (test)', title: null, url: null, license: 'CC BY 4.0', retrieved_at: null, synthetic: false, note: null }).execute();
    await db.kysely
      .insertInto('indicator_values')
      .values([
        { iso3: 'CHN', indicator_code: 'SP.POP.TOTL', year: 2023, value: 1.4e9, source_id: 'test-wb' },
        { iso3: 'CHN', indicator_code: 'IT.NET.USER.ZS', year: 2023, value: 75, source_id: 'test-wb' },
        { iso3: 'URY', indicator_code: 'SP.POP.TOTL', year: 2023, value: 3.4e6, source_id: 'test-wb' },
        { iso3: 'URY', indicator_code: 'IT.NET.USER.ZS', year: 2022, value: 90, source_id: 'test-wb' },
      ])
      .execute();
    try {
      const some = await onlinePopulation({ db }, ['ARG', 'CHN', 'URY']);
      expect(some.online.get('CHN')).toBeCloseTo(1.05e9, 0);
      expect(some.online.get('URY')).toBeCloseTo(3.06e6, 0);
      expect(some.fallback).toEqual(['ARG']);
      expect(some.online.get('ARG')).toBeCloseTo((1.05e9 + 3.06e6) / 2, 0);
    } finally {
      await db.kysely.deleteFrom('indicator_values').where('source_id', '=', 'test-wb').execute();
      await db.kysely.deleteFrom('sources').where('id', '=', 'test-wb').execute();
    }
  });
});

describe('generateDemo load', () => {
  it('loads through the partner importers, flagged synthetic in the database', async () => {
    const result = await generateDemo({ db, clock }, { scale: 1, seed: 5, from: '2024-01', to: '2024-03', format: 'parquet' });
    expect(result.report!.files.map((f) => f.importer)).toEqual(['marketplaces/traffic-visits', 'marketplaces/traffic-shares']);
    const { rows } = await sql<Record<string, unknown>>`select
        (select count(*) from traffic_visits) as visits, (select count(*) from traffic_visits where synthetic) as synthetic_visits,
        (select count(*) from traffic_shares where not synthetic) as real_shares,
        (select count(*) from traffic_flow_month) as rollup,
        (select count(*) from sources s where s.synthetic and s.id in (select source_id from traffic_visits)) as synthetic_sources,
        (select count(*) from sources s where not s.synthetic and s.id in (select source_id from traffic_visits)) as real_sources`.execute(db.kysely);
    const n = Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
    expect(n).toMatchObject({ visits: 258 * 3, synthetic_visits: 258 * 3, real_shares: 0, synthetic_sources: 1, real_sources: 0 });
    expect(n.rollup).toBeGreaterThan(258 * 3 * 4);
  });

  it('refuses a bad scale or month range', async () => {
    await expect(generateDemo({ db, clock }, { scale: 0, seed: 1, from: '2024-01', to: '2024-02' })).rejects.toThrow(/scale/);
    await expect(generateDemo({ db, clock }, { scale: 1, seed: 1, from: '2024-05', to: '2024-02' })).rejects.toThrow(/after/);
  });
});
