// `puente copy` (issue #18): a DuckDB database holding the shared data and the synthetic demo is
// copied into a fresh PostgreSQL database through the CLI; every table then holds the same rows,
// the API answers the same on both, a second copy into a database that holds data is refused,
// and a copy that fails midway leaves the target as it was.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../migrations/index.js';
import { importFiles } from '../src/bootstrap.js';
import { generateDemo } from '../src/modules/marketplaces/index.js';
import { modules } from '../src/modules.js';
import { loadConfig } from '../src/platform/config.js';
import { migrateToLatest, openDatabase, type Database } from '../src/platform/db/index.js';
import { createLog } from '../src/platform/log.js';
import type { AppContext } from '../src/platform/module.js';
import { createApp } from '../src/server.js';
import { freshPostgresUrl, runPuente, tempDir } from './faults/support.js';
import { SHARED_DATA } from './support/shared-data.js';

const NOW = new Date('2026-11-01T00:00:00Z');
const dir = tempDir('copy');
const duckUrl = `duckdb:${join(dir, 'source.duckdb')}`;
let pgUrl = '';

function contextOf(db: Database): AppContext {
  return { db, config: loadConfig({ PUENTE_LOG_LEVEL: 'silent', PUENTE_CACHE_MB: '0' }), log: createLog('error', () => {}), clock: () => NOW, fetch: (() => Promise.reject(new Error('no network in tests'))) as typeof fetch };
}

const tables = async (db: Database) =>
  (await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(db.kysely)).rows
    .map((r) => r.t)
    .filter((t) => !['puente_meta', 'puente_data_changes'].includes(t) && !t.startsWith('kysely_'));
const sortKey = (row: Record<string, unknown>) => JSON.stringify(Object.values(row).map((v) => (typeof v === 'number' ? Number(v.toPrecision(9)) : v)));
const rowsOf = async (db: Database, t: string) =>
  (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db.kysely)).rows
    .map((r) => ({ key: sortKey(r), r }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.r);
const counts = async (url: string) => {
  const db = await openDatabase(url);
  try {
    const out: Record<string, number> = {};
    for (const t of await tables(db)) out[t] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(db.kysely)).rows[0].n);
    return out;
  } finally {
    await db.close();
  }
};

beforeAll(async () => {
  const db = await openDatabase(duckUrl);
  await migrateToLatest(db, migrations);
  for (const m of modules) await m.seed?.(db.kysely, { clock: () => NOW });
  const ctx = contextOf(db);
  await importFiles(ctx, [SHARED_DATA]);
  await generateDemo(ctx, { scale: 1, seed: 3, from: '2024-01', to: '2024-06' });
  await db.close();
  pgUrl = await freshPostgresUrl();
}, 600_000);

describe('puente copy (DuckDB to PostgreSQL)', () => {
  it('copies every table: the same rows, the same answers', async () => {
    const run = await runPuente(['copy', '--to', pgUrl], { DATABASE_URL: duckUrl }, dir);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/Copied \d+ tables, [\d,]+ rows/);
    expect(run.out).toMatch(/traffic_flow_month: [\d,]+ rows/);
    const duck = await openDatabase(duckUrl);
    const pg = await openDatabase(pgUrl);
    try {
      const names = await tables(duck);
      expect(await tables(pg)).toEqual(names);
      expect(names).toEqual(expect.arrayContaining(['traffic_flow_month', 'indicator_values', 'support_programmes', 'tariff_lines']));
      let total = 0;
      for (const t of names) {
        const a = await rowsOf(duck, t);
        const b = await rowsOf(pg, t);
        expect(b.length, t).toBe(a.length);
        total += a.length;
        // Numbers within a relative 1e-9 (the engines print doubles differently in their last digits).
        expect(JSON.stringify(b, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(9)) : v)), t).toBe(JSON.stringify(a, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(9)) : v)));
      }
      expect(total).toBeGreaterThan(10_000);
      // The target keeps its own identity, and the copy gave it a new data version.
      const id = async (db: Database) => (await sql<{ value: string }>`select value from puente_meta where key = 'instance_id'`.execute(db.kysely)).rows[0].value;
      expect(await id(pg)).not.toBe(await id(duck));
      expect((await pg.versions.fresh()).version).toBeGreaterThan(0);
      const apps = [createApp(contextOf(duck)), createApp(contextOf(pg))];
      for (const path of ['/api/traffic?group=marketplace', '/api/flows', '/api/readiness', '/api/support/programmes?economy=PER', '/api/countries/PER/profile']) {
        const [a, b] = await Promise.all(apps.map(async (app) => (await app.fetch(new Request(`http://puente.test${path}`))).json()));
        expect(JSON.stringify(b, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(9)) : v)), path).toBe(JSON.stringify(a, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(9)) : v)));
      }
    } finally {
      await duck.close();
      await pg.close();
    }
  }, 600_000);

  it('refuses a target that holds data, naming a table; --replace is the way, and writes nothing else', async () => {
    const before = await counts(pgUrl);
    const run = await runPuente(['copy', '--to', pgUrl], { DATABASE_URL: duckUrl }, dir);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/already holds data \(table \w+: \d+ rows\).*--replace/);
    expect(await counts(pgUrl)).toEqual(before);
  }, 300_000);

  it('a copy that fails midway (a value PostgreSQL refuses) leaves the target as it was', async () => {
    const before = await counts(pgUrl);
    // DuckDB keeps a NUL character in text; PostgreSQL refuses it.
    const duck = await openDatabase(duckUrl);
    await sql`update support_programmes set programme = programme || chr(0) where id = (select max(id) from support_programmes)`.execute(duck.kysely);
    await duck.close();
    const run = await runPuente(['copy', '--to', pgUrl, '--replace'], { DATABASE_URL: duckUrl }, dir);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/nothing was written/);
    expect(run.out).not.toMatch(/\n\s+at /);
    expect(await counts(pgUrl)).toEqual(before);
  }, 300_000);

  it('names what is wrong with its arguments', async () => {
    const noFile = await runPuente(['copy', '--to', pgUrl], { DATABASE_URL: `duckdb:${join(dir, 'none.duckdb')}` }, dir);
    expect(noFile.code).toBe(1);
    expect(noFile.out).toMatch(/no DuckDB database at .*none\.duckdb/);
    const notPg = await runPuente(['copy', '--to', 'mysql://x'], { DATABASE_URL: duckUrl }, dir);
    expect(notPg.code).toBe(2);
    expect(notPg.out).toMatch(/--to must be a PostgreSQL URL/);
  }, 120_000);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
