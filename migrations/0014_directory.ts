import type { Kysely } from 'kysely';

// Directory of public bodies (one-stop contacts): one row per economy, role, organisation and
// source, as read; known changes (bodies abolished or renamed) are versioned data applied on
// reading (src/modules/directory/changes.json), never a silent drop.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('directory_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name_local', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('official_url', 'text') // only where it was seen
    .addColumn('url_evidence', 'text')
    .addColumn('source_url', 'text')
    .addColumn('source_type', 'text')
    .addColumn('as_of', 'text')
    .addColumn('trust', 'text') // A | B | C | null
    .addColumn('to_verify', 'boolean', (c) => c.notNull()) // k_flag = yes: a detail not read on the cited page
    .addColumn('note', 'text')
    .addColumn('source_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('directory_entries_economy').on('directory_entries').columns(['iso3', 'role']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('directory_entries').execute();
}
