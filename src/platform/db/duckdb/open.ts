import { chmodSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Kysely } from 'kysely';
import { DatabaseLockedError, type Database } from '../database.js';
import { DuckDbDialect } from './dialect.js';
import { ensurePrivateDir } from '../../private-file.js';

export async function openDuckDb(file: string, options: { queryTimeoutMs?: number } = {}): Promise<Database> {
  const inMemory = file === ':memory:';
  const path = inMemory ? file : resolve(file);
  if (!inMemory) {
    ensurePrivateDir(dirname(path));
    // The database and the WAL DuckDB creates beside it hold the data: owner-only (0600). The
    // umask covers the files DuckDB creates later; the chmod a file made before this rule.
    process.umask(process.umask() | 0o077);
  }
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (err) {
    const message = (err as Error).message;
    if (/lock/i.test(message)) throw new DatabaseLockedError(path, message.split('\n')[0]);
    throw err;
  }
  if (!inMemory) for (const f of [path, `${path}.wal`]) if (existsSync(f)) chmodSync(f, 0o600);
  const kysely = new Kysely<any>({ dialect: new DuckDbDialect({ instance, queryTimeoutMs: options.queryTimeoutMs }) });
  return {
    engine: 'duckdb',
    location: path,
    kysely,
    async close() {
      await kysely.destroy();
      instance.closeSync();
    },
  };
}
