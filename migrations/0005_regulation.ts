import type { Kysely } from 'kysely';

// Regulation (METHODS §4): the framework as versioned data, DTRA-style measure records with an
// audit log of every write, and the three non-regulatory inputs (UNCTAD cyberlaw tracker, treaty
// and model-law status, de minimis thresholds), each row pointing to its source record.
// A missing row is unknown, never "no".
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('frameworks')
    .addColumn('id', 'text', (c) => c.notNull()) // e.g. rdtii
    .addColumn('version', 'text', (c) => c.notNull()) // e.g. 2.1
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addColumn('json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('frameworks_pk', ['id', 'version'])
    .execute();

  await db.schema
    .createTable('reg_measures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('framework_version', 'text', (c) => c.notNull()) // `${framework id}-${version}`, e.g. rdtii-2.1
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text') // null: recorded, category not yet assessed
    .addColumn('title', 'text', (c) => c.notNull()) // law / act title
    .addColumn('coverage', 'text', (c) => c.notNull()) // horizontal | sector
    .addColumn('description', 'text')
    .addColumn('articles', 'text')
    .addColumn('in_force_since', 'text')
    .addColumn('amended', 'text')
    .addColumn('urls', 'text') // whitespace-separated
    .addColumn('status', 'text', (c) => c.notNull()) // in_force | pending (pending is never scored)
    .addColumn('source_type', 'text')
    .addColumn('verification_feedback', 'text')
    .addColumn('verification_action', 'text')
    .addColumn('verification_date', 'text')
    .addColumn('source_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reg_measures_economy').on('reg_measures').columns(['iso3', 'indicator_id']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull()) // create | update | delete | import
    .addColumn('entity', 'text', (c) => c.notNull()) // e.g. reg_measures
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text') // JSON of the record before (null on create)
    .addColumn('after', 'text') // JSON of the record after (null on delete)
    .execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();

  await db.schema
    .createTable('cyberlaw_status')
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // Legislation | Draft Legislation | No Legislation | No Data
    .addColumn('flagged', 'text') // a known doubt about the source's value (shown, never silently fixed)
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cyberlaw_status_pk', ['iso3', 'area'])
    .execute();

  await db.schema
    .createTable('cyberlaw_laws')
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cyberlaw_laws_pk', ['iso3', 'area', 'url'])
    .execute();

  await db.schema
    .createTable('treaty_status')
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('instrument', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // `unknown` = not confirmed
    .addColumn('date', 'text')
    .addColumn('source_url', 'text')
    .addColumn('source_date', 'text')
    .addColumn('notes', 'text')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('treaty_status_pk', ['iso3', 'instrument'])
    .execute();

  // Several rows per economy and kind: the history of its regime, by channel.
  await db.schema
    .createTable('de_minimis')
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // duty | tax | both
    .addColumn('amount', 'text', (c) => c.notNull()) // as the source says it; `none...` = no threshold
    .addColumn('amount_value', 'double precision')
    .addColumn('currency', 'text')
    .addColumn('usd_approx', 'double precision') // only where the source gives a USD figure
    .addColumn('basis', 'text')
    .addColumn('channel', 'text')
    .addColumn('effective_from', 'text')
    .addColumn('source_type', 'text')
    .addColumn('source_url', 'text')
    .addColumn('source_date', 'text')
    .addColumn('notes', 'text')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('de_minimis_economy').on('de_minimis').column('iso3').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['de_minimis', 'treaty_status', 'cyberlaw_laws', 'cyberlaw_status', 'audit_log', 'reg_measures', 'frameworks']) {
    await db.schema.dropTable(t).execute();
  }
}
