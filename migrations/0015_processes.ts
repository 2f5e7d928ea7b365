import type { Kysely } from 'kysely';

// Business process analysis (METHODS §7, bpa.md §5): each case is one validated document (case ->
// procedures -> steps), kept whole as JSON beside the columns lists filter on; and the Doing
// Business "trading across borders" values shown beside a case (hours, and the cost scores).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bpa_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull()) // PARTIAL | SYNTHETIC | COMPLETE
    .addColumn('status', 'text', (c) => c.notNull()) // AS_IS | TO_BE
    .addColumn('baseline_case_id', 'text')
    .addColumn('exporter', 'text')
    .addColumn('importer', 'text')
    .addColumn('channel', 'text')
    .addColumn('doc', 'text', (c) => c.notNull()) // the case as schema.ts caseSchema
    .addColumn('source_id', 'text') // imported cases: their file's source record; null: entered in the editor
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bpa_benchmarks')
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('series_code', 'text', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision') // ".." in the DataBank export: not available (null, never 0)
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bpa_benchmarks_pk', ['iso3', 'series_code', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bpa_benchmarks').ifExists().execute();
  await db.schema.dropTable('bpa_cases').ifExists().execute();
}
