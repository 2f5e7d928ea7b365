// /api/marketplaces/{id}/audience (store/read.ts audienceShares) in process, on both engines, over
// a few visits and sex / age / device shares inserted by hand; the expected shares are worked out
// in the comments below.
import { beforeAll, describe, expect, it } from 'vitest';
import { appsPerEngine, get, json } from '../../../test/support/app.js';
import { engines } from '../../../test/support/engines.js';
import type { AppContext } from '../../platform/module.js';
import type { App } from '../../server.js';
import { audienceShares } from './store/read.js';

const NOW = new Date('2025-05-01T10:00:00Z');

// alpha: alpha.pe serves PER, alpha.cl serves CHL. beta: beta.kr (origin shares only). gamma: no
// traffic at all.
//   visits     alpha.pe  2023-01 1000, 2023-02 3000, 2024-01 2000       alpha.cl  2023-01 500, 2024-01 1000
//   sex        alpha.pe  2023 (annual)  female 0.6 male 0.4
//              alpha.pe  2023-02        female 0.5 male 0.5   (the month's shares win over the year's)
//              alpha.cl  2024 (annual)  female 0.8 male 0.2
//   age        alpha.cl  2024-01        18-24 0.25  25-34 0.5  35-44 0.25
//   device     alpha.pe  2024 (annual)  desktop 0.3 mobile 0.7   (synthetic)
// So for alpha (all visits 7500):
//   sex covers pe 2023-01 (annual), pe 2023-02 (monthly), cl 2024-01 (annual) = 1000 + 3000 + 1000
//     = 5000 visits (pe 2024-01 and cl 2023-01 have no sex shares and are left out, not zeros):
//     female (1000·0.6 + 3000·0.5 + 1000·0.8) / 5000 = 2900 / 5000 = 0.58, male 2100 / 5000 = 0.42.
//     With the year's shares for 2023-02 it would be 0.64: the fallback is by month.
//   age covers cl 2024-01 = 1000 visits; device covers pe 2024-01 = 2000 visits.
const VISITS: [string, string, number][] = [
  ['alpha.pe|PER', '2023-01', 1000],
  ['alpha.pe|PER', '2023-02', 3000],
  ['alpha.pe|PER', '2024-01', 2000],
  ['alpha.cl|CHL', '2023-01', 500],
  ['alpha.cl|CHL', '2024-01', 1000],
  ['beta.kr|KOR', '2024-01', 800],
];
const SHARES: [string, string, string, Record<string, number>, boolean][] = [
  ['alpha.pe|PER', '2023', 'sex', { female: 0.6, male: 0.4 }, false],
  ['alpha.pe|PER', '2023-02', 'sex', { female: 0.5, male: 0.5 }, false],
  ['alpha.cl|CHL', '2024', 'sex', { female: 0.8, male: 0.2 }, false],
  ['alpha.cl|CHL', '2024-01', 'age', { '18-24': 0.25, '25-34': 0.5, '35-44': 0.25 }, false],
  ['alpha.pe|PER', '2024', 'device', { desktop: 0.3, mobile: 0.7 }, true],
  ['beta.kr|KOR', '2024', 'origin', { KOR: 0.9, JPN: 0.1 }, false],
];

async function seed(ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  await db
    .insertInto('sources')
    .values([
      { id: 'mp-registry', publisher: 'Puente marketplace registry', title: 'Registry', url: null, license: 'CC-BY-4.0', retrieved_at: '2025-01-01', synthetic: false, note: null },
      { id: 'mp-partner', publisher: 'A partner', title: 'Visits', url: null, license: 'partner', retrieved_at: '2025-01-01', synthetic: false, note: null },
      { id: 'mp-demo', publisher: 'Puente synthetic demo', title: 'Demo shares', url: null, license: 'CC0-1.0', retrieved_at: '2025-01-01', synthetic: true, note: null },
    ])
    .execute();
  const mp = (id: string, name: string, hq: string) => ({
    id, name, hq_iso3: hq, founded_year: 2000, models: 'B2C', goods_or_services: 'goods', categories: null, foreign_sellers: 'unknown',
    payment_services: null, logistics_services: null, msme_sellers_note: null, source_urls: null, source_id: 'mp-registry',
  });
  await db.insertInto('marketplaces').values([mp('alpha', 'Alpha', 'PER'), mp('beta', 'Beta', 'KOR'), mp('gamma', 'Gamma', 'BRA')]).execute();
  const site = (marketplace_id: string, domain: string, serves_iso3: string) => ({
    id: `${domain}|${serves_iso3}`, marketplace_id, domain, serves_iso3, launched_year: null, status: 'active', source_url: null, domain_evidence: null, source_id: 'mp-registry',
  });
  await db.insertInto('websites').values([site('alpha', 'alpha.pe', 'PER'), site('alpha', 'alpha.cl', 'CHL'), site('beta', 'beta.kr', 'KOR'), site('gamma', 'gamma.br', 'BRA')]).execute();
  await db
    .insertInto('traffic_visits')
    .values(VISITS.map(([website_id, month, visits]) => ({ website_id, month, visits, synthetic: false, source_id: 'mp-partner' })))
    .execute();
  await db
    .insertInto('traffic_shares')
    .values(
      SHARES.flatMap(([website_id, period, dimension, shares, synthetic]) =>
        Object.entries(shares).map(([category, share]) => ({ website_id, period, dimension, category, share, synthetic, source_id: synthetic ? 'mp-demo' : 'mp-partner' })),
      ),
    )
    .execute();
}

const setup = appsPerEngine(NOW, seed);

/** {dimension: {category: share}} */
const sharesOf = (rows: { dimension: string; category: string; share: number | null }[]) => {
  const out: Record<string, Record<string, number | null>> = {};
  for (const r of rows) (out[r.dimension] ??= {})[r.category] = r.share;
  return out;
};

describe.each(engines)('marketplace audience on %s', (engine) => {
  let app: App;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ app, ctx } = await setup(engine));
  });

  it('store: visits-weighted shares per dimension, the month\'s shares before the year\'s', async () => {
    const rows = await audienceShares(ctx.db.kysely, 'alpha');
    expect(rows.map((r) => [r.dimension, r.category])).toEqual([
      ['sex', 'female'],
      ['sex', 'male'],
      ['age', '18-24'],
      ['age', '25-34'],
      ['age', '35-44'],
      ['device', 'desktop'],
      ['device', 'mobile'],
    ]);
    const s = sharesOf(rows);
    expect(s.sex.female).toBeCloseTo(2900 / 5000, 12);
    expect(s.sex.male).toBeCloseTo(2100 / 5000, 12);
    expect(s.age['25-34']).toBeCloseTo(0.5, 12);
    expect(s.device.mobile).toBeCloseTo(0.7, 12);
    const sex = rows.find((r) => r.dimension === 'sex')!;
    expect(sex).toMatchObject({ visits: 5000, months: 3, synthetic: false });
    expect(sex.coverage).toBeCloseTo(5000 / 7500, 12);
    expect(rows.find((r) => r.dimension === 'age')).toMatchObject({ visits: 1000, months: 1, synthetic: false });
    const device = rows.find((r) => r.dimension === 'device')!;
    expect(device).toMatchObject({ visits: 2000, months: 1, synthetic: true });
    expect(device.coverage).toBeCloseTo(2000 / 7500, 12);
  });

  it('API: the same rows; time= and economy= narrow the website-months', async () => {
    const body = await json(app, '/api/marketplaces/alpha/audience');
    expect(body.rows).toHaveLength(7);
    expect(sharesOf(body.rows).sex.female).toBeCloseTo(0.58, 12);
    expect(body.sources.map((s: any) => s.id).sort()).toEqual(['mp-demo', 'mp-partner', 'mp-registry']);

    // 2023: pe 2023-01 (year 0.6) and 2023-02 (month 0.5); cl 2023-01 has no sex shares.
    const y2023 = await json(app, '/api/marketplaces/alpha/audience?time=2023');
    expect(y2023.rows.map((r: any) => r.dimension)).toEqual(['sex', 'sex']);
    expect(sharesOf(y2023.rows).sex.female).toBeCloseTo((1000 * 0.6 + 3000 * 0.5) / 4000, 12);
    expect(y2023.rows[0]).toMatchObject({ visits: 4000, months: 2, synthetic: false });
    expect(y2023.rows[0].coverage).toBeCloseTo(4000 / 4500, 12);
    expect(y2023.sources.some((s: any) => s.synthetic)).toBe(false);

    // The month range 2023-02..2023-02 still finds the 2023 shares of a month without its own.
    const feb = await json(app, '/api/marketplaces/alpha/audience?time=2023-02..2023-02');
    expect(sharesOf(feb.rows).sex.female).toBeCloseTo(0.5, 12);

    const chl = await json(app, '/api/marketplaces/alpha/audience?economy=CHL');
    const s = sharesOf(chl.rows);
    expect(Object.keys(s)).toEqual(['sex', 'age']);
    expect(s.sex.female).toBeCloseTo(0.8, 12);
    expect(s.age).toEqual({ '18-24': 0.25, '25-34': 0.5, '35-44': 0.25 });

    const age = await json(app, '/api/marketplaces/alpha/audience?dimension=age');
    expect(age.rows.map((r: any) => r.dimension)).toEqual(['age', 'age', 'age']);
  });

  it('missing stays missing: no sex rows without sex shares, nothing without traffic', async () => {
    // alpha.pe in 2024 has device shares only.
    const pe2024 = await json(app, '/api/marketplaces/alpha/audience?economy=PER&time=2024');
    expect(pe2024.rows.map((r: any) => r.dimension)).toEqual(['device', 'device']);
    // beta has origin shares only, gamma no traffic.
    expect((await json(app, '/api/marketplaces/beta/audience')).rows).toEqual([]);
    expect((await json(app, '/api/marketplaces/gamma/audience')).rows).toEqual([]);
  });

  it('404 for an unknown marketplace, 400 for an unknown dimension', async () => {
    expect((await get(app, '/api/marketplaces/nope/audience')).status).toBe(404);
    expect((await get(app, '/api/marketplaces/alpha/audience?dimension=height')).status).toBe(400);
  });

  it('the CSV twin has the rows and says synthetic; the metadata describes the columns', async () => {
    const res = await get(app, '/api/marketplaces/alpha/audience.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-puente-synthetic')).toBe('true');
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe('dimension,category,share,visits,months,coverage,synthetic');
    expect(lines).toHaveLength(8);
    expect(lines[1]).toMatch(/^sex,female,0\.58\d*,5000,3,0\.666/);
    const plain = await get(app, '/api/marketplaces/alpha/audience.csv?time=2023');
    expect(plain.headers.get('x-puente-synthetic')).toBeNull();
    const meta = await json(app, '/api/marketplaces/alpha/audience.metadata.json');
    expect(meta).toMatchObject({ synthetic: true, row_count: 7 });
    expect(meta.columns.find((c: any) => c.name === 'share').description).toMatch(/visits/);
  });
});

describe('DuckDB and PostgreSQL answer the same', () => {
  it.each(['/api/marketplaces/alpha/audience', '/api/marketplaces/alpha/audience?time=2023-02..2024-01&economy=PER~CHL', '/api/marketplaces/alpha/audience.csv'])('%s', async (path) => {
    const a = await get((await setup('duckdb')).app, path);
    const b = await get((await setup('postgres')).app, path);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [x, y] = [await a.text(), await b.text()];
    if (path.includes('.csv')) expect(y).toBe(x);
    else expect(JSON.parse(y)).toEqual(JSON.parse(x));
  });
});
