import type { Kysely } from 'kysely';

// ESCAP RDTII 2.1 measure records (one row per coded measure, kept whole with its origin in
// ESCAP's workbook and the government verification loop) and ESCAP's legal inventory (laws
// mapped to indicators, no scores). Both are replaced per economy by their importers.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reg_escap_measures')
    .addColumn('id', 'text', (c) => c.primaryKey()) // escap-<ISO3>-<sheet row>
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('framework_version', 'text', (c) => c.notNull())
    .addColumn('pillar', 'integer', (c) => c.notNull())
    .addColumn('indicator_id', 'text', (c) => c.notNull()) // the framework's id (4.10, 12.1)
    .addColumn('indicator_id_source', 'text', (c) => c.notNull()) // as ESCAP wrote it (4.1, 12.01)
    .addColumn('category_id', 'text', (c) => c.notNull()) // the category the raw score identifies
    .addColumn('raw_score', 'double precision', (c) => c.notNull()) // ESCAP's per-measure score
    .addColumn('act_or_practice', 'text', (c) => c.notNull())
    .addColumn('coverage', 'text')
    .addColumn('impact', 'text')
    .addColumn('timeframe', 'text')
    .addColumn('urls', 'text') // JSON array, in ESCAP's order
    .addColumn('note', 'text')
    .addColumn('note_internal', 'text')
    .addColumn('gov_feedback', 'text') // Correct | Not correct
    .addColumn('gov_feedback_full', 'text')
    .addColumn('gov_action', 'text')
    .addColumn('gov_question', 'text')
    .addColumn('correction', 'text') // kept | changed | set_aside (only for "Not correct")
    .addColumn('corrected_score', 'double precision') // null: set aside under "with corrections"
    .addColumn('workbook', 'text', (c) => c.notNull())
    .addColumn('sheet', 'text', (c) => c.notNull())
    .addColumn('sheet_row', 'integer', (c) => c.notNull())
    .addColumn('edition', 'text')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reg_escap_measures_economy').on('reg_escap_measures').columns(['iso3', 'indicator_id']).execute();

  await db.schema
    .createTable('reg_legal_inventory')
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull()) // order within the economy, as in the file
    .addColumn('pillar', 'integer', (c) => c.notNull())
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('indicator_label', 'text', (c) => c.notNull())
    .addColumn('cluster', 'text')
    .addColumn('act_or_practice', 'text', (c) => c.notNull())
    .addColumn('coverage', 'text')
    .addColumn('coverage_type', 'text')
    .addColumn('timeframe', 'text')
    .addColumn('reference_url', 'text')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reg_legal_inventory_pk', ['iso3', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reg_legal_inventory').ifExists().execute();
  await db.schema.dropTable('reg_escap_measures').ifExists().execute();
}
