import type { Kysely } from 'kysely';

// The editorial workflow (src/platform/workflow, issue #13): drafts of changes to any editable
// dataset (the entry as published when the draft was made, and the proposed entry, both whole
// JSON documents), the comments of their review, and the government verification marks (the
// fields of the ESCAP data: Correct / Not correct, the feedback, the action asked for, a date).
// An entry's history is the audit log (entity + entity id), which every publish writes to.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wf_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull()) // the dataset, e.g. support_programmes
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('economy', 'text') // ISO3 of the entry; null when it has none
    .addColumn('base_doc', 'text') // JSON: the published entry when the draft was made; null = a new entry
    .addColumn('proposed_doc', 'text', (c) => c.notNull()) // JSON: the entry as proposed
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted | changes_requested | approved | rejected | published | withdrawn
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('reviewer', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('wf_drafts_entry').on('wf_drafts').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('wf_drafts_status').on('wf_drafts').column('status').execute();

  await db.schema
    .createTable('wf_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('draft_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull()) // submit | approve | reject | request_changes | publish | comment
    .addColumn('text', 'text')
    .execute();
  await db.schema.createIndex('wf_comments_draft').on('wf_comments').column('draft_id').execute();

  await db.schema
    .createTable('wf_verifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('economy', 'text', (c) => c.notNull())
    .addColumn('feedback', 'text', (c) => c.notNull()) // Correct | Not correct (as ESCAP's gov_verification_feedback)
    .addColumn('feedback_full', 'text') // what is wrong, in the focal point's words
    .addColumn('requested_action', 'text') // the change asked for (gov_verification_action)
    .addColumn('action_date', 'text') // the date the mark refers to (YYYY-MM-DD)
    .addColumn('verifier', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('wf_verifications_entry').on('wf_verifications').columns(['entity', 'entity_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wf_verifications').execute();
  await db.schema.dropTable('wf_comments').execute();
  await db.schema.dropTable('wf_drafts').execute();
}
