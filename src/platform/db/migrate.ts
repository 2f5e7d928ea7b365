import { Migrator, type Migration } from 'kysely';
import type { Database } from './database.js';

/** Migrations by name; names sort in the order they run. */
export type MigrationSet = Record<string, Migration>;

export async function migrateToLatest(db: Database, migrations: MigrationSet): Promise<string[]> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed on ${db.engine}: ${(error as Error).message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
