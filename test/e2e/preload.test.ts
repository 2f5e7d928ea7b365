// Issue #20, "start the first answers earlier": the server answers each page type with the app
// shell carrying preloads for the page's own code and the API answers it asks for first
// (web/src/lib/first-answers.ts -> dist/web/preload.json -> src/platform/http/preload.ts). Here,
// for every page type of web/src/routes.tsx (test/e2e/page-types.ts), in a real browser: the
// page's chunk is preloaded; every preloaded answer is one the page asks for, fetched once (the
// page's own request takes the preloaded response), with no "preloaded but not used" warning.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageTypes, withLangParam } from './page-types.js';
import { startSuite, type Suite } from './server.js';

let suite: Suite | undefined;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  suite = await startSuite({ marketplaces: true, regulation: true, facilitation: true, support: true, processes: true, tariffs: true });
  ({ url: baseUrl, browser } = suite);
}, 300_000);

afterAll(async () => {
  await suite?.close();
});

const hrefs = (html: string, rel: string) =>
  [...html.matchAll(new RegExp(`<link rel="${rel}"[^>]*href="([^"]+)"`, 'g'))].map((m) => m[1].replace(/&amp;/g, '&'));

describe('the app shell preloads what each page needs first', () => {
  it('an asset or an API path gets no app shell and so no preloads; a page outside the routes gets only the not-found page', async () => {
    const api = await fetch(`${baseUrl}/api/nothing-here`);
    expect(api.status).toBe(404);
    expect(await api.text()).not.toContain('modulepreload');
    const shell = await (await fetch(`${baseUrl}/no/such/page`)).text();
    expect(hrefs(shell, 'preload" as="fetch')).toEqual([]);
    expect(hrefs(shell, 'modulepreload').some((h) => /NotFoundPage/.test(h))).toBe(true);
  });

  it.each(pageTypes().map((t) => [t.name, t] as const))('%s: its code and first answers preloaded, each answer used once', async (_name, type) => {
    const url = `${baseUrl}${withLangParam(type.path, 'en')}`;
    const html = await (await fetch(url)).text();
    const answers = hrefs(html, 'preload" as="fetch');
    const modules = hrefs(html, 'modulepreload');
    // The page's own chunk is among the modules (its file is named after the page component).
    expect(modules.length, 'modulepreload links').toBeGreaterThan(0);
    for (const m of modules) expect(m).toMatch(/^\/assets\/[\w.-]+\.js$/);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (/preload/i.test(m.text())) warnings.push(m.text());
    });
    const requested: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      requested.push(`${u.pathname}${u.search}`);
    });
    await page.goto(url);
    await page.locator(`[data-testid="${type.testid}"]`).first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="loading"]').length === 0);
    // Chromium names a preload left unused a few seconds after load; give it that time.
    await page.waitForTimeout(3500);
    const used = await page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({ name: new URL(r.name).pathname + new URL(r.name).search, initiator: r.initiatorType })));
    await context.close();

    for (const a of answers) {
      // Downloaded once: the preload went to the network, the page's own fetch took its answer.
      expect(requested.filter((r) => r === a), `${a} requested`).toHaveLength(1);
      expect(used.some((u) => u.name === a), `${a} in the page's resources`).toBe(true);
    }
    for (const m of modules) expect(requested.filter((r) => r === m), `${m} requested`).toHaveLength(1);
    expect(warnings, 'preload warnings').toEqual([]);
  }, 120_000);
});
