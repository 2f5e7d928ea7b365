// npm run bench:assistant [-- --runs 30 --db duckdb:var/bench-assistant.duckdb]
// The export assistant's answer (issue #14): its parts run in parallel, so an answer should take
// about as long as its slowest part, not the sum of them. Prints p50/p95 of the whole answer
// against p50/p95 of the sum of its parts' own times (timings_ms), over questions that vary
// origin, destinations, product and channel (so no two are the same). Data: all of ../shared/data
// imported into a throw-away DuckDB file (or the database given). Not a timed test.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importFiles, openContext } from '../src/bootstrap.js';
import { assembleAnswer } from '../src/modules/assistant/index.js';
import { percentile } from '../src/modules/assistant/compute.js';
import { settingsOf } from '../src/modules/assistant/routes.js';
import { loadConfig } from '../src/platform/config.js';
import { createLog } from '../src/platform/log.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '30' }, db: { type: 'string' } } });
const RUNS = Number(args.runs);
const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const dir = args.db ? null : mkdtempSync(join(tmpdir(), 'puente-bench-assistant-'));
const ctx = await openContext({ config: loadConfig({ DATABASE_URL: args.db ?? `duckdb:${join(dir!, 'puente.duckdb')}`, PUENTE_LOG_LEVEL: 'silent' }), log: createLog('error') });
try {
  if (!args.db) {
    const t = performance.now();
    await importFiles(ctx, [DATA]);
    console.log(`imported ../shared/data in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const origins = ['PER', 'CHL', 'MEX', 'ARG', 'COL', 'URY', 'BRA'];
  const dests = [['JPN'], ['KOR'], ['CHN', 'JPN'], ['AUS'], ['SGP', 'MYS', 'THA'], ['NZL'], ['VNM']];
  const hs = ['0901', '090121', '6109', '7113', '1806', undefined];
  const channels = ['postal', 'courier', 'marketplace', 'webshop', undefined] as const;
  const totals: number[] = [];
  const sums: number[] = [];
  const today = new Date().toISOString().slice(0, 10);
  for (let i = 0; i < RUNS; i++) {
    const q = {
      origin: origins[i % origins.length],
      destination: dests[(i * 3) % dests.length],
      hs: hs[i % hs.length],
      value: 50 + 37 * i,
      channel: channels[i % channels.length],
      traits: i % 2 ? (['women_led'] as ('women_led')[]) : undefined,
    };
    const t = performance.now();
    const a = await assembleAnswer(ctx.db.kysely, q, settingsOf(ctx), today);
    totals.push(performance.now() - t);
    sums.push(Object.entries(a.timings_ms).filter(([k]) => k !== 'total').reduce((s, [, v]) => s + v, 0));
  }
  const f = (v: number | null) => (v === null ? '-' : `${v.toFixed(1)} ms`);
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); engine ${ctx.db.engine}; ${RUNS} answers`);
  console.log(`answer        p50 ${f(percentile(totals, 50))}  p95 ${f(percentile(totals, 95))}`);
  console.log(`sum of parts  p50 ${f(percentile(sums, 50))}  p95 ${f(percentile(sums, 95))}`);
  const r50 = percentile(totals, 50)! / percentile(sums, 50)!;
  console.log(`answer / sum of parts at p50: ${r50.toFixed(2)} (1 = no gain from running the parts in parallel)`);
} finally {
  await ctx.db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
