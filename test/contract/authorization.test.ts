// The authorization matrix (issue #13): every route of the route table that names an auth, for
// every role (anonymous, contributor, focal point for PER, reviewer, admin), answers 401 / 403 /
// passes the gate as the route declares. Generated from `api.routes`, so a new route cannot escape
// it. The gate is checked from the headers before the body: a body-less request that passes it
// is refused by what comes after (400, 404, 422), never by 401 / 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modules } from '../../src/modules.js';
import { createSession, createToken, insertUser } from '../../src/platform/auth/store.js';
import { hasRole, isRole, type Principal, type Role } from '../../src/platform/auth/principal.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLog } from '../../src/platform/log.js';
import type { AppContext } from '../../src/platform/module.js';
import { createApp, type App } from '../../src/server.js';
import { freshDatabase } from '../support/engines.js';

const NOW = new Date('2026-12-07T12:00:00Z');
const ADMIN = 'a'.repeat(24);
const EDITOR = 'e'.repeat(24);

interface Caller {
  label: string;
  principal: Principal | null;
  token?: string;
  session?: string;
}

const PEOPLE: { label: string; roles: Role[]; economies: string[] }[] = [
  { label: 'contributor', roles: ['contributor'], economies: [] },
  { label: 'focal point PER', roles: ['focal_point'], economies: ['PER'] },
  { label: 'reviewer', roles: ['reviewer'], economies: [] },
  { label: 'admin', roles: ['admin'], economies: [] },
];

let app: App;
let ctx: AppContext;
const logged: string[] = [];
const callers: Caller[] = [{ label: 'anonymous', principal: null }];

beforeAll(async () => {
  const db = await freshDatabase('duckdb');
  for (const m of modules) await m.seed?.(db.kysely, { clock: () => NOW });
  ctx = {
    db,
    config: loadConfig({ PUENTE_LOG_LEVEL: 'silent', PUENTE_EDITOR_TOKEN: EDITOR, PUENTE_AUTH_MAX_FAILURES: '100000' }),
    log: createLog('error', (l) => logged.push(l)),
    clock: () => NOW,
    fetch: (() => Promise.reject(new Error('no network in tests'))) as typeof fetch,
  };
  for (const p of PEOPLE) {
    const user = await insertUser(db.kysely, { login: p.label.replace(/ /g, '-'), name: p.label, roles: p.roles, economies: p.economies }, NOW.toISOString());
    const { token } = await createToken(db.kysely, user.id, 'matrix', NOW.toISOString());
    const session = await createSession(db.kysely, user.id, NOW, 12);
    callers.push({ label: p.label, principal: { via: 'token', userId: user.id, name: p.label, roles: p.roles, economies: p.economies }, token, session });
  }
  app = createApp(ctx, { adminToken: ADMIN });
}, 120_000);
afterAll(async () => {
  await ctx?.db.close();
});

/** Who the route lets through: the roles its auth names, or those of its legacy gate. */
function allowed(auth: string, p: Principal | null): boolean {
  if (!p) return false;
  const gate = app.api.gates[auth];
  const roles = gate ? (gate.roles ?? []) : (auth.split('|') as Role[]);
  return roles.some((r) => hasRole(p, r));
}

const pathOf = (path: string) => path.replace(/\{[^}]+\}/g, 'no-such-thing');

describe('the authorization matrix', () => {
  it('covers every gated route, each naming a gate or roles', () => {
    const gated = app.api.routes.filter((r) => r.auth && r.auth !== 'public');
    expect(gated.length).toBeGreaterThan(10);
    for (const r of gated) expect(!!app.api.gates[r.auth!] || r.auth!.split('|').every(isRole), `${r.method} ${r.path}: ${r.auth}`).toBe(true);
    // Every write declares its auth.
    for (const r of app.api.routes.filter((x) => x.method !== 'GET')) expect(r.auth, `${r.method} ${r.path}`).toBeTruthy();
  });

  it('every gated route x every role: 401 / 403 / passes the gate, before any body is read', { timeout: 300_000 }, async () => {
    const failures: string[] = [];
    const gated = app.api.routes.filter((r) => r.auth && r.auth !== 'public');
    for (const route of gated) {
      for (const caller of callers) {
        const headers: Record<string, string> = caller.token ? { authorization: `Bearer ${caller.token}` } : {};
        // No body: a request that passes the gate is refused after it, by the body's parser or a lookup.
        const res = await app.fetch(new Request(`http://puente.test${pathOf(route.path)}`, { method: route.method, headers }));
        const body = await res.text();
        const expected = !caller.principal ? '401' : allowed(route.auth!, caller.principal) ? 'passes' : '403';
        const got = res.status === 401 || res.status === 403 ? String(res.status) : res.status === 429 ? '429' : 'passes';
        if (got !== expected) failures.push(`${route.method} ${route.path} (${route.auth}) as ${caller.label}: ${res.status}, expected ${expected} -- ${body.slice(0, 160)}`);
        if (res.status >= 500 && res.status !== 502) failures.push(`${route.method} ${route.path} as ${caller.label}: ${res.status} -- ${body.slice(0, 160)}`);
        if (got === '403' && !/role/.test(body)) failures.push(`${route.method} ${route.path} as ${caller.label}: the 403 does not name the role -- ${body.slice(0, 160)}`);
      }
    }
    if (failures.length) console.log(failures.join('\n'));
    expect(failures).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('every gated write by session cookie is refused without the CSRF header (403), before the gate lets it through', async () => {
    const failures: string[] = [];
    const admin = callers.find((c) => c.label === 'admin')!;
    const writes = app.api.routes.filter((r) => r.method !== 'GET' && r.auth && r.auth !== 'public');
    expect(writes.length).toBeGreaterThan(5);
    for (const route of writes) {
      const res = await app.fetch(new Request(`http://puente.test${pathOf(route.path)}`, { method: route.method, headers: { cookie: `puente_session=${admin.session}; puente_csrf=abc` } }));
      const body = await res.text();
      if (res.status !== 403 || !/CSRF/.test(body)) failures.push(`${route.method} ${route.path}: ${res.status} -- ${body.slice(0, 160)}`);
      const ok = await app.fetch(new Request(`http://puente.test${pathOf(route.path)}`, { method: route.method, headers: { cookie: `puente_session=${admin.session}; puente_csrf=abc`, 'x-csrf-token': 'abc' } }));
      if ([401, 403, 429].includes(ok.status)) failures.push(`${route.method} ${route.path} with the CSRF header: ${ok.status} -- ${(await ok.text()).slice(0, 160)}`);
    }
    if (failures.length) console.log(failures.join('\n'));
    expect(failures).toEqual([]);
  });

  it('the legacy shared tokens still open what they opened, as admins', async () => {
    for (const token of [ADMIN, EDITOR]) {
      const me = await (await app.fetch(new Request('http://puente.test/api/-/auth/me', { headers: { authorization: `Bearer ${token}` } }))).json();
      expect(me.principal).toMatchObject({ via: 'legacy', roles: ['admin'] });
      const res = await app.fetch(new Request('http://puente.test/api/-/admin/users', { headers: { authorization: `Bearer ${token}` } }));
      expect(res.status).toBe(200);
    }
  });
});
