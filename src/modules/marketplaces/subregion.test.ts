// subregion= on the Marketplace Explorer routes, on both engines: a FEALAC sub-regional group
// (countries module) stands for its member economies, like economy= listing them. The rollup rows
// are inserted by hand:
//   alpha  PER  from PER 1000 (domestic)          alpha  ARG  from ARG 500, from BRA 100
//   beta   KOR  from KOR 800, from VNM 200        gamma  BRA  from BRA 300
//   gamma  VNM  from VNM 400
// Mercosur (ARG, BRA, PRY, URY, BOL, VEN) is served by alpha (ARG) and gamma (BRA); ASEAN by gamma
// (VNM); the Pacific Alliance (CHL, COL, MEX, PER) by alpha (PER).
import { beforeAll, describe, expect, it } from 'vitest';
import { appsPerEngine, get, json } from '../../../test/support/app.js';
import { engines } from '../../../test/support/engines.js';
import type { AppContext } from '../../platform/module.js';
import type { App } from '../../server.js';

const NOW = new Date('2025-05-01T10:00:00Z');

const FLOWS: [string, string, string, string, number][] = [
  ['alpha', 'PER', 'PER', 'domestic', 1000],
  ['alpha', 'ARG', 'ARG', 'domestic', 500],
  ['alpha', 'ARG', 'BRA', 'intra-latin-america', 100],
  ['beta', 'KOR', 'KOR', 'domestic', 800],
  ['beta', 'KOR', 'VNM', 'intra-east-asia', 200],
  ['gamma', 'BRA', 'BRA', 'domestic', 300],
  ['gamma', 'VNM', 'VNM', 'domestic', 400],
];

async function seed(ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  await db
    .insertInto('sources')
    .values({ id: 'mp-registry', publisher: 'Puente marketplace registry', title: 'Registry', url: null, license: 'CC-BY-4.0', retrieved_at: '2025-01-01', synthetic: false, note: null })
    .execute();
  const mp = (id: string, name: string, hq: string) => ({
    id, name, hq_iso3: hq, founded_year: 2000, models: 'B2C', goods_or_services: 'goods', categories: null, foreign_sellers: 'unknown',
    payment_services: null, logistics_services: null, msme_sellers_note: null, source_urls: null, source_id: 'mp-registry',
  });
  await db.insertInto('marketplaces').values([mp('alpha', 'Alpha', 'PER'), mp('beta', 'Beta', 'KOR'), mp('gamma', 'Gamma', 'BRA')]).execute();
  const websites = [...new Set(FLOWS.map(([m, dest]) => `${m}|${dest}`))].map((k) => {
    const [marketplace_id, serves_iso3] = k.split('|');
    const domain = `${marketplace_id}.${serves_iso3.toLowerCase()}`;
    return { id: `${domain}|${serves_iso3}`, marketplace_id, domain, serves_iso3, launched_year: null, status: 'active', source_url: null, domain_evidence: null, source_id: 'mp-registry' };
  });
  await db.insertInto('websites').values(websites).execute();
  await db
    .insertInto('traffic_flow_month')
    .values(FLOWS.map(([marketplace_id, dest_iso3, origin_iso3, flow_class, visits]) => ({ marketplace_id, dest_iso3, origin_iso3, flow_class, month: '2024-01', source_id: 'mp-registry', visits, synthetic: false })))
    .execute();
}

const setup = appsPerEngine(NOW, seed);

describe.each(engines)('subregion= on %s', (engine) => {
  let app: App;
  beforeAll(async () => {
    ({ app } = await setup(engine));
  });

  it('/api/marketplaces: marketplaces with a website serving a member economy', async () => {
    const ids = async (q: string) => (await json(app, `/api/marketplaces?${q}`)).rows.map((r: any) => r.id);
    expect(await ids('subregion=mercosur')).toEqual(['alpha', 'gamma']);
    expect(await ids('subregion=asean')).toEqual(['gamma']);
    expect(await ids('subregion=pacific-alliance')).toEqual(['alpha']);
    expect(await ids('subregion=northeast-asia~oceania')).toEqual(['beta']);
    // With economy= and region=: both must hold.
    expect(await ids('subregion=mercosur&economy=BRA~KOR')).toEqual(['gamma']);
    expect(await ids('subregion=mercosur&economy=KOR')).toEqual([]);
    expect(await ids('subregion=asean&region=latin-america')).toEqual([]);
    expect((await get(app, '/api/marketplaces?subregion=atlantis')).status).toBe(400);
  });

  it('/api/traffic and /api/flows: the destination economies are the members', async () => {
    const traffic = await json(app, '/api/traffic?subregion=mercosur&group=economy');
    expect(traffic.rows.map((r: any) => [r.series, r.visits])).toEqual([
      ['ARG', 600],
      ['BRA', 300],
    ]);
    expect(traffic.summary).toMatchObject({ visits: 900, marketplaces: 2 });
    const flows = await json(app, '/api/flows?subregion=asean');
    expect(flows.rows.map((r: any) => [r.origin, r.destination, r.visits])).toEqual([['VNM', 'VNM', 400]]);
    const meta = await json(app, '/api/traffic.metadata.json?subregion=asean~mercosur');
    expect(meta.parameters.subregion).toEqual(['asean', 'mercosur']);
  });

  it('/api/marketplaces/correlations: one row per member economy', async () => {
    const body = await json(app, '/api/marketplaces/correlations?indicator=IT.NET.USER.ZS&subregion=mercosur');
    expect(body.rows.map((r: any) => r.iso3)).toEqual(['ARG', 'BOL', 'BRA', 'PRY', 'URY', 'VEN']);
    expect(body.rows.find((r: any) => r.iso3 === 'ARG').y).toBe(600);
  });
});
