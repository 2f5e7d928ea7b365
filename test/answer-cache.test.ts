// Answers computed once per data version (issue #9): the data version, the answer cache, ETag /
// 304, coalescing, the bounded queue and compression, through the whole app in process, on both
// engines. Nothing here is timed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { modules } from '../src/modules.js';
import { loadConfig } from '../src/platform/config.js';
import { migrateToLatest, openDatabase, type Engine } from '../src/platform/db/index.js';
import { migrations } from '../migrations/index.js';
import { createLog } from '../src/platform/log.js';
import type { AppContext } from '../src/platform/module.js';
import { createApp, type App } from '../src/server.js';
import { engines, freshDatabase } from './support/engines.js';

const FILE = fileURLToPath(new URL('../../shared/data/indicators/internet_users_fealac.csv', import.meta.url));
const NOW = new Date('2025-05-01T10:00:00Z');
const TOKEN = 'c'.repeat(24);
const dir = mkdtempSync(join(tmpdir(), 'puente-cache-'));

// The shared file's Argentine rows, and the same rows with the latest value changed.
const lines = readFileSync(FILE, 'utf8').trim().split('\n');
const header = lines[0];
const arg = lines.slice(1).filter((l) => l.startsWith('ARG,'));
const code = arg[0].split(',')[1];
const last = arg.at(-1)!.split(',');
const year = Number(last[3]);
const before = Number(last[4]);
const after = before === 1 ? 2 : 1;
const FIRST = join(dir, 'first.csv');
const SECOND = join(dir, 'second.csv');
writeFileSync(FIRST, [header, ...arg].join('\n') + '\n');
writeFileSync(SECOND, [header, ...arg.slice(0, -1), [...last.slice(0, 4), String(after), ...last.slice(5)].join(',')].join('\n') + '\n');
const VIEW = `/api/indicators/${code}?country=ARG&latest=true`;

const opened: AppContext[] = [];
afterAll(async () => {
  for (const ctx of opened) await ctx.db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(engine: Engine, settings: Record<string, string> = {}): Promise<{ app: App; ctx: AppContext }> {
  const db = await freshDatabase(engine);
  for (const m of modules) await m.seed?.(db.kysely, { clock: () => NOW });
  const ctx: AppContext = {
    db,
    // The warm-up after a change computes answers in the background: off unless a test is about it
    // (the others count computations and bytes exactly).
    config: loadConfig({ PUENTE_LOG_LEVEL: 'silent', PUENTE_CACHE_WARM: '0', ...settings }),
    log: createLog('error', () => {}),
    clock: () => NOW,
    fetch: (() => Promise.reject(new Error('no network in tests'))) as typeof fetch,
  };
  opened.push(ctx);
  return { app: createApp(ctx, { adminToken: TOKEN }), ctx };
}

function get(app: App, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return app.fetch(new Request(`http://puente.test${path}`, { headers }));
}

async function importFile(app: App, file: string): Promise<void> {
  const res = await app.fetch(
    new Request('http://puente.test/api/-/admin/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ paths: [file] }),
    }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('etag')).toBeNull();
}

async function dataVersion(app: App): Promise<number> {
  const res = await get(app, '/api/-/health');
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await res.json()).data_version;
}

async function latestValue(app: App): Promise<number | null> {
  const res = await get(app, VIEW);
  expect(res.status).toBe(200);
  const body = await res.json();
  return body.rows.find((r: { iso3: string }) => r.iso3 === 'ARG')?.value ?? null;
}

describe.each(engines)('answers per data version on %s', (engine) => {
  it('an import through the admin API changes the data version, and the next answer (cached before) reflects it', async () => {
    const { app } = await start(engine);
    const v0 = await dataVersion(app);
    // Cached before any data: the economy is listed with its value missing (not zero).
    expect(await latestValue(app)).toBeNull();

    await importFile(app, FIRST);
    const v1 = await dataVersion(app);
    expect(v1).toBeGreaterThan(v0);
    expect(await latestValue(app)).toBe(before);

    await importFile(app, SECOND);
    const v2 = await dataVersion(app);
    expect(v2).toBeGreaterThan(v1);
    expect(await latestValue(app)).toBe(after);
  });

  it('serves a cached answer within a version, never one of an older version', async () => {
    const { app } = await start(engine);
    await importFile(app, FIRST);
    const cache = (app.api as { cache: { computed: number } }).cache;
    const first = await get(app, `${VIEW}`);
    const n = cache.computed;
    // The same request with its parameters in another order is the same answer: not computed again.
    const again = await get(app, `/api/indicators/${code}?latest=true&country=ARG`);
    expect(cache.computed).toBe(n);
    expect(await again.text()).toBe(await first.text());
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('x-puente-data-version')).toBe(first.headers.get('x-puente-data-version'));

    await importFile(app, SECOND);
    const fresh = await get(app, VIEW);
    expect(cache.computed).toBe(n + 1);
    expect(fresh.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(Number(fresh.headers.get('x-puente-data-version'))).toBeGreaterThan(Number(first.headers.get('x-puente-data-version')));
    expect((await fresh.json()).rows.find((r: { iso3: string }) => r.iso3 === 'ARG').value).toBe(after);
  });

  it('If-None-Match: 304 with the current version, 200 after an import', async () => {
    const { app } = await start(engine);
    await importFile(app, FIRST);
    for (const twin of ['', '.csv', '.metadata.json', '.zip']) {
      const path = `/api/indicators/${code}${twin}?country=ARG&latest=true`;
      const res = await get(app, path);
      expect(res.status).toBe(200);
      const etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^W\/".+"$/);
      expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+, must-revalidate$/);
      expect(res.headers.get('vary')).toMatch(/Accept-Encoding/i);
      const same = await get(app, path, { 'if-none-match': etag });
      expect(same.status, path).toBe(304);
      expect(await same.text()).toBe('');
      expect(same.headers.get('etag')).toBe(etag);
    }
    const csv = await get(app, `/api/indicators/${code}.csv?country=ARG&latest=true`);
    const etag = csv.headers.get('etag')!;
    // Each twin has its own ETag.
    expect(etag).not.toBe((await get(app, VIEW)).headers.get('etag'));
    await importFile(app, SECOND);
    const changed = await get(app, `/api/indicators/${code}.csv?country=ARG&latest=true`, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await changed.text()).toContain(`,${after}`);
  });

  it('after an import, the answers most asked for are computed again before anyone asks (PUENTE_CACHE_WARM)', async () => {
    const CSV = `/api/indicators/${code}.csv?country=ARG`;
    const { app } = await start(engine, { PUENTE_CACHE_WARM: '2' });
    const cache = app.api.cache;
    await importFile(app, FIRST);
    await cache.idle();
    for (let i = 0; i < 3; i++) await get(app, VIEW);
    await get(app, CSV);
    await get(app, CSV);
    // Asked once: below the two most asked, not warmed.
    await get(app, `/api/indicators/${code}?country=PER`);
    await importFile(app, SECOND);
    // The warm-up starts shortly after the change (a burst of commits is one change).
    for (let i = 0; i < 400 && cache.warmed === 0; i++) await new Promise((r) => setTimeout(r, 5));
    await cache.idle();
    expect(cache.warmed).toBeGreaterThanOrEqual(2);
    const n = cache.computed;
    expect(await latestValue(app)).toBe(after);
    expect((await (await get(app, CSV)).text())).toContain(`,${after}`);
    expect(cache.computed).toBe(n);
    await get(app, `/api/indicators/${code}?country=PER`);
    expect(cache.computed).toBe(n + 1);

    // Off: nothing is computed before it is asked.
    const off = await start(engine, { PUENTE_CACHE_WARM: '0' });
    await importFile(off.app, FIRST);
    await get(off.app, VIEW);
    await importFile(off.app, SECOND);
    await off.app.api.cache.idle();
    expect(off.app.api.cache.warmed).toBe(0);
    const m = off.app.api.cache.computed;
    expect(await latestValue(off.app)).toBe(after);
    expect(off.app.api.cache.computed).toBe(m + 1);
  });

  it('identical concurrent requests are computed once and all get the same answer', async () => {
    const { app } = await start(engine);
    await importFile(app, FIRST);
    const cache = (app.api as { cache: { computed: number } }).cache;
    const n = cache.computed;
    const path = `/api/indicators/${code}.csv?country=ARG`;
    const answers = await Promise.all(Array.from({ length: 12 }, () => get(app, path)));
    expect(cache.computed).toBe(n + 1);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0].split('\n').length).toBeGreaterThan(arg.length);
    // Errors are shared by the waiting requests too, and not kept.
    const bad = await Promise.all(Array.from({ length: 3 }, () => get(app, `/api/indicators/${code}?country=XXX`)));
    expect(bad.map((r) => r.status)).toEqual([400, 400, 400]);
    expect(bad[0].headers.get('etag')).toBeNull();
  });

  it('negotiates gzip and brotli, compressed bytes decoding to the same CSV', async () => {
    const { app } = await start(engine);
    await importFile(app, FILE);
    const path = `/api/indicators/${code}.csv`;
    const plain = await get(app, path);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(1024);

    const cache = (app.api as { cache: { stats(): { bytes: number } } }).cache;
    const plainBytes = cache.stats().bytes;
    const gz = await get(app, path, { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const gzBytes = Buffer.from(await gz.arrayBuffer());
    expect(gzBytes.length).toBeLessThan(Buffer.byteLength(text));
    expect(gunzipSync(gzBytes).toString('utf8')).toBe(text);
    // The gzip form is kept beside the answer, and counted in the memory budget.
    expect(cache.stats().bytes).toBe(plainBytes + gzBytes.length);

    const br = await get(app, path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString('utf8')).toBe(text);

    // q=0 refuses an encoding.
    const noBr = await get(app, path, { 'accept-encoding': 'br;q=0, gzip;q=0.5' });
    expect(noBr.headers.get('content-encoding')).toBe('gzip');
    // The ETag names the answer, whatever its encoding (a weak validator).
    expect(gz.headers.get('etag')).toBe(plain.headers.get('etag'));
  });

  it('never caches authenticated or write routes', async () => {
    const { app } = await start(engine);
    const cache = (app.api as { cache: { computed: number; stats(): { entries: number } } }).cache;
    const n = cache.computed;
    for (let i = 0; i < 2; i++) {
      const jobs = await get(app, '/api/-/admin/jobs', { authorization: `Bearer ${TOKEN}` });
      expect(jobs.status).toBe(200);
      expect(jobs.headers.get('etag')).toBeNull();
      expect(jobs.headers.get('cache-control')).toBe('no-store');
    }
    // An unauthenticated try is refused, not answered from anything kept.
    expect((await get(app, '/api/-/admin/jobs')).status).toBe(401);
    await importFile(app, FIRST);
    expect(cache.computed).toBe(n);
    expect(cache.stats().entries).toBe(0);
  });

  it('a full queue answers 503 with Retry-After instead of piling up', async () => {
    const { app } = await start(engine, { PUENTE_MAX_CONCURRENT_QUERIES: '1', PUENTE_QUERY_QUEUE: '0' });
    await importFile(app, FIRST);
    // Different requests (no coalescing): one computes, the others find no room.
    const answers = await Promise.all(['ARG', 'BRA', 'CHL', 'MEX'].map((c) => get(app, `/api/indicators/${code}?country=${c}`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses[0]).toBe(200);
    expect(statuses.filter((s) => s === 503).length).toBe(3);
    for (const r of answers.slice(1)) {
      expect(r.headers.get('retry-after')).toBe('1');
      expect((await r.json()).error).toMatch(/busy/);
    }
    // Once the queue drained, the same request is answered.
    expect((await get(app, `/api/indicators/${code}?country=BRA`)).status).toBe(200);
  });
});

describe('several servers over one PostgreSQL', () => {
  it('a server sees the data version another server\'s import committed, and answers from the new data', async () => {
    const a = await start('postgres');
    // A second server: its own connections and cache over the same database, trusting a version
    // it read for 0 ms (PUENTE_DATA_VERSION_STALE_MS=0).
    const db = await openDatabase(a.ctx.db.location, { dataVersionStaleMs: 0 });
    await migrateToLatest(db, migrations);
    const ctx: AppContext = { ...a.ctx, db, config: loadConfig({ PUENTE_LOG_LEVEL: 'silent', PUENTE_DATA_VERSION_STALE_MS: '0' }) };
    opened.push(ctx);
    const b = createApp(ctx, { adminToken: TOKEN });

    expect(await latestValue(b)).toBeNull();
    await importFile(a.app, FIRST);
    expect(await dataVersion(b)).toBe(await dataVersion(a.app));
    expect(await latestValue(b)).toBe(before);
    const etag = (await get(b, VIEW)).headers.get('etag')!;
    expect((await get(b, VIEW, { 'if-none-match': etag })).status).toBe(304);

    await importFile(a.app, SECOND);
    expect((await get(b, VIEW, { 'if-none-match': etag })).status).toBe(200);
    expect(await latestValue(b)).toBe(after);
  });
});
