import type { Kysely } from 'kysely';

// Accounts (issue #13): users with their roles, server-side sessions, personal API tokens and
// one-time invitation links. Secrets are never stored: sessions, tokens and invitations keep the
// SHA-256 of their random secret; passwords keep an argon2id hash (PHC string).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auth_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull().unique()) // lower case
    .addColumn('name', 'text', (c) => c.notNull()) // shown in the audit log
    .addColumn('password_hash', 'text') // null until the invitation is used (or for OIDC-only accounts)
    .addColumn('roles', 'text', (c) => c.notNull()) // comma-separated, principal.ts ROLES
    .addColumn('economies', 'text', (c) => c.notNull()) // comma-separated ISO3 codes of a focal point
    .addColumn('disabled', 'boolean', (c) => c.notNull())
    .addColumn('oidc_subject', 'text') // issuer + " " + sub of a single-sign-on account
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('auth_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull()) // absolute lifetime
    .execute();
  await db.schema.createIndex('auth_sessions_user').on('auth_sessions').column('user_id').execute();

  await db.schema
    .createTable('auth_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull()) // the first characters, shown to tell tokens apart
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('auth_invitations')
    .addColumn('secret_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['auth_invitations', 'auth_tokens', 'auth_sessions', 'auth_users']) await db.schema.dropTable(t).ifExists().execute();
}
