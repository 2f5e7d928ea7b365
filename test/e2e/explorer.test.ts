// Browser tests of the explorer pages: Debian's Chromium (headless) driving the real web app over
// an in-process server loaded from ../shared/data. Screenshots go to test/artifacts/.
// PUENTE_E2E_URL=http://127.0.0.1:8080 runs the same tests against an already running server.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../support/csv.js';
import { artifacts, startSuite, type Suite } from './server.js';

const internetCsv = fileURLToPath(new URL('../../../shared/data/indicators/internet_users_fealac.csv', import.meta.url));
const INDICATOR = 'IT.NET.USER.ZS';

let browser: Browser;
let baseUrl: string;


function sharedValues(): Map<string, number> {
  const rows = csvRecords(readFileSync(internetCsv, 'utf8'));
  const m = new Map<string, number>();
  for (const r of rows) if (r.indicator_code === INDICATOR) m.set(`${r.iso3}|${Number(r.year)}`, Number(r.value));
  return m;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
}

/** A page in a fresh browser context (no remembered language), or in `context` when given. */
async function newPage(width = 1280, height = 900, context?: BrowserContext): Promise<Page> {
  const ctx = context ?? (await browser.newContext({ acceptDownloads: true, locale: 'en-US' }));
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return page;
}

async function downloadCsv(page: Page): Promise<Record<string, string>[]> {
  const menu = page.locator('[data-testid="download-menu"]').first();
  await menu.locator('[data-testid="download-menu-button"]').click();
  const link = menu.locator('[data-testid="download-csv"]');
  await expect(link.isVisible()).resolves.toBe(true);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await download.path();
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  await page.keyboard.press('Escape');
  return csvRecords(readFileSync(path, 'utf8'));
}

let suite: Suite | undefined;

beforeAll(async () => {
  suite = await startSuite();
  ({ url: baseUrl, browser } = suite);
});

afterAll(async () => {
  await suite?.close();
});

describe('indicator explorer', () => {
  it('home -> Spanish -> internet users map with 36 economies -> CSV equals the shared file', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/`);
    await page.locator('[data-testid="page-home"]').waitFor();
    await page.locator('[data-testid="status-values"]').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await shot(page, '01-home-en');

    // Switch to Spanish: visible Spanish text, <html lang="es">, ?lang=es in the URL.
    await page.locator('[data-testid="language-switch"]').selectOption('es');
    await page.waitForFunction(() => document.documentElement.lang === 'es');
    await page.getByRole('heading', { name: 'Para quién es' }).waitFor();
    expect(await page.locator('[data-testid="nav-indicators"]').textContent()).toBe('Indicadores');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('es');
    await shot(page, '02-home-es');

    // The choice is remembered: a link without ?lang= opens in Spanish in the same browser.
    const other = await newPage(1280, 900, page.context());
    await other.goto(`${baseUrl}/countries`);
    await other.waitForFunction(() => document.documentElement.lang === 'es');
    await other.getByRole('heading', { name: 'Economías miembros del FOCALAE' }).waitFor();
    await other.close();

    // Catalogue -> internet users; the language stays in the URL.
    await page.locator('[data-testid="nav-indicators"]').click();
    await page.locator(`[data-testid="indicator-link-${INDICATOR}"]`).click();
    await page.locator('[data-testid="page-explorer"]').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/indicators/${INDICATOR}`);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('es');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');

    // Map tab: one path per economy, 36 distinct members.
    await expect(page.locator('[data-testid="tab-map"]').getAttribute('aria-selected')).resolves.toBe('true');
    await page.locator('[data-testid="indicator-map"] path[data-iso3]').first().waitFor();
    const members = await page.evaluate(async () => {
      const r = await fetch('/api/countries');
      return ((await r.json()).rows as { iso3: string }[]).map((c) => c.iso3);
    });
    expect(members).toHaveLength(36);
    const drawn = await page.$$eval('[data-testid="indicator-map"] path[data-iso3]', (els) => els.map((e) => e.getAttribute('data-iso3')!));
    expect(new Set(drawn.filter((c) => members.includes(c))).size).toBe(36);
    // The legend has a "no data" entry (in Spanish) that is not a colour of the scale.
    expect(await page.locator('[data-testid="indicator-map-legend"] [data-legend="nodata"]').textContent()).toContain('sin datos');
    await page.mouse.move(0, 0);
    await shot(page, '03-explorer-map-es');

    // Download the map's CSV: every (iso3, year, value) equals the shared file's row.
    const shared = sharedValues();
    const latest = await downloadCsv(page);
    expect(latest.length).toBe(36);
    for (const r of latest) {
      if (r.value === '') {
        expect(r.year).toBe('');
        continue;
      }
      const key = `${r.iso3}|${Number(r.year)}`;
      expect(shared.has(key), key).toBe(true);
      expect(Number(r.value), key).toBe(shared.get(key));
    }
    expect(latest.filter((r) => r.value !== '').length).toBe(new Set([...shared.keys()].map((k) => k.split('|')[0])).size);

    // Table tab: the CSV of all values is exactly the shared file.
    await page.locator('[data-testid="tab-table"]').click();
    await page.locator('[data-testid="indicator-table"] tbody tr').first().waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('table');
    await shot(page, '04-explorer-table-es');
    const all = await downloadCsv(page);
    expect(all.length).toBe(shared.size);
    for (const r of all) {
      const key = `${r.iso3}|${Number(r.year)}`;
      expect(shared.has(key), key).toBe(true);
      expect(Number(r.value), key).toBe(shared.get(key));
    }

    // Selecting an economy on the map adds it to the comparison (in the URL).
    await page.locator('[data-testid="tab-map"]').click();
    await page.locator('[data-testid="indicator-map"] path[data-iso3="BRA"]').click();
    await page.waitForURL(/country=BRA/);
    await expect.poll(() => page.locator('[data-testid="country-picker-chip-BRA"]').count(), { timeout: 10_000 }).toBe(1);

    // Chart tab with two countries: a line per country.
    await page.goto(`${baseUrl}/indicators/${INDICATOR}?view=chart&country=ARG~KOR&lang=es`);
    await page.locator('[data-testid="indicator-chart-figure"] svg').waitFor();
    await expect.poll(() => page.locator('[data-testid="indicator-chart-figure"] g[data-series]').count(), { timeout: 10_000 }).toBe(2);
    await shot(page, '05-explorer-chart-es');
    await page.close();
  });

  it('is usable on a 375 px phone', async () => {
    const page = await newPage(375, 800);
    await page.goto(`${baseUrl}/indicators/${INDICATOR}?lang=es`);
    await page.locator('[data-testid="indicator-map"] path[data-iso3]').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, '06-explorer-map-375');
    await page.goto(`${baseUrl}/`);
    await page.locator('[data-testid="status-values"]').waitFor();
    await shot(page, '07-home-375');
    // The other pages fit the width too (wide tables scroll inside their own box).
    for (const [path, ready, name] of [
      ['/countries?group=mercosur', '[data-testid="countries-map"] path[data-iso3]', '07b-countries-375'],
      ['/countries/CHL?peer=ARG~PER&indicator=IT.NET.USER.ZS~FINDEX.account_t_d', '[data-testid="profile-chart-IT.NET.USER.ZS-figure"] svg', '07c-profile-375'],
      ['/readiness?peer=CHL~MEX', '[data-testid="readiness-chart"] rect[data-iso3]', '07d-readiness-375'],
    ]) {
      await page.goto(`${baseUrl}${path}`);
      await page.locator(ready).first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), path).toBeLessThanOrEqual(0);
      await shot(page, name);
    }
    await page.close();
  });
});

describe('languages', () => {
  it('renders Portuguese, Chinese, Japanese and Korean', async () => {
    const page = await newPage(1024, 800);
    for (const lang of ['pt', 'zh', 'ja', 'ko']) {
      const messages = JSON.parse(readFileSync(fileURLToPath(new URL(`../../web/src/i18n/${lang}.json`, import.meta.url)), 'utf8'));
      await page.goto(`${baseUrl}/countries/KOR?lang=${lang}&indicator=IT.NET.USER.ZS~FINDEX.fin26b&peer=MEX`);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      await page.locator('[data-testid="profile-chart-IT.NET.USER.ZS-figure"] svg').waitFor();
      expect(await page.locator('[data-testid="nav-readiness"]').textContent()).toBe(messages.nav.readiness);
      expect(await page.locator('[data-testid="profile-indicator-IT.NET.USER.ZS"] h2').textContent()).toBe(messages.indicatorNames['IT.NET.USER.ZS']);
      await shot(page, `14-profile-${lang}`);
    }
    await page.close();
  });
});

describe('readiness index', () => {
  it('changing a weight changes the URL and the ranking', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/readiness`);
    const bars = page.locator('[data-testid="readiness-chart"] rect[data-iso3]');
    await bars.first().waitFor();
    const order = () => page.$$eval('[data-testid="readiness-chart"] rect[data-iso3]', (els) => els.map((e) => e.getAttribute('data-iso3')));
    const before = await order();
    expect(before.length).toBeGreaterThan(20);
    await shot(page, '08-readiness');

    await page.locator('[data-testid="weight-input-LP.LPI.OVRL.XQ"]').fill('5');
    await page.waitForURL(/weights=[^&]*LP\.LPI\.OVRL\.XQ:5/);
    await page.waitForFunction(
      (prev) => {
        const now = [...document.querySelectorAll('[data-testid="readiness-chart"] rect[data-iso3]')].map((e) => e.getAttribute('data-iso3'));
        return now.length > 0 && now.join() !== prev;
      },
      before.join(),
    );
    const after = await order();
    expect(after).not.toEqual(before);
    await shot(page, '09-readiness-weighted');

    // The URL is the state: reopening it gives the same ranking.
    const again = await newPage();
    await again.goto(page.url());
    await again.locator('[data-testid="readiness-chart"] rect[data-iso3]').first().waitFor();
    expect(await again.$$eval('[data-testid="readiness-chart"] rect[data-iso3]', (els) => els.map((e) => e.getAttribute('data-iso3')))).toEqual(after);
    expect(await again.locator('[data-testid="weight-input-LP.LPI.OVRL.XQ"]').inputValue()).toBe('5');

    // Table view lists the unscored economies at the end, with a reason.
    await again.locator('[data-testid="tab-table"]').click();
    const rows = again.locator('[data-testid="readiness-table"] tbody tr');
    await rows.first().waitFor();
    const last = rows.last();
    expect(await last.locator('[data-testid="missing-value"]').count()).toBeGreaterThan(0);
    await shot(again, '10-readiness-table');
    await again.close();
    await page.close();
  });
});

describe('country profile', () => {
  it('draws the country against the FEALAC median and peers, with a table view', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/countries/PER?peer=CHL~MEX&indicator=${INDICATOR}`);
    const figure = page.locator(`[data-testid="profile-chart-${INDICATOR}-figure"] svg`);
    await figure.first().waitFor();
    for (const s of ['PER', 'FEALAC_MEDIAN', 'CHL', 'MEX']) {
      expect(await page.locator(`[data-testid="profile-chart-${INDICATOR}-figure"] g[data-series="${s}"]`).count(), s).toBe(1);
    }
    expect(await page.locator('[data-testid="profile-title"]').textContent()).toBe('Peru');
    expect(await page.locator(`[data-testid="profile-indicator-${INDICATOR}"] [data-testid="source-line"]`).textContent()).toContain('CC-BY-4.0');
    await shot(page, '11-profile-chart');

    await page.locator(`[data-testid="profile-indicator-${INDICATOR}"] [data-testid="tab-table"]`).click();
    await page.waitForURL(/view=table/);
    const table = page.locator(`[data-testid="profile-table-${INDICATOR}"] tbody tr`);
    await table.first().waitFor();
    expect(await table.count()).toBeGreaterThan(5);
    const headers = await page.$$eval(`[data-testid="profile-table-${INDICATOR}"] thead th`, (els) => els.map((e) => e.textContent?.trim()));
    expect(headers.join('|')).toContain('Chile');
    await shot(page, '12-profile-table');

    // The countries page: 36 members on the map; a missing year joined is "—", never 0.
    await page.goto(`${baseUrl}/countries`);
    await page.locator('[data-testid="countries-map"] path[data-iso3]').first().waitFor();
    expect(new Set(await page.$$eval('[data-testid="countries-map"] path[data-iso3]', (els) => els.map((e) => e.getAttribute('data-iso3')))).size).toBe(36);
    const mng = page.locator('[data-testid="countries-table"] tr[data-row-id="MNG"]');
    expect(await mng.locator('[data-testid="missing-value"]').getAttribute('title')).toBe('not confirmed');
    await shot(page, '13-countries');
    await page.close();
  });
});
