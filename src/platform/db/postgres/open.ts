import { Kysely, sql } from 'kysely';
import type { Database } from '../database.js';
import { ImportBusyError } from '../faults.js';
import { bulkTransaction } from './bulk.js';
import { createPostgresDialect } from './dialect.js';
import { readDataVersion, trackDataVersions } from '../data-version.js';

export interface PostgresOptions {
  queryTimeoutMs?: number;
  /** How long an import waits for the import lock before saying who holds it. */
  lockTimeoutMs?: number;
  /** `work_mem` (MiB) of bulk transactions (imports): their sorts and hashes stay in memory. */
  importWorkMemMb?: number;
  /** A transaction left idle this long (its client hung or was killed) is ended by the server. */
  idleInTransactionMs?: number;
  /**
   * How long a data version read from the database is trusted (other servers over the same
   * database may commit meanwhile); this process's own writes are seen at once.
   */
  dataVersionStaleMs?: number;
  /** Errors of idle or checked-out connections (the server restarted): logged, never fatal. */
  onConnectionError?: (err: Error) => void;
}

// The advisory lock every import takes inside its transaction: it is released when the
// transaction ends, and when its session dies (kill -9 of the importing process).
const IMPORT_LOCK = 0x70756e74; // "punt"

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const { dialect, pool } = createPostgresDialect({
    connectionString: url,
    queryTimeoutMs: options.queryTimeoutMs,
    idleInTransactionMs: options.idleInTransactionMs ?? 60_000,
  });
  const onError = options.onConnectionError ?? (() => {});
  // Without these listeners a connection the server ends (restart, `pg_terminate_backend`) is an
  // uncaught 'error' event that kills the process; the pool drops the client and makes a new one.
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  const staleMs = options.dataVersionStaleMs ?? 1000;
  const tracked = trackDataVersions(dialect, () => staleMs);
  const kysely = new Kysely<any>({ dialect: tracked.dialect });
  tracked.bind(() => readDataVersion(kysely));
  const lockTimeoutMs = options.lockTimeoutMs ?? 60_000;
  let closed = false;
  return {
    engine: 'postgres',
    location: redact(url),
    kysely,
    versions: tracked.versions,
    async close({ graceMs = 0 } = {}) {
      if (closed) return;
      closed = true;
      // pool.end() waits for checked-out clients to come back; past the grace the process may
      // exit anyway: the server rolls back the transactions of sessions that disconnect.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((res) => (timer = setTimeout(res, graceMs + 2000)));
      await Promise.race([kysely.destroy(), late]);
      clearTimeout(timer);
    },
    bulkTransaction: (fn) => bulkTransaction(pool, { workMemMb: options.importWorkMemMb ?? 256, track: tracked.wrap }, fn),
    async lockImports(tx) {
      // statement_timeout must outlast lock_timeout, or the wait ends as a bare "statement timeout".
      await sql.raw(`set local lock_timeout = ${Math.round(lockTimeoutMs)}`).execute(tx);
      await sql.raw(`set local statement_timeout = ${Math.round(lockTimeoutMs + 5000)}`).execute(tx);
      try {
        await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(tx);
      } catch (err) {
        if ((err as { code?: string }).code !== '55P03') throw err;
        throw new ImportBusyError(await describeHolder(url, options, lockTimeoutMs));
      }
      await sql.raw('set local lock_timeout = 0').execute(tx);
      await sql.raw(`set local statement_timeout = ${Math.round(options.queryTimeoutMs ?? 0)}`).execute(tx);
    },
  };
}

/** Who holds the import lock, asked on a connection of its own (the import's transaction is aborted). */
async function describeHolder(url: string, options: PostgresOptions, waitedMs: number): Promise<string> {
  const { pool } = createPostgresDialect({ connectionString: url, max: 1, queryTimeoutMs: 5000 });
  pool.on('error', () => {});
  try {
    const { rows } = await pool.query(
      `select a.pid, a.state, a.application_name, a.xact_start::text as since, a.client_addr::text as addr
         from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.objid = $1 and l.granted limit 1`,
      [IMPORT_LOCK],
    );
    const waited = `waited ${Math.round(waitedMs / 1000)} s (PUENTE_IMPORT_LOCK_TIMEOUT_MS)`;
    if (!rows.length) return `Another import held the import lock and has just ended; nothing was imported (${waited}). Run the import again.`;
    const h = rows[0];
    return (
      `Another import holds the import lock: PostgreSQL session ${h.pid} (${h.application_name || 'no application name'}` +
      `${h.addr ? ` from ${h.addr}` : ''}, ${h.state}, transaction open since ${h.since}); nothing was imported (${waited}). ` +
      `Wait for it to finish and run the import again; if its client is gone, end it with \`select pg_terminate_backend(${h.pid})\`.`
    );
  } catch {
    return `Another import holds the import lock; nothing was imported. Wait for it to finish and run the import again.`;
  } finally {
    await pool.end().catch(() => {});
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}
