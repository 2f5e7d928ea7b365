import type { Kysely } from 'kysely';

// Puente marks its own databases: `serve` refuses a file or database that holds other tables and
// no such mark (another program's data is never taken over), and one whose schema is newer.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('puente_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('puente_meta')
    .values([
      { key: 'app', value: 'puente' },
      // The latest migration applied; start-up keeps it current.
      { key: 'schema_version', value: '0010_puente_meta' },
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('puente_meta').execute();
}
