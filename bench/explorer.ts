// npm run bench:explorer [-- --scale 125 --from 2019-01 --to 2024-12 --runs 20 --rounds 3] [--postgres [--pg-url URL]]
// Generates demo traffic with the demo generator (default ≥ 20 M rows: visits + shares) into
// bench/out/, then prints (1) `puente` import time against raw DuckDB read_csv of the same files,
// (2) p50/p95 of each explorer API endpoint (in-process createApp(ctx).fetch) against raw SQL on the
// same engine, as ratios. With --postgres it then imports the same files into PostgreSQL (a
// throw-away cluster on 127.0.0.1, or the server of --pg-url, on which it creates and drops a
// database) and times each endpoint on PostgreSQL against the same endpoint on DuckDB, run by run
// (goal <= 3x). Not a timed test; results go to docs/performance.md by hand.
import { closeSync, fsyncSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { sql } from 'kysely';
import pg from 'pg';
import { migrations } from '../migrations/index.js';
import { loadConfig } from '../src/platform/config.js';
import { migrateToLatest, openDatabase } from '../src/platform/db/index.js';
import { runImport } from '../src/platform/ingest/run.js';
import { createLog } from '../src/platform/log.js';
import type { AppContext } from '../src/platform/module.js';
import { modules } from '../src/modules.js';
import { generateDemo } from '../src/modules/marketplaces/demo.js';
import { createApp } from '../src/server.js';
import startPostgres from '../test/support/postgres.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '125' },
    from: { type: 'string', default: '2019-01' },
    to: { type: 'string', default: '2024-12' },
    runs: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    postgres: { type: 'boolean', default: false },
    'pg-url': { type: 'string' },
  },
});
const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const REGISTRY = fileURLToPath(new URL('../../shared/data/marketplaces/registry/', import.meta.url));
const clock = () => new Date();
const importers = modules.flatMap((m) => m.importers ?? []);
const rebuild = async (tx: any, touched: string[]) => {
  for (const m of modules) if (touched.includes(m.name)) await m.rebuild?.(tx);
};

const ms = (t0: number) => performance.now() - t0;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'demo'), { recursive: true });
const dbFile = join(OUT, 'bench.duckdb');
const rawFile = join(OUT, 'raw.duckdb');
const removeDb = (f: string) => [f, `${f}.wal`].forEach((x) => rmSync(x, { force: true }));

/** A fresh Puente database with the reference data and the registry, as before a first traffic import. */
async function freshPuente() {
  removeDb(dbFile);
  const db = await openDatabase(`duckdb:${dbFile}`);
  await migrateToLatest(db, migrations);
  for (const m of modules) await m.seed?.(db.kysely, { clock });
  await runImport(db, importers, [REGISTRY], { now: clock(), rebuild });
  return db;
}

let db = await freshPuente();
let t = performance.now();
const demo = await generateDemo({ db, clock }, { scale: Number(args.scale), seed: 1, from: args.from!, to: args.to!, dir: join(OUT, 'demo'), load: false });
const genMs = ms(t);
// Written files reach the disk before anything is timed, so neither side pays for the flush.
for (const f of demo.files) {
  const fd = openSync(f, 'r');
  fsyncSync(fd);
  closeSync(fd);
}
const rows = demo.visitsRows + demo.shareRows;
console.log(`generated ${rows.toLocaleString('en')} rows (${demo.visitsRows.toLocaleString('en')} visits + ${demo.shareRows.toLocaleString('en')} shares) for ${demo.websites} websites in ${(genMs / 1000).toFixed(1)} s`);

// Import rounds, each on fresh databases: raw DuckDB reading the same files into tables (nothing
// else), then Puente's import (checks, load, rollup rebuild). The ratio of each round is printed,
// then the median: on a shared VM one round can be off by a third.
const ratios: number[] = [];
for (let round = 1; round <= Number(args.rounds); round++) {
  removeDb(rawFile);
  const raw = await DuckDBInstance.create(rawFile);
  const rc = await raw.connect();
  t = performance.now();
  for (const f of demo.files.filter((f) => /traffic-/.test(f))) await rc.run(`create or replace table "${f.replace(/.*\//, '').replace('.csv', '')}" as select * from read_csv('${f}')`);
  const rawMs = ms(t);
  rc.closeSync();
  raw.closeSync();
  if (round > 1) {
    await db.close();
    db = await freshPuente();
  }
  t = performance.now();
  await runImport(db, importers, demo.files, { now: clock(), rebuild });
  const importMs = ms(t);
  ratios.push(importMs / rawMs);
  console.log(`import round ${round}: puente ${(importMs / 1000).toFixed(1)} s (checks, load, rollup) vs raw read_csv ${(rawMs / 1000).toFixed(1)} s -> ${(importMs / rawMs).toFixed(2)}x`);
}
console.log(`import: median ${pct(ratios, 50).toFixed(2)}x over ${ratios.length} round(s) (goal <= 1.5x)`);

// The answer cache is off: this bench times the computation of each answer (bench:load times the cache).
const ctx: AppContext = { db, config: loadConfig({ DATABASE_URL: `duckdb:${dbFile}`, PUENTE_CACHE_MB: '0' }), log: createLog('silent'), clock, fetch: globalThis.fetch };
const app = createApp(ctx);
const runs = Number(args.runs);
// Raw SQL: the hand-written queries that give the same answer as each endpoint (rows, summary,
// sources), reading the same rollup table on the same connection, each run back to back.
// No filter on the registry: the rollup alone (the endpoints join the registry only to filter on it).
const R = `traffic_flow_month r`;
const SUMMARY = `select grouping(r.flow_class), grouping(r.marketplace_id), grouping(r.origin_iso3), grouping(substr(r.month, 1, 4)),
    r.flow_class, r.marketplace_id, r.origin_iso3, substr(r.month, 1, 4), sum(r.visits), count(distinct r.month),
    sum(case when r.flow_class <> 'unattributed' then r.visits else 0 end), sum(case when r.flow_class = 'domestic' then r.visits else 0 end),
    sum(case when r.flow_class = 'bi-regional' then r.visits else 0 end), sum(case when r.flow_class = 'unattributed' then r.visits else 0 end),
    bool_or(r.synthetic), min(r.month), max(r.month)
  from ${R} group by grouping sets ((), (r.flow_class), (r.marketplace_id), (r.origin_iso3), (substr(r.month, 1, 4)))`;
const SOURCES = `select * from sources where id in (select source_id from marketplaces union select source_id from traffic_flow_month) order by publisher, id`;
const cases: { name: string; url: string; raw: string[] }[] = [
  {
    name: '/api/traffic',
    url: '/api/traffic',
    raw: [`select r.month, sum(r.visits), count(distinct r.month), bool_or(r.synthetic) from ${R} group by r.month order by r.month`, SUMMARY, SOURCES],
  },
  {
    name: '/api/traffic?group=marketplace',
    url: '/api/traffic?group=marketplace',
    raw: [
      `select r.month, r.marketplace_id, min(m.name), sum(r.visits), count(distinct r.month), bool_or(r.synthetic) from ${R} join marketplaces m on m.id = r.marketplace_id group by r.marketplace_id, r.month order by r.marketplace_id, r.month`,
      SUMMARY,
      SOURCES,
    ],
  },
  {
    name: '/api/flows',
    url: '/api/flows',
    raw: [
      `select r.origin_iso3, r.dest_iso3, r.flow_class, sum(r.visits), bool_or(r.synthetic), min(co.fealac_region), min(cd.fealac_region)
        from ${R} left join countries co on co.iso3 = r.origin_iso3 left join countries cd on cd.iso3 = r.dest_iso3
        where r.flow_class <> 'unattributed' group by r.origin_iso3, r.dest_iso3, r.flow_class order by r.dest_iso3, r.origin_iso3`,
      `select r.dest_iso3, sum(case when r.flow_class <> 'unattributed' then r.visits else 0 end), sum(case when r.flow_class = 'unattributed' then r.visits else 0 end) from ${R} group by r.dest_iso3`,
      SOURCES,
    ],
  },
  {
    name: '/api/marketplaces',
    url: '/api/marketplaces',
    raw: [
      // Summed per marketplace and month, then per marketplace (months counted on those rows), as
      // the endpoint does.
      `select m.*, t.* from marketplaces m left join (select marketplace_id, sum(v), count(*), sum(a), sum(d), bool_or(s) from (select r.marketplace_id, r.month, sum(r.visits) as v,
          sum(case when r.flow_class <> 'unattributed' then r.visits else 0 end) as a, sum(case when r.flow_class = 'domestic' then r.visits else 0 end) as d, bool_or(r.synthetic) as s
          from traffic_flow_month r group by r.marketplace_id, r.month) x group by marketplace_id) t on t.marketplace_id = m.id order by m.name, m.id`,
      // Websites counted per marketplace, economy served and source (as the endpoint does since
      // 2026-11; until then this side read every website row, which the endpoint no longer does).
      `select w.marketplace_id, w.serves_iso3, w.source_id, count(*), min(c.fealac_region) from websites w left join countries c on c.iso3 = w.serves_iso3 group by w.marketplace_id, w.serves_iso3, w.source_id order by w.marketplace_id, w.serves_iso3`,
      SOURCES,
    ],
  },
];
console.log('endpoint | API p50 / p95 ms | raw SQL p50 / p95 ms | ratio p50 / p95');
for (const c of cases) {
  const api: number[] = [];
  const rq: number[] = [];
  let status = 0;
  // Three warm-up runs of each side (JIT, first reads of the file) are not counted.
  for (let i = -3; i < runs; i++) {
    const counted = i >= 0;
    t = performance.now();
    const res = await app.fetch(new Request(`http://bench${c.url}`));
    await res.text();
    status = res.status;
    if (counted) api.push(ms(t));
    t = performance.now();
    for (const q of c.raw) await sql.raw(q).execute(db.kysely);
    if (counted) rq.push(ms(t));
  }
  const [a50, a95, r50, r95] = [pct(api, 50), pct(api, 95), pct(rq, 50), pct(rq, 95)];
  console.log(`${c.name} (${status}) | ${a50.toFixed(1)} / ${a95.toFixed(1)} | ${r50.toFixed(1)} / ${r95.toFixed(1)} | ${(a50 / r50).toFixed(2)}x / ${(a95 / r95).toFixed(2)}x (goal <= 1.3x)`);
}
const [{ v: duckdbVersion }] = (await sql.raw<{ v: string }>(`select version() as v`).execute(db.kysely)).rows;
let pgVersion = '';
if (args.postgres) pgVersion = await comparePostgres();
console.log(`machine: ${cpus()[0]?.model} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, DuckDB ${duckdbVersion}${pgVersion ? `, ${pgVersion}` : ''}`);
await db.close();

/**
 * The same files imported into PostgreSQL through Puente (COPY in one transaction, rollups in
 * SQL), then each endpoint on PostgreSQL against the same endpoint on DuckDB, alternating run by
 * run. Returns PostgreSQL's version.
 */
async function comparePostgres(): Promise<string> {
  let stop: (() => void) | void = undefined;
  if (args['pg-url']) process.env.PUENTE_TEST_POSTGRES_URL = args['pg-url'];
  else {
    delete process.env.PUENTE_TEST_POSTGRES_URL;
    stop = await startPostgres();
  }
  const admin = new pg.Client({ connectionString: process.env.PUENTE_TEST_POSTGRES_URL });
  await admin.connect();
  const name = `bench_explorer_${process.pid}`;
  await admin.query(`create database ${name}`);
  const pdb = await openDatabase(Object.assign(new URL(process.env.PUENTE_TEST_POSTGRES_URL!), { pathname: `/${name}` }).toString());
  try {
    await migrateToLatest(pdb, migrations);
    for (const m of modules) await m.seed?.(pdb.kysely, { clock });
    await runImport(pdb, importers, [REGISTRY], { now: clock(), rebuild });
    let t0 = performance.now();
    await runImport(pdb, importers, demo.files, { now: clock(), rebuild });
    console.log(`PostgreSQL: puente import of the same files ${(ms(t0) / 1000).toFixed(1)} s (checks, COPY, rollup rebuild, one transaction)`);
    const papp = createApp({ ...ctx, db: pdb, config: loadConfig({ DATABASE_URL: 'postgres://bench', PUENTE_CACHE_MB: '0' }) });
    console.log('endpoint | PostgreSQL API p50 / p95 ms | DuckDB API p50 / p95 ms | ratio p50 / p95');
    for (const c of cases) {
      const p: number[] = [];
      const d: number[] = [];
      const status: number[] = [];
      for (let i = -3; i < runs; i++) {
        for (const [which, a, xs] of [['pg', papp, p], ['duck', app, d]] as const) {
          t0 = performance.now();
          const res = await a.fetch(new Request(`http://bench${c.url}`));
          await res.text();
          if (which === 'pg') status[0] = res.status;
          if (i >= 0) xs.push(ms(t0));
        }
      }
      const [p50, p95, d50, d95] = [pct(p, 50), pct(p, 95), pct(d, 50), pct(d, 95)];
      console.log(`${c.name} (${status[0]}) | ${p50.toFixed(1)} / ${p95.toFixed(1)} | ${d50.toFixed(1)} / ${d95.toFixed(1)} | ${(p50 / d50).toFixed(2)}x / ${(p95 / d95).toFixed(2)}x (goal <= 3x)`);
    }
    const [{ v }] = (await sql.raw<{ v: string }>(`select version() as v`).execute(pdb.kysely)).rows;
    return String(v).split(' on ')[0];
  } finally {
    await pdb.close();
    await admin.query(`drop database if exists ${name}`).catch(() => {});
    await admin.end();
    if (stop) stop();
  }
}
