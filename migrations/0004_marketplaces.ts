import type { Kysely } from 'kysely';

// Marketplace (brand/company) 1—n website (domain serving one economy); monthly visits per
// website and shares of visits by origin / sex / age / device; open popularity lists.
// Synthetic rows (the demo generator) say so in their own column, not only through the source.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('marketplaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('hq_iso3', 'text')
    .addColumn('founded_year', 'integer')
    .addColumn('models', 'text', (c) => c.notNull()) // ';'-joined: B2C, C2C, B2B, classifieds
    .addColumn('goods_or_services', 'text') // goods | services | both
    .addColumn('categories', 'text')
    .addColumn('foreign_sellers', 'text', (c) => c.notNull()) // yes | no | unknown
    .addColumn('payment_services', 'text')
    .addColumn('logistics_services', 'text')
    .addColumn('msme_sellers_note', 'text')
    .addColumn('source_urls', 'text')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('websites')
    .addColumn('id', 'text', (c) => c.primaryKey()) // `${domain}|${serves_iso3}`
    .addColumn('marketplace_id', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull()) // host, path-based storefront, or app:<name>
    .addColumn('serves_iso3', 'text', (c) => c.notNull())
    .addColumn('launched_year', 'integer')
    .addColumn('status', 'text', (c) => c.notNull()) // active | closed | unknown
    .addColumn('source_url', 'text')
    .addColumn('domain_evidence', 'text')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('websites_domain_economy', ['domain', 'serves_iso3'])
    .execute();

  // The traffic tables have no PRIMARY KEY: a unique index costs more than the whole load on
  // DuckDB. Their keys are enforced by the import instead: a file with a duplicate key is refused
  // (line-level issue), and loading a file first deletes the stored rows with the keys it brings.
  await db.schema
    .createTable('traffic_visits')
    .addColumn('website_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull()) // YYYY-MM
    .addColumn('visits', 'double precision', (c) => c.notNull())
    .addColumn('synthetic', 'boolean', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('traffic_shares')
    .addColumn('website_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull()) // YYYY (annual) or YYYY-MM (monthly)
    .addColumn('dimension', 'text', (c) => c.notNull()) // origin | sex | age | device
    .addColumn('category', 'text', (c) => c.notNull()) // ISO3 | female/male | 18-24... | desktop/mobile
    .addColumn('share', 'double precision', (c) => c.notNull())
    .addColumn('synthetic', 'boolean', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('popularity')
    .addColumn('list', 'text', (c) => c.notNull()) // crux | cloudflare
    .addColumn('country_iso3', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull()) // YYYY-MM
    .addColumn('origin', 'text', (c) => c.notNull()) // host as listed, scheme and www. stripped
    .addColumn('rank', 'integer') // exact rank (Cloudflare top-100)
    .addColumn('bucket', 'integer') // CrUX rank bucket: 1000, 5000, ... never turned into visits
    .addColumn('categories', 'text')
    .addColumn('website_id', 'text') // matched registry website, if any
    .addColumn('marketplace_id', 'text')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('popularity_pk', ['list', 'country_iso3', 'month', 'origin'])
    .execute();

  // Rollup rebuilt by every traffic import: visits split by origin with the month's (or else the
  // year's) origin shares. Visits of a website without origin shares keep origin 'UNK'
  // (unattributed): they count in totals and never in a flow class.
  await db.schema
    .createTable('traffic_origin_month')
    .addColumn('website_id', 'text', (c) => c.notNull())
    .addColumn('marketplace_id', 'text', (c) => c.notNull())
    .addColumn('dest_iso3', 'text', (c) => c.notNull())
    .addColumn('origin_iso3', 'text', (c) => c.notNull())
    .addColumn('flow_class', 'text', (c) => c.notNull()) // domestic | intra-east-asia | intra-latin-america | bi-regional | extra-fealac | unattributed
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('visits', 'double precision', (c) => c.notNull())
    .addColumn('synthetic', 'boolean', (c) => c.notNull())
    .addColumn('source_id', 'text') // the visits row's source (null in hand-built fixtures)
    .execute();

  // What the dashboards read: traffic_origin_month without the website (summed over a
  // marketplace's websites serving one economy), so its size follows marketplaces × economies ×
  // origins × months, not the number of websites or rows imported. Rebuilt with it.
  await db.schema
    .createTable('traffic_flow_month')
    .addColumn('marketplace_id', 'text', (c) => c.notNull())
    .addColumn('dest_iso3', 'text', (c) => c.notNull())
    .addColumn('origin_iso3', 'text', (c) => c.notNull())
    .addColumn('flow_class', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('visits', 'double precision', (c) => c.notNull())
    .addColumn('synthetic', 'boolean', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['traffic_flow_month', 'traffic_origin_month', 'popularity', 'traffic_shares', 'traffic_visits', 'websites', 'marketplaces']) {
    await db.schema.dropTable(t).execute();
  }
}
