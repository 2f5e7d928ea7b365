import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, freshDatabase } from '../../../test/support/engines.js';
import { startTestProvider, TEST_CLIENT, type TestProvider } from '../../../test/support/oidc-provider.js';
import { createApp } from '../../server.js';
import { loadConfig } from '../config.js';
import { silentLog } from '../log.js';
import type { AppContext } from '../module.js';
import { createSession, insertUser, updateUser } from './store.js';

// Single sign-on end to end: a running Puente and a running OpenID provider (oidc-provider) on
// 127.0.0.1, the authorization code flow walked by hand (redirects followed one by one, cookies
// kept, the provider's login and consent forms posted), on both engines.

const USERS = {
  ana: { email: 'ana@example.org', email_verified: true, name: 'Ana Pérez (IdP)' },
  mallory: { email: 'mallory@example.org', email_verified: true, name: 'Mallory' },
  eve: { email: 'eve@example.org', email_verified: false, name: 'Eve' },
  rosa: { email: 'rosa@example.org', email_verified: true, name: 'Rosa' },
};

/** A browser's cookie jar in miniature (names do not collide between Puente and the provider). */
class Jar {
  cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      const [k, v] = [pair.slice(0, i), pair.slice(i + 1)];
      if (/Max-Age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line) || v === '') this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
  }
}

interface Walk {
  /** Where the walk stopped: a Puente page (the end of a sign-in), or the callback when asked to stop there. */
  url: string;
  hops: string[];
}

/**
 * Follows a sign-in from `start` like a browser: redirects one at a time, the provider's login
 * form (as `login`) and consent form posted; stops at the first Puente page (or, with
 * `stopAtCallback`, at Puente's callback URL, unvisited).
 */
async function walk(jar: Jar, start: string, puente: string, login: string, stopAtCallback = false): Promise<Walk> {
  let url = start;
  let init: RequestInit = {};
  const hops: string[] = [];
  for (let i = 0; i < 30; i++) {
    if (stopAtCallback && url.startsWith(`${puente}/api/-/auth/oidc/callback`)) return { url, hops };
    hops.push(`${init.method ?? 'GET'} ${url}`);
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } });
    jar.take(res);
    if ([301, 302, 303].includes(res.status)) {
      url = new URL(res.headers.get('location')!, url).href;
      init = {};
      if (url.startsWith(puente) && !url.startsWith(`${puente}/api/`)) return { url, hops };
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action || !prompt) throw new Error(`${url} answered ${res.status}: ${html.slice(0, 300)}`);
    url = new URL(action.replaceAll('&amp;', '&'), url).href;
    const form = prompt === 'login' ? new URLSearchParams({ prompt, login, password: 'any password' }) : new URLSearchParams({ prompt });
    init = { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error(`no end after 30 hops: ${hops.join('\n')}`);
}

describe.each(engines)('single sign-on through OpenID Connect on %s', (engine) => {
  let provider: TestProvider;
  let server: ServerType;
  let ctx: AppContext;
  let puente: string;

  beforeAll(async () => {
    provider = await startTestProvider(USERS);
    const db = await freshDatabase(engine);
    ctx = {
      db,
      config: loadConfig({
        PUENTE_OIDC_ISSUER: provider.issuer,
        PUENTE_OIDC_CLIENT_ID: TEST_CLIENT.id,
        PUENTE_OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
        PUENTE_OIDC_PROVIDER_NAME: 'Test IdP',
      }),
      log: silentLog,
      clock: () => new Date(),
      fetch: globalThis.fetch,
    };
    ctx.db.versions.arm();
    const app = createApp(ctx);
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    puente = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    provider.register(`${puente}/api/-/auth/oidc/callback`);
    const at = new Date().toISOString();
    // Accounts an admin made, with the person's e-mail as login; none created by signing in.
    await insertUser(db.kysely, { login: 'ana@example.org', name: 'Ana', roles: ['focal_point'], economies: ['PER'] }, at);
    await insertUser(db.kysely, { login: 'eve@example.org', name: 'Eve', roles: ['reviewer'], economies: [] }, at);
    const rosa = await insertUser(db.kysely, { login: 'rosa@example.org', name: 'Rosa', roles: ['admin'], economies: [] }, at);
    await updateUser(db.kysely, rosa.id, { disabled: true }, at);
  }, 60_000);

  afterAll(async () => {
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await provider?.close();
    await ctx?.db.close();
  });

  const me = async (jar: Jar) => (await (await fetch(`${puente}/api/-/auth/me`, { headers: { cookie: jar.header() } })).json()).principal;
  const audit = async (action: string) =>
    (await ctx.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', action).execute()) as { actor: string; entity_id: string; after: string | null }[];

  it('tells the web app it is on, and by which name', async () => {
    expect(await (await fetch(`${puente}/api/-/auth/oidc`)).json()).toEqual({ ok: true, enabled: true, provider: 'Test IdP', start: '/api/-/auth/oidc/start' });
  });

  it('signs the linked account in with its role and economies, in a new session (the old one ends), linked by verified e-mail, audited', async () => {
    const jar = new Jar();
    // A session the browser held before (e.g. fixed by an attacker): it must not survive.
    const ana = (await ctx.db.kysely.selectFrom('auth_users').select('id').where('login', '=', 'ana@example.org').executeTakeFirstOrThrow()) as { id: string };
    const old = await createSession(ctx.db.kysely, ana.id, new Date(), 1);
    jar.cookies.set('puente_session', old);
    const before = await me(jar);
    expect(before?.name).toBe('Ana');

    const version = (await ctx.db.versions.fresh()).version;
    const first = await walk(jar, `${puente}/api/-/auth/oidc/start?lang=es`, puente, 'ana');
    // A sign-in (flow, link, session, audit) changes no published data: cached answers stay.
    expect((await ctx.db.versions.fresh()).version).toBe(version);
    expect(first.url).toBe(`${puente}/account?lang=es`);
    // The provider was asked for a code with PKCE (S256), state and nonce.
    const authorize = new URL(first.hops.find((h) => h.includes('/auth?'))!.replace(/^GET /, ''));
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${puente}/api/-/auth/oidc/callback`);

    const rotated = jar.cookies.get('puente_session');
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(old);
    expect(jar.cookies.get('puente_csrf')).toBeTruthy();
    expect(jar.cookies.has('puente_oidc')).toBe(false);
    expect(await me(jar)).toEqual({ via: 'session', name: 'Ana', roles: ['focal_point'], economies: ['PER'] });
    // The session the browser brought is gone.
    const stale = new Jar();
    stale.cookies.set('puente_session', old);
    expect(await me(stale)).toBeNull();

    const row = (await ctx.db.kysely.selectFrom('auth_users').select(['oidc_subject']).where('login', '=', 'ana@example.org').executeTakeFirstOrThrow()) as { oidc_subject: string };
    expect(row.oidc_subject).toBe(`${provider.issuer} ana`);
    expect((await audit('oidc.link')).map((r) => r.entity_id)).toEqual([ana.id]);
    const logins = (await audit('login')).filter((r) => r.entity_id === ana.id);
    expect(logins.length).toBe(1);
    expect(JSON.parse(logins[0].after!)).toEqual({ via: 'oidc', subject: `${provider.issuer} ana` });

    // Again, in another browser: matched by the linked subject (no second link).
    const again = new Jar();
    expect((await walk(again, `${puente}/api/-/auth/oidc/start`, puente, 'ana')).url).toBe(`${puente}/account`);
    expect((await me(again))?.roles).toEqual(['focal_point']);
    expect((await audit('oidc.link')).length).toBe(1);
  });

  it('refuses an identity no account is linked to, and one whose e-mail the provider has not verified; creates no account', async () => {
    const users = async () => Number(((await ctx.db.kysely.selectFrom('auth_users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()) as { n: unknown }).n);
    const count = await users();
    for (const login of ['mallory', 'eve']) {
      const jar = new Jar();
      const end = await walk(jar, `${puente}/api/-/auth/oidc/start?lang=en`, puente, login);
      expect(end.url).toBe(`${puente}/signin?oidc_error=unknown&lang=en`);
      expect(jar.cookies.has('puente_session')).toBe(false);
      expect(await me(jar)).toBeNull();
    }
    expect(await users()).toBe(count);
    const eve = (await ctx.db.kysely.selectFrom('auth_users').select(['oidc_subject']).where('login', '=', 'eve@example.org').executeTakeFirstOrThrow()) as { oidc_subject: string | null };
    expect(eve.oidc_subject).toBeNull();
    const failed = (await audit('login.failed')).map((r) => [r.actor, JSON.parse(r.after!).reason]);
    expect(failed).toEqual(
      expect.arrayContaining([
        ['mallory@example.org', 'no account linked to this identity'],
        ['eve@example.org', 'no account linked to this identity'],
      ]),
    );
  });

  it('refuses a disabled account', async () => {
    const jar = new Jar();
    expect((await walk(jar, `${puente}/api/-/auth/oidc/start`, puente, 'rosa')).url).toBe(`${puente}/signin?oidc_error=disabled`);
    expect(await me(jar)).toBeNull();
  });

  it('refuses a wrong state, a callback in another browser than the one that started, and a replayed callback', async () => {
    // A wrong state: the provider's answer with another state than the one this browser holds.
    const jar = new Jar();
    const { url } = await walk(jar, `${puente}/api/-/auth/oidc/start`, puente, 'ana', true);
    const tampered = new URL(url);
    tampered.searchParams.set('state', 'not-the-state-puente-sent');
    expect((await walk(jar, tampered.href, puente, 'ana')).url).toBe(`${puente}/signin?oidc_error=state`);
    expect(await me(jar)).toBeNull();

    // Login CSRF: an attacker's callback URL opened in a victim's browser (no flow cookie there).
    const attacker = new Jar();
    const planted = (await walk(attacker, `${puente}/api/-/auth/oidc/start`, puente, 'ana', true)).url;
    const victim = new Jar();
    expect((await walk(victim, planted, puente, 'ana')).url).toBe(`${puente}/signin?oidc_error=state`);
    expect(await me(victim)).toBeNull();

    // The genuine browser finishes it once; the same answer again is refused.
    expect((await walk(attacker, planted, puente, 'ana')).url).toBe(`${puente}/account`);
    const replay = new Jar();
    replay.cookies.set('puente_oidc', new URL(planted).searchParams.get('state')!);
    expect((await walk(replay, planted, puente, 'ana')).url).toBe(`${puente}/signin?oidc_error=state`);
    expect(await me(replay)).toBeNull();
  });
});
