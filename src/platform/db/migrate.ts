import { Migrator, sql, type Migration } from 'kysely';
import type { Database } from './database.js';
import { classifyFault, DatabaseFileError } from './faults.js';

/** Migrations by name; names sort in the order they run. */
export type MigrationSet = Record<string, Migration>;

/** The table where Puente marks its own databases (migration 0010): app name and schema version. */
export const META_TABLE = 'puente_meta';
export const APP_NAME = 'puente';
/** The migration that made the data version's table (data-version.ts). */
const DATA_VERSION_MIGRATION = '0011_data_version';

/**
 * Brings the schema up to date; returns the migrations applied. Refuses a database that holds
 * another program's tables, or one written by a newer Puente. Writes nothing when nothing is due.
 */
export async function migrateToLatest(db: Database, migrations: MigrationSet): Promise<string[]> {
  let applied: string[];
  try {
    applied = await checkIdentity(db, migrations);
  } catch (err) {
    throw classifyFault(err, db.location);
  }
  if (Object.keys(migrations).every((name) => applied.includes(name))) {
    if (DATA_VERSION_MIGRATION in migrations) db.versions.arm();
    return [];
  }
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations },
    // Numbers are handed out to branches in parallel: one merged later may sort before one applied.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const fault = classifyFault(error, db.location);
    if (fault !== error) throw fault;
    const failed = results?.find((r) => r.status === 'Error');
    // No failed migration: the error came before any ran (connecting, reading the migration table).
    if (!failed) throw new Error(`Could not bring the schema of ${db.location} up to date: ${(error as Error).message}`);
    throw new Error(`Migration ${failed.migrationName} failed on ${db.engine} (${db.location}): ${(error as Error).message}`);
  }
  const done = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  const latest = Object.keys(migrations).sort().at(-1);
  if (done.length && latest && (await tableNames(db)).includes(META_TABLE)) {
    await db.kysely.updateTable(META_TABLE).set({ value: latest }).where('key', '=', 'schema_version').execute();
  }
  // From here on every committed write is recorded (data-version.ts); the table exists now.
  if (DATA_VERSION_MIGRATION in migrations) db.versions.arm();
  return done;
}

async function tableNames(db: Database): Promise<string[]> {
  const schema = db.engine === 'postgres' ? sql`current_schema()` : sql`'main'`;
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = ${schema} and table_catalog = current_database()`.execute(db.kysely);
  return rows.map((r) => r.name);
}

/** Which migrations the database has, after checking that it is Puente's (or new and empty). */
async function checkIdentity(db: Database, migrations: MigrationSet): Promise<string[]> {
  const tables = await tableNames(db);
  if (!tables.length) return [];
  const where = db.engine === 'duckdb' ? `The file ${db.location}` : `The database ${db.location}`;
  if (tables.includes(META_TABLE)) {
    const app = await db.kysely.selectFrom(META_TABLE).select('value').where('key', '=', 'app').executeTakeFirst();
    if (app?.value !== APP_NAME) {
      throw new DatabaseFileError(`${where} belongs to another application ("${app?.value ?? 'unknown'}"): Puente will not touch it. Set DATABASE_URL to a new or empty database.`);
    }
  } else if (!tables.includes('kysely_migration')) {
    const shown = tables.sort().slice(0, 5).join(', ') + (tables.length > 5 ? ', ...' : '');
    throw new DatabaseFileError(
      `${where} holds another program's tables (${shown}) and is not a Puente database: Puente will not touch it. ` +
        'Set DATABASE_URL to a new or empty database (Puente creates its schema there).',
    );
  }
  const applied = (await db.kysely.selectFrom('kysely_migration').select('name').execute()).map((r) => r.name as string);
  const unknown = applied.filter((n) => !(n in migrations));
  if (unknown.length) {
    throw new DatabaseFileError(
      `${where} has a newer schema than this Puente knows (migration ${unknown.sort().at(-1)}): it was written by a newer Puente. ` +
        'Run that version, or restore a backup made by this one.',
    );
  }
  return applied;
}
