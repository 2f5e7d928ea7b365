import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../bootstrap.js';
import { createApp, type App } from '../server.js';
import { ConfigError, loadConfig, settingsSchema } from './config.js';
import { silentLog } from './log.js';
import type { AppContext } from './module.js';

const DOCS = new URL('../../docs/', import.meta.url);

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig(${JSON.stringify(env)}) did not throw`);
}

describe('loadConfig', () => {
  it('has a default for every setting but the admin token', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      PORT: 8080,
      HOST: '127.0.0.1',
      DATABASE_URL: 'duckdb:var/puente.duckdb',
      PUENTE_PAGE_SIZE: 1000,
      PUENTE_MAX_PAGE_SIZE: 10000,
      PUENTE_MAX_DOWNLOAD_ROWS: 1_000_000,
      PUENTE_QUERY_TIMEOUT_MS: 30000,
      PUENTE_CACHE_MB: 128,
      PUENTE_CACHE_WARM: 32,
      PUENTE_MAX_CONCURRENT_QUERIES: 4,
      PUENTE_QUERY_QUEUE: 64,
      PUENTE_HTTP_MAX_AGE_S: 0,
      PUENTE_DATA_VERSION_STALE_MS: 1000,
      PUENTE_READ_URLS: '',
      PUENTE_REPLICA_POLL_MS: 250,
      PUENTE_CODELISTS_DIR: '../shared/data/codelists',
      PUENTE_WORLDBANK_URL: 'https://api.worldbank.org/v2',
      PUENTE_OECD_SDMX_URL: 'https://sdmx.oecd.org/public/rest',
      PUENTE_STRI_MEDIAN_MIN_N: 18,
      PUENTE_BPA_VARIABILITY: 1,
      PUENTE_BPA_MANY_ACTORS: 3,
      PUENTE_TF_AVERAGE_MIN_ECONOMIES: 5,
      PUENTE_TF_IMPLEMENTED_MIN_STATUS: 3,
      PUENTE_TF_PEER_MIN_ECONOMIES: 3,
      PUENTE_TF_PREREQ_MIN_STATUS: 2,
      PUENTE_SYNC_ON_START: 'auto',
      PUENTE_HTTP_TIMEOUT_MS: 30000,
      PUENTE_MAX_BODY_BYTES: 1024 * 1024,
      PUENTE_MAX_BULK_BODY_BYTES: 32 * 1024 * 1024,
      PUENTE_AUTH_MAX_FAILURES: 10,
      PUENTE_AUTH_WINDOW_S: 60,
      PUENTE_SESSION_IDLE_MIN: 30,
      PUENTE_SESSION_MAX_HOURS: 12,
      PUENTE_SECURE_COOKIES: 'false',
      PUENTE_LOGIN_MAX_FAILURES: 5,
      PUENTE_LOGIN_WINDOW_S: 900,
      PUENTE_INVITATION_HOURS: 72,
      PUENTE_OIDC_SCOPES: 'openid email profile',
      PUENTE_OIDC_LINK_BY_EMAIL: 'true',
      PUENTE_SHARE_TOLERANCE: 0.01,
      PUENTE_MEDIAN_MIN_ECONOMIES: 18,
      PUENTE_REG_MIN_COVERAGE: 0.7,
      PUENTE_SHUTDOWN_GRACE_MS: 10000,
      PUENTE_SUPPORT_GAP_K: 2,
      PUENTE_LINK_CHECK_CONCURRENCY: 4,
      PUENTE_LINK_CHECK_TIMEOUT_MS: 15000,
      PUENTE_DB_WAIT_MS: 60000,
      PUENTE_IMPORT_LOCK_TIMEOUT_MS: 60000,
      PUENTE_IMPORT_WORK_MEM_MB: 256,
      PUENTE_IDLE_IN_TRANSACTION_MS: 60000,
      PUENTE_LOG_LEVEL: 'info',
    });
    expect(config.PUENTE_ADMIN_TOKEN).toBeUndefined();
  });

  it('coerces numbers from the environment', () => {
    const config = loadConfig({ PORT: '9090', PUENTE_PAGE_SIZE: '50', PUENTE_MAX_PAGE_SIZE: '500', PUENTE_QUERY_TIMEOUT_MS: '1500' });
    expect(config.PORT).toBe(9090);
    expect(config.PUENTE_PAGE_SIZE).toBe(50);
    expect(config.PUENTE_MAX_PAGE_SIZE).toBe(500);
    expect(config.PUENTE_QUERY_TIMEOUT_MS).toBe(1500);
  });

  it('takes strings and enums as given', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db:5432/puente',
      PUENTE_SYNC_ON_START: 'never',
      PUENTE_LOG_LEVEL: 'silent',
      PUENTE_ADMIN_TOKEN: 'a-token-of-enough-length',
      PUENTE_WORLDBANK_URL: 'http://127.0.0.1:9/v2',
    });
    expect(config).toMatchObject({
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db:5432/puente',
      PUENTE_SYNC_ON_START: 'never',
      PUENTE_LOG_LEVEL: 'silent',
      PUENTE_ADMIN_TOKEN: 'a-token-of-enough-length',
      PUENTE_WORLDBANK_URL: 'http://127.0.0.1:9/v2',
    });
  });

  it('treats an empty variable as unset, and ignores variables that are not settings', () => {
    const config = loadConfig({ PORT: '', PUENTE_LOG_LEVEL: '', PATH: '/usr/bin', PUENTE_NOT_A_SETTING: 'x' });
    expect(config.PORT).toBe(8080);
    expect(config.PUENTE_LOG_LEVEL).toBe('info');
    expect(config).not.toHaveProperty('PATH');
    expect(config).not.toHaveProperty('PUENTE_NOT_A_SETTING');
  });

  it('lets overrides win over the environment', () => {
    expect(loadConfig({ PORT: '9090' }, { PORT: 7070 }).PORT).toBe(7070);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '0'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['PUENTE_PAGE_SIZE', '0'],
    ['PUENTE_MAX_DOWNLOAD_ROWS', 'lots'],
    ['PUENTE_QUERY_TIMEOUT_MS', '10'],
    ['PUENTE_HTTP_TIMEOUT_MS', '-5'],
    ['PUENTE_SYNC_ON_START', 'sometimes'],
    ['PUENTE_LOG_LEVEL', 'verbose'],
    ['PUENTE_WORLDBANK_URL', 'not a url'],
    ['PUENTE_ADMIN_TOKEN', 'short'],
  ])('%s=%s is a ConfigError that names the setting', (key, value) => {
    const err = configError({ [key]: value });
    expect(err.message).toContain(key);
    // Only the bad setting is blamed.
    const others = Object.keys(settingsSchema.shape).filter((k) => k !== key && !key.startsWith(k) && !k.startsWith(key));
    for (const other of others) expect(err.message).not.toMatch(new RegExp(`\\b${other}\\b`));
  });

  it('names every bad setting at once', () => {
    const err = configError({ PORT: 'x', PUENTE_LOG_LEVEL: 'loud' });
    expect(err.message).toContain('PORT');
    expect(err.message).toContain('PUENTE_LOG_LEVEL');
  });

  it('refuses a page size larger than the largest page size', () => {
    const err = configError({ PUENTE_PAGE_SIZE: '500', PUENTE_MAX_PAGE_SIZE: '100' });
    expect(err.message).toContain('PUENTE_MAX_PAGE_SIZE');
    expect(err.message).toContain('PUENTE_PAGE_SIZE');
  });
});

describe('documentation', () => {
  // Datasette's rule: a setting or route that is not documented fails the build.
  // docs/settings.md and docs/api.md are written by hand; these tests keep them complete.
  let ctx: AppContext;
  let app: App;
  let openapi: { paths: Record<string, Record<string, unknown>> };

  beforeAll(async () => {
    ctx = await openContext({ config: loadConfig({ DATABASE_URL: 'duckdb::memory:', PUENTE_LOG_LEVEL: 'silent' }), log: silentLog });
    app = createApp(ctx);
    const res = await app.fetch(new Request('http://puente.test/api/openapi.json'));
    expect(res.status).toBe(200);
    openapi = await res.json();
  });
  afterAll(async () => {
    await ctx?.db.close();
  });

  it('docs/settings.md documents every setting as `KEY`', () => {
    const file = new URL('settings.md', DOCS);
    expect(existsSync(file), 'docs/settings.md is missing').toBe(true);
    const text = readFileSync(file, 'utf8');
    const missing = Object.keys(settingsSchema.shape).filter((key) => !text.includes(`\`${key}\``));
    expect(missing, 'settings missing from docs/settings.md').toEqual([]);
  });

  it('every setting has a description in the schema (the source of the docs)', () => {
    const undescribed = Object.entries(settingsSchema.shape)
      .filter(([, schema]) => !(schema as { description?: string }).description)
      .map(([key]) => key);
    expect(undescribed).toEqual([]);
  });

  it('the app registers the routes of both modules and the system', () => {
    const paths = app.api.routes.map((r) => r.path);
    for (const p of ['/api/countries', '/api/countries/{iso3}', '/api/indicators', '/api/indicators/{code}', '/api/readiness', '/api/-/health', '/api/-/sources']) {
      expect(paths).toContain(p);
    }
  });

  it('every route is in the OpenAPI document, with its method', () => {
    const missing = app.api.routes
      // The document does not describe itself (see the it.fails below).
      .filter((r) => r.path !== '/api/openapi.json')
      .filter((r) => !openapi.paths[r.path]?.[r.method.toLowerCase()])
      .map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('every data route has .csv, .metadata.json and .zip twins in the OpenAPI document', () => {
    const data = app.api.routes.filter((r) => r.twins);
    expect(data.length).toBeGreaterThan(0);
    const missing = data.flatMap((r) => ['.csv', '.metadata.json', '.zip'].map((s) => r.path + s)).filter((p) => !openapi.paths[p]?.get);
    expect(missing).toEqual([]);
  });

  it('the OpenAPI document describes no route the app does not serve', () => {
    const served = new Set(app.api.routes.flatMap((r) => (r.twins ? [r.path, `${r.path}.csv`, `${r.path}.metadata.json`, `${r.path}.zip`] : [r.path])));
    expect(Object.keys(openapi.paths).filter((p) => !served.has(p))).toEqual([]);
  });

  // /api/openapi.json is pushed to api.routes (src/platform/http/system.ts:98) but never
  // registered in the OpenAPI registry, so it is the one route the document does not list.
  it('lists /api/openapi.json itself', () => {
    expect(openapi.paths['/api/openapi.json']).toBeDefined();
  });

  it('docs/api.md mentions every route by its path', () => {
    const file = new URL('api.md', DOCS);
    expect(existsSync(file), 'docs/api.md is missing').toBe(true);
    const text = readFileSync(file, 'utf8');
    const missing = app.api.routes.map((r) => r.path).filter((p) => !text.includes(p));
    expect(missing, 'routes missing from docs/api.md').toEqual([]);
  });
});
