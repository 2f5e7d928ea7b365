import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicators')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('definition', 'text')
    .addColumn('topic', 'text')
    .execute();

  // A country/year with no value has no row: unknown is not zero.
  await db.schema
    .createTable('indicator_values')
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('indicator_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_values_pk', ['indicator_code', 'iso3', 'year'])
    .execute();

  // Rollup rebuilt by every import so that profile and explorer pages read medians directly.
  await db.schema
    .createTable('indicator_year_stats')
    .addColumn('indicator_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('median', 'double precision', (c) => c.notNull())
    .addColumn('min', 'double precision', (c) => c.notNull())
    .addColumn('max', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_year_stats_pk', ['indicator_code', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['indicator_year_stats', 'indicator_values', 'indicators']) await db.schema.dropTable(t).execute();
}
