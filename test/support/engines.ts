// Store tests run the same assertions on both engines: a fresh DuckDB in memory and a fresh
// PostgreSQL database created on the server that test/support/postgres.ts started.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest, openDatabase, type Database, type Engine } from '../../src/platform/db/index.js';
import { migrations } from '../../migrations/index.js';

export const engines: Engine[] = ['duckdb', 'postgres'];

export async function freshDatabase(engine: Engine): Promise<Database> {
  let db: Database;
  if (engine === 'duckdb') {
    db = await openDatabase('duckdb::memory:');
  } else {
    const admin = process.env.PUENTE_TEST_POSTGRES_URL;
    if (!admin) throw new Error('PUENTE_TEST_POSTGRES_URL is not set: is test/support/postgres.ts the global setup?');
    const name = `puente_test_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    db = await openDatabase(url.toString());
  }
  await migrateToLatest(db, migrations);
  return db;
}
