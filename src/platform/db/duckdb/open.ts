import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Kysely } from 'kysely';
import { DatabaseLockedError, type Database } from '../database.js';
import { DuckDbDialect } from './dialect.js';

export async function openDuckDb(file: string, options: { queryTimeoutMs?: number } = {}): Promise<Database> {
  const inMemory = file === ':memory:';
  const path = inMemory ? file : resolve(file);
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (err) {
    const message = (err as Error).message;
    if (/lock/i.test(message)) throw new DatabaseLockedError(path, message.split('\n')[0]);
    throw err;
  }
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
