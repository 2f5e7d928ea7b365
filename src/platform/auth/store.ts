import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isRole, type Role } from './principal.js';
import { digest, newSecret } from './secrets.js';

// The SQL of accounts (tables of migration 0016), and nothing else.

export interface UserRow {
  id: string;
  login: string;
  name: string;
  roles: Role[];
  economies: string[];
  disabled: boolean;
  has_password: boolean;
  created_at: string;
  updated_at: string;
}

interface RawUser {
  id: string;
  login: string;
  name: string;
  password_hash: string | null;
  roles: string;
  economies: string;
  disabled: boolean | number;
  oidc_subject: string | null;
  created_at: string;
  updated_at: string;
}

const list = (s: string) => (s ? s.split(',').filter(Boolean) : []);

function userOf(r: RawUser): UserRow {
  return {
    id: r.id,
    login: r.login,
    name: r.name,
    roles: list(r.roles).filter(isRole),
    economies: list(r.economies),
    disabled: Boolean(r.disabled),
    has_password: r.password_hash != null,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

export async function countUsers(db: Kysely<any>): Promise<number> {
  const r = await db.selectFrom('auth_users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function listUsers(db: Kysely<any>): Promise<UserRow[]> {
  const rows = (await db.selectFrom('auth_users').selectAll().orderBy('login').execute()) as RawUser[];
  return rows.map(userOf);
}

export async function findUser(db: Kysely<any>, idOrLogin: string): Promise<UserRow | null> {
  const r = (await db
    .selectFrom('auth_users')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrLogin), eb('login', '=', idOrLogin.toLowerCase())]))
    .executeTakeFirst()) as RawUser | undefined;
  return r ? userOf(r) : null;
}

/** The user and their password hash, for signing in. */
export async function userForLogin(db: Kysely<any>, login: string): Promise<(UserRow & { password_hash: string | null }) | null> {
  const r = (await db.selectFrom('auth_users').selectAll().where('login', '=', login.toLowerCase()).executeTakeFirst()) as RawUser | undefined;
  return r ? { ...userOf(r), password_hash: r.password_hash } : null;
}

export async function userForSubject(db: Kysely<any>, subject: string): Promise<UserRow | null> {
  const r = (await db.selectFrom('auth_users').selectAll().where('oidc_subject', '=', subject).executeTakeFirst()) as RawUser | undefined;
  return r ? userOf(r) : null;
}

export interface NewUser {
  login: string;
  name: string;
  roles: Role[];
  economies: string[];
  passwordHash?: string | null;
  oidcSubject?: string | null;
}

export async function insertUser(db: Kysely<any>, u: NewUser, at: string): Promise<UserRow> {
  const row: RawUser = {
    id: `usr-${randomUUID()}`,
    login: u.login.toLowerCase(),
    name: u.name,
    password_hash: u.passwordHash ?? null,
    roles: u.roles.join(','),
    economies: u.economies.join(','),
    disabled: false,
    oidc_subject: u.oidcSubject ?? null,
    created_at: at,
    updated_at: at,
  };
  await db.insertInto('auth_users').values(row).execute();
  return userOf(row);
}

export async function updateUser(
  db: Kysely<any>,
  id: string,
  patch: { roles?: Role[]; economies?: string[]; disabled?: boolean; passwordHash?: string; name?: string },
  at: string,
): Promise<void> {
  await db
    .updateTable('auth_users')
    .set({
      updated_at: at,
      ...(patch.roles ? { roles: patch.roles.join(',') } : {}),
      ...(patch.economies ? { economies: patch.economies.join(',') } : {}),
      ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
      ...(patch.passwordHash ? { password_hash: patch.passwordHash } : {}),
      ...(patch.name ? { name: patch.name } : {}),
    })
    .where('id', '=', id)
    .execute();
}

// Sessions: the cookie holds the secret; the table its digest.

export async function createSession(db: Kysely<any>, userId: string, now: Date, maxHours: number): Promise<string> {
  const secret = newSecret();
  const at = now.toISOString();
  await db
    .insertInto('auth_sessions')
    .values({ id_hash: digest(secret), user_id: userId, created_at: at, last_seen_at: at, expires_at: new Date(now.getTime() + maxHours * 3600_000).toISOString() })
    .execute();
  return secret;
}

export interface SessionRow {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export async function findSession(db: Kysely<any>, secret: string): Promise<SessionRow | null> {
  return ((await db.selectFrom('auth_sessions').selectAll().where('id_hash', '=', digest(secret)).executeTakeFirst()) as SessionRow | undefined) ?? null;
}

export async function touchSession(db: Kysely<any>, idHash: string, at: string): Promise<void> {
  await db.updateTable('auth_sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Kysely<any>, idHash: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOf(db: Kysely<any>, userId: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('user_id', '=', userId).execute();
}

// Personal API tokens: "pnt_" + secret; the prefix (first 12 characters) is shown to tell them apart.

export const TOKEN_PREFIX = 'pnt_';

export interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export async function createToken(db: Kysely<any>, userId: string, name: string, at: string): Promise<{ token: string; row: TokenRow }> {
  const token = newSecret(TOKEN_PREFIX);
  const row: TokenRow = { id: `tok-${randomUUID()}`, user_id: userId, name, prefix: token.slice(0, 12), created_at: at, last_used_at: null, revoked_at: null };
  await db.insertInto('auth_tokens').values({ ...row, secret_hash: digest(token) }).execute();
  return { token, row };
}

const TOKEN_COLUMNS = ['id', 'user_id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'] as const;

export async function listTokens(db: Kysely<any>, userId?: string): Promise<TokenRow[]> {
  let q = db.selectFrom('auth_tokens').select([...TOKEN_COLUMNS]);
  if (userId) q = q.where('user_id', '=', userId);
  return (await q.orderBy('created_at', 'desc').orderBy('id').execute()) as TokenRow[];
}

export async function findToken(db: Kysely<any>, id: string): Promise<TokenRow | null> {
  return ((await db.selectFrom('auth_tokens').select([...TOKEN_COLUMNS]).where('id', '=', id).executeTakeFirst()) as TokenRow | undefined) ?? null;
}

export async function tokenBySecret(db: Kysely<any>, token: string): Promise<TokenRow | null> {
  return ((await db.selectFrom('auth_tokens').select([...TOKEN_COLUMNS]).where('secret_hash', '=', digest(token)).executeTakeFirst()) as TokenRow | undefined) ?? null;
}

export async function markTokenUsed(db: Kysely<any>, id: string, at: string): Promise<void> {
  await db.updateTable('auth_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function revokeToken(db: Kysely<any>, id: string, at: string): Promise<void> {
  await db.updateTable('auth_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

// One-time invitation links: set a password for an account (the first admin's, too).

export async function createInvitation(db: Kysely<any>, userId: string, by: string, now: Date, hours: number): Promise<string> {
  const secret = newSecret();
  await db
    .insertInto('auth_invitations')
    .values({ secret_hash: digest(secret), user_id: userId, created_by: by, created_at: now.toISOString(), expires_at: new Date(now.getTime() + hours * 3600_000).toISOString(), used_at: null })
    .execute();
  return secret;
}

export interface InvitationRow {
  secret_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export async function findInvitation(db: Kysely<any>, secret: string): Promise<InvitationRow | null> {
  return ((await db.selectFrom('auth_invitations').selectAll().where('secret_hash', '=', digest(secret)).executeTakeFirst()) as InvitationRow | undefined) ?? null;
}

/** Marks it used; false when another request used it first. */
export async function useInvitation(db: Kysely<any>, secretHash: string, at: string): Promise<boolean> {
  const r = await db.updateTable('auth_invitations').set({ used_at: at }).where('secret_hash', '=', secretHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// Single sign-on (migration 0020): an identity is "issuer sub"; flows under way are kept by the
// digest of their state, so any server of a deployment can finish one another started.

/** Links an OpenID identity to the account whose login is `login`, when none is linked yet; false otherwise. */
export async function linkSubject(db: Kysely<any>, login: string, subject: string, at: string): Promise<boolean> {
  const r = await db.updateTable('auth_users').set({ oidc_subject: subject, updated_at: at }).where('login', '=', login.toLowerCase()).where('oidc_subject', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface OidcFlowRow {
  state_hash: string;
  nonce: string;
  code_verifier: string;
  lang: string | null;
  created_at: string;
  expires_at: string;
}

export async function createOidcFlow(db: Kysely<any>, flow: { state: string; nonce: string; codeVerifier: string; lang: string | null }, now: Date, minutes: number): Promise<void> {
  await db.deleteFrom('auth_oidc_flows').where('expires_at', '<=', now.toISOString()).execute();
  await db
    .insertInto('auth_oidc_flows')
    .values({ state_hash: digest(flow.state), nonce: flow.nonce, code_verifier: flow.codeVerifier, lang: flow.lang, created_at: now.toISOString(), expires_at: new Date(now.getTime() + minutes * 60_000).toISOString() })
    .execute();
}

/** The flow of this state, removed so it serves once (null: unknown or used). */
export async function takeOidcFlow(db: Kysely<any>, state: string): Promise<OidcFlowRow | null> {
  const hash = digest(state);
  const row = (await db.selectFrom('auth_oidc_flows').selectAll().where('state_hash', '=', hash).executeTakeFirst()) as OidcFlowRow | undefined;
  if (!row) return null;
  const r = await db.deleteFrom('auth_oidc_flows').where('state_hash', '=', hash).executeTakeFirst();
  return Number(r.numDeletedRows) === 1 ? row : null;
}
