import type { Kysely } from 'kysely';
import type { DataVersions } from './data-version.js';
import type { ReadReplicas } from './postgres/replicas.js';

export type Engine = 'duckdb' | 'postgres';

/** What every module's store receives: a Kysely handle plus the few facts that differ by engine. */
export interface Database {
  readonly engine: Engine;
  /** Where the data lives, safe to print (passwords removed). */
  readonly location: string;
  readonly kysely: Kysely<any>;
  /** The data version: bumped by every committed write, read by the answer cache (data-version.ts). */
  readonly versions: DataVersions;
  /** PostgreSQL hot standbys that may answer public reads (PUENTE_READ_URLS); absent: none. */
  readonly replicas?: ReadReplicas;
  /**
   * Closes the database. Statements still running are awaited first (up to `graceMs`, default 0,
   * then cancelled and awaited): closing DuckDB under a running query crashes natively.
   */
  close(options?: { graceMs?: number }): Promise<void>;
  /**
   * Taken first inside an import's transaction: one import at a time, and a lock that dies with
   * its session (a killed import never blocks the next one for long). Throws ImportBusyError.
   */
  lockImports?(tx: Kysely<any>): Promise<void>;
  /**
   * Runs `fn` in one transaction whose handle may carry a bulk path (bulkCopyOf(tx)): on
   * PostgreSQL the transaction runs on a connection of its own, takes `COPY ... FROM STDIN`, and
   * analyses the database before it commits. Imports use it; without it (DuckDB) they run in a
   * plain transaction.
   */
  bulkTransaction?<T>(fn: (tx: Kysely<any>) => Promise<T>): Promise<T>;
}

export class DatabaseLockedError extends Error {
  constructor(location: string, detail: string) {
    super(
      `The database ${location} is in use by another Puente process (${detail}). ` +
        'Stop `puente serve`, or let the running server do the work: the CLI sends imports to it through the admin API.',
    );
  }
}
