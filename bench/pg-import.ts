// npm run bench:pg-import [-- --scale 2 --rounds 3 --url postgres://user@127.0.0.1:5432/postgres]
// Generates the synthetic demo (websites, visits, shares) with the demo generator into
// bench/out-pg/, then, for each round on fresh PostgreSQL databases, times (1) `psql \copy` of the
// same files into plain tables (the raw engine: no checks, no keys, no rollup) and (2) Puente's
// import of them (checks, load through COPY, rollup rebuild, one transaction), and prints their
// ratio and the median ratio. Without --url it starts a throw-away PostgreSQL cluster on 127.0.0.1
// (Debian's initdb/pg_ctl, as the tests do) and removes it at the end; with --url it creates and
// drops its databases on that server. Not a timed test; results go to docs/performance.md by hand.
import { execFileSync } from 'node:child_process';
import { closeSync, fsyncSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { migrations } from '../migrations/index.js';
import { migrateToLatest, openDatabase, type Database } from '../src/platform/db/index.js';
import { readFileHeader } from '../src/platform/ingest/csv.js';
import { runImport } from '../src/platform/ingest/run.js';
import { modules } from '../src/modules.js';
import { generateDemo } from '../src/modules/marketplaces/demo.js';
import startPostgres from '../test/support/postgres.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '2' },
    from: { type: 'string', default: '2019-01' },
    to: { type: 'string', default: '2024-12' },
    rounds: { type: 'string', default: '3' },
    url: { type: 'string' },
  },
});
const OUT = fileURLToPath(new URL('./out-pg/', import.meta.url));
const REGISTRY = fileURLToPath(new URL('../../shared/data/marketplaces/registry/', import.meta.url));
const clock = () => new Date();
const importers = modules.flatMap((m) => m.importers ?? []);
const rebuild = async (tx: any, touched: string[]) => {
  for (const m of modules) if (touched.includes(m.name)) await m.rebuild?.(tx);
};
const ms = (t0: number) => performance.now() - t0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let stopPostgres: (() => void) | void = undefined;
if (args.url) process.env.PUENTE_TEST_POSTGRES_URL = args.url;
else {
  delete process.env.PUENTE_TEST_POSTGRES_URL;
  stopPostgres = await startPostgres();
}
const admin = process.env.PUENTE_TEST_POSTGRES_URL!;
const urlOf = (name: string) => Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
async function adminQuery(q: string) {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    return await c.query(q);
  } finally {
    await c.end();
  }
}
const created: string[] = [];
async function createDb(name: string) {
  await adminQuery(`drop database if exists ${name}`);
  await adminQuery(`create database ${name}`);
  created.push(name);
  return urlOf(name);
}

/** A Puente database with the reference data and the registry, as before a first traffic import. */
async function prepared(url: string): Promise<Database> {
  const db = await openDatabase(url);
  await migrateToLatest(db, migrations);
  for (const m of modules) await m.seed?.(db.kysely, { clock });
  await runImport(db, importers, [REGISTRY], { now: clock(), rebuild });
  return db;
}

try {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'demo'), { recursive: true });
  // The generator reads the registry and the population figures from a Puente database.
  const gen = await prepared(await createDb('bench_gen'));
  let t = performance.now();
  const demo = await generateDemo({ db: gen, clock }, { scale: Number(args.scale), seed: 1, from: args.from!, to: args.to!, dir: join(OUT, 'demo'), load: false });
  await gen.close();
  for (const f of demo.files) {
    const fd = openSync(f, 'r');
    fsyncSync(fd);
    closeSync(fd);
  }
  const rows = demo.visitsRows + demo.shareRows;
  console.log(
    `generated ${rows.toLocaleString('en')} traffic rows (${demo.visitsRows.toLocaleString('en')} visits + ${demo.shareRows.toLocaleString('en')} shares) ` +
      `and ${demo.websites.toLocaleString('en')} websites in ${(ms(t) / 1000).toFixed(1)} s; files: ${demo.files.map((f) => f.replace(/.*\//, '')).join(', ')}`,
  );

  // The raw side: one plain table per file, with the file's columns (numbers as double
  // precision, the rest as text), no key, no index; one psql process runs every \copy.
  const NUMERIC = new Set(['visits', 'share', 'launched_year']);
  const tables: { file: string; create: string; copy: string }[] = [];
  for (const [i, f] of demo.files.entries()) {
    const head = await readFileHeader(f);
    if (!('header' in head)) throw new Error(`${f}: ${head.issue.message}`);
    const cols = head.header.map((h) => `"${h}" ${NUMERIC.has(h) ? 'double precision' : 'text'}`).join(', ');
    tables.push({ file: f, create: `create table raw_${i} (${cols});`, copy: `\\copy raw_${i} from '${f}' with (format csv, header true)` });
  }

  const ratios: number[] = [];
  for (let round = 1; round <= Number(args.rounds); round++) {
    const rawUrl = await createDb(`bench_raw_${round}`);
    execFileSync('psql', [rawUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', tables.map((x) => x.create).join(' ')]);
    t = performance.now();
    // One transaction, as Puente's import is.
    execFileSync('psql', [rawUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-1', ...tables.flatMap((x) => ['-c', x.copy])]);
    const rawMs = ms(t);

    const db = await prepared(await createDb(`bench_puente_${round}`));
    t = performance.now();
    const report = await runImport(db, importers, demo.files, { now: clock(), rebuild });
    const importMs = ms(t);
    const loaded = report.files.reduce((n, f) => n + f.rows, 0);
    const [{ n: rollup }] = (await sql<{ n: number }>`select count(*) as n from traffic_flow_month`.execute(db.kysely)).rows;
    // What the rollup rebuild alone costs (the import did it once; this does it again, as an import would).
    t = performance.now();
    await db.bulkTransaction!((tx) => rebuild(tx, ['marketplaces']));
    const rollupMs = ms(t);
    await db.close();
    ratios.push(importMs / rawMs);
    console.log(
      `round ${round}: puente ${(importMs / 1000).toFixed(2)} s (${loaded.toLocaleString('en')} rows checked and loaded, ${Number(rollup).toLocaleString('en')} rollup rows; ` +
        `the rollup rebuild alone takes ${(rollupMs / 1000).toFixed(2)} s) vs psql \\copy ${(rawMs / 1000).toFixed(2)} s -> ${(importMs / rawMs).toFixed(2)}x`,
    );
  }
  console.log(`PostgreSQL import: median ${median(ratios).toFixed(2)}x over ${ratios.length} round(s) (goal <= 2x)`);
  const [{ version }] = (await adminQuery('select version()')).rows;
  console.log(`machine: ${cpus()[0]?.model} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${String(version).split(' on ')[0]}`);
} finally {
  for (const name of created) await adminQuery(`drop database if exists ${name}`).catch(() => {});
  if (stopPostgres) stopPostgres();
}
