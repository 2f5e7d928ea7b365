// The Marketplace Explorer API in process, on both engines, over a handful of rows inserted by
// hand into the 0004 tables, whose answers are worked out in the comments below.
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { appsPerEngine, get, json } from '../../../test/support/app.js';
import { engines } from '../../../test/support/engines.js';
import type { AppContext } from '../../platform/module.js';
import type { App } from '../../server.js';
import { correlate } from './compute.js';
import { sql } from 'kysely';
import { rebuildTrafficRollup, trafficSplit } from './store/write.js';

const NOW = new Date('2025-05-01T10:00:00Z');

// alpha (PER, B2C;C2C, goods): alpha.pe serves PER (synthetic visits), alpha.cl serves CHL
//   (visits without an origin breakdown). beta (KOR, B2C, services): beta.kr. gamma (BRA,
//   classifieds, both): no traffic at all.
//   2023-01  alpha.pe  PER 600  CHL 200  CHN 100  USA 100          = 1000 (synthetic)
//   2024-01  alpha.pe  PER 900  CHL 300  CHN 200  USA 100          = 1500 (synthetic)
//   2024-01  alpha.cl  UNK 500                                      =  500
//   2023-01  beta.kr   KOR 800  JPN 100  MEX 100                    = 1000
//   2024-01  beta.kr   KOR 1000 JPN 200  MEX 300                    = 1500
// The seed stores each website-month's total visits and its origin shares; the import's rollup
// (rebuildTrafficRollup) splits them into these rows, checked below.
const ROLLUP: [string, string, string, string, string, string, number, boolean][] = [
  ['alpha.pe|PER', 'alpha', 'PER', 'PER', 'domestic', '2023-01', 600, true],
  ['alpha.pe|PER', 'alpha', 'PER', 'CHL', 'intra-latin-america', '2023-01', 200, true],
  ['alpha.pe|PER', 'alpha', 'PER', 'CHN', 'bi-regional', '2023-01', 100, true],
  ['alpha.pe|PER', 'alpha', 'PER', 'USA', 'extra-fealac', '2023-01', 100, true],
  ['alpha.pe|PER', 'alpha', 'PER', 'PER', 'domestic', '2024-01', 900, true],
  ['alpha.pe|PER', 'alpha', 'PER', 'CHL', 'intra-latin-america', '2024-01', 300, true],
  ['alpha.pe|PER', 'alpha', 'PER', 'CHN', 'bi-regional', '2024-01', 200, true],
  ['alpha.pe|PER', 'alpha', 'PER', 'USA', 'extra-fealac', '2024-01', 100, true],
  ['alpha.cl|CHL', 'alpha', 'CHL', 'UNK', 'unattributed', '2024-01', 500, false],
  ['beta.kr|KOR', 'beta', 'KOR', 'KOR', 'domestic', '2023-01', 800, false],
  ['beta.kr|KOR', 'beta', 'KOR', 'JPN', 'intra-east-asia', '2023-01', 100, false],
  ['beta.kr|KOR', 'beta', 'KOR', 'MEX', 'bi-regional', '2023-01', 100, false],
  ['beta.kr|KOR', 'beta', 'KOR', 'KOR', 'domestic', '2024-01', 1000, false],
  ['beta.kr|KOR', 'beta', 'KOR', 'JPN', 'intra-east-asia', '2024-01', 200, false],
  ['beta.kr|KOR', 'beta', 'KOR', 'MEX', 'bi-regional', '2024-01', 300, false],
];

async function seed(ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  await db
    .insertInto('sources')
    .values([
      { id: 'mp-registry', publisher: 'Puente marketplace registry', title: 'Registry', url: null, license: 'CC-BY-4.0', retrieved_at: '2025-01-01', synthetic: false, note: null },
      { id: 'mp-partner', publisher: 'A partner', title: 'Visits', url: null, license: 'partner', retrieved_at: '2025-01-01', synthetic: false, note: null },
      { id: 'mp-demo', publisher: 'Puente synthetic demo', title: 'Demo visits', url: null, license: 'CC0-1.0', retrieved_at: '2025-01-01', synthetic: true, note: null },
    ])
    .execute();
  const mp = (id: string, name: string, hq: string, models: string, goods: string, categories: string, foreign: string) => ({
    id, name, hq_iso3: hq, founded_year: 2000, models, goods_or_services: goods, categories, foreign_sellers: foreign,
    payment_services: null, logistics_services: null, msme_sellers_note: null, source_urls: null, source_id: 'mp-registry',
  });
  await db
    .insertInto('marketplaces')
    .values([
      mp('alpha', 'Alpha', 'PER', 'B2C;C2C', 'goods', 'general merchandise (open market); fashion', 'yes'),
      mp('beta', 'Beta', 'KOR', 'B2C', 'services', 'travel', 'unknown'),
      mp('gamma', 'Gamma', 'BRA', 'classifieds', 'both', 'classifieds', 'no'),
    ])
    .execute();
  const site = (marketplace_id: string, domain: string, serves_iso3: string) => ({
    id: `${domain}|${serves_iso3}`, marketplace_id, domain, serves_iso3, launched_year: null, status: 'active', source_url: null, domain_evidence: null, source_id: 'mp-registry',
  });
  await db.insertInto('websites').values([site('alpha', 'alpha.pe', 'PER'), site('alpha', 'alpha.cl', 'CHL'), site('beta', 'beta.kr', 'KOR'), site('gamma', 'gamma.br', 'BRA')]).execute();
  const visits = new Map<string, { website_id: string; month: string; visits: number; synthetic: boolean }>();
  for (const [website_id, , , , , month, v, synthetic] of ROLLUP) {
    const k = `${website_id}|${month}`;
    const cur = visits.get(k) ?? { website_id, month, visits: 0, synthetic };
    cur.visits += v;
    visits.set(k, cur);
  }
  await db
    .insertInto('traffic_visits')
    .values([...visits.values()].map((v) => ({ ...v, source_id: v.synthetic ? 'mp-demo' : 'mp-partner' })))
    .execute();
  // Monthly origin shares giving the ROLLUP rows (alpha.cl has none: its visits stay whole as UNK).
  // Binary fractions (visits / 1024 or / 2048) add up exactly in any order, so the split is exact
  // on both engines; they need not sum to 1, the rollup divides them by their sum.
  await db
    .insertInto('traffic_shares')
    .values(
      ROLLUP.filter(([, , , origin]) => origin !== 'UNK').map(([website_id, , , category, , month, v, synthetic]) => ({
        website_id, period: month, dimension: 'origin', category, share: v / 2 ** Math.ceil(Math.log2(visits.get(`${website_id}|${month}`)!.visits)), synthetic, source_id: synthetic ? 'mp-demo' : 'mp-partner',
      })),
    )
    .execute();
  await db
    .insertInto('traffic_shares')
    .values(
      Object.entries({ PER: 0.6, CHL: 0.2, CHN: 0.2 / 1.5, USA: 0.1 / 1.5, BOL: 0.005 }).map(([category, share]) => ({
        website_id: 'alpha.pe|PER', period: '2024', dimension: 'origin', category, share, synthetic: true, source_id: 'mp-demo',
      })),
    )
    .execute();
  // Annual 2024 shares of alpha.pe (for reach) are overridden by its monthly ones for 2024-01.
  await rebuildTrafficRollup(db);
  await db
    .insertInto('popularity')
    .values({ list: 'cloudflare', country_iso3: 'ARG', month: '2024-05', origin: 'alpha.pe', rank: 40, bucket: null, categories: null, website_id: 'alpha.pe|PER', marketplace_id: 'alpha', source_id: 'mp-registry' })
    .execute();
  // PER's top list: two snapshots; in the latest, a search engine (not e-commerce), a shop outside
  // the registry and alpha.pe (rank 30, in the registry); the older one is not shown by default.
  await db.insertInto('sources').values({ id: 'mp-cf', publisher: 'Cloudflare Radar', title: 'Top 100', url: 'https://radar.cloudflare.com/domains', license: 'CC BY-NC 4.0', retrieved_at: '2024-05-21', synthetic: false, note: null }).execute();
  const top = (month: string, origin: string, rank: number, categories: string | null, marketplace: string | null) => ({
    list: 'cloudflare', country_iso3: 'PER', month, origin, rank, bucket: null, categories, website_id: marketplace ? `${origin}|PER` : null, marketplace_id: marketplace, source_id: 'mp-cf',
  });
  await db
    .insertInto('popularity')
    .values([top('2024-05', 'search.example', 5, 'Search Engines', null), top('2024-05', 'shop.example', 12, 'Ecommerce;Business', null), top('2024-05', 'alpha.pe', 30, null, 'alpha'), top('2024-04', 'old.example', 50, 'Ecommerce', null)])
    .execute();
  await db
    .insertInto('indicator_values')
    .values([
      { iso3: 'PER', indicator_code: 'IT.NET.USER.ZS', year: 2024, value: 70, source_id: 'mp-registry' },
      { iso3: 'KOR', indicator_code: 'IT.NET.USER.ZS', year: 2024, value: 95, source_id: 'mp-registry' },
      { iso3: 'CHL', indicator_code: 'IT.NET.USER.ZS', year: 2023, value: 85, source_id: 'mp-registry' },
    ])
    .execute();
}

const setup = appsPerEngine(NOW, seed);

describe.each(engines)('marketplace routes on %s', (engine) => {
  let app: App;
  beforeAll(async () => {
    ({ app } = await setup(engine));
  });

  it('the seed\'s visits × origin shares split into the ROLLUP rows', async () => {
    const { ctx } = await setup(engine);
    const { rows } = await sql<Record<string, unknown>>`select * from (${trafficSplit()}) x`.execute(ctx.db.kysely);
    const key = (r: unknown[]) => r.slice(0, 6).join('|');
    const sorted = (xs: unknown[][]) => xs.sort((x, y) => (key(x) < key(y) ? -1 : 1));
    // Exact: binary-fraction shares leave no rounding.
    expect(sorted(rows.map((r) => [r.website_id, r.marketplace_id, r.dest_iso3, r.origin_iso3, r.flow_class, r.month, Number(r.visits), r.synthetic]))).toEqual(sorted([...ROLLUP]));
  });

  describe('/api/marketplaces', () => {
    it('lists the registry; a marketplace without traffic has visits null, not 0', async () => {
      const body = await json(app, '/api/marketplaces');
      expect(body.rows.map((r: any) => r.id)).toEqual(['alpha', 'beta', 'gamma']);
      const [alpha, beta, gamma] = body.rows;
      expect(alpha).toMatchObject({ visits: 3000, months: 2, websites: 2, economies: 'CHL~PER', synthetic: true, foreign_sellers: 'yes' });
      // Attributed 2500 of which 1500 domestic.
      expect(alpha.cross_border_share).toBeCloseTo(0.4, 12);
      expect(beta).toMatchObject({ visits: 2500, synthetic: false, foreign_sellers: 'unknown' });
      expect(gamma).toMatchObject({ visits: null, months: 0, cross_border_share: null, synthetic: false });
      // Best Cloudflare rank in any economy: 30 in PER (40 in ARG).
      expect(alpha.top_rank).toBe(30);
      expect(gamma.top_rank).toBeNull();
    });

    it('sorts by visits, then (without visits) by top-list rank, not by name', async () => {
      const { ctx } = await setup(engine);
      // delta has no visits but a rank; it comes after the marketplaces with visits and before gamma.
      await ctx.db.kysely.insertInto('marketplaces').values({ id: 'delta', name: 'Aaa Delta', hq_iso3: 'PER', founded_year: null, models: 'B2C', goods_or_services: 'goods', categories: null, foreign_sellers: 'no', payment_services: null, logistics_services: null, msme_sellers_note: null, source_urls: null, source_id: 'mp-registry' }).execute();
      await ctx.db.kysely.insertInto('popularity').values({ list: 'cloudflare', country_iso3: 'CHL', month: '2024-05', origin: 'delta.cl', rank: 70, bucket: null, categories: 'Ecommerce', website_id: null, marketplace_id: 'delta', source_id: 'mp-cf' }).execute();
      try {
        const body = await json(app, '/api/marketplaces');
        expect(body.rows.map((r: any) => r.id)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
        expect(body.sources.map((s: any) => s.id)).toContain('mp-cf');
        // _sort still sorts by any column.
        expect((await json(app, '/api/marketplaces?_sort=name')).rows.map((r: any) => r.id)).toEqual(['delta', 'alpha', 'beta', 'gamma']);
      } finally {
        await ctx.db.kysely.deleteFrom('popularity').where('marketplace_id', '=', 'delta').execute();
        await ctx.db.kysely.deleteFrom('marketplaces').where('id', '=', 'delta').execute();
      }
    });

    it('has facets with counts', async () => {
      const { facets } = await json(app, '/api/marketplaces');
      expect(facets.model).toEqual([
        { value: 'B2C', count: 2 },
        { value: 'C2C', count: 1 },
        { value: 'classifieds', count: 1 },
      ]);
      expect(facets.region).toEqual([
        { value: 'Latin America', count: 2 },
        { value: 'East Asia', count: 1 },
      ]);
      expect(facets.foreign_sellers).toEqual(expect.arrayContaining([{ value: 'unknown', count: 1 }]));
      expect(facets.category.map((c: any) => c.value)).toContain('general merchandise');
    });

    it('filters by region, goods/services, model, category, foreign sellers and time', async () => {
      const ids = async (q: string) => (await json(app, `/api/marketplaces?${q}`)).rows.map((r: any) => r.id);
      expect(await ids('region=latin-america')).toEqual(['alpha', 'gamma']);
      expect(await ids('region=latin-america&goods=services')).toEqual(['gamma']); // "both" matches either
      expect(await ids('goods=goods')).toEqual(['alpha', 'gamma']);
      expect(await ids('model=C2C~classifieds')).toEqual(['alpha', 'gamma']);
      expect(await ids('category=fashion')).toEqual(['alpha']);
      expect(await ids('foreign_sellers=unknown')).toEqual(['beta']);
      expect(await ids('economy=KOR')).toEqual(['beta']);
      const y2024 = await json(app, '/api/marketplaces?time=2024');
      expect(y2024.rows.find((r: any) => r.id === 'alpha').visits).toBe(2000);
      expect((await get(app, '/api/marketplaces?region=mars')).status).toBe(400);
      expect((await get(app, '/api/marketplaces?model=B2X')).status).toBe(400);
    });

    it('the CSV twin has the same rows and is marked synthetic', async () => {
      const res = await get(app, '/api/marketplaces.csv?region=latin-america');
      expect(res.headers.get('x-puente-synthetic')).toBe('true');
      const lines = (await res.text()).trim().split(/\r?\n/);
      expect(lines[0]).toMatch(/^id,name,hq_iso3,.*,visits,months,cross_border_share,top_rank,synthetic$/);
      expect(lines).toHaveLength(3);
    });
  });

  describe('/api/marketplaces/{id}', () => {
    it('gives websites with shares, the summary and reach', async () => {
      const body = await json(app, '/api/marketplaces/alpha');
      expect(body.marketplace).toMatchObject({ id: 'alpha', name: 'Alpha', foreign_sellers: 'yes' });
      const cl = body.rows.find((r: any) => r.serves_iso3 === 'CHL');
      const pe = body.rows.find((r: any) => r.serves_iso3 === 'PER');
      // No origin breakdown: the share is unknown, not 0 % domestic.
      expect(cl).toMatchObject({ visits: 500, domestic_share: null, unattributed_share: 1, synthetic: false });
      expect(pe).toMatchObject({ visits: 2500, synthetic: true });
      expect(pe.domestic_share).toBeCloseTo(0.6, 12);
      expect(pe.bi_regional_share).toBeCloseTo(0.12, 12);
      // Reach from PER: CHL, CHN, USA above 1 % (BOL is below), ARG from a top list.
      expect(body.reach).toMatchObject({ reach: 4, home: 'PER', from_traffic: ['CHL', 'CHN', 'USA'], from_popularity: ['ARG'] });
      // CHL, CHN and USA come from synthetic origin shares: the reach is a synthetic figure.
      expect(body.reach.synthetic).toBe(true);
      // Most visited website first; each says how its domain is known.
      expect(body.rows.map((r: any) => r.serves_iso3)).toEqual(['PER', 'CHL']);
      expect(pe).toHaveProperty('domain_evidence', null);
      expect(pe).toHaveProperty('source_url', null);
      expect(body.summary).toMatchObject({ visits: 3000, yoy: null, marketplaces: 1, synthetic: true });
      expect(body.sources.some((s: any) => s.synthetic)).toBe(true);
    });

    it('a marketplace without traffic: visits null, reach unknown', async () => {
      const body = await json(app, '/api/marketplaces/gamma');
      expect(body.rows).toEqual([expect.objectContaining({ visits: null, domestic_share: null, months: 0 })]);
      expect(body.summary).toMatchObject({ visits: null, hhi: null, domestic_share: null });
      expect(body.reach.reach).toBeNull();
      expect(body.reach.synthetic).toBe(false);
    });

    it('the metadata twin carries the reach with its synthetic flag', async () => {
      const meta = await json(app, '/api/marketplaces/alpha.metadata.json');
      expect(meta.synthetic).toBe(true);
      expect(meta.fields.reach.synthetic).toBe(true);
      expect(meta.fields.summary.synthetic).toBe(true);
      expect(meta.columns.map((c: any) => c.name)).toEqual(expect.arrayContaining(['domain_evidence', 'source_url', 'synthetic']));
    });

    it('404 for an unknown id; correlations is not taken for an id', async () => {
      expect((await get(app, '/api/marketplaces/nope')).status).toBe(404);
      expect((await get(app, '/api/marketplaces/correlations?indicator=IT.NET.USER.ZS')).status).toBe(200);
    });
  });

  describe('/api/traffic', () => {
    it('total by month with YoY from the year before the window', async () => {
      const body = await json(app, '/api/traffic?time=2024-01..2024-12');
      expect(body.rows).toEqual([{ period: '2024-01', series: 'total', label: 'total', visits: 3500, months: 1, yoy: 75, synthetic: true }]);
    });

    it('by flow class, and the headline figures', async () => {
      const body = await json(app, '/api/traffic?group=flow_class&time=2024');
      const by = Object.fromEntries(body.rows.map((r: any) => [r.series, r.visits]));
      expect(by).toEqual({ domestic: 1900, 'intra-latin-america': 300, 'bi-regional': 500, 'extra-fealac': 100, 'intra-east-asia': 200, unattributed: 500 });
      const s = body.summary;
      expect(s).toMatchObject({ visits: 3500, attributed: 3000, months: 1, marketplaces: 2, synthetic: true });
      expect(s.domestic_share).toBeCloseTo(1900 / 3000, 12);
      expect(s.cross_border_share).toBeCloseTo(1100 / 3000, 12);
      expect(s.flow_mix['bi-regional']).toBeCloseTo(500 / 3000, 12);
      // alpha 2000, beta 1500: (4/7·100)² + (3/7·100)².
      expect(s.hhi).toBeCloseTo((400 / 7) ** 2 + (300 / 7) ** 2, 9);
      expect(s.top1_share).toBeCloseTo(4 / 7, 12);
      expect(s.top_origins[0]).toMatchObject({ origin: 'KOR', visits: 1000 });
    });

    it('Latin America + services: only what matches; beta alone is not synthetic', async () => {
      expect((await json(app, '/api/traffic?region=latin-america&goods=services')).rows).toEqual([]);
      const beta = await json(app, '/api/traffic?model=B2C&goods=services&group=marketplace');
      expect(beta.rows).toEqual([
        { period: '2023-01', series: 'beta', label: 'Beta', visits: 1000, months: 1, yoy: null, synthetic: false },
        { period: '2024-01', series: 'beta', label: 'Beta', visits: 1500, months: 1, yoy: 50, synthetic: false },
      ]);
      expect(beta.sources.some((s: any) => s.synthetic)).toBe(false);
      const la = await json(app, '/api/traffic?region=latin-america&group=economy&interval=year');
      expect(la.rows.map((r: any) => [r.period, r.series, r.label, r.visits])).toEqual([
        ['2024', 'CHL', 'Chile', 500],
        ['2023', 'PER', 'Peru', 1000],
        ['2024', 'PER', 'Peru', 1500],
      ]);
      // Partial years are not compared.
      expect(la.rows.every((r: any) => r.yoy === null)).toBe(true);
    });

    it('by region', async () => {
      const body = await json(app, '/api/traffic?group=region&time=2024');
      expect(body.rows.map((r: any) => [r.series, r.visits, r.synthetic])).toEqual([
        ['East Asia', 1500, false],
        ['Latin America', 2000, true],
      ]);
    });

    it('the CSV and zip twins say synthetic', async () => {
      const csv = await get(app, '/api/traffic.csv?group=marketplace');
      expect(csv.headers.get('x-puente-synthetic')).toBe('true');
      const text = await csv.text();
      expect(text.split(/\r?\n/)[0]).toBe('period,series,label,visits,months,yoy,synthetic');
      expect(text).toContain('2024-01,alpha,Alpha,2000,1,');
      const zip = unzipSync(new Uint8Array(await (await get(app, '/api/traffic.zip')).arrayBuffer()));
      const readme = Object.entries(zip).find(([n]) => /readme/i.test(n))!;
      expect(strFromU8(readme[1])).toMatch(/WARNING: this download contains SYNTHETIC data/);
      const meta = await json(app, '/api/traffic.metadata.json');
      expect(meta.synthetic).toBe(true);
    });
  });

  describe('/api/flows', () => {
    it('origin × destination with shares of the destination', async () => {
      const body = await json(app, '/api/flows?time=2024');
      expect(body.unattributed).toBe(500);
      expect(body.rows).toHaveLength(7);
      const chnPer = body.rows.find((r: any) => r.origin === 'CHN' && r.destination === 'PER');
      expect(chnPer).toMatchObject({ flow_class: 'bi-regional', visits: 200, origin_region: 'East Asia', destination_region: 'Latin America', synthetic: true });
      expect(chnPer.share_of_destination).toBeCloseTo(200 / 1500, 12);
      const usa = body.rows.find((r: any) => r.origin === 'USA');
      expect(usa).toMatchObject({ origin_region: null, flow_class: 'extra-fealac' });
    });

    it('at region level', async () => {
      const body = await json(app, '/api/flows?time=2024&level=region');
      const cell = (o: string, d: string) => body.rows.find((r: any) => r.origin === o && r.destination === d);
      expect(cell('Latin America', 'Latin America').visits).toBe(1200);
      expect(cell('East Asia', 'Latin America')).toMatchObject({ visits: 200, flow_class: 'bi-regional' });
      expect(cell('EXTRA-FEALAC', 'Latin America').visits).toBe(100);
      expect(cell('East Asia', 'East Asia').visits).toBe(1200);
      expect(cell('Latin America', 'East Asia').share_of_destination).toBeCloseTo(300 / 1500, 12);
    });

    it('flow= and origin= filter the cells', async () => {
      const body = await json(app, '/api/flows?flow=bi-regional');
      expect(body.rows.map((r: any) => [r.origin, r.destination, r.visits])).toEqual([
        ['MEX', 'KOR', 400],
        ['CHN', 'PER', 300],
      ]);
      expect((await get(app, '/api/flows?flow=sideways')).status).toBe(400);
    });
  });

  describe('/api/top-sites', () => {
    it('the latest snapshot\'s e-commerce entries by rank, with their registry marketplace', async () => {
      const body = await json(app, '/api/top-sites?economy=PER');
      expect(body.rows.map((r: any) => [r.rank, r.domain, r.marketplace_id, r.ecommerce, r.synthetic])).toEqual([
        [12, 'shop.example', null, true, false],
        [30, 'alpha.pe', 'alpha', true, false],
      ]);
      expect(body.rows[1]).toMatchObject({ economy: 'PER', list: 'cloudflare', month: '2024-05', marketplace_name: 'Alpha' });
      expect(body.months).toEqual(['2024-05']);
      expect(body.sources.map((s: any) => s.license)).toEqual(['CC BY-NC 4.0']);
    });

    it('scope=all lists every entry; month= an older snapshot; marketplace= its ranks everywhere', async () => {
      expect((await json(app, '/api/top-sites?economy=PER&scope=all')).rows.map((r: any) => r.rank)).toEqual([5, 12, 30]);
      expect((await json(app, '/api/top-sites?economy=PER&month=2024-04')).rows.map((r: any) => r.domain)).toEqual(['old.example']);
      const alpha = await json(app, '/api/top-sites?marketplace=alpha');
      // Best rank first.
      expect(alpha.rows.map((r: any) => [r.economy, r.rank])).toEqual([
        ['PER', 30],
        ['ARG', 40],
      ]);
      expect(alpha.rows.every((r: any) => r.ecommerce)).toBe(true);
      const csv = await (await get(app, '/api/top-sites.csv?economy=PER')).text();
      expect(csv.split(/\r?\n/)[0]).toBe('economy,list,month,rank,bucket,domain,categories,ecommerce,marketplace_id,marketplace_name,synthetic');
      expect((await get(app, '/api/top-sites?month=2024-13')).status).toBe(400);
      expect((await get(app, '/api/top-sites?list=alexa')).status).toBe(400);
    });
  });

  describe('/api/marketplaces/correlations', () => {
    it('visits against internet users across economies', async () => {
      const body = await json(app, '/api/marketplaces/correlations?indicator=IT.NET.USER.ZS');
      expect(body.year).toBe(2024);
      expect(body.rows).toHaveLength(36);
      const points = body.rows.filter((r: any) => r.x !== null && r.y !== null);
      expect(points.map((r: any) => [r.iso3, r.x, r.x_year, r.y])).toEqual([
        ['CHL', 85, 2023, 500],
        ['KOR', 95, 2024, 1500],
        ['PER', 70, 2024, 1500],
      ]);
      const expected = correlate(points.map((r: any) => ({ key: r.iso3, x: r.x, y: r.y })));
      expect(body).toMatchObject({ n: 3, metric: 'visits', synthetic: true });
      expect(body.pearson).toBeCloseTo(expected.pearson!, 12);
      expect(body.spearman).toBeCloseTo(expected.spearman!, 12);
      expect(body.slope).toBeCloseTo(expected.slope!, 12);
      // Missing economies stay missing.
      expect(body.rows.find((r: any) => r.iso3 === 'ARG')).toMatchObject({ x: null, y: null });
    });

    it('a share metric: CHL has no origin breakdown, so n = 2 and no coefficient', async () => {
      const body = await json(app, '/api/marketplaces/correlations?indicator=IT.NET.USER.ZS&metric=cross_border_share');
      expect(body.n).toBe(2);
      expect(body.pearson).toBeNull();
      // PER's y comes from synthetic visits.
      expect(body.synthetic).toBe(true);
      const beta = await json(app, '/api/marketplaces/correlations?indicator=IT.NET.USER.ZS&region=east-asia');
      expect(beta.synthetic).toBe(false);
      expect(body.rows.find((r: any) => r.iso3 === 'KOR').y).toBeCloseTo(500 / 1500, 12);
    });

    it('404 for an unknown indicator, 400 without one', async () => {
      expect((await get(app, '/api/marketplaces/correlations?indicator=NOPE')).status).toBe(404);
      expect((await get(app, '/api/marketplaces/correlations')).status).toBe(400);
    });
  });
});

describe('DuckDB and PostgreSQL answer the same', () => {
  it.each([
    '/api/marketplaces',
    '/api/marketplaces/alpha',
    '/api/traffic?group=economy',
    '/api/traffic?group=flow_class&interval=year',
    '/api/flows?level=region',
    '/api/marketplaces/correlations?indicator=IT.NET.USER.ZS&metric=hhi',
    '/api/traffic.csv?group=marketplace',
  ])('%s', async (path) => {
    const a = await get((await setup('duckdb')).app, path);
    const b = await get((await setup('postgres')).app, path);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [x, y] = [await a.text(), await b.text()];
    if (path.includes('.csv')) expect(y).toBe(x);
    else expect(JSON.parse(y)).toEqual(JSON.parse(x));
  });
});
