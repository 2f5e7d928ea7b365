import type { Kysely } from 'kysely';

// Tariffs at the destination (issue #19): national schedules as versioned data. One edition per
// destination and date; every rated line of an edition with each rate column's verbatim text
// (JSON object column -> text). The parsed reading is computed from the text on reading
// (src/modules/tariffs/compute.ts), so a better parser never needs a re-import. Official lookup
// links for destinations without a schedule, and the HS 2022 descriptions in English.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tariff_editions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // JPN-2026-07-09
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('edition', 'text', (c) => c.notNull()) // ISO date the edition applies from
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('tariff_lines')
    .addColumn('edition_id', 'text', (c) => c.notNull())
    .addColumn('chapter', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull()) // order in the chapter
    .addColumn('code', 'text', (c) => c.notNull()) // 0901.21.000 (HS 6 + national digits)
    .addColumn('hs6', 'text', (c) => c.notNull()) // 090121
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull()) // the publisher's language, verbatim
    .addColumn('rates', 'text', (c) => c.notNull()) // JSON {column: verbatim text}; '' = no rate in that column
    .addColumn('inherited', 'text', (c) => c.notNull()) // JSON {column: code of the heading above that printed it}
    .addColumn('leaf', 'boolean', (c) => c.notNull()) // a line (national digits or nothing rated below), not a heading
    .addColumn('unit', 'text') // statistical units, e.g. "KG"
    .addColumn('law', 'text') // other-law codes, space-separated
    .addPrimaryKeyConstraint('tariff_lines_pk', ['edition_id', 'chapter', 'seq'])
    .execute();
  await db.schema.createIndex('tariff_lines_hs6').on('tariff_lines').columns(['edition_id', 'hs6']).execute();
  await db.schema
    .createTable('tariff_links')
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tariff_links_pk', ['iso3', 'kind', 'url'])
    .execute();
  await db.schema
    .createTable('tariff_hs_codes')
    .addColumn('code', 'text', (c) => c.primaryKey()) // 0901, 090121 (digits only)
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['tariff_hs_codes', 'tariff_links', 'tariff_lines', 'tariff_editions']) await db.schema.dropTable(t).execute();
}
