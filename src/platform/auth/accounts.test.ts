import { afterAll, describe, expect, it } from 'vitest';
import { engines, freshDatabase } from '../../../test/support/engines.js';
import { createApp, type App } from '../../server.js';
import { loadConfig } from '../config.js';
import type { Engine } from '../db/index.js';
import { createLog } from '../log.js';
import type { AppContext } from '../module.js';
import { ensureFirstAdmin } from './first-admin.js';

// Accounts end to end through the API, on both engines: invitation, sign-in, session cookies
// (fixation, CSRF, idle and absolute timeouts), throttling, personal tokens and their revocation,
// roles, the legacy shared token, and the audit log of all of it.

const ADMIN_TOKEN = 'legacy-admin-token-0123456789';
const PASSWORD = 'correct horse battery staple';

interface Setup {
  app: App;
  ctx: AppContext;
  logged: string[];
  advance(ms: number): void;
}

const opened: AppContext[] = [];
afterAll(async () => {
  for (const ctx of opened) await ctx.db.close();
});

async function setup(engine: Engine, env: Record<string, string> = {}): Promise<Setup> {
  const db = await freshDatabase(engine);
  let now = new Date('2026-12-07T12:00:00Z').getTime();
  const logged: string[] = [];
  const ctx: AppContext = {
    db,
    config: loadConfig({ PUENTE_LOGIN_MAX_FAILURES: '3', PUENTE_AUTH_MAX_FAILURES: '6', PUENTE_ADMIN_TOKEN: ADMIN_TOKEN, ...env }),
    log: createLog('info', (l) => logged.push(l)),
    clock: () => new Date(now),
    fetch: (() => Promise.reject(new Error('no network in tests'))) as typeof fetch,
  };
  ctx.db.versions.arm();
  opened.push(ctx);
  return { app: createApp(ctx, { adminToken: ADMIN_TOKEN }), ctx, logged, advance: (ms) => (now += ms) };
}

/** A browser in miniature: keeps cookies, sends the CSRF header when asked. */
class Browser {
  cookies = new Map<string, string>();
  constructor(
    readonly app: App,
    readonly client = '10.0.0.1',
  ) {}
  async send(path: string, init: { method?: string; body?: unknown; csrf?: boolean | string; bearer?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.csrf) headers['x-csrf-token'] = init.csrf === true ? (this.cookies.get('puente_csrf') ?? '') : init.csrf;
    if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
    const res = await this.app.fetch(
      new Request(`http://puente.test${path}`, { method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'), headers, body: init.body !== undefined ? JSON.stringify(init.body) : undefined }),
      { incoming: { socket: { remoteAddress: this.client } } },
    );
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [k, v] = pair.split('=');
      if (/Max-Age=0/i.test(line) || v === '') this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    return res;
  }
  async json(path: string, init: Parameters<Browser['send']>[1] = {}) {
    const res = await this.send(path, init);
    return { status: res.status, body: (await res.json()) as Record<string, any>, res };
  }
  login(login: string, password = PASSWORD) {
    return this.json('/api/-/auth/login', { body: { login, password } });
  }
}

const admin = (s: Setup) => new Browser(s.app, '127.0.0.9');

/** The first admin via the printed link, signed in. */
async function firstAdmin(s: Setup): Promise<Browser> {
  const message = await ensureFirstAdmin(s.ctx, 'http://puente.test');
  const secret = /#(\S+)/.exec(message ?? '')?.[1];
  expect(secret).toBeTruthy();
  const b = admin(s);
  expect((await b.json('/api/-/auth/invitation', { body: { invitation: secret, password: PASSWORD } })).body).toEqual({ ok: true, login: 'admin' });
  expect((await b.login('admin')).status).toBe(200);
  return b;
}

async function invite(s: Setup, by: Browser, login: string, roles: string[], economies: string[] = []): Promise<Browser> {
  const made = await by.json('/api/-/admin/users', { body: { login, name: login.toUpperCase(), roles, economies }, csrf: true });
  expect(made.status).toBe(200);
  const secret = new URL(made.body.invitation).hash.slice(1);
  const b = new Browser(s.app, `10.1.0.${Math.floor(Math.random() * 200)}`);
  expect((await b.json('/api/-/auth/invitation', { body: { invitation: secret, password: PASSWORD } })).status).toBe(200);
  // The link works once.
  expect((await b.json('/api/-/auth/invitation', { body: { invitation: secret, password: PASSWORD } })).status).toBe(404);
  expect((await b.login(login)).status).toBe(200);
  return b;
}

describe.each(engines)('accounts on %s', (engine) => {
  it('the first start gives a one-time link; the admin sets a password, signs in and holds an HTTP-only, same-site session', async () => {
    const s = await setup(engine);
    const message = await ensureFirstAdmin(s.ctx, 'http://puente.test');
    expect(message).toMatch(/one-time link.*\n\s+http:\/\/puente\.test\/account\/invitation#\S{40,}/);
    // Only once: with an account, nothing is printed.
    expect(await ensureFirstAdmin(s.ctx, 'http://puente.test')).toBeNull();
    const secret = /#(\S+)/.exec(message!)![1];
    const b = admin(s);
    expect((await b.json('/api/-/auth/invitation', { body: { invitation: secret, password: 'short' } })).status).toBe(400);
    expect((await b.json('/api/-/auth/invitation', { body: { invitation: secret, password: PASSWORD } })).status).toBe(200);
    const res = await b.send('/api/-/auth/login', { body: { login: 'ADMIN', password: PASSWORD } });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('puente_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);
    expect(cookies.find((c) => c.startsWith('puente_csrf='))).not.toMatch(/HttpOnly/);
    expect((await b.json('/api/-/auth/me')).body.principal).toEqual({ via: 'session', name: 'Administrator', roles: ['admin'], economies: [] });
    // The stored password is an argon2id hash; the session id is stored only as its digest.
    const row = await s.ctx.db.kysely.selectFrom('auth_users').select(['password_hash']).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const sessions = await s.ctx.db.kysely.selectFrom('auth_sessions').select(['id_hash']).execute();
    expect(sessions.map((r) => r.id_hash)).not.toContain(b.cookies.get('puente_session'));
  });

  it('cookies are Secure when PUENTE_SECURE_COOKIES is true; PUENTE_FIRST_ADMIN_PASSWORD makes the first admin', async () => {
    const s = await setup(engine, { PUENTE_SECURE_COOKIES: 'true', PUENTE_FIRST_ADMIN_PASSWORD: PASSWORD });
    expect(await ensureFirstAdmin(s.ctx, 'http://x')).toMatch(/PUENTE_FIRST_ADMIN_PASSWORD/);
    const res = await admin(s).send('/api/-/auth/login', { body: { login: 'admin', password: PASSWORD } });
    expect(res.status).toBe(200);
    for (const c of res.headers.getSetCookie()) expect(c).toMatch(/; Secure/);
  });

  it('session fixation: signing in makes a new session id and ends the one the browser brought', async () => {
    const s = await setup(engine);
    const a = await firstAdmin(s);
    const before = a.cookies.get('puente_session')!;
    expect((await a.json('/api/-/auth/me')).body.principal?.name).toBe('Administrator');
    // An attacker-chosen id is never adopted either.
    a.cookies.set('puente_session', before);
    await a.login('admin');
    const after = a.cookies.get('puente_session')!;
    expect(after).not.toBe(before);
    const stale = new Browser(s.app);
    stale.cookies.set('puente_session', before);
    expect((await stale.json('/api/-/auth/me')).body.principal).toBeNull();
    const planted = new Browser(s.app);
    planted.cookies.set('puente_session', 'attacker-chosen-id');
    await planted.login('admin');
    expect(planted.cookies.get('puente_session')).not.toBe('attacker-chosen-id');
  });

  it('CSRF: a write by session cookie needs X-CSRF-Token equal to the puente_csrf cookie; bearer tokens need none', async () => {
    const s = await setup(engine);
    const a = await firstAdmin(s);
    const none = await a.json('/api/-/account/tokens', { body: { name: 'x' } });
    expect(none.status).toBe(403);
    expect(none.body.error).toMatch(/CSRF/);
    expect((await a.json('/api/-/account/tokens', { body: { name: 'x' }, csrf: 'forged' })).status).toBe(403);
    // A page on another site can make the browser send the cookies, but not read them.
    const forged = new Browser(s.app);
    forged.cookies.set('puente_session', a.cookies.get('puente_session')!);
    expect((await forged.json('/api/-/admin/users', { body: { login: 'evil', name: 'Evil', roles: ['admin'] } })).status).toBe(403);
    const made = await a.json('/api/-/account/tokens', { body: { name: 'script' }, csrf: true });
    expect(made.status).toBe(200);
    const bare = new Browser(s.app);
    expect((await bare.json('/api/-/account/tokens', { body: { name: 'from a script' }, bearer: made.body.token })).status).toBe(200);
    // Reads by cookie need no CSRF token; signing out does.
    expect((await a.json('/api/-/account/tokens')).status).toBe(200);
    expect((await a.json('/api/-/auth/logout', { body: {} })).status).toBe(403);
    expect((await a.json('/api/-/auth/logout', { body: {}, csrf: true })).status).toBe(200);
    expect((await a.json('/api/-/auth/me')).body.principal).toBeNull();
  });

  it('sessions end after the idle timeout and after the absolute lifetime', async () => {
    const s = await setup(engine);
    const a = await firstAdmin(s);
    const idle = s.ctx.config.PUENTE_SESSION_IDLE_MIN * 60_000;
    // Used every (idle - 1 min): alive until the absolute lifetime.
    let elapsed = 0;
    while (elapsed + idle < s.ctx.config.PUENTE_SESSION_MAX_HOURS * 3600_000 - idle) {
      s.advance(idle - 60_000);
      elapsed += idle - 60_000;
      expect((await a.json('/api/-/auth/me')).body.principal?.name).toBe('Administrator');
    }
    s.advance(s.ctx.config.PUENTE_SESSION_MAX_HOURS * 3600_000 - elapsed);
    expect((await a.json('/api/-/auth/me')).body.principal).toBeNull();
    await a.login('admin');
    s.advance(idle + 1000);
    expect((await a.json('/api/-/auth/me')).body.principal).toBeNull();
  });

  it('throttles wrong passwords per account (from any address) and per address (over accounts)', async () => {
    const s = await setup(engine);
    await firstAdmin(s);
    for (let i = 0; i < 3; i++) expect((await new Browser(s.app, `10.9.0.${i}`).login('admin', 'wrong password!')).status).toBe(401);
    const blocked = await new Browser(s.app, '10.9.1.1').login('admin');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.res.headers.get('retry-after'))).toBeGreaterThan(0);
    // After the window, the right password works again.
    s.advance(s.ctx.config.PUENTE_LOGIN_WINDOW_S * 1000 + 1);
    const one = new Browser(s.app, '10.9.2.2');
    for (let i = 0; i < 6; i++) expect((await one.login(`nobody-${i}`, 'guess')).status).toBe(401);
    expect((await one.login('admin')).status).toBe(429);
    expect((await new Browser(s.app, '10.9.3.3').login('admin')).status).toBe(200);
    const audit = await admin(s).json(`/api/-/admin/audit?action=login.failed`, { bearer: ADMIN_TOKEN });
    expect(audit.body.rows.length).toBe(9);
  });

  it('personal tokens: shown once, stored hashed, last use recorded, refused once revoked or the account disabled', async () => {
    const s = await setup(engine);
    const a = await firstAdmin(s);
    const rosa = await invite(s, a, 'rosa', ['reviewer']);
    const made = await rosa.json('/api/-/account/tokens', { body: { name: 'laptop' }, csrf: true });
    const token: string = made.body.token;
    expect(token).toMatch(/^pnt_/);
    expect(made.body.row.prefix).toBe(token.slice(0, 12));
    const list = await rosa.json('/api/-/account/tokens');
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body.rows[0].last_used_at).toBeNull();
    const stored = await s.ctx.db.kysely.selectFrom('auth_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const script = new Browser(s.app);
    expect((await script.json('/api/-/auth/me', { bearer: token })).body.principal).toEqual({ via: 'token', name: 'ROSA', roles: ['reviewer'], economies: [] });
    expect((await script.json('/api/-/account/tokens', { body: { name: 'made by a script' }, bearer: token })).status).toBe(200);
    s.advance(5000);
    expect((await rosa.json('/api/-/account/tokens')).body.rows.find((r: { id: string }) => r.id === made.body.row.id).last_used_at).toBe(new Date(s.ctx.clock().getTime() - 5000).toISOString());
    expect((await rosa.json('/api/-/account/tokens')).body.rows).toHaveLength(2);
    // Another account cannot revoke it; its owner can.
    const other = await invite(s, a, 'ana', ['focal_point'], ['PER']);
    expect((await other.json(`/api/-/account/tokens/${made.body.row.id}/revoke`, { body: {}, csrf: true })).status).toBe(404);
    const revoked = await rosa.json(`/api/-/account/tokens/${made.body.row.id}/revoke`, { body: {}, csrf: true });
    expect(revoked.body.row.revoked_at).toBeTruthy();
    expect((await script.json('/api/-/auth/me', { bearer: token })).body.principal).toBeNull();
    expect((await script.json('/api/-/account/tokens', { body: { name: 'again' }, bearer: token })).status).toBe(401);

    // Disabling an account ends its sessions and its tokens.
    const second = (await rosa.json('/api/-/account/tokens', { body: { name: 'two' }, csrf: true })).body.token;
    const rosaId = (await a.json('/api/-/admin/users')).body.rows.find((u: { login: string }) => u.login === 'rosa').id;
    expect((await a.json(`/api/-/admin/users/${rosaId}/disable`, { body: { disabled: true }, csrf: true })).body.user.disabled).toBe(true);
    expect((await script.json('/api/-/auth/me', { bearer: second })).body.principal).toBeNull();
    expect((await rosa.json('/api/-/auth/me')).body.principal).toBeNull();
    expect((await rosa.login('rosa')).status).toBe(401);

    const audit = (await a.json('/api/-/admin/audit?entity=auth_tokens')).body.rows.map((r: { action: string }) => r.action);
    expect(audit).toEqual(expect.arrayContaining(['token.create', 'token.revoke', 'token.use']));
  });

  it('roles: admins manage accounts and roles (audited); others are refused with 403, anonymous with 401', async () => {
    const s = await setup(engine);
    const a = await firstAdmin(s);
    const ana = await invite(s, a, 'ana', ['focal_point'], ['PER']);
    expect((await ana.json('/api/-/auth/me')).body.principal).toEqual({ via: 'session', name: 'ANA', roles: ['focal_point'], economies: ['PER'] });
    expect((await ana.json('/api/-/admin/users')).status).toBe(403);
    expect((await new Browser(s.app).json('/api/-/admin/users')).status).toBe(401);
    expect((await a.json('/api/-/admin/users', { body: { login: 'x', name: 'X', roles: ['focal_point'] }, csrf: true })).status).toBe(400);
    expect((await a.json('/api/-/admin/users', { body: { login: 'ana', name: 'Ana', roles: ['reviewer'] }, csrf: true })).status).toBe(409);
    const id = (await a.json('/api/-/admin/users')).body.rows.find((u: { login: string }) => u.login === 'ana').id;
    const changed = await a.json(`/api/-/admin/users/ana/roles`, { body: { roles: ['focal_point', 'reviewer'], economies: ['PER', 'CHL'] }, csrf: true });
    expect(changed.body.user).toMatchObject({ id, roles: ['focal_point', 'reviewer'], economies: ['PER', 'CHL'] });
    expect((await ana.json('/api/-/auth/me')).body.principal.roles).toEqual(['focal_point', 'reviewer']);
    const log = (await a.json('/api/-/admin/audit?action=user.roles')).body.rows;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor: 'Administrator', entity: 'auth_users', entity_id: id });
    expect(JSON.parse(log[0].before)).toEqual({ roles: ['focal_point'], economies: ['PER'] });
    // The admin cannot lock themselves out.
    expect((await a.json(`/api/-/admin/users/admin/roles`, { body: { roles: ['reviewer'] }, csrf: true })).status).toBe(409);
  });

  it('the shared admin token still works, as an admin, with a deprecation warning in the log (once)', async () => {
    const s = await setup(engine);
    const legacy = new Browser(s.app);
    const me = await legacy.json('/api/-/auth/me', { bearer: ADMIN_TOKEN });
    expect(me.body.principal).toMatchObject({ via: 'legacy', roles: ['admin'] });
    expect((await legacy.json('/api/-/admin/users', { body: { login: 'li', name: 'Li', roles: ['contributor'] }, bearer: ADMIN_TOKEN })).status).toBe(200);
    expect(s.logged.filter((l) => /deprecated.*PUENTE_ADMIN_TOKEN/.test(l))).toHaveLength(1);
    // Its account routes have no account to act on.
    expect((await legacy.json('/api/-/account/tokens', { body: { name: 'x' }, bearer: ADMIN_TOKEN })).status).toBe(400);
  });

  it('the audit log filters and downloads as CSV; sign-ins do not change the data version', async () => {
    const s = await setup(engine);
    const versionBefore = (await s.ctx.db.versions.fresh()).version;
    const a = await firstAdmin(s);
    await a.login('admin');
    expect((await s.ctx.db.versions.fresh()).version).toBe(versionBefore);
    const logins = (await a.json('/api/-/admin/audit?action=login&since=2026-12-07&until=2026-12-07')).body.rows;
    expect(logins).toHaveLength(2);
    expect((await a.json('/api/-/admin/audit?action=login&since=2026-12-08')).body.rows).toHaveLength(0);
    expect((await a.json('/api/-/admin/audit?since=yesterday')).status).toBe(400);
    const csv = await a.send('/api/-/admin/audit.csv?action=login');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="puente-audit.csv"/);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe('id,at,actor,action,entity,entity_id,before,after');
    expect(lines).toHaveLength(3);
    expect((await new Browser(s.app).send('/api/-/admin/audit.csv')).status).toBe(401);
  });
});
