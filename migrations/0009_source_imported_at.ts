import { sql, type Kysely } from 'kysely';

// A source keeps two times apart: when the publisher's data was retrieved (retrieved_at: from the
// file, e.g. a snapshot month or a source date, or the connector's fetch time; null when nobody
// says) and when Puente imported it (imported_at). Before this migration retrieved_at held the
// import time of every file import: that time moves to imported_at, and retrieved_at of those
// sources becomes unknown until the file is imported again. Syncs (fetch time) and the built-in
// reference records keep theirs.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('imported_at', 'text').execute();
  await sql`update sources set imported_at = retrieved_at`.execute(db);
  await sql`update sources set retrieved_at = null where note like 'imported from %' or note like '%; imported from %' or note like 'websites imported from %'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update sources set retrieved_at = coalesce(retrieved_at, imported_at)`.execute(db);
  await db.schema.alterTable('sources').dropColumn('imported_at').execute();
}
