// An in-process Puente on a loopback port for the browser tests: a fresh DuckDB in a temp
// folder, loaded from ../shared/data (countries, pairs, indicators; optionally the marketplace
// registry and the synthetic demo) through the real importer,
// serving the built web app (npm test builds it first).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { importFiles, openContext } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';
import { silentLog } from '../../src/platform/log.js';
import { createApp } from '../../src/server.js';
import { ensureFirstAdmin } from '../../src/platform/auth/first-admin.js';
import { generateDemo } from '../../src/modules/marketplaces/index.js';
import type { Principal } from '../../src/platform/auth/principal.js';
import { testAuthenticator } from '../support/principals.js';

export const sharedData = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export interface TestServerOptions {
  /** Also load the marketplace registry, the Cloudflare Radar top lists and the labelled synthetic demo traffic (seed 7, 2022-2024). */
  marketplaces?: boolean;
  /** Also load the regulation data (treaties, de minimis, cyberlaw tracker; no measure records). */
  regulation?: boolean;
  /** Also load the OECD Digital STRI (regulation/oecd-digital-stri; included in `regulation`). */
  digitalStri?: boolean;
  /** The built web app to serve (default dist/web); bench/web compares builds with it. */
  webRoot?: string;
  /** Also load the MSME support measures and the directory of public bodies. */
  support?: boolean;
  /** Also load the business-process cases and Doing Business context (processes), with editing on (E2E_EDITOR_TOKEN). */
  processes?: boolean;
  /** Also load the trade facilitation scores and statuses, and the low-value export channels. */
  facilitation?: boolean;
  /** Create the first admin account (login `admin`) with this password, as `serve` does with PUENTE_FIRST_ADMIN_PASSWORD. */
  firstAdminPassword?: string;
  /** Also load the tariff schedules (Japan's), the official tariff links, the HS 2022 code list and the directory (customs agencies). */
  tariffs?: boolean;
  /**
   * Accounts for the editorial workflow's tests, until the real sign-in is merged: the cookie
   * `puente_test_principal` (or a bearer token) with one of these keys is that principal.
   */
  principals?: Record<string, Principal>;
  /** More settings, as the environment would give them (e.g. single sign-on's PUENTE_OIDC_*). */
  env?: Record<string, string>;
}

/** The editor token of a test server started with `processes`. */
export const E2E_EDITOR_TOKEN = 'e2e-editor-token-0123456789';

export async function startTestServer(options: TestServerOptions = {}): Promise<{ url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'puente-e2e-'));
  const config = loadConfig({ DATABASE_URL: `duckdb:${join(dir, 'puente.duckdb')}`, PUENTE_SYNC_ON_START: 'never', PUENTE_CODELISTS_DIR: join(sharedData, 'codelists'), ...(options.processes ? { PUENTE_EDITOR_TOKEN: E2E_EDITOR_TOKEN } : {}), ...(options.firstAdminPassword ? { PUENTE_FIRST_ADMIN_PASSWORD: options.firstAdminPassword } : {}), ...options.env });
  const ctx = await openContext({ config, log: silentLog });
  const folders = ['countries', 'pairs', 'indicators', ...(options.marketplaces ? ['marketplaces'] : []), ...(options.regulation ? ['regulation'] : []), ...(options.digitalStri && !options.regulation ? ['regulation/oecd-digital-stri'] : []), ...(options.facilitation ? ['facilitation', 'processes/low_value_export_channels.csv'] : []), ...(options.support ? ['support', 'directory'] : []), ...(options.processes ? ['processes'] : []), ...(options.tariffs ? ['tariffs', 'codelists/hs2022_full.csv', ...(options.support ? [] : ['directory'])] : [])];
  await importFiles(ctx, folders.map((d) => join(sharedData, d)));
  if (options.marketplaces) await generateDemo(ctx, { scale: 1, seed: 7, from: '2022-01', to: '2024-12' });
  const app = createApp(ctx, { webRoot: options.webRoot ?? fileURLToPath(new URL('../../dist/web', import.meta.url)), ...(options.principals ? { authenticate: testAuthenticator(options.principals) } : {}) });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as { port: number };
  if (options.firstAdminPassword) await ensureFirstAdmin(ctx, `http://127.0.0.1:${port}`);
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Where the browser tests keep their screenshots (ignored by git). */
export const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));

export interface Suite {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * What every browser test file starts with: a server (or PUENTE_E2E_URL, an already running one)
 * and a headless Chromium.
 */
export async function startSuite(options: TestServerOptions = {}): Promise<Suite> {
  mkdirSync(artifacts, { recursive: true });
  const server = process.env.PUENTE_E2E_URL
    ? { url: process.env.PUENTE_E2E_URL.replace(/\/$/, ''), close: async () => {} }
    : await startTestServer(options);
  const browser = await launchBrowser();
  return {
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
