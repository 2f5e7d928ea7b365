import type { Kysely } from 'kysely';

// The trade facilitation tracker (UN Global Survey): published scores (several sources may give
// one economy, round and group: all are kept, "secondary" marks press and news quotes), per-measure
// statuses (imported or entered through the editing API) and the low-value export channels. A value
// no source gives has no row: missing, never 0.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tf_scores')
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('grp', 'text', (c) => c.notNull()) // overall | a core group id
    .addColumn('score_pct', 'double precision', (c) => c.notNull())
    .addColumn('secondary', 'boolean', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tf_scores_pk', ['iso3', 'round', 'grp', 'source_id'])
    .execute();
  await db.schema
    .createTable('tf_statuses')
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text')
    .addPrimaryKeyConstraint('tf_statuses_pk', ['iso3', 'round', 'measure'])
    .execute();
  await db.schema
    .createTable('tf_channels')
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('parameter', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('unit', 'text')
    .addColumn('legal_basis', 'text')
    .addColumn('note', 'text')
    .addColumn('trust', 'text')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tf_channels_pk', ['iso3', 'channel', 'parameter'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['tf_channels', 'tf_statuses', 'tf_scores']) await db.schema.dropTable(t).ifExists().execute();
}
