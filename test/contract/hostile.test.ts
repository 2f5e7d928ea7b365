// A hostile client against every route of the OpenAPI document and the static web app: bad
// %-escapes, huge, repeated and unknown parameters, injection-looking values, wrong methods.
// Nothing answers 5xx, and no answer shows a stack trace or a local path. Then the gates:
// the token is checked before a body is read, bodies are capped, bad tokens are throttled, and
// every answer carries the security headers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { modules } from '../../src/modules.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/index.js';
import { createLog } from '../../src/platform/log.js';
import type { AppContext } from '../../src/platform/module.js';
import { createApp, type App } from '../../src/server.js';
import { freshDatabase } from '../support/engines.js';
import { operationsOf, type Operation } from './openapi.js';

const NOW = new Date('2025-05-01T10:00:00Z');
const ADMIN = 'a'.repeat(24);
const EDITOR = 'e'.repeat(24);

let ctx: AppContext;
let app: App;
let webRoot: string;
const logged: string[] = [];

function makeApp(overrides: Record<string, string> = {}): App {
  const c = { ...ctx, config: loadConfig({ PUENTE_LOG_LEVEL: 'silent', PUENTE_EDITOR_TOKEN: EDITOR, PUENTE_AUTH_MAX_FAILURES: '100000', ...overrides }) };
  return createApp(c, { adminToken: ADMIN, webRoot });
}

beforeAll(async () => {
  const db = await freshDatabase('duckdb');
  for (const m of modules) await m.seed?.(db.kysely, { clock: () => NOW });
  ctx = { db, config: loadConfig({}), log: createLog('error', (l) => logged.push(l)), clock: () => NOW, fetch: (() => Promise.reject(new Error('offline'))) as typeof fetch };
  webRoot = mkdtempSync(join(tmpdir(), 'puente-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Puente</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1)');
  app = makeApp();
});
afterAll(async () => {
  await ctx?.db.close();
  rmSync(webRoot, { recursive: true, force: true });
});

const LOCAL = [process.cwd(), homedir(), tmpdir()].filter((p) => p.length > 1);
/** The problems of one answer: a 5xx, a stack trace, a local path. */
function leaks(status: number, body: string): string[] {
  const out: string[] = [];
  if (status >= 500) out.push(`answered ${status}`);
  if (/\n\s+at \S|node_modules|\.ts:\d+|\.js:\d+:\d+/.test(body)) out.push('shows a stack trace');
  for (const p of LOCAL) if (body.includes(p)) out.push(`shows the local path ${p}`);
  return out;
}

async function send(target: string, init: RequestInit = {}, on: App = app): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await on.fetch(new Request(`http://puente.test${target}`, init));
  return { status: res.status, body: await res.text(), headers: res.headers };
}

const INJECTIONS = [
  "' OR '1'='1",
  '1;DROP TABLE countries--',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '${jndi:ldap://x/a}',
  '{"$gt":""}',
  '%00',
  'ARG\u0000BRA',
  '\u202e\ufeff🙂',
  '-1',
  '1e309',
  'NaN',
  '9'.repeat(400),
];
const BAD_ESCAPES = ['%', '%ZZ', '%E0%A4%A', '%c0%ae%c0%ae', '%ff', '%F0%9F%98'];

function sample(op: Operation): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, n) => (n === 'iso3' ? 'PER' : n === 'code' ? 'IT.NET.USER.ZS' : 'x'));
}

describe('no request gets a 5xx, a stack trace or a local path', () => {
  it('every route of the OpenAPI document, with bad escapes, huge, repeated, unknown and injection-looking parameters, and wrong methods', async () => {
    const doc = JSON.parse((await send('/api/openapi.json')).body);
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(90);
    const failures: string[] = [];
    const check = async (label: string, target: string, init: RequestInit = {}, expect400 = false) => {
      const r = await send(target, init);
      for (const p of leaks(r.status, r.body)) failures.push(`${init.method ?? 'GET'} ${target.slice(0, 120)} [${label}]: ${p} -- ${r.body.slice(0, 160)}`);
      if (expect400 && r.status !== 400) failures.push(`${init.method ?? 'GET'} ${target.slice(0, 120)} [${label}]: ${r.status}, not 400`);
    };
    for (const op of ops) {
      const base = sample(op);
      const method = op.method;
      const post = method === 'POST' ? { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${op.path.includes('/admin/') ? ADMIN : EDITOR}` }, body: '{}' } : { method };
      // Malformed %-escapes in the path and in the query are 400s.
      for (const e of BAD_ESCAPES) {
        await check(`path escape ${e}`, `${base}/${e}`, post, true);
        await check(`query escape ${e}`, `${base}?x=${e}`, post, true);
        await check(`query name escape ${e}`, `${base}?${e}=1`, post, true);
      }
      if (op.parameters.some((p) => p.in === 'path')) {
        for (const e of BAD_ESCAPES) await check(`param escape ${e}`, op.path.replace(/\{[^}]+\}/, e), post, true);
      }
      // Huge, many and unknown parameters.
      await check('huge value', `${base}?_sort=${'a'.repeat(100_000)}`, post);
      await check('many parameters', `${base}?${Array.from({ length: 500 }, (_, i) => `p${i}=${i}`).join('&')}`, post);
      for (const p of op.parameters.filter((x) => x.in === 'query')) {
        await check(`repeated ${p.name}`, `${base}?${p.name}=a&${p.name}=b`, post, op.parameters.some((x) => x.name === '_size'));
        for (const v of INJECTIONS) await check(`${p.name} injection`, `${base}?${p.name}=${encodeURIComponent(v)}`, post);
      }
      for (const v of INJECTIONS.slice(0, 6)) {
        if (op.parameters.some((p) => p.in === 'path')) await check('path injection', op.path.replace(/\{[^}]+\}/, encodeURIComponent(v)), post);
      }
      // Wrong methods.
      for (const wrong of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'].filter((m) => m !== method)) {
        await check(`method ${wrong}`, base, { method: wrong, ...(wrong === 'GET' || wrong === 'OPTIONS' ? {} : { body: '{"x":1}', headers: { 'content-type': 'application/json' } }) });
      }
      // Bodies that are not what a write takes.
      if (method === 'POST') {
        for (const body of ['', 'null', '[]', '"x"', '{"paths":[1]}', '{'.repeat(10_000), JSON.stringify({ a: 'x'.repeat(10_000) })]) {
          await check(`body ${body.slice(0, 12)}`, base, { ...post, body });
        }
      }
    }
    if (failures.length) console.log(failures.slice(0, 100).join('\n'));
    expect(failures).toEqual([]);
    expect(logged).toEqual([]);
  }, 240_000);

  it('the static web app: malformed escapes are 400s, escapes out of the web root serve nothing outside it', async () => {
    for (const path of ['/%', '/%ZZ', '/%E0%A4%A', '/assets/%', '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd', '/countries/%ff']) {
      const r = await send(path);
      expect(r.status, path).toBe(400);
      expect(leaks(r.status, r.body), path).toEqual([]);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, status: 400 });
    }
    for (const path of ['/..%2f..%2fpackage.json', '/assets/..%2f..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/%2e%2e%2f%2e%2e%2fpackage.json']) {
      const r = await send(path);
      expect(r.status, path).toBeLessThan(500);
      expect(r.body, path).not.toMatch(/"name": "puente"|root:x:0/);
    }
    expect((await send('/assets/app.js')).body).toBe('console.log(1)');
  });
});

describe('gates: the token before the body, capped bodies, throttled bad tokens', () => {
  /** A body stream that records how much of it was read. */
  function trackedBody(size: number, chunk = 64 * 1024) {
    const seen = { bytes: 0 };
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= size) return controller.close();
        const n = Math.min(chunk, size - sent);
        sent += n;
        seen.bytes += n;
        controller.enqueue(new Uint8Array(n).fill(0x20));
      },
    });
    return { stream, seen };
  }

  it('a 50 MiB body without a token (or a wrong one) is refused with 401 before a byte of it is read', async () => {
    for (const authorization of [undefined, 'Bearer wrong']) {
      const { stream, seen } = trackedBody(50 * 1024 * 1024);
      const res = await app.fetch(
        new Request('http://puente.test/api/-/admin/import', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: stream,
          duplex: 'half',
        } as RequestInit),
      );
      expect(res.status).toBe(401);
      // A stream may be asked for its first chunk when the request is made; never more.
      expect(seen.bytes).toBeLessThanOrEqual(64 * 1024);
    }
  });

  it('with the token, a body past the cap is a 413: at once from Content-Length, or as soon as a stream passes it', async () => {
    const small = makeApp({ PUENTE_MAX_BODY_BYTES: '4096' });
    const declared = await small.fetch(
      new Request('http://puente.test/api/-/admin/import', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}`, 'content-length': String(50 * 1024 * 1024) },
        body: '{}',
      }),
    );
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ ok: false, status: 413, error: expect.stringMatching(/4096 bytes/) });

    const { stream, seen } = trackedBody(50 * 1024 * 1024, 1024);
    const streamed = await small.fetch(
      new Request('http://puente.test/api/-/admin/import', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: stream, duplex: 'half' } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(seen.bytes).toBeLessThan(16 * 1024);
  });

  it('bulk writes have their own, larger cap', async () => {
    const small = makeApp({ PUENTE_MAX_BODY_BYTES: '4096', PUENTE_MAX_BULK_BODY_BYTES: '65536' });
    const body = JSON.stringify({ measures: [], pad: 'x'.repeat(10_000) });
    const res = await small.fetch(new Request('http://puente.test/api/regulation/measures', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR}` }, body }));
    expect(res.status).toBe(400); // read (under the bulk cap) and refused for what it says, not for its size
    const big = await small.fetch(new Request('http://puente.test/api/regulation/measures', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR}` }, body: JSON.stringify({ pad: 'x'.repeat(70_000) }) }));
    expect(big.status).toBe(413);
  });

  it('repeated bad tokens from one address are throttled (429 with Retry-After), other addresses are not', async () => {
    const throttled = makeApp({ PUENTE_AUTH_MAX_FAILURES: '3', PUENTE_AUTH_WINDOW_S: '60' });
    const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
    const post = (token: string, address: string) =>
      throttled.fetch(new Request('http://puente.test/api/-/admin/sync', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"source":"nope"}' }), from(address));
    for (let i = 0; i < 3; i++) expect((await post('wrong', '203.0.113.9')).status).toBe(401);
    const blocked = await post('wrong', '203.0.113.9');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await blocked.json()).toMatchObject({ ok: false, status: 429 });
    // Even the right token waits out the window from that address...
    expect((await post(ADMIN, '203.0.113.9')).status).toBe(429);
    // ...while another address is answered as usual (400: "nope" is no source).
    expect((await post(ADMIN, '198.51.100.7')).status).toBe(400);
  });
});

describe('a query past PUENTE_QUERY_TIMEOUT_MS', () => {
  it('is a 503 with Retry-After, declared, not a 500 (a real DuckDB interrupt, and PostgreSQL\'s 57014)', async () => {
    const db = await openDatabase('duckdb::memory:', { queryTimeoutMs: 100 });
    try {
      const slow = createApp({ ...ctx, db, config: loadConfig({ PUENTE_QUERY_TIMEOUT_MS: '100' }) }, { webRoot });
      slow.api.data({
        path: '/api/slow',
        tag: 'test',
        summary: 'Runs long',
        row: z.object({ n: z.number() }),
        async handler({ ctx: c }) {
          const { rows } = await sql<{ n: number }>`select count(*) as n from range(100000000000) a`.execute(c.db.kysely);
          return { rows };
        },
      });
      slow.api.data({
        path: '/api/pg-timeout',
        tag: 'test',
        summary: 'Cancelled as PostgreSQL cancels',
        row: z.object({ n: z.number() }),
        async handler() {
          throw Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
        },
      });
      for (const path of ['/api/slow', '/api/slow.csv', '/api/pg-timeout']) {
        const res = await slow.fetch(new Request(`http://puente.test${path}`));
        expect(res.status, path).toBe(503);
        expect(Number(res.headers.get('retry-after')), path).toBeGreaterThan(0);
        expect(await res.json(), path).toMatchObject({ ok: false, status: 503, error: expect.stringMatching(/time limit/) });
      }
      const doc = JSON.parse(await (await slow.fetch(new Request('http://puente.test/api/openapi.json'))).text());
      expect(Object.keys(doc.paths['/api/slow'].get.responses)).toContain('503');
    } finally {
      await db.close();
    }
  }, 60_000);
});

describe('downloads honour the parameters they are documented with', () => {
  it('_size and _next select the same page in the JSON and its .csv; without them the .csv has every row', async () => {
    const all = JSON.parse((await send('/api/countries?_size=max')).body).rows;
    const csvLines = (q: string) => send(`/api/countries.csv${q}`).then((r) => r.body.trim().split('\r\n').slice(1));
    expect(await csvLines('')).toHaveLength(all.length);
    const page = JSON.parse((await send('/api/countries?_size=5')).body);
    expect(await csvLines('?_size=5')).toHaveLength(5);
    const second = JSON.parse((await send(`/api/countries?_size=5&_next=${page.next}`)).body).rows;
    const secondCsv = await csvLines(`?_size=5&_next=${page.next}`);
    expect(secondCsv.map((l) => l.split(',')[0])).toEqual(second.map((r: any) => r.iso3));
    for (const bad of ['?_size=0', '?_size=abc', '?_next=!!', '?_next=bm9wZQ']) {
      for (const twin of ['', '.csv', '.metadata.json', '.zip']) {
        const r = await send(`/api/countries${twin}${bad}`);
        expect(r.status, `${twin}${bad}`).toBe(400);
      }
    }
    expect(JSON.parse((await send('/api/countries.metadata.json?_size=5')).body).row_count).toBe(5);
  });
});

describe('security headers', () => {
  it('the web app: a content security policy, no framing, no sniffing, a referrer policy', async () => {
    const r = await send('/countries/PER');
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('API answers (data, downloads, errors) carry them too', async () => {
    for (const path of ['/api/countries', '/api/countries.csv', '/api/countries/ZZZ', '/api/nope', '/%']) {
      const r = await send(path);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      expect(r.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
  });

  it('embeddable pages (under /embed/) may be framed by other sites', async () => {
    const r = await send('/embed/indicators/IT.NET.USER.ZS');
    expect(r.headers.get('x-frame-options')).toBeNull();
    expect(r.headers.get('content-security-policy')).toContain('frame-ancestors *');
  });
});
