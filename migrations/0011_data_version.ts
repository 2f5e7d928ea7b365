import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

// The data version (src/platform/db/data-version.ts): one row per committed write transaction,
// appended in that transaction; the version is their count. `instance_id` tells this database's
// versions from another's (a fresh database starts again at 0).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('puente_data_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('puente_meta').values({ key: 'instance_id', value: randomUUID() }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('puente_data_changes').execute();
  await db.deleteFrom('puente_meta').where('key', '=', 'instance_id').execute();
}
