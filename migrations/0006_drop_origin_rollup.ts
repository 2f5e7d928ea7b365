import type { Kysely } from 'kysely';

// The per-website rollup traffic_origin_month is no longer materialised: imports build
// traffic_flow_month straight from traffic_visits × origin shares, and a marketplace profile's
// per-website totals are computed from the same split on demand (store/write.ts trafficSplit).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('traffic_origin_month').ifExists().execute();
}

/** Recreates the table as 0004 defined it (empty: nothing fills it any more). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('traffic_origin_month')
    .addColumn('website_id', 'text', (c) => c.notNull())
    .addColumn('marketplace_id', 'text', (c) => c.notNull())
    .addColumn('dest_iso3', 'text', (c) => c.notNull())
    .addColumn('origin_iso3', 'text', (c) => c.notNull())
    .addColumn('flow_class', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('visits', 'double precision', (c) => c.notNull())
    .addColumn('synthetic', 'boolean', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .execute();
}
