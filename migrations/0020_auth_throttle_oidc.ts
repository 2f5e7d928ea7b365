import type { Kysely } from 'kysely';

// Accounts shared by every server of a deployment (issue #13): the sign-in throttle's counters
// (so several servers behind one proxy count the same wrong passwords and tokens), and the
// single sign-on flows under way (state, nonce and PKCE verifier between the redirect to the
// provider and its answer, whichever server receives it).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auth_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey()) // scope + ":" + address or login
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_ends', 'bigint', (c) => c.notNull()) // epoch milliseconds
    .execute();

  await db.schema
    .createTable('auth_oidc_flows')
    .addColumn('state_hash', 'text', (c) => c.primaryKey()) // SHA-256 of the state sent to the provider
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull()) // PKCE
    .addColumn('lang', 'text') // the interface language to land in
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['auth_oidc_flows', 'auth_throttle']) await db.schema.dropTable(t).ifExists().execute();
}
