import { createHash } from 'node:crypto';
import { migrations } from '../migrations/index.js';
import { loadConfig, type Config } from './platform/config.js';
import {
  classifyFault,
  databaseHost,
  DatabaseUnavailableError,
  isUnavailable,
  migrateToLatest,
  openDatabase,
  unavailableCause,
  type Database,
} from './platform/db/index.js';
import { META_TABLE } from './platform/db/migrate.js';
import { runImport, type ImportReport } from './platform/ingest/run.js';
import { createLog, type Log } from './platform/log.js';
import type { AppContext } from './platform/module.js';
import { modules } from './modules.js';

export interface OpenOptions {
  config?: Config;
  log?: Log;
  clock?: () => Date;
  fetch?: typeof fetch;
  /**
   * Wait this long for a database that cannot be reached yet (PostgreSQL starting), retrying
   * with backoff; 0 (the default, for the CLI) fails at once. `serve` passes PUENTE_DB_WAIT_MS.
   */
  waitMs?: number;
  /** Resolves a backoff pause early (a stop signal while waiting). */
  sleep?: (ms: number) => Promise<void>;
}

/** Open the database, bring its schema up to date and write the reference data the product carries. */
export async function openContext(options: OpenOptions = {}): Promise<AppContext> {
  const config = options.config ?? loadConfig();
  const log = options.log ?? createLog(config.PUENTE_LOG_LEVEL);
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? ((ms) => new Promise<void>((res) => setTimeout(res, ms)));
  const deadline = Date.now() + (options.waitMs ?? 0);
  const where = config.DATABASE_URL.startsWith('postgres') ? `${databaseHost(config.DATABASE_URL)} (PostgreSQL, DATABASE_URL)` : config.DATABASE_URL;
  for (let pause = 500; ; pause = Math.min(pause * 2, 5000)) {
    try {
      return { db: await openAndPrepare(config, log), config, log, clock, fetch: options.fetch ?? globalThis.fetch };
    } catch (err) {
      if (!isUnavailable(err)) throw err;
      const cause = err instanceof DatabaseUnavailableError ? err.reason : unavailableCause(err);
      const left = deadline - Date.now();
      if (left <= 0) {
        const waited = options.waitMs ? ` after waiting ${Math.round(options.waitMs / 1000)} s (PUENTE_DB_WAIT_MS)` : '';
        throw new DatabaseUnavailableError(where, `${cause}${waited}; is it running, and is DATABASE_URL right?`);
      }
      log.info(`Waiting for ${where}: ${cause}; retrying in ${(Math.min(pause, left) / 1000).toFixed(1)} s`);
      await sleep(Math.min(pause, left));
    }
  }
}

async function openAndPrepare(config: Config, log: Log): Promise<Database> {
  const db = await openDatabase(config.DATABASE_URL, {
    queryTimeoutMs: config.PUENTE_QUERY_TIMEOUT_MS,
    lockTimeoutMs: config.PUENTE_IMPORT_LOCK_TIMEOUT_MS,
    importWorkMemMb: config.PUENTE_IMPORT_WORK_MEM_MB,
    idleInTransactionMs: config.PUENTE_IDLE_IN_TRANSACTION_MS,
    dataVersionStaleMs: config.PUENTE_DATA_VERSION_STALE_MS,
    readUrls: config.PUENTE_READ_URLS.split(',').map((u) => u.trim()).filter(Boolean),
    replicaPollMs: config.PUENTE_REPLICA_POLL_MS,
    onConnectionError: (err) => log.error(`Database connection lost (${unavailableCause(err)}); the pool reconnects on the next request.`),
  });
  try {
    const applied = await migrateToLatest(db, migrations);
    if (applied.length) log.info(`Database ${db.location}: applied ${applied.join(', ')}`);
    await seed(db);
  } catch (err) {
    await db.close().catch(() => {});
    throw classifyFault(err, db.location);
  }
  return db;
}

/**
 * Runs the seeds whose inputs changed since the last start (compared by fingerprint), in one
 * transaction; a start with nothing new writes nothing.
 */
async function seed(db: Database): Promise<void> {
  const stored = new Map(
    (await db.kysely.selectFrom(META_TABLE).select(['key', 'value']).where('key', 'like', 'seed:%').execute()).map((r) => [r.key as string, r.value as string]),
  );
  const due = modules
    .filter((m) => m.seed)
    // A new migration re-runs the seeds too (a seed may write a column it added).
    .map((m) => ({ m, key: `seed:${m.name}`, print: m.seedInputs ? fingerprint([m.seedInputs(), Object.keys(migrations).sort()]) : null }))
    .filter((s) => s.print === null || stored.get(s.key) !== s.print);
  if (!due.length) return;
  await db.kysely.transaction().execute(async (tx) => {
    // A fixed clock: seeds write their own "as of" dates, never the start time.
    for (const { m } of due) await m.seed!(tx, { clock: () => new Date(0) });
    for (const { key, print } of due) {
      if (print === null) continue;
      await tx
        .insertInto(META_TABLE)
        .values({ key, value: print })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: print }))
        .execute();
    }
  });
}

function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export const importers = modules.flatMap((m) => m.importers ?? []);

export async function importFiles(
  ctx: AppContext,
  paths: string[],
  options: { dryRun?: boolean; onProgress?: (done: number, total: number, file: string) => void; signal?: AbortSignal } = {},
): Promise<ImportReport> {
  return runImport(ctx.db, importers, paths, {
    dryRun: options.dryRun,
    config: ctx.config,
    now: ctx.clock(),
    onProgress: options.onProgress,
    signal: options.signal,
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
