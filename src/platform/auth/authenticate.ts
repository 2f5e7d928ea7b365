import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import { writeAudit } from '../audit.js';
import type { Authenticate, Env } from '../http/api.js';
import { ApiError } from '../http/errors.js';
import type { AppContext } from '../module.js';
import type { Principal } from './principal.js';
import { deleteSession, findSession, findUser, markTokenUsed, TOKEN_PREFIX, tokenBySecret, touchSession } from './store.js';

// How a request proves who it is (issue #13), from its headers alone, before any body is read:
//  - the session cookie `puente_session` (HTTP-only, SameSite=Lax, Secure behind TLS), checked
//    against the sessions table (idle timeout and absolute lifetime); a state-changing request
//    that uses it must also carry the double-submit CSRF token: header X-CSRF-Token equal to the
//    readable cookie `puente_csrf` set at sign-in (a cross-site page can send the cookies but
//    cannot read them to set the header);
//  - a personal API token `Authorization: Bearer pnt_...` (stored hashed; revoked ones refused;
//    last use recorded). Bearer requests are not sent by browsers on their own: no CSRF token;
//  - the legacy shared tokens (PUENTE_ADMIN_TOKEN, PUENTE_EDITOR_TOKEN): admin-scoped, with a
//    deprecation warning in the log.

export const SESSION_COOKIE = 'puente_session';
export const CSRF_COOKIE = 'puente_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** last_seen_at is written at most this often per session (idle timeout precision). */
const TOUCH_EVERY_MS = 60_000;

export interface LegacyTokens {
  admin(): string | null | undefined;
  editor(): string | null | undefined;
  /** Whether the admin token is a setting (deprecated) rather than the local CLI's var/admin-token. */
  adminIsSetting(): boolean;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieOptions(ctx: AppContext, maxAgeS?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: ctx.config.PUENTE_SECURE_COOKIES === 'true',
    ...(maxAgeS ? { maxAge: maxAgeS } : {}),
  };
}

/** Sets the session and CSRF cookies of a new session. */
export function setSessionCookies(c: Context, ctx: AppContext, secret: string, csrf: string): void {
  const maxAge = ctx.config.PUENTE_SESSION_MAX_HOURS * 3600;
  setCookie(c, SESSION_COOKIE, secret, cookieOptions(ctx, maxAge));
  // Readable by the page's script (it copies it into X-CSRF-Token): not HTTP-only.
  setCookie(c, CSRF_COOKIE, csrf, { ...cookieOptions(ctx, maxAge), httpOnly: false });
}

export function clearSessionCookies(c: Context, ctx: AppContext): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(ctx));
  deleteCookie(c, CSRF_COOKIE, { ...cookieOptions(ctx), httpOnly: false });
}

export function sessionSecretOf(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE) || undefined;
}

/** Refuses a state-changing request carrying the session cookie without the matching CSRF header. */
export function checkCsrf(c: Context): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const cookie = getCookie(c, CSRF_COOKIE) ?? '';
  const header = c.req.header('x-csrf-token') ?? '';
  if (!cookie || !header || !same(cookie, header)) {
    throw new ApiError(403, 'CSRF token missing or wrong: a request signed in by cookie must send the puente_csrf cookie\'s value in the X-CSRF-Token header');
  }
}

export function createAuthenticator(ctx: AppContext, legacy: LegacyTokens): Authenticate {
  const db = ctx.db.kysely;
  const warned = new Set<string>();
  const found = new WeakMap<Request, Promise<Principal | null>>();

  const fromLegacy = (c: Context<Env>, kind: 'admin' | 'editor'): Principal => {
    const setting = kind === 'admin' ? 'PUENTE_ADMIN_TOKEN' : 'PUENTE_EDITOR_TOKEN';
    if ((kind === 'editor' || legacy.adminIsSetting()) && !warned.has(kind)) {
      warned.add(kind);
      ctx.log.info(`warning: deprecated: a request used the shared ${setting}; it acts as an admin. Create accounts and personal API tokens instead (docs/accounts.md).`);
    }
    const actor = (c.req.header('x-puente-actor') ?? '').trim().slice(0, 200);
    return { via: 'legacy', userId: null, name: actor || `${kind} token`, roles: ['admin'], economies: [] };
  };

  async function find(c: Context<Env>): Promise<Principal | null> {
    const now = ctx.clock();
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
    if (bearer) {
      if (bearer.startsWith(TOKEN_PREFIX)) {
        const token = await tokenBySecret(db, bearer);
        if (!token || token.revoked_at) return null;
        const user = await findUser(db, token.user_id);
        if (!user || user.disabled) return null;
        const at = now.toISOString();
        await markTokenUsed(db, token.id, at);
        if (!SAFE_METHODS.has(c.req.method)) {
          await writeAudit(db, { actor: user.name, at }, { action: 'token.use', entity: 'auth_tokens', entityId: token.id, before: null, after: { prefix: token.prefix, method: c.req.method, path: c.req.path } });
        }
        return { via: 'token', userId: user.id, name: user.name, roles: user.roles, economies: user.economies };
      }
      const admin = legacy.admin();
      if (admin && same(bearer, admin)) return fromLegacy(c, 'admin');
      const editor = legacy.editor();
      if (editor && same(bearer, editor)) return fromLegacy(c, 'editor');
      return null;
    }
    const secret = sessionSecretOf(c);
    if (!secret) return null;
    const session = await findSession(db, secret);
    if (!session) return null;
    const idleMs = ctx.config.PUENTE_SESSION_IDLE_MIN * 60_000;
    const t = now.getTime();
    if (Date.parse(session.expires_at) <= t || Date.parse(session.last_seen_at) + idleMs <= t) {
      await deleteSession(db, session.id_hash);
      return null;
    }
    const user = await findUser(db, session.user_id);
    if (!user || user.disabled) return null;
    checkCsrf(c);
    if (t - Date.parse(session.last_seen_at) >= TOUCH_EVERY_MS) await touchSession(db, session.id_hash, now.toISOString());
    return { via: 'session', userId: user.id, name: user.name, roles: user.roles, economies: user.economies };
  }

  // Asked by the gate and again by handlers: one lookup per request.
  return (c) => {
    let p = found.get(c.req.raw);
    if (!p) {
      p = find(c);
      found.set(c.req.raw, p);
    }
    return p;
  };
}
