import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';

/**
 * The bulk path into the database of one transaction (PostgreSQL: `COPY ... FROM STDIN` on the
 * transaction's own connection, so what it writes commits or rolls back with the rest).
 */
export interface BulkCopy {
  /**
   * Streams CSV records into `table` (`columns`, in order): no header line, comma-separated,
   * `"`-quoted with `""` inside quotes; an unquoted empty field is NULL and a quoted one (`""`) is
   * the empty string. Returns the number of rows written. Throws the database's error (whose
   * `where` names the record and column, e.g. `COPY t, line 12, column visits: "x"`).
   */
  copyCsv(table: string, columns: string[], source: Readable): Promise<number>;
}

// Keyed by the transaction's Kysely handle: Database.bulkTransaction attaches one to the handle it
// gives out, and loaders ask for it (none on DuckDB, which reads files itself).
const copiers = new WeakMap<Kysely<any>, BulkCopy>();

export function attachBulkCopy(tx: Kysely<any>, copy: BulkCopy): void {
  copiers.set(tx, copy);
}

/** The bulk path of a transaction opened by Database.bulkTransaction, if its engine has one. */
export function bulkCopyOf(tx: Kysely<any>): BulkCopy | undefined {
  return copiers.get(tx);
}
