import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, freshDatabase } from '../../../test/support/engines.js';
import type { Database, Engine } from '../../platform/db/index.js';
import { readCsv } from '../../platform/ingest/csv.js';
import { runImport } from '../../platform/ingest/run.js';
import { modules } from '../../modules.js';
import { importers } from './ingest.js';
import { countryStats, listCountries, listGroups, listPairs, memberCodes } from './store.js';

// Real data is read in place from ../shared/data, never copied into the repository.
const PAIRS = fileURLToPath(new URL('../../../../shared/data/pairs/geodist_fealac_pairs.csv', import.meta.url));
const MEMBERS_FILE = fileURLToPath(new URL('../../../../shared/data/countries/fealac_members.csv', import.meta.url));
const clock = () => new Date('2025-03-01T12:00:00Z');

const EAST_ASIA = ['AUS', 'BRN', 'CHN', 'IDN', 'JPN', 'KHM', 'KOR', 'LAO', 'MMR', 'MNG', 'MYS', 'NZL', 'PHL', 'SGP', 'THA', 'VNM'];
const LATIN_AMERICA = ['ARG', 'BOL', 'BRA', 'CHL', 'COL', 'CRI', 'CUB', 'DOM', 'ECU', 'GTM', 'HND', 'MEX', 'NIC', 'PAN', 'PER', 'PRY', 'SLV', 'SUR', 'URY', 'VEN'];

/** What each engine answered, compared at the end: the same queries must give the same JSON. */
const canonical: Partial<Record<Engine, string>> = {};

/** JSON with object keys sorted, so that only values and order of rows matter. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

describe.each(engines)('countries store on %s', (engine) => {
  let db: Database;
  let pairsReport: Awaited<ReturnType<typeof runImport>>;

  beforeAll(async () => {
    db = await freshDatabase(engine);
    for (const m of modules) await m.seed?.(db.kysely, { clock });
    pairsReport = await runImport(db, importers, [PAIRS], { now: clock() });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('seeds the 36 FEALAC members: 16 East Asia, 20 Latin America', async () => {
    const all = await listCountries(db.kysely);
    expect(all).toHaveLength(36);
    expect(all.filter((c) => c.fealac_region === 'East Asia').map((c) => c.iso3).sort()).toEqual(EAST_ASIA);
    expect(all.filter((c) => c.fealac_region === 'Latin America').map((c) => c.iso3).sort()).toEqual(LATIN_AMERICA);
    expect(await memberCodes(db.kysely)).toEqual([...EAST_ASIA, ...LATIN_AMERICA].sort());
  });

  it('lists countries by English name', async () => {
    const names = (await listCountries(db.kysely)).map((c) => c.name_en);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('keeps an unconfirmed year of accession unknown (MNG null), never a made-up number', async () => {
    const [mng] = await listCountries(db.kysely, { countries: ['MNG'] });
    expect(mng.year_joined).toBeNull();
    const [per] = await listCountries(db.kysely, { countries: ['PER'] });
    expect(per.year_joined).toBe(1999);
    const [dom] = await listCountries(db.kysely, { countries: ['DOM'] });
    expect(dom.year_joined).toBe(2007);
    const [hnd] = await listCountries(db.kysely, { countries: ['HND'] });
    expect(hnd.year_joined).toBe(2011);
  });

  it('has ISO codes and names in en, es, pt, zh, ja, ko', async () => {
    const [per] = await listCountries(db.kysely, { countries: ['PER'] });
    expect(per).toMatchObject({
      iso3: 'PER',
      iso2: 'PE',
      iso_numeric: '604',
      name_en: 'Peru',
      name_es: 'Perú',
      name_pt: 'Peru',
      name_zh: '秘鲁',
      name_ja: 'ペルー',
      name_ko: '페루',
    });
    const all = await listCountries(db.kysely);
    for (const c of all) {
      for (const lang of ['es', 'pt', 'zh', 'ja', 'ko'] as const) expect(c[`name_${lang}`], `${c.iso3} ${lang}`).toBeTruthy();
    }
  });

  it('uses the FEALAC English names where they differ from ISO', async () => {
    const [kor] = await listCountries(db.kysely, { countries: ['KOR'] });
    expect(kor.name_en).toBe('Korea, Republic of');
    const [vnm] = await listCountries(db.kysely, { countries: ['VNM'] });
    expect(vnm.name_en).toBe('Viet Nam');
  });

  it('matches the names file in shared/data for every member (es, pt, zh, ja, ko)', async () => {
    const langs = ['es', 'pt', 'zh', 'ja', 'ko'];
    const read = await readCsv<Record<string, string>>(MEMBERS_FILE.replace('fealac_members', 'fealac_country_names'), {
      columns: ['iso3', 'iso2', 'iso_numeric', ...langs.map((l) => `name_${l}`)].map((name) => ({ name, type: 'text' as const })),
    });
    expect(read.issues).toEqual([]);
    const byIso = new Map((await listCountries(db.kysely)).map((c) => [c.iso3, c as unknown as Record<string, unknown>]));
    expect(read.rows).toHaveLength(36);
    for (const r of read.rows) {
      const c = byIso.get(r.iso3)!;
      expect(c, r.iso3).toBeDefined();
      expect([c.iso2, c.iso_numeric], r.iso3).toEqual([r.iso2, r.iso_numeric]);
      for (const l of langs) expect(c[`name_${l}`], `${r.iso3} ${l}`).toBe(r[`name_${l}`]);
    }
  });

  it('has the sub-regional groups (pacific-alliance = CHL COL MEX PER) and each country lists its groups', async () => {
    const groups = await listGroups(db.kysely);
    const pa = groups.find((g) => g.code === 'pacific-alliance');
    expect(pa?.members).toEqual(['CHL', 'COL', 'MEX', 'PER']);
    expect(groups.find((g) => g.code === 'mercosur')?.members).toEqual(['ARG', 'BOL', 'BRA', 'PRY', 'URY', 'VEN']);
    expect((await listCountries(db.kysely, { group: 'pacific-alliance' })).map((c) => c.iso3).sort()).toEqual(['CHL', 'COL', 'MEX', 'PER']);
    const [per] = await listCountries(db.kysely, { countries: ['PER'] });
    expect(per.subregions.sort()).toEqual(['andean-community', 'pacific-alliance']);
    // Every group member is a FEALAC member.
    const members = new Set(await memberCodes(db.kysely));
    for (const g of groups) for (const m of g.members) expect(members.has(m), `${g.code} ${m}`).toBe(true);
  });

  it('filters by region and by a list of codes', async () => {
    expect(await listCountries(db.kysely, { region: 'East Asia' })).toHaveLength(16);
    expect(await listCountries(db.kysely, { region: 'Latin America' })).toHaveLength(20);
    expect((await listCountries(db.kysely, { countries: ['PER', 'USA'] })).map((c) => c.iso3)).toEqual(['PER']);
    expect(await listCountries(db.kysely, { region: 'East Asia', group: 'pacific-alliance' })).toEqual([]);
  });

  it('seeding again changes nothing', async () => {
    const before = canonicalJson({ countries: await listCountries(db.kysely), groups: await listGroups(db.kysely) });
    for (const m of modules) await m.seed?.(db.kysely, { clock });
    const after = canonicalJson({ countries: await listCountries(db.kysely), groups: await listGroups(db.kysely) });
    expect(after).toBe(before);
  });

  it('imports the 1260 ordered GeoDist pairs', async () => {
    expect(pairsReport.files).toEqual([{ file: PAIRS, importer: 'countries/pairs', rows: 1260 }]);
    expect(await countryStats(db.kysely)).toEqual({ countries: 36, country_pairs: 1260 });
    const per = await listPairs(db.kysely, 'PER');
    expect(per).toHaveLength(35);
    expect(per.map((p) => p.iso3_d)).not.toContain('PER');
  });

  it('PER -> CHL has exactly the values of the file', async () => {
    const read = await readCsv<{ iso3_o: string; iso3_d: string; variable: string; value: number }>(PAIRS, {
      columns: [
        { name: 'iso3_o', type: 'text' },
        { name: 'iso3_d', type: 'text' },
        { name: 'variable', type: 'text' },
        { name: 'value', type: 'number' },
      ],
    });
    expect(read.issues).toEqual([]);
    const fromFile = Object.fromEntries(read.rows.filter((r) => r.iso3_o === 'PER' && r.iso3_d === 'CHL').map((r) => [r.variable, r.value]));
    expect(Object.keys(fromFile).sort()).toEqual(['comlang_ethno', 'comlang_off', 'contig', 'dist', 'distcap', 'distw']);
    const [chl] = (await listPairs(db.kysely, 'PER')).filter((p) => p.iso3_d === 'CHL');
    expect(chl).toEqual({
      iso3_o: 'PER',
      iso3_d: 'CHL',
      dist_km: fromFile.dist,
      distcap_km: fromFile.distcap,
      distw_km: fromFile.distw,
      contig: fromFile.contig,
      comlang_off: fromFile.comlang_off,
      comlang_ethno: fromFile.comlang_ethno,
    });
    // Peru and Chile share a border and Spanish.
    expect(chl.contig).toBe(1);
    expect(chl.comlang_off).toBe(1);
  });

  it('every pair value in the database equals the file', async () => {
    const read = await readCsv<{ iso3_o: string; iso3_d: string; variable: string; value: number }>(PAIRS, {
      columns: [
        { name: 'iso3_o', type: 'text' },
        { name: 'iso3_d', type: 'text' },
        { name: 'variable', type: 'text' },
        { name: 'value', type: 'number' },
      ],
    });
    const column: Record<string, string> = { dist: 'dist_km', distcap: 'distcap_km', distw: 'distw_km', contig: 'contig', comlang_off: 'comlang_off', comlang_ethno: 'comlang_ethno' };
    const stored = (await db.kysely.selectFrom('country_pairs').selectAll().execute()) as Record<string, unknown>[];
    const byPair = new Map(stored.map((p) => [`${p.iso3_o}|${p.iso3_d}`, p]));
    expect(read.rows).toHaveLength(7560);
    const wrong = read.rows.filter((r) => byPair.get(`${r.iso3_o}|${r.iso3_d}`)?.[column[r.variable]] !== r.value);
    expect(wrong).toEqual([]);
  });

  it('pairs point to the CEPII source record with its licence', async () => {
    const rows = await db.kysely
      .selectFrom('country_pairs as p')
      .innerJoin('sources as s', 's.id', 'p.source_id')
      .select(['s.publisher', 's.license'])
      .distinct()
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].publisher).toMatch(/^CEPII GeoDist/);
    expect(rows[0].license).toMatch(/Etalab/);
  });

  it('answers the same as the other engine (recorded here, compared below)', async () => {
    const pairs = [];
    for (const o of await memberCodes(db.kysely)) pairs.push(...(await listPairs(db.kysely, o)));
    const json = canonicalJson({
      countries: await listCountries(db.kysely),
      eastAsia: await listCountries(db.kysely, { region: 'East Asia' }),
      group: await listCountries(db.kysely, { group: 'mercosur' }),
      groups: await listGroups(db.kysely),
      pairs,
      stats: await countryStats(db.kysely),
    });
    expect(json.length).toBeGreaterThan(100_000);
    canonical[engine] = json;
  });
});

describe('countries store across engines', () => {
  it('DuckDB and PostgreSQL give the same countries, groups and pairs, value for value', () => {
    expect(canonical.duckdb, 'the DuckDB run did not record its answer').toBeDefined();
    expect(canonical.postgres, 'the PostgreSQL run did not record its answer').toBeDefined();
    // Compare parsed first for a readable diff, then the text for exact equality (types, order).
    expect(JSON.parse(canonical.postgres!)).toEqual(JSON.parse(canonical.duckdb!));
    expect(canonical.postgres).toBe(canonical.duckdb);
  });
});
