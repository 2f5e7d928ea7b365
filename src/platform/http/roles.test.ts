import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freshDatabase } from '../../../test/support/engines.js';
import { actorOf, mayPropose, mayVerify, principalOf, type Principal } from '../auth/principal.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/index.js';
import { silentLog } from '../log.js';
import { Api, type Env } from './api.js';
import { ApiError, errorBody } from './errors.js';

// The seam between the Api and accounts: a route names the role it needs; the authenticator finds
// the caller from the headers before the body is read; handlers read the principal.

const people: Record<string, Principal> = {
  'focal-per': { via: 'token', userId: 'u1', name: 'Ana (PER)', roles: ['focal_point'], economies: ['PER'] },
  reviewer: { via: 'token', userId: 'u2', name: 'Rosa', roles: ['reviewer'], economies: [] },
  admin: { via: 'session', userId: 'u3', name: 'Admin', roles: ['admin'], economies: [] },
};

let db: Database;
let app: Hono<Env>;
let bodiesRead = 0;

beforeAll(async () => {
  db = await freshDatabase('duckdb');
  app = new Hono<Env>();
  app.onError((err, c) => {
    const status = err instanceof ApiError ? err.status : 500;
    return c.json(errorBody(status, err.message), status as 400);
  });
  const ctx = { db, config: loadConfig({ PUENTE_AUTH_MAX_FAILURES: '3' }), log: silentLog, clock: () => new Date('2026-12-07T00:00:00Z'), fetch };
  const api = new Api(app, ctx, {
    authenticate: async (c) => people[(c.req.header('authorization') ?? '').replace(/^Bearer\s+/i, '')] ?? null,
  });
  const body = z.object({ economy: z.string() });
  api.json({
    method: 'post', path: '/api/test/publish', tag: 't', summary: 'needs reviewer', auth: 'reviewer', body, response: z.object({}),
    handler: async (c, b) => {
      bodiesRead++;
      return { by: actorOf(c), may: mayPropose(principalOf(c), b.economy), verify: mayVerify(principalOf(c), b.economy) };
    },
  });
  api.json({
    method: 'post', path: '/api/test/draft', tag: 't', summary: 'needs focal point', auth: 'focal_point', body, response: z.object({}),
    handler: async (c, b) => ({ by: actorOf(c), may: mayPropose(principalOf(c), b.economy), verify: mayVerify(principalOf(c), b.economy) }),
  });
  api.json({ method: 'post', path: '/api/test/propose', tag: 't', summary: 'any of two roles', auth: 'contributor|focal_point', body, response: z.object({}), handler: async (c) => ({ by: actorOf(c) }) });
  api.json({ method: 'post', path: '/api/test/compute', tag: 't', summary: 'public', auth: 'public', body, response: z.object({}), handler: async (c, b) => ({ echo: b.economy, by: principalOf(c) ?? null }) });
});
afterAll(() => db?.close());

const post = (path: string, who: string | null, body: unknown = { economy: 'PER' }, client = 'a') =>
  app.fetch(new Request(`http://x${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(who ? { authorization: `Bearer ${who}` } : {}) }, body: JSON.stringify(body) }), { client });

describe('routes that need a role', () => {
  it('401 without a principal and 403 without the role, before the body is read', async () => {
    bodiesRead = 0;
    const none = await post('/api/test/publish', null);
    expect(none.status).toBe(401);
    const focal = await post('/api/test/publish', 'focal-per');
    expect(focal.status).toBe(403);
    expect((await focal.json()).error).toMatch(/reviewer role.*Ana \(PER\)/);
    expect(bodiesRead).toBe(0);
    const ok = await post('/api/test/publish', 'reviewer');
    expect(await ok.json()).toEqual({ ok: true, by: 'Rosa', may: true, verify: false });
  });

  it('a focal point proposes and verifies only their economies; an admin holds every role', async () => {
    expect(await (await post('/api/test/draft', 'focal-per', { economy: 'PER' })).json()).toMatchObject({ may: true, verify: true });
    expect(await (await post('/api/test/draft', 'focal-per', { economy: 'CHL' })).json()).toMatchObject({ may: false, verify: false });
    expect(await (await post('/api/test/draft', 'admin', { economy: 'CHL' })).json()).toMatchObject({ by: 'Admin', may: true, verify: true });
  });

  it('a route may accept any of several roles', async () => {
    expect((await post('/api/test/propose', 'focal-per')).status).toBe(200);
    expect((await post('/api/test/propose', 'admin')).status).toBe(200);
    const refused = await post('/api/test/propose', 'reviewer');
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatch(/contributor or focal point role/);
  });

  it('unknown credentials are throttled per address', async () => {
    for (let i = 0; i < 3; i++) expect((await post('/api/test/publish', 'nobody', undefined, 'b')).status).toBe(401);
    const blocked = await post('/api/test/publish', 'reviewer', undefined, 'b');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
  });

  it('a public POST answers anyone, with no principal', async () => {
    expect(await (await post('/api/test/compute', null)).json()).toEqual({ ok: true, echo: 'PER', by: null });
  });
});
