// npm run bench:explorer [-- --scale 125 --from 2019-01 --to 2024-12 --runs 20]
// Generates demo traffic with the demo generator (default ≥ 20 M rows: visits + shares) into
// bench/out/, then prints (1) `puente` import time against raw DuckDB read_csv of the same files,
// (2) p50/p95 of each explorer API endpoint (in-process createApp(ctx).fetch) against raw SQL on the
// same engine, as ratios. Not a timed test; results go to docs/performance.md by hand.
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { sql } from 'kysely';
import { migrations } from '../migrations/index.js';
import { loadConfig } from '../src/platform/config.js';
import { migrateToLatest, openDatabase } from '../src/platform/db/index.js';
import { runImport } from '../src/platform/ingest/run.js';
import { createLog } from '../src/platform/log.js';
import type { AppContext } from '../src/platform/module.js';
import { modules } from '../src/modules.js';
import { generateDemo } from '../src/modules/marketplaces/demo.js';
import { rebuildMarketplaces } from '../src/modules/marketplaces/store/write.js';
import { createApp } from '../src/server.js';

const { values: args } = parseArgs({
  options: { scale: { type: 'string', default: '125' }, from: { type: 'string', default: '2019-01' }, to: { type: 'string', default: '2024-12' }, runs: { type: 'string', default: '20' } },
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
const db = await openDatabase(`duckdb:${dbFile}`);
await migrateToLatest(db, migrations);
for (const m of modules) await m.seed?.(db.kysely, { clock });
await runImport(db, importers, [REGISTRY], { now: clock(), rebuild });

let t = performance.now();
const demo = await generateDemo({ db, clock }, { scale: Number(args.scale), seed: 1, from: args.from!, to: args.to!, dir: join(OUT, 'demo'), load: false });
const genMs = ms(t);
const rows = demo.visitsRows + demo.shareRows;
console.log(`generated ${rows.toLocaleString('en')} rows (${demo.visitsRows.toLocaleString('en')} visits + ${demo.shareRows.toLocaleString('en')} shares) for ${demo.websites} websites in ${(genMs / 1000).toFixed(1)} s`);

// Raw: DuckDB reading the same files into tables, nothing else.
const raw = await DuckDBInstance.create(join(OUT, 'raw.duckdb'));
const rc = await raw.connect();
t = performance.now();
for (const f of demo.files.filter((f) => /traffic-/.test(f))) await rc.run(`create or replace table "${f.replace(/.*\//, '').replace('.csv', '')}" as select * from read_csv('${f}')`);
const rawMs = ms(t);

t = performance.now();
await runImport(db, importers, demo.files, { now: clock(), rebuild });
const importMs = ms(t);
console.log(`import: puente ${(importMs / 1000).toFixed(1)} s (checks, load, rollup) vs raw read_csv ${(rawMs / 1000).toFixed(1)} s -> ${(importMs / rawMs).toFixed(2)}x (goal <= 1.5x)`);

const ctx: AppContext = { db, config: loadConfig({ DATABASE_URL: `duckdb:${dbFile}` }), log: createLog('silent'), clock, fetch: globalThis.fetch };
const app = createApp(ctx);
const runs = Number(args.runs);
const cases: { name: string; url: string; raw: string }[] = [
  { name: '/api/traffic', url: '/api/traffic', raw: `select month, sum(visits) as v, bool_or(synthetic) from traffic_origin_month group by month order by month` },
  { name: '/api/traffic?group=marketplace', url: '/api/traffic?group=marketplace', raw: `select marketplace_id, month, sum(visits) from traffic_origin_month group by all order by all` },
  { name: '/api/flows', url: '/api/flows', raw: `select origin_iso3, dest_iso3, flow_class, sum(visits) from traffic_origin_month where origin_iso3 <> 'UNK' group by all order by all` },
  { name: '/api/marketplaces', url: '/api/marketplaces', raw: `select m.id, m.name, sum(t.visits) from marketplaces m left join traffic_origin_month t on t.marketplace_id = m.id group by all order by m.name` },
];
console.log('endpoint | API p50 / p95 ms | raw SQL p50 / p95 ms | ratio p50 / p95');
for (const c of cases) {
  const api: number[] = [];
  const rq: number[] = [];
  let status = 0;
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    const res = await app.fetch(new Request(`http://bench${c.url}`));
    await res.text();
    status = res.status;
    api.push(ms(t));
    t = performance.now();
    await sql.raw(c.raw).execute(db.kysely);
    rq.push(ms(t));
  }
  const [a50, a95, r50, r95] = [pct(api, 50), pct(api, 95), pct(rq, 50), pct(rq, 95)];
  console.log(`${c.name} (${status}) | ${a50.toFixed(1)} / ${a95.toFixed(1)} | ${r50.toFixed(1)} / ${r95.toFixed(1)} | ${(a50 / r50).toFixed(2)}x / ${(a95 / r95).toFixed(2)}x (goal <= 1.3x)`);
}
console.log(`machine: ${cpus()[0]?.model} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
rc.closeSync();
raw.closeSync();
await db.close();
