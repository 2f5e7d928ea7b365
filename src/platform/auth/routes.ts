import { z } from 'zod';
import { listAudit, writeAudit } from '../audit.js';
import type { Api, Env } from '../http/api.js';
import { ApiError } from '../http/errors.js';
import { toCsv } from '../http/render.js';
import { AuthThrottle, databaseThrottleStore } from '../http/throttle.js';
import type { Context } from 'hono';
import { clearSessionCookies, sessionSecretOf, setSessionCookies } from './authenticate.js';
import { ROLES, type Principal } from './principal.js';
import { hashPassword, MAX_PASSWORD, MIN_PASSWORD, newSecret, verifyPassword } from './secrets.js';
import { auditRowSchema, principalView, tokenSchema, userSchema } from './schema.js';
import * as store from './store.js';

export { auditRowSchema, tokenSchema, userSchema };

// The accounts API: sign-in and out, invitations, one's own personal tokens, and (admins) users,
// roles and the audit log. Every change lands in the audit log (entity auth_users / auth_tokens /
// auth_sessions), so logins, role changes and token use are browsable beside the data's writes.

/** Any signed-in account: every account holds at least one role. */
export const SIGNED_IN = ROLES.join('|');

const ECONOMY = z.string().regex(/^[A-Z]{3}$/, 'an ISO3 code such as PER');
const roleList = z.array(z.enum(ROLES)).min(1, 'give at least one role').describe('contributor, focal_point, reviewer, admin');
const economyList = z.array(ECONOMY).default([]).describe('ISO3 codes a focal point answers for (needed with focal_point)');
const password = z.string().min(MIN_PASSWORD, `at least ${MIN_PASSWORD} characters`).max(MAX_PASSWORD);

const auditQuery = z.object({
  actor: z.string().optional(),
  action: z.string().optional(),
  entity: z.string().optional(),
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'a date, YYYY-MM-DD').optional(),
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'a date, YYYY-MM-DD').optional(),
});

const userBody = z
  .object({
    login: z.string().trim().min(2).max(64).regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
    name: z.string().trim().min(1).max(200),
    roles: roleList,
    economies: economyList,
  })
  .strict();

function checkEconomies(roles: string[], economies: string[]): void {
  if (roles.includes('focal_point') && economies.length === 0) throw new ApiError(400, 'A focal point needs at least one economy (economies: ["PER"])');
}

export interface AccountsOptions {
  /** Where an invitation link points (the server's public origin); default: the request's origin. */
  origin?: () => string | undefined;
}

export function accountRoutes(api: Api, options: AccountsOptions = {}): void {
  const ctx = api.ctx;
  const db = ctx.db.kysely;
  const perAccount = new AuthThrottle(ctx.config.PUENTE_LOGIN_MAX_FAILURES, ctx.config.PUENTE_LOGIN_WINDOW_S * 1000, () => ctx.clock().getTime(), databaseThrottleStore(db), 'login');
  const now = () => ctx.clock();
  const link = (c: Context<Env>, secret: string) => `${options.origin?.() ?? new URL(c.req.url).origin}/account/invitation#${secret}`;

  const principal = async (c: Context<Env>): Promise<Principal> => {
    const p = await api.principalOf(c);
    if (!p) throw new ApiError(401, 'Sign in, or send a personal API token (Authorization: Bearer <token>)');
    return p;
  };
  const accountOf = (p: Principal): string => {
    if (!p.userId) throw new ApiError(400, 'The shared legacy token has no account: sign in, or use `puente tokens create --user LOGIN`');
    return p.userId;
  };

  api.json({
    method: 'post',
    path: '/api/-/auth/login',
    tag: 'accounts',
    summary: 'Sign in with login and password: sets the session cookie (HTTP-only) and the CSRF cookie',
    description:
      'A new session id is made at every sign-in (any session the browser held is ended: no fixation). Wrong passwords are throttled per account ' +
      '(PUENTE_LOGIN_MAX_FAILURES per PUENTE_LOGIN_WINDOW_S) and per address (PUENTE_AUTH_MAX_FAILURES): 429 with Retry-After.',
    auth: 'public',
    body: z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(MAX_PASSWORD) }).strict(),
    errors: [401, 429],
    response: z.object({ ok: z.literal(true), principal: principalView }),
    async handler(c, body) {
      const client = c.env?.client ?? 'local';
      const login = body.login.trim().toLowerCase();
      const wait = Math.max(await api.throttle.blockedFor(client), await perAccount.blockedFor(login));
      if (wait > 0) {
        c.header('Retry-After', String(Math.ceil(wait / 1000)));
        throw new ApiError(429, `Too many wrong sign-ins; retry in ${Math.ceil(wait / 1000)} s`);
      }
      const user = await store.userForLogin(db, login);
      const ok = await verifyPassword(user?.password_hash ?? null, body.password);
      const at = now().toISOString();
      if (!user || !ok || user.disabled) {
        await api.throttle.fail(client);
        await perAccount.fail(login);
        await writeAudit(db, { actor: login.slice(0, 200), at }, { action: 'login.failed', entity: 'auth_sessions', entityId: user?.id ?? '', before: null, after: { reason: !user ? 'no such account' : user.disabled ? 'disabled' : 'wrong password' } });
        throw new ApiError(401, 'Wrong login or password (or the account is disabled)');
      }
      // Session fixation: whatever session the browser brought is ended; the new id is fresh.
      const old = sessionSecretOf(c);
      if (old) {
        const s = await store.findSession(db, old);
        if (s) await store.deleteSession(db, s.id_hash);
      }
      const secret = await store.createSession(db, user.id, now(), ctx.config.PUENTE_SESSION_MAX_HOURS);
      setSessionCookies(c, ctx, secret, newSecret());
      await writeAudit(db, { actor: user.name, at }, { action: 'login', entity: 'auth_sessions', entityId: user.id, before: null, after: { via: 'password' } });
      return { principal: { via: 'session' as const, name: user.name, roles: user.roles, economies: user.economies } };
    },
  });

  api.json({
    method: 'post',
    path: '/api/-/auth/logout',
    tag: 'accounts',
    summary: 'Sign out: ends the session (needs the CSRF header like every write by cookie)',
    auth: 'public',
    errors: [403],
    response: z.object({ ok: z.literal(true) }),
    async handler(c) {
      const p = await api.principalOf(c); // checks the CSRF token of a cookie session
      const secret = sessionSecretOf(c);
      if (secret && p?.via === 'session') {
        const s = await store.findSession(db, secret);
        if (s) await store.deleteSession(db, s.id_hash);
        await writeAudit(db, { actor: p.name, at: now().toISOString() }, { action: 'logout', entity: 'auth_sessions', entityId: p.userId ?? '', before: null, after: null });
      }
      clearSessionCookies(c, ctx);
      return {};
    },
  });

  api.json({
    method: 'post',
    path: '/api/-/auth/invitation',
    tag: 'accounts',
    summary: 'Use a one-time invitation link: set the account\'s password',
    description: 'The invitation is the secret after `#` in the link an admin made. It works once, until PUENTE_INVITATION_HOURS after it was made.',
    auth: 'public',
    body: z.object({ invitation: z.string().min(16).max(200), password }).strict(),
    errors: [429],
    response: z.object({ ok: z.literal(true), login: z.string() }),
    async handler(c, body) {
      const client = c.env?.client ?? 'local';
      if ((await api.throttle.blockedFor(client)) > 0) throw new ApiError(429, 'Too many wrong invitations from this address; retry later');
      const inv = await store.findInvitation(db, body.invitation);
      const t = now();
      if (!inv || inv.used_at || Date.parse(inv.expires_at) <= t.getTime()) {
        await api.throttle.fail(client);
        throw new ApiError(404, 'This invitation link is unknown, used or expired: ask an admin for a new one');
      }
      const user = await store.findUser(db, inv.user_id);
      if (!user || user.disabled) throw new ApiError(404, 'The account of this invitation is disabled');
      const hash = await hashPassword(body.password);
      const at = t.toISOString();
      await db.transaction().execute(async (tx) => {
        if (!(await store.useInvitation(tx, inv.secret_hash, at))) throw new ApiError(404, 'This invitation link was used already');
        await store.updateUser(tx, user.id, { passwordHash: hash }, at);
        await store.deleteSessionsOf(tx, user.id);
        await writeAudit(tx, { actor: user.name, at }, { action: 'password.set', entity: 'auth_users', entityId: user.id, before: null, after: { via: 'invitation' } });
      });
      return { login: user.login };
    },
  });

  // One's own personal API tokens.

  api.json({
    method: 'get',
    path: '/api/-/account/tokens',
    tag: 'accounts',
    summary: 'My personal API tokens (never their secrets)',
    auth: SIGNED_IN,
    response: z.object({ ok: z.literal(true), rows: z.array(tokenSchema) }),
    async handler(c) {
      return { rows: await store.listTokens(db, accountOf(await principal(c))) };
    },
  });

  api.json({
    method: 'post',
    path: '/api/-/account/tokens',
    tag: 'accounts',
    summary: 'Create a personal API token: its secret is in this answer only',
    auth: SIGNED_IN,
    body: z.object({ name: z.string().trim().min(1).max(100) }).strict(),
    response: z.object({ ok: z.literal(true), token: z.string().describe('Send as Authorization: Bearer <token>; shown once'), row: tokenSchema }),
    async handler(c, body) {
      const p = await principal(c);
      const at = now().toISOString();
      const created = await store.createToken(db, accountOf(p), body.name, at);
      await writeAudit(db, { actor: p.name, at }, { action: 'token.create', entity: 'auth_tokens', entityId: created.row.id, before: null, after: { name: body.name, prefix: created.row.prefix, user_id: created.row.user_id } });
      return created;
    },
  });

  api.json({
    method: 'post',
    path: '/api/-/account/tokens/{id}/revoke',
    tag: 'accounts',
    summary: 'Revoke a personal API token (one\'s own; an admin may revoke any)',
    auth: SIGNED_IN,
    response: z.object({ ok: z.literal(true), row: tokenSchema }),
    async handler(c) {
      const p = await principal(c);
      const token = await store.findToken(db, c.req.param('id')!);
      if (!token || (token.user_id !== p.userId && !p.roles.includes('admin'))) throw new ApiError(404, `No token ${c.req.param('id')} of yours`);
      const at = now().toISOString();
      await store.revokeToken(db, token.id, at);
      await writeAudit(db, { actor: p.name, at }, { action: 'token.revoke', entity: 'auth_tokens', entityId: token.id, before: { revoked_at: token.revoked_at }, after: { revoked_at: token.revoked_at ?? at } });
      return { row: (await store.findToken(db, token.id))! };
    },
  });

  // Admins: users, roles, invitations, tokens of others, the audit log.

  api.json({
    method: 'get',
    path: '/api/-/admin/users',
    tag: 'accounts',
    summary: 'Every account with its roles',
    auth: 'admin',
    response: z.object({ ok: z.literal(true), rows: z.array(userSchema) }),
    async handler() {
      return { rows: await store.listUsers(db) };
    },
  });

  api.json({
    method: 'post',
    path: '/api/-/admin/users',
    tag: 'accounts',
    summary: 'Create an account and its one-time invitation link (to set a password)',
    auth: 'admin',
    body: userBody,
    response: z.object({ ok: z.literal(true), user: userSchema, invitation: z.string().describe('The one-time link; give it to the person (no e-mail is sent)'), expires_at: z.string() }),
    async handler(c, body) {
      const p = await principal(c);
      checkEconomies(body.roles, body.economies);
      if (await store.findUser(db, body.login)) throw new ApiError(409, `An account "${body.login.toLowerCase()}" exists already`);
      const t = now();
      const at = t.toISOString();
      const { user, secret } = await db.transaction().execute(async (tx) => {
        const user = await store.insertUser(tx, { login: body.login, name: body.name, roles: body.roles, economies: body.economies }, at);
        const secret = await store.createInvitation(tx, user.id, p.name, t, ctx.config.PUENTE_INVITATION_HOURS);
        await writeAudit(tx, { actor: p.name, at }, { action: 'user.create', entity: 'auth_users', entityId: user.id, before: null, after: { login: user.login, name: user.name, roles: user.roles, economies: user.economies } });
        return { user, secret };
      });
      return { user, invitation: link(c, secret), expires_at: new Date(t.getTime() + ctx.config.PUENTE_INVITATION_HOURS * 3600_000).toISOString() };
    },
  });

  const userById = async (c: Context<Env>) => {
    const user = await store.findUser(db, c.req.param('id')!);
    if (!user) throw new ApiError(404, `No account ${c.req.param('id')}`);
    return user;
  };

  api.json({
    method: 'post',
    path: '/api/-/admin/users/{id}/roles',
    tag: 'accounts',
    summary: 'Set an account\'s roles and economies (the id or the login)',
    auth: 'admin',
    body: z.object({ roles: roleList, economies: economyList }).strict(),
    response: z.object({ ok: z.literal(true), user: userSchema }),
    async handler(c, body) {
      const p = await principal(c);
      const user = await userById(c);
      checkEconomies(body.roles, body.economies);
      if (user.id === p.userId && !body.roles.includes('admin')) throw new ApiError(409, 'An admin cannot take the admin role from themselves (another admin can)');
      const at = now().toISOString();
      await db.transaction().execute(async (tx) => {
        await store.updateUser(tx, user.id, { roles: body.roles, economies: body.economies }, at);
        await writeAudit(tx, { actor: p.name, at }, { action: 'user.roles', entity: 'auth_users', entityId: user.id, before: { roles: user.roles, economies: user.economies }, after: { roles: body.roles, economies: body.economies } });
      });
      return { user: (await store.findUser(db, user.id))! };
    },
  });

  api.json({
    method: 'post',
    path: '/api/-/admin/users/{id}/disable',
    tag: 'accounts',
    summary: 'Disable (or enable again) an account: its sessions end and its tokens stop working',
    auth: 'admin',
    body: z.object({ disabled: z.boolean().default(true) }).strict(),
    response: z.object({ ok: z.literal(true), user: userSchema }),
    async handler(c, body) {
      const p = await principal(c);
      const user = await userById(c);
      if (user.id === p.userId && body.disabled) throw new ApiError(409, 'An admin cannot disable their own account');
      const at = now().toISOString();
      await db.transaction().execute(async (tx) => {
        await store.updateUser(tx, user.id, { disabled: body.disabled }, at);
        if (body.disabled) await store.deleteSessionsOf(tx, user.id);
        await writeAudit(tx, { actor: p.name, at }, { action: body.disabled ? 'user.disable' : 'user.enable', entity: 'auth_users', entityId: user.id, before: { disabled: user.disabled }, after: { disabled: body.disabled } });
      });
      return { user: (await store.findUser(db, user.id))! };
    },
  });

  api.json({
    method: 'post',
    path: '/api/-/admin/users/{id}/invitation',
    tag: 'accounts',
    summary: 'A new one-time invitation link for an account (e.g. a forgotten password)',
    auth: 'admin',
    response: z.object({ ok: z.literal(true), invitation: z.string(), expires_at: z.string() }),
    async handler(c) {
      const p = await principal(c);
      const user = await userById(c);
      const t = now();
      const secret = await store.createInvitation(db, user.id, p.name, t, ctx.config.PUENTE_INVITATION_HOURS);
      await writeAudit(db, { actor: p.name, at: t.toISOString() }, { action: 'user.invite', entity: 'auth_users', entityId: user.id, before: null, after: null });
      return { invitation: link(c, secret), expires_at: new Date(t.getTime() + ctx.config.PUENTE_INVITATION_HOURS * 3600_000).toISOString() };
    },
  });

  api.json({
    method: 'post',
    path: '/api/-/admin/users/{id}/tokens',
    tag: 'accounts',
    summary: 'Create a personal API token for an account (`puente tokens create`): its secret is in this answer only',
    auth: 'admin',
    body: z.object({ name: z.string().trim().min(1).max(100) }).strict(),
    response: z.object({ ok: z.literal(true), token: z.string(), row: tokenSchema }),
    async handler(c, body) {
      const p = await principal(c);
      const user = await userById(c);
      const at = now().toISOString();
      const created = await store.createToken(db, user.id, body.name, at);
      await writeAudit(db, { actor: p.name, at }, { action: 'token.create', entity: 'auth_tokens', entityId: created.row.id, before: null, after: { name: body.name, prefix: created.row.prefix, user_id: user.id } });
      return created;
    },
  });

  api.json({
    method: 'get',
    path: '/api/-/admin/tokens',
    tag: 'accounts',
    summary: 'Every personal API token (never their secrets)',
    auth: 'admin',
    response: z.object({ ok: z.literal(true), rows: z.array(tokenSchema) }),
    async handler() {
      return { rows: await store.listTokens(db) };
    },
  });

  const audit = async (c: Context<Env>) => {
    const q = auditQuery.safeParse(Object.fromEntries(new URL(c.req.url).searchParams));
    if (!q.success) throw new ApiError(400, `Bad audit filter: ${q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return listAudit(db, { ...q.data, limit: 10_000, withDraftValues: true }) as Promise<z.infer<typeof auditRowSchema>[]>;
  };
  const auditDescription = 'Filters: actor, action (e.g. login, login.failed, token.use, user.roles, update), entity (e.g. auth_users, support_programmes), since and until (YYYY-MM-DD). Newest first; at most 10 000 rows.';

  api.json({
    method: 'get',
    path: '/api/-/admin/audit',
    tag: 'accounts',
    summary: 'The audit log: every write, sign-in, role change and token use (who, when, what, before, after)',
    description: auditDescription,
    auth: 'admin',
    response: z.object({ ok: z.literal(true), rows: z.array(auditRowSchema) }),
    async handler(c) {
      return { rows: await audit(c) };
    },
  });

  api.json({
    method: 'get',
    path: '/api/-/admin/audit.csv',
    tag: 'accounts',
    summary: 'The audit log as CSV, with the same filters',
    description: auditDescription,
    auth: 'admin',
    download: { type: 'text/csv', filename: 'puente-audit.csv' },
    response: z.string(),
    async handler(c) {
      return { body: toCsv(Object.keys(auditRowSchema.shape), await audit(c)) };
    },
  });

}
