// The PostgreSQL bulk path (COPY FROM STDIN in the import's transaction) against DuckDB: the same
// rows and API answers for the shared data and the demo, values that survive the CSV round trip,
// and failures (a bad file midway, a record PostgreSQL refuses, a stream cut short) that leave
// nothing written.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../src/bootstrap.js';
import { generateDemo } from '../src/modules/marketplaces/index.js';
import { summaryInputs, type TrafficFilter } from '../src/modules/marketplaces/store/read.js';
import { modules } from '../src/modules.js';
import { createApp, type App } from '../src/server.js';
import { freshDatabase, engines } from './support/engines.js';
import { SHARED_DATA } from './support/shared-data.js';
import { loadConfig } from '../src/platform/config.js';
import { attachBulkCopy, bulkCopyOf } from '../src/platform/db/bulk.js';
import type { Database, Engine } from '../src/platform/db/index.js';
import { createLog } from '../src/platform/log.js';
import type { AppContext } from '../src/platform/module.js';
import { ImportError } from '../src/platform/ingest/report.js';
import { insertBatches } from '../src/platform/ingest/run.js';

const NOW = new Date('2026-11-01T00:00:00Z');
const tmp = mkdtempSync(join(tmpdir(), 'puente-copy-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function contextOf(db: Database): AppContext {
  return {
    db,
    config: loadConfig({ PUENTE_LOG_LEVEL: 'silent' }),
    log: createLog('error', () => {}),
    clock: () => NOW,
    fetch: (() => Promise.reject(new Error('no network in tests'))) as typeof fetch,
  };
}

async function seeded(engine: Engine): Promise<AppContext> {
  const db = await freshDatabase(engine);
  for (const m of modules) await m.seed?.(db.kysely, { clock: () => NOW });
  return contextOf(db);
}

/** Runs fn in the engine's bulk transaction, counting the COPY streams it sends. */
async function countingCopies<T>(db: Database, fn: (tx: Kysely<any>) => Promise<T>): Promise<{ result: T; copies: number }> {
  let copies = 0;
  const transaction = db.bulkTransaction ?? ((f: (tx: Kysely<any>) => Promise<T>) => db.kysely.transaction().execute(f));
  const result = await transaction(async (tx) => {
    const real = bulkCopyOf(tx);
    if (real) attachBulkCopy(tx, { copyCsv: (...args) => (copies++, real.copyCsv(...args)) });
    return fn(tx);
  });
  return { result, copies };
}

/** The same values, numbers within a relative 1e-9 (sums made in another order differ in the last bits). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** Fails showing the first row (or the whole value) that differs. */
function expectSame(actual: unknown, expected: unknown, label: string): void {
  if (same(actual, expected)) return;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    expect(actual.length, `${label}: rows`).toBe(expected.length);
    const i = actual.findIndex((a, j) => !same(a, expected[j]));
    expect(actual[i], `${label}, row ${i}`).toEqual(expected[i]);
  }
  expect(actual, label).toEqual(expected);
}

/** A row's sort key: its values, numbers to 6 significant digits. */
const sortKey = (row: Record<string, unknown>) => JSON.stringify(Object.values(row).map((v) => (typeof v === 'number' ? Number(v.toPrecision(6)) : v)));

const TRICKY = [
  'a,b',
  'q"uote',
  '"',
  '""',
  'tab\there',
  'new\nline',
  'crlf\r\nline',
  'cr\ronly',
  'back\\slash',
  '\\.',
  'a\n\\.\nb',
  '\\N',
  'NULL',
  '',
  ' spaced ',
  'ünïcödé 漢字 한국어 日本語 🎉',
  ',',
  '\n',
];

describe.each(engines)('bulk writes on %s', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(engine);
    await sql`create table copy_probe (k integer primary key, t text, n double precision, b boolean)`.execute(db.kysely);
  });
  afterAll(() => db?.close());

  it('many rows keep every value exactly: commas, quotes, tabs, newlines, backslashes, unicode, empty text and NULL', async () => {
    const numbers = [0.1 + 0.2, 1.5e-300, -2.5, 5e-324, 123456789012345, 0, null];
    const rows = Array.from({ length: 1500 }, (_, k) => ({
      k,
      t: k % 7 === 6 ? null : TRICKY[k % TRICKY.length],
      n: numbers[k % numbers.length],
      b: k % 3 === 0 ? true : k % 3 === 1 ? false : null,
    }));
    const { copies } = await countingCopies(db, (tx) => insertBatches(tx, 'copy_probe', rows, { columns: ['k'], update: ['t', 'n', 'b'] }));
    // PostgreSQL takes them through COPY; DuckDB through batches of VALUES.
    expect(copies).toBe(engine === 'postgres' ? 1 : 0);
    const back = (await sql<Record<string, unknown>>`select k, t, n, b from copy_probe order by k`.execute(db.kysely)).rows;
    expect(back).toEqual(rows);
    expect(back.filter((r) => r.t === '').length).toBeGreaterThan(0);
    expect(back.filter((r) => r.t === null).length).toBeGreaterThan(0);
  });

  it('a second write replaces the stored rows with the same key, or keeps stored values where asked', async () => {
    const update = Array.from({ length: 1200 }, (_, k) => ({ k, t: k % 2 ? `new ${k}` : null, n: k, b: null }));
    const { copies } = await countingCopies(db, (tx) => insertBatches(tx, 'copy_probe', update, { columns: ['k'], update: ['t', 'n', 'b'], keepExisting: true }));
    expect(copies).toBe(engine === 'postgres' ? 1 : 0);
    const back = (await sql<Record<string, unknown>>`select k, t, n, b from copy_probe where k in (0, 1, 2, 1300) order by k`.execute(db.kysely)).rows;
    expect(back).toEqual([
      { k: 0, t: TRICKY[0], n: 0, b: true },
      { k: 1, t: 'new 1', n: 1, b: false },
      { k: 2, t: TRICKY[2], n: 2, b: null },
      { k: 1300, t: TRICKY[1300 % TRICKY.length], n: [0.1 + 0.2, 1.5e-300, -2.5, 5e-324, 123456789012345, 0, null][1300 % 7], b: 1300 % 3 === 0 ? true : 1300 % 3 === 1 ? false : null },
    ]);
  });

  it.runIf(engine === 'postgres')('a COPY stream cut short rolls its transaction back and the connection pool still answers', async () => {
    const before = Number((await sql<{ n: number }>`select count(*) as n from copy_probe`.execute(db.kysely)).rows[0].n);
    async function* records() {
      yield '90001,first,1,true\n90002,second,2,false\n';
      throw new Error('the source failed midway');
    }
    await expect(
      db.bulkTransaction!(async (tx) => {
        await sql`insert into copy_probe (k, t) values (90000, 'before the copy')`.execute(tx);
        await bulkCopyOf(tx)!.copyCsv('copy_probe', ['k', 't', 'n', 'b'], Readable.from(records()));
      }),
    ).rejects.toThrow('the source failed midway');
    const after = await sql<{ n: number; high: number }>`select count(*) as n, count(*) filter (where k >= 90000) as high from copy_probe`.execute(db.kysely);
    expect(Number(after.rows[0].n)).toBe(before);
    expect(Number(after.rows[0].high)).toBe(0);
  });
});

describe.each(engines)('files through the bulk path on %s', (engine) => {
  let ctx: AppContext;
  let registry: string;
  beforeAll(async () => {
    ctx = await seeded(engine);
    registry = join(SHARED_DATA, 'marketplaces', 'registry');
    await importFiles(ctx, [registry]);
  });
  afterAll(() => ctx?.db.close());

  const count = async (table: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(ctx.db.kysely)).rows[0].n);

  it('text values of a large file survive the round trip (trimmed, empty = missing, as on DuckDB)', async () => {
    const marketplace = String((await sql<{ id: string }>`select id from marketplaces order by id limit 1`.execute(ctx.db.kysely)).rows[0].id);
    const values = TRICKY.filter((v) => v.trim() !== '' && !/^"+$/.test(v)).concat(['https://example.org/a?b=1&c="2"', 'x'.repeat(5000)]);
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const lines = Array.from({ length: 1200 }, (_, i) => `${marketplace},copy${i}.example.org,ARG,active,${i % 9 === 8 ? '' : quote(values[i % values.length])}`);
    const file = join(tmp, `websites-${engine}.csv`);
    writeFileSync(file, `marketplace_id,domain,serves_iso3,status,source_url\n${lines.join('\n')}\n`);
    const report = await importFiles(ctx, [file]);
    expect(report.files[0].rows).toBe(1200);
    const back = (await sql<{ domain: string; source_url: string | null }>`select domain, source_url from websites where domain like 'copy%' order by domain`.execute(ctx.db.kysely)).rows;
    const expected = Array.from({ length: 1200 }, (_, i) => ({ domain: `copy${i}.example.org`, source_url: i % 9 === 8 ? null : values[i % values.length].trim() || null }));
    expect(back).toEqual(expected.sort((a, b) => (a.domain < b.domain ? -1 : 1)));
  });

  it('a bad file midway rolls back every file of the import, naming file, line and field', async () => {
    const before = { websites: await count('websites'), visits: await count('traffic_visits'), sources: await count('sources'), runs: await count('import_runs') };
    const websites = join(tmp, `rollback-websites-${engine}.csv`);
    writeFileSync(websites, `marketplace_id,domain,serves_iso3,status\n${(await sql<{ id: string }>`select id from marketplaces order by id limit 1`.execute(ctx.db.kysely)).rows[0].id},rollback.example.org,ARG,active\n`);
    const visits = join(tmp, `rollback-visits-${engine}.csv`);
    const months = Array.from({ length: 1200 }, (_, i) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    writeFileSync(
      visits,
      `domain,serves_iso3,month,visits,source,license\n${months.map((m, i) => `rollback.example.org,ARG,${m},${i === 900 ? 'many' : i},Partner,CC-BY-4.0`).join('\n')}\n`,
    );
    const err = await importFiles(ctx, [websites, visits]).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).issues).toEqual([expect.objectContaining({ file: visits, line: 902, field: 'visits' })]);
    expect({ websites: await count('websites'), visits: await count('traffic_visits'), sources: await count('sources'), runs: await count('import_runs') }).toEqual(before);
  });

  it('a record the database refuses (a NUL character) names file, line and field; nothing is written', async () => {
    const before = { websites: await count('websites'), runs: await count('import_runs') };
    const marketplace = String((await sql<{ id: string }>`select id from marketplaces order by id limit 1`.execute(ctx.db.kysely)).rows[0].id);
    const file = join(tmp, `nul-${engine}.csv`);
    const lines = Array.from({ length: 50 }, (_, i) => `${marketplace},nul${i}.example.org,ARG,active,${i === 40 ? 'https://x.org/a\u0000b' : 'https://x.org/'}`);
    writeFileSync(file, `marketplace_id,domain,serves_iso3,status,source_url\n${lines.join('\n')}\n`);
    const result = await importFiles(ctx, [file]).catch((e) => e);
    if (engine === 'postgres') {
      expect(result).toBeInstanceOf(ImportError);
      expect((result as ImportError).issues).toEqual([expect.objectContaining({ file, line: 42, field: 'source_url', message: expect.stringMatching(/0x00/) })]);
      expect({ websites: await count('websites'), runs: await count('import_runs') }).toEqual(before);
    } else {
      // DuckDB keeps the character: the same file is refused on one engine only.
      expect(result.files[0].rows).toBe(50);
    }
  });
});

describe('the shared data and the demo give the same rows and answers on both engines', () => {
  const apps = new Map<Engine, { ctx: AppContext; app: App; demoRows: number }>();
  beforeAll(async () => {
    for (const engine of engines) {
      const ctx = await seeded(engine);
      await importFiles(ctx, [SHARED_DATA]);
      const demo = await generateDemo(ctx, { scale: 2, seed: 1, from: '2023-01', to: '2024-12' });
      apps.set(engine, { ctx, app: createApp(ctx), demoRows: demo.visitsRows + demo.shareRows });
    }
  }, 600_000);
  afterAll(async () => {
    for (const { ctx } of apps.values()) await ctx.db.close();
  });

  it('every table holds the same rows', async () => {
    const pg = apps.get('postgres')!.ctx.db.kysely;
    const tables = (
      await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(pg)
    ).rows
      .map((r) => r.t)
      // Ids and times of the runs themselves, and the migration bookkeeping, differ by nature.
      .filter((t) => !['import_runs', 'puente_meta', 'puente_data_changes'].includes(t) && !t.startsWith('kysely_'));
    expect(tables).toEqual(expect.arrayContaining(['traffic_visits', 'traffic_shares', 'traffic_flow_month', 'websites', 'indicator_values']));
    for (const t of tables) {
      const rows = async (engine: Engine) =>
        (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(apps.get(engine)!.ctx.db.kysely)).rows
          .map((r) => ({ key: sortKey(r), r }))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
          .map((x) => x.r);
      expectSame(await rows('postgres'), await rows('duckdb'), t);
    }
    // Every row the demo generated went in (through COPY on PostgreSQL).
    const synthetic = await sql<{ n: number }>`select (select count(*) from traffic_shares where synthetic) + (select count(*) from traffic_visits where synthetic) as n`.execute(pg);
    expect(Number(synthetic.rows[0].n)).toBe(apps.get('postgres')!.demoRows);
    expect(apps.get('postgres')!.demoRows).toBeGreaterThan(0);
  }, 300_000);

  it.each([
    '/api/traffic',
    '/api/traffic?group=marketplace',
    '/api/flows',
    '/api/marketplaces',
    '/api/indicators',
    '/api/countries',
    '/api/readiness',
    '/api/top-sites',
  ])('%s answers the same', async (path) => {
    const answer = async (engine: Engine) => {
      const res = await apps.get(engine)!.app.fetch(new Request(`http://puente.test${path}`));
      return { status: res.status, body: await res.json() };
    };
    const duck = await answer('duckdb');
    expect(duck.status).toBe(200);
    expectSame(await answer('postgres'), duck, path);
  });

  // The headline figures' inputs (two levels of plain sums, no DISTINCT) against the same
  // aggregates computed here from the rollup's rows, on each engine.
  it.each([
    ['every month', {}],
    ['2024-03..2024-10', { months: { from: '2024-03', to: '2024-10' } }],
  ] as [string, TrafficFilter][])('the headline inputs (%s) equal a plain computation over the rollup', async (_label, filter) => {
    for (const engine of engines) {
      const db = apps.get(engine)!.ctx.db.kysely;
      const from = filter.months?.from ?? '0000-00';
      const to = filter.months?.to ?? '9999-99';
      const rows = (await sql<Record<string, unknown>>`select * from traffic_flow_month`.execute(db)).rows.filter((r) => String(r.month) >= from && String(r.month) <= to);
      expect(rows.length).toBeGreaterThan(100);
      const visits = (r: Record<string, unknown>) => Number(r.visits);
      const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
      const byFlow = new Map<string, number>();
      const byMarketplace = new Map<string, number>();
      const byOrigin = new Map<string, number>();
      const years = new Map<number, { visits: number; months: Set<string> }>();
      for (const r of rows) {
        add(byFlow, String(r.flow_class), visits(r));
        add(byMarketplace, String(r.marketplace_id), visits(r));
        if (r.flow_class !== 'unattributed') add(byOrigin, String(r.origin_iso3), visits(r));
        const y = years.get(Number(String(r.month).slice(0, 4))) ?? { visits: 0, months: new Set<string>() };
        y.visits += visits(r);
        y.months.add(String(r.month));
        years.set(Number(String(r.month).slice(0, 4)), y);
      }
      const months = [...new Set(rows.map((r) => String(r.month)))].sort();
      const total = rows.reduce((t, r) => t + visits(r), 0);
      const got = await summaryInputs(db, filter);
      expectSame(
        {
          visits: got.overall.visits,
          months: got.overall.months,
          unattributed: got.overall.unattributed,
          attributed: got.overall.attributed,
          first: got.overall.first_month,
          last: got.overall.last_month,
          synthetic: got.overall.synthetic,
        },
        { visits: total, months: months.length, unattributed: byFlow.get('unattributed') ?? 0, attributed: total - (byFlow.get('unattributed') ?? 0), first: months[0], last: months.at(-1), synthetic: true },
        `${engine} overall`,
      );
      const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
      expectSame(sorted(got.byFlow), sorted(byFlow), `${engine} by flow class`);
      expectSame(sorted(got.byMarketplace), sorted(byMarketplace), `${engine} by marketplace`);
      expectSame(sorted(got.byOrigin), sorted(byOrigin), `${engine} by origin`);
      expectSame(got.byYear, [...years].sort(([a], [b]) => a - b).map(([year, y]) => ({ year, visits: y.visits, months: y.months.size })), `${engine} by year`);
    }
  });
});
