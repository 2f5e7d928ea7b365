import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { engines, freshDatabase } from '../../../test/support/engines.js';
import { loadConfig } from '../../platform/config.js';
import type { Database } from '../../platform/db/index.js';
import { silentLog } from '../../platform/log.js';
import type { AppContext } from '../../platform/module.js';
import { modules } from '../../modules.js';
import { memberCodes } from '../countries/index.js';
import { syncWorldBank, worldBankCodes } from './sync.js';
import { buildUrl } from './worldbank.js';

// Shared fixtures are read in place, never copied into the repository. All network is faked.
const FIXTURES = new URL('../../../../shared/fixtures/worldbank-api/', import.meta.url);
const readFixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');
const NOW = new Date('2025-06-30T08:00:00Z');
const BASE = 'https://wb.test/v2';

interface WbRow {
  indicator: { id: string; value: string };
  countryiso3code: string;
  date: string;
  value: number | null;
}
const fixtureRows = (wb: string): WbRow[] => [1, 2].flatMap((p) => (JSON.parse(readFixture(`${wb}.page${p}.json`)) as [unknown, WbRow[]])[1]);

/**
 * Serves the fixture pages by indicator and page. FX.OWN.TOTL.ZS (whose Puente code is
 * FINDEX.account_t_d) gets the internet-users pages relabelled, to see the code mapping at work;
 * BAD.CODE gets the API's error answer; every other indicator the empty result.
 */
function fakeFetch() {
  const calls: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    calls.push(url.toString());
    const indicator = decodeURIComponent(url.pathname.split('/indicator/')[1] ?? '');
    const page = url.searchParams.get('page') ?? '1';
    let body: string;
    if (indicator === 'IT.NET.USER.ZS' || indicator === 'IT.NET.BBND.P2') body = readFixture(`${indicator}.page${page}.json`);
    else if (indicator === 'FX.OWN.TOTL.ZS') body = readFixture(`IT.NET.USER.ZS.page${page}.json`).replaceAll('"IT.NET.USER.ZS"', '"FX.OWN.TOTL.ZS"').replaceAll('Individuals using the Internet (% of population)', 'Account ownership (% age 15+)');
    else if (indicator === 'BAD.CODE') body = readFixture('error-invalid-indicator.json');
    else body = readFixture('empty-result.json');
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe.each(engines)('syncWorldBank on %s', (engine) => {
  let db: Database;
  let ctx: AppContext;
  let calls: string[];
  let members: string[];

  beforeAll(async () => {
    // The fixtures cover the 36 members; the counts below rely on it.
    members = [...new Set(fixtureRows('IT.NET.USER.ZS').map((r) => r.countryiso3code))];
    expect(members).toHaveLength(36);
  });

  beforeEach(async () => {
    db = await freshDatabase(engine);
    for (const m of modules) await m.seed?.(db.kysely, { clock: () => NOW });
    const fake = fakeFetch();
    calls = fake.calls;
    ctx = {
      db,
      config: loadConfig({ PUENTE_WORLDBANK_URL: BASE, PUENTE_LOG_LEVEL: 'silent' }),
      log: silentLog,
      clock: () => NOW,
      fetch: fake.fetch,
    };
  });
  afterEach(async () => {
    await db?.close();
  });

  const valuesOf = (code: string) =>
    db.kysely.selectFrom('indicator_values').select(['iso3', 'year', 'value', 'source_id']).where('indicator_code', '=', code).orderBy('iso3').orderBy('year').execute();

  it('writes every non-null fixture value under the Puente code, and only those', async () => {
    const report = await syncWorldBank(ctx, { indicators: ['IT.NET.USER.ZS', 'IT.NET.BBND.P2'], from: 2015, to: 2023 });
    for (const code of ['IT.NET.USER.ZS', 'IT.NET.BBND.P2']) {
      const expected = fixtureRows(code)
        .filter((r) => r.value !== null)
        .map((r) => ({ iso3: r.countryiso3code, year: Number(r.date), value: r.value }))
        .sort((a, b) => a.iso3.localeCompare(b.iso3) || a.year - b.year);
      const stored = (await valuesOf(code)).map(({ iso3, year, value }) => ({ iso3, year, value }));
      expect(stored, code).toEqual(expected);
      expect(report.indicators.find((i) => i.code === code)?.values).toBe(expected.length);
    }
    // Unknown is not zero: the fixtures' nulls are not rows.
    expect((await valuesOf('IT.NET.USER.ZS')).length).toBe(324 - 29);
    expect(report.values).toBe(324 - 29 + 324 - 1);
    // Two pages per indicator, one request each.
    expect(calls).toHaveLength(4);
  });

  it('maps a World Bank code to its Puente code (FX.OWN.TOTL.ZS -> FINDEX.account_t_d)', async () => {
    expect(worldBankCodes().get('FX.OWN.TOTL.ZS')).toBe('FINDEX.account_t_d');
    const report = await syncWorldBank(ctx, { indicators: ['FINDEX.account_t_d'], from: 2015, to: 2023 });
    expect(report.indicators).toEqual([{ code: 'FINDEX.account_t_d', worldbank: 'FX.OWN.TOTL.ZS', values: 295 }]);
    expect(await valuesOf('FINDEX.account_t_d')).toHaveLength(295);
    expect(await valuesOf('FX.OWN.TOTL.ZS')).toHaveLength(0);
    expect(calls.every((u) => u.includes('/indicator/FX.OWN.TOTL.ZS?'))).toBe(true);
  });

  it('records the source: publisher World Bank, the API URL, licence, and retrieved_at = imported_at = the clock (the fetch time)', async () => {
    await syncWorldBank(ctx, { indicators: ['IT.NET.USER.ZS'], from: 2015, to: 2023 });
    const values = await valuesOf('IT.NET.USER.ZS');
    const ids = [...new Set(values.map((v) => v.source_id))];
    expect(ids).toHaveLength(1);
    const source = await db.kysely.selectFrom('sources').selectAll().where('id', '=', ids[0]).executeTakeFirstOrThrow();
    const url = buildUrl({ baseUrl: BASE, countries: await memberCodes(db.kysely), from: 2015, to: 2023 }, 'IT.NET.USER.ZS');
    expect(source).toMatchObject({ publisher: 'World Bank', url, license: 'CC BY 4.0', retrieved_at: NOW.toISOString(), imported_at: NOW.toISOString(), synthetic: false });
    expect(source.url).not.toMatch(/[?&]page=/);
    expect(source.url.startsWith(`${BASE}/country/`)).toBe(true);
    expect(source.title).toMatch(/Individuals using the Internet.*World Development Indicators.*2026-07-01/);
    // Every request went to the configured base URL, for the 36 members and the years asked.
    for (const u of calls) {
      expect(u.startsWith(`${BASE}/country/`)).toBe(true);
      expect(u).toContain('date=2015:2023');
    }
  });

  it('rebuilds the FEALAC medians from what it wrote', async () => {
    await syncWorldBank(ctx, { indicators: ['IT.NET.USER.ZS'], from: 2015, to: 2023 });
    const v2020 = fixtureRows('IT.NET.USER.ZS')
      .filter((r) => r.date === '2020' && r.value !== null)
      .map((r) => r.value!)
      .sort((a, b) => a - b);
    const mid = v2020.length / 2;
    const median = v2020.length % 2 ? v2020[Math.floor(mid)] : (v2020[mid - 1] + v2020[mid]) / 2;
    const row = await db.kysely
      .selectFrom('indicator_year_stats')
      .selectAll()
      .where('indicator_code', '=', 'IT.NET.USER.ZS')
      .where('year', '=', 2020)
      .executeTakeFirstOrThrow();
    expect(row.n).toBe(v2020.length);
    expect(row.median).toBeCloseTo(median, 9);
  });

  it('by default asks for every catalogue indicator the API serves; empty results write nothing for them', async () => {
    const report = await syncWorldBank(ctx, { from: 2015, to: 2023 });
    const asked = new Set(calls.map((u) => decodeURIComponent(new URL(u).pathname.split('/indicator/')[1])));
    expect(asked).toEqual(new Set(worldBankCodes().keys()));
    const withValues = report.indicators.filter((i) => i.values > 0).map((i) => i.code).sort();
    expect(withValues).toEqual(['FINDEX.account_t_d', 'IT.NET.BBND.P2', 'IT.NET.USER.ZS']);
    const codes = await db.kysely.selectFrom('indicator_values').select('indicator_code').distinct().execute();
    expect(codes.map((c) => c.indicator_code).sort()).toEqual(withValues);
  });

  it('syncing twice gives the same values (upsert, not duplicates)', async () => {
    await syncWorldBank(ctx, { indicators: ['IT.NET.USER.ZS'], from: 2015, to: 2023 });
    const first = await valuesOf('IT.NET.USER.ZS');
    await syncWorldBank(ctx, { indicators: ['IT.NET.USER.ZS'], from: 2015, to: 2023 });
    expect(await valuesOf('IT.NET.USER.ZS')).toEqual(first);
  });

  it('an API error for one indicator makes the whole sync throw and write nothing', async () => {
    const count = async (t: string) => Number((await db.kysely.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const sourcesBefore = await count('sources');
    const indicatorsBefore = await count('indicators');
    await expect(syncWorldBank(ctx, { indicators: ['IT.NET.USER.ZS', 'BAD.CODE'], from: 2015, to: 2023 })).rejects.toThrow(
      /BAD\.CODE.*API error.*120/,
    );
    // The good indicator was fetched first, yet nothing of it was written.
    expect(calls.some((u) => u.includes('/indicator/IT.NET.USER.ZS?'))).toBe(true);
    expect(await count('indicator_values')).toBe(0);
    expect(await count('indicator_year_stats')).toBe(0);
    expect(await count('sources')).toBe(sourcesBefore);
    expect(await count('indicators')).toBe(indicatorsBefore);
    const wb = await db.kysely.selectFrom('sources').select('id').where('publisher', '=', 'World Bank').execute();
    expect(wb).toEqual([]);
  });

  it('an error after values were already synced leaves the earlier values as they were', async () => {
    await syncWorldBank(ctx, { indicators: ['IT.NET.USER.ZS'], from: 2015, to: 2023 });
    const before = await valuesOf('IT.NET.USER.ZS');
    await expect(syncWorldBank(ctx, { indicators: ['IT.NET.BBND.P2', 'BAD.CODE'], from: 2015, to: 2023 })).rejects.toThrow();
    expect(await valuesOf('IT.NET.USER.ZS')).toEqual(before);
    expect(await valuesOf('IT.NET.BBND.P2')).toEqual([]);
  });

  it('refuses a code that cannot be a World Bank code before any request', async () => {
    await expect(syncWorldBank(ctx, { indicators: ['not a code!'] })).rejects.toThrow(/Not World Bank indicator codes: not a code!/);
    expect(calls).toEqual([]);
  });
});
