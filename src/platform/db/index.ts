import type { Database } from './database.js';
import { openDuckDb } from './duckdb/open.js';
import { openPostgres, type PostgresOptions } from './postgres/open.js';

export type { Database, Engine } from './database.js';
export { DatabaseLockedError } from './database.js';
export { migrateToLatest, type MigrationSet } from './migrate.js';
export * from './faults.js';
export { bulkCopyOf, type BulkCopy } from './bulk.js';

export async function openDatabase(url: string, options: PostgresOptions = {}): Promise<Database> {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, options);
  if (url.startsWith('duckdb:')) return openDuckDb(url.slice('duckdb:'.length) || ':memory:', options);
  throw new Error(`DATABASE_URL must start with duckdb: or postgres:// (got "${url.split(':')[0]}:...")`);
}
