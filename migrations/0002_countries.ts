import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('countries')
    .addColumn('iso3', 'text', (c) => c.primaryKey())
    .addColumn('iso2', 'text', (c) => c.notNull())
    .addColumn('iso_numeric', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('fealac_region', 'text', (c) => c.notNull())
    // null = not confirmed; never a made-up year
    .addColumn('year_joined', 'integer')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('country_names')
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('country_names_pk', ['iso3', 'lang'])
    .execute();

  await db.schema
    .createTable('country_groups')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_es', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('country_group_members')
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('country_group_members_pk', ['group_code', 'iso3'])
    .execute();

  await db.schema
    .createTable('country_pairs')
    .addColumn('iso3_o', 'text', (c) => c.notNull())
    .addColumn('iso3_d', 'text', (c) => c.notNull())
    .addColumn('dist_km', 'double precision')
    .addColumn('distcap_km', 'double precision')
    .addColumn('distw_km', 'double precision')
    .addColumn('contig', 'integer')
    .addColumn('comlang_off', 'integer')
    .addColumn('comlang_ethno', 'integer')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('country_pairs_pk', ['iso3_o', 'iso3_d'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['country_pairs', 'country_group_members', 'country_groups', 'country_names', 'countries']) {
    await db.schema.dropTable(t).execute();
  }
}
