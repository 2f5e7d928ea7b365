import type { Kysely } from 'kysely';

// The OECD Digital Services Trade Restrictiveness Index (Digital STRI) as its own dataset, beside
// (never mixed into) the RDTII scores: one row per economy, year and measure (the overall index
// `STRI` and the contributions of its five policy areas `CLAS1_6` .. `CLAS1_10`), each pointing to
// its source record. An economy the OECD does not cover has no row: missing, never 0.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stri_values')
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull()) // STRI | CLAS1_6 .. CLAS1_10
    .addColumn('value', 'double precision', (c) => c.notNull()) // 0 (open) .. 1 (closed)
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stri_values_pk', ['iso3', 'year', 'measure'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stri_values').ifExists().execute();
}
