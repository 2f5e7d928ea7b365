// The built web app works under the server's content security policy: every page loads its
// scripts, styles and data, draws its charts, and Chromium reports no policy violation.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, startSuite, type Suite } from './server.js';

let suite: Suite;
let browser: Browser;

beforeAll(async () => {
  suite = await startSuite({ marketplaces: true, regulation: true });
  browser = suite.browser;
});
afterAll(async () => {
  await suite?.close();
});

const PAGES = [
  '/',
  '/countries',
  '/countries/PER',
  '/indicators/IT.NET.USER.ZS',
  '/readiness',
  '/marketplaces',
  '/marketplaces/correlations',
  '/regulation/PER',
  '/regulation/compare?economies=PER~CHL~MEX',
];

async function open(path: string, width: number, lang: string): Promise<{ page: Page; violations: string[] }> {
  const ctx = await browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-US' });
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height: 900 });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load (CSP ${e.violatedDirective}): ${e.blockedURI}`));
  });
  const sep = path.includes('?') ? '&' : '?';
  const res = await page.goto(`${suite.url}${path}${sep}lang=${lang}`, { waitUntil: 'networkidle' });
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  return { page, violations };
}

describe('the web app under its content security policy', () => {
  it('every page renders with no policy violation, charts drawn (English and Spanish, 375 px and 1440 px)', async () => {
    for (const path of PAGES) {
      for (const [width, lang] of [[1440, 'en'], [375, 'es']] as const) {
        const { page, violations } = await open(path, width, lang);
        await page.locator('main').first().waitFor();
        expect(violations, `${path} ${lang} ${width}`).toEqual([]);
        // The page is shown once its first answers are in (issue #20: it holds still until then).
        await expect.poll(async () => (await page.locator('main').innerText()).length, { message: path, timeout: 30_000 }).toBeGreaterThan(20);
        if (path === '/indicators/IT.NET.USER.ZS' || path === '/readiness') {
          await page.locator('main svg').first().waitFor();
          expect(await page.locator('main svg').count(), path).toBeGreaterThan(0);
        }
        if (path === '/indicators/IT.NET.USER.ZS') await page.screenshot({ path: `${artifacts}csp-indicator-${lang}-${width}.png`, fullPage: true });
        await page.context().close();
      }
    }
  });
});
