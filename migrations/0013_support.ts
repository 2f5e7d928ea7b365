import type { Kysely } from 'kysely';

// MSME support measures (METHODS §6): programme records with the text as read (type and target
// kept as the source wrote them; the controlled vocabulary is applied on reading through the
// reviewed mapping file, so a new mapping needs no migration), and the link checks of
// `puente check links` (one row per URL, last result).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('support_programmes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('programme', 'text', (c) => c.notNull()) // local name
    .addColumn('programme_en', 'text')
    .addColumn('agency', 'text')
    .addColumn('year_started', 'integer')
    .addColumn('type_text', 'text') // free text as read, `;`-separated
    .addColumn('target_text', 'text')
    .addColumn('cross_border', 'text') // yes | partial | no | unknown, as read
    .addColumn('ecommerce_focus', 'text') // yes | partial | no | unknown | null
    .addColumn('goods_scope', 'text') // goods | services | both | null (not stated)
    .addColumn('stage', 'text') // designed | implemented | monitored | evaluated | null
    .addColumn('description', 'text')
    .addColumn('url', 'text')
    .addColumn('source_url', 'text')
    .addColumn('source_type', 'text')
    .addColumn('as_of', 'text')
    .addColumn('trust', 'text') // A | B | C | null
    .addColumn('source_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('support_programmes_economy').on('support_programmes').column('iso3').execute();

  await db.schema
    .createTable('link_checks')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('status', 'integer') // HTTP status of the last answer; null when none came
    .addColumn('ok', 'boolean', (c) => c.notNull())
    .addColumn('final_url', 'text') // where redirects led
    .addColumn('error', 'text') // timeout | network error text
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('link_checks').execute();
  await db.schema.dropTable('support_programmes').execute();
}
