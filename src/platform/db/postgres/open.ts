import { CompiledQuery, Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../database.js';
import { ImportBusyError } from '../faults.js';
import { bulkTransaction } from './bulk.js';
import { createPostgresDialect } from './dialect.js';
import { readDataVersion, trackDataVersions, type DataVersions } from '../data-version.js';
import { ReadReplicas, redact } from './replicas.js';

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
  /** Hot standbys that may answer public reads (PUENTE_READ_URLS). */
  readUrls?: string[];
  /** How often each standby is asked for its data version. */
  replicaPollMs?: number;
  /** Listen for the other servers' writes (NOTIFY), so a new version is seen at once (default true). */
  listen?: boolean;
}

/** The channel every committed write notifies (in its transaction), heard by every server. */
const CHANNEL = 'puente_data_version';

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
  const tracked = trackDataVersions(dialect, () => staleMs, CompiledQuery.raw(`select pg_notify('${CHANNEL}', '')`));
  const kysely = new Kysely<any>({ dialect: tracked.dialect });
  tracked.bind(() => readDataVersion(kysely));
  const lockTimeoutMs = options.lockTimeoutMs ?? 60_000;
  let closed = false;
  const listener = options.listen === false ? null : listenForChanges(url, tracked.versions, onError, () => closed);
  const readUrls = (options.readUrls ?? []).filter(Boolean);
  const replicas = readUrls.length ? new ReadReplicas(readUrls, { queryTimeoutMs: options.queryTimeoutMs, pollMs: options.replicaPollMs, onError }) : undefined;
  await replicas?.start();
  return {
    engine: 'postgres',
    location: redact(url),
    kysely,
    versions: tracked.versions,
    replicas,
    async close({ graceMs = 0 } = {}) {
      if (closed) return;
      closed = true;
      await listener?.close();
      await replicas?.close();
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

/**
 * A connection of its own that LISTENs for the writes of every server over this database: a
 * notification makes the next answer read the version again, so a write through one server is
 * seen by the others at once rather than within PUENTE_DATA_VERSION_STALE_MS (which stays the
 * bound while this connection is down: it reconnects every second).
 */
function listenForChanges(url: string, versions: DataVersions, onError: (err: Error) => void, closed: () => boolean): { close(): Promise<void> } {
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  const connect = () => {
    if (closed()) return;
    const c = new pg.Client({ connectionString: url, application_name: 'puente-listen' });
    client = c;
    const retry = () => {
      if (client !== c) return;
      client = null;
      versions.invalidate();
      c.end().catch(() => {});
      if (!closed()) {
        timer = setTimeout(connect, 1000);
        timer.unref();
      }
    };
    c.on('error', (err) => {
      onError(err);
      retry();
    });
    c.on('end', retry);
    c.on('notification', () => versions.invalidate());
    c.connect()
      .then(() => c.query(`listen ${CHANNEL}`))
      .then(() => versions.invalidate())
      .catch(retry);
  };
  connect();
  return {
    async close() {
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}

/** Who holds the import lock, asked on a connection of its own (the import's transaction is aborted). */
async function describeHolder(url: string, _options: PostgresOptions, waitedMs: number): Promise<string> {
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
