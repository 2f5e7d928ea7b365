import { migrations } from '../migrations/index.js';
import { loadConfig, type Config } from './platform/config.js';
import { migrateToLatest, openDatabase } from './platform/db/index.js';
import { runImport, type ImportReport } from './platform/ingest/run.js';
import { createLog, type Log } from './platform/log.js';
import type { AppContext } from './platform/module.js';
import { modules } from './modules.js';

export interface OpenOptions {
  config?: Config;
  log?: Log;
  clock?: () => Date;
  fetch?: typeof fetch;
}

/** Open the database, bring its schema up to date and write the reference data the product carries. */
export async function openContext(options: OpenOptions = {}): Promise<AppContext> {
  const config = options.config ?? loadConfig();
  const log = options.log ?? createLog(config.PUENTE_LOG_LEVEL);
  const clock = options.clock ?? (() => new Date());
  const db = await openDatabase(config.DATABASE_URL, { queryTimeoutMs: config.PUENTE_QUERY_TIMEOUT_MS });
  try {
    const applied = await migrateToLatest(db, migrations);
    if (applied.length) log.info(`Database ${db.location}: applied ${applied.join(', ')}`);
    await db.kysely.transaction().execute(async (tx) => {
      for (const m of modules) await m.seed?.(tx, { clock });
    });
  } catch (err) {
    await db.close();
    throw err;
  }
  return { db, config, log, clock, fetch: options.fetch ?? globalThis.fetch };
}

export const importers = modules.flatMap((m) => m.importers ?? []);

export async function importFiles(ctx: AppContext, paths: string[], options: { dryRun?: boolean; onProgress?: (done: number, total: number, file: string) => void } = {}): Promise<ImportReport> {
  return runImport(ctx.db, importers, paths, {
    dryRun: options.dryRun,
    config: ctx.config,
    now: ctx.clock(),
    onProgress: options.onProgress,
    rebuild: async (tx, touched) => {
      for (const m of modules) if (touched.includes(m.name)) await m.rebuild?.(tx);
    },
  });
}

export async function collectStats(ctx: AppContext): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const m of modules) Object.assign(out, await m.stats?.(ctx.db.kysely));
  return out;
}
