import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, sql, type Dialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { attachBulkCopy } from '../bulk.js';

/**
 * Runs `fn` in one transaction on a connection of its own, taken from `pool`: the transaction's
 * statements (through a Kysely over that one connection) and its `COPY ... FROM STDIN` streams
 * (bulkCopyOf(tx)) share the session, so the bulk rows commit or roll back with everything else.
 * The database is analysed before the commit. `track` wraps the session's dialect so that the
 * commit records a new data version like every other write transaction (data-version.ts).
 */
export async function bulkTransaction<T>(pool: pg.Pool, options: { workMemMb: number; track?: (d: Dialect) => Dialect }, fn: (tx: Kysely<any>) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // Kysely's Postgres driver needs only `query` and `release` of the clients a pool hands out.
  const session = { query: client.query.bind(client), release: () => {} };
  const dialect = new PostgresDialect({ pool: { connect: async () => session, end: async () => {} } as never });
  const kysely = new Kysely<any>({ dialect: options.track ? options.track(dialect) : dialect });
  let failed = false;
  try {
    return await kysely.transaction().execute(async (tx) => {
      attachBulkCopy(tx, { copyCsv: (table, columns, source) => copyCsv(client, table, columns, source) });
      // Rollups rebuilt in the transaction sort and hash hundreds of MB: in memory, not on disk.
      await sql.raw(`set local work_mem = '${Math.round(options.workMemMb)}MB'`).execute(tx);
      const result = await fn(tx);
      // The next reads are planned with statistics of what was written and rebuilt (autovacuum
      // would get there later; until then a fresh rollup is planned as if it were small).
      await sql`analyze`.execute(tx);
      return result;
    });
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    await kysely.destroy();
    // After a failure the session may be broken (a COPY cut short, a dead server): it is closed
    // rather than handed to the next request.
    client.release(failed);
  }
}

async function copyCsv(client: pg.PoolClient, table: string, columns: string[], source: Readable): Promise<number> {
  const target = `${pg.escapeIdentifier(table)} (${columns.map((c) => pg.escapeIdentifier(c)).join(', ')})`;
  const stream = client.query(copyFrom(`copy ${target} from stdin with (format csv)`));
  await pipeline(source, stream);
  return stream.rowCount;
}
