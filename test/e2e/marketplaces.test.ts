// Browser tests of the Marketplace Explorer: Debian's Chromium (headless) over an in-process
// server loaded with the shared registry and the labelled synthetic demo traffic.
// PUENTE_E2E_URL=http://127.0.0.1:8080 runs the same tests against an already running server.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../support/csv.js';
import { artifacts, startSuite, type Suite } from './server.js';


let browser: Browser;
let baseUrl: string;



async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
}

async function newPage(width = 1280, height = 900): Promise<Page> {
  const ctx = await browser.newContext({ acceptDownloads: true, locale: 'en-US' });
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return page;
}

/** Downloads the CSV of the download menu inside `scope`. */
async function downloadCsv(page: Page, scope: string): Promise<Record<string, string>[]> {
  const menu = page.locator(`${scope} [data-testid="download-menu"]`).first();
  await menu.locator('[data-testid="download-menu-button"]').click();
  const link = menu.locator('[data-testid="download-csv"]');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const text = readFileSync((await download.path())!, 'utf8');
  await page.keyboard.press('Escape');
  return csvRecords(text);
}

const drawnSeries = (page: Page, testid: string) =>
  page.$$eval(`[data-testid="${testid}-figure"] g[data-series]`, (els) => els.map((e) => e.getAttribute('data-series')!).sort());

let suite: Suite | undefined;

beforeAll(async () => {
  suite = await startSuite({ marketplaces: true });
  ({ url: baseUrl, browser } = suite);
});

afterAll(async () => {
  await suite?.close();
});

describe('marketplace explorer', () => {
  it('Latin America + services changes the chart; a marketplace\'s CSV matches its table', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/`);
    await page.locator('[data-testid="nav-marketplaces"]').click();
    await page.locator('[data-testid="page-marketplaces"]').waitFor();
    await page.locator('[data-testid="traffic-chart-figure"] g[data-series]').first().waitFor();
    // Synthetic demo data says so.
    await page.locator('[data-testid="synthetic-banner"]').waitFor();
    const before = await drawnSeries(page, 'traffic-chart');
    expect(before.length).toBeGreaterThan(1);
    await page.mouse.move(0, 0);
    await shot(page, '20-marketplaces-chart');

    // Filter: Latin America, services. The URL holds the state; the chart redraws.
    await page.locator('[data-testid="filter-region"]').selectOption('latin-america');
    await page.waitForURL(/region=latin-america/);
    await page.locator('[data-testid="filter-goods"]').selectOption('services');
    await page.waitForURL(/goods=services/);
    await page.waitForFunction(
      (prev) => {
        const now = [...document.querySelectorAll('[data-testid="traffic-chart-figure"] g[data-series]')].map((e) => e.getAttribute('data-series')).sort();
        return now.length > 0 && now.join() !== prev;
      },
      before.join(),
    );
    const after = await drawnSeries(page, 'traffic-chart');
    expect(after).not.toEqual(before);
    const headlineVisits = await page.locator('[data-testid="headline-visits"] dd').textContent();
    expect(headlineVisits).toBeTruthy();
    await page.mouse.move(0, 0);
    await shot(page, '21-marketplaces-latam-services');

    // What you see is what you download: the chart's CSV has exactly the drawn series.
    const chartCsv = await downloadCsv(page, '[aria-labelledby="mp-view-h"]');
    const csvSeries = [...new Set(chartCsv.map((r) => r.series))].sort();
    if (csvSeries.length <= 10) expect(csvSeries).toEqual(after);
    expect(chartCsv.every((r) => r.synthetic === 'true' || r.synthetic === 'false')).toBe(true);
    expect(chartCsv.some((r) => r.synthetic === 'true')).toBe(true);

    // Every marketplace listed serves Latin America and sells services.
    const listed = await page.evaluate(async () => {
      const r = await fetch(`/api/marketplaces${window.location.search.replace(/[?&]lang=[^&]*/, '')}`);
      return (await r.json()).rows as { id: string; goods_or_services: string }[];
    });
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((m) => m.goods_or_services === 'services' || m.goods_or_services === 'both')).toBe(true);

    // The flows view highlights East Asia <-> Latin America.
    await page.locator('[data-testid="tab-flows"]').click();
    await page.locator('[data-testid="flow-matrix"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="flow-matrix"] [data-bi-regional="true"]').count(), { timeout: 10_000 }).toBe(2);
    await shot(page, '22-marketplaces-flows');

    // Table -> open the marketplace with most visits.
    await page.locator('[data-testid="tab-table"]').click();
    await page.waitForURL(/view=table/);
    await page.locator('[data-testid="marketplace-table"] tbody tr').first().waitFor();
    await page.locator('[data-testid="sort-visits"]').click();
    await page.waitForURL(/sort=/);
    if (!/sort=-visits/.test(page.url())) {
      await page.locator('[data-testid="sort-visits"]').click();
      await page.waitForURL(/sort=-visits/);
    }
    await shot(page, '23-marketplaces-table');
    const first = page.locator('[data-testid="marketplace-table"] tbody tr').first().locator('a[data-testid^="marketplace-link-"]');
    const id = (await first.getAttribute('data-testid'))!.replace('marketplace-link-', '');
    await first.click();
    await page.locator('[data-testid="page-marketplace"]').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/marketplaces/${id}`);
    await page.locator('[data-testid="website-table"] tbody tr').first().waitFor();
    await page.locator('[data-testid="marketplace-chart-figure"] svg').waitFor();
    await page.locator('[data-testid="synthetic-banner"]').waitFor();
    await page.mouse.move(0, 0);
    await shot(page, '24-marketplace-profile');

    // The audience: the demo has annual sex / age / device shares for every website, so each
    // dimension draws its bars, marked synthetic, with a download of the same view.
    const audience = page.locator('[data-testid="marketplace-audience"]');
    await audience.locator('[data-testid="audience-device-figure"] rect[data-category]').first().waitFor();
    for (const [dimension, categories] of [['sex', ['female', 'male']], ['age', ['18-24', '25-34', '35-44', '45-54', '55-64', '65+']], ['device', ['desktop', 'mobile']]] as const) {
      expect(await audience.locator(`[data-testid="audience-${dimension}-figure"] rect[data-category]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-category')))).toEqual(categories);
    }
    await expect.poll(() => audience.locator('.badge--synthetic').count()).toBeGreaterThan(0);
    expect(await audience.locator('[data-testid="download-csv"]').getAttribute('href')).toMatch(new RegExp(`^/api/marketplaces/${id}/audience\\.csv`));
    await audience.scrollIntoViewIfNeeded();
    await audience.screenshot({ path: `${artifacts}24b-marketplace-audience.png` });

    // Download the websites CSV: its rows are the table's rows.
    const rowIds = await page.$$eval('[data-testid="website-table"] tbody tr[data-row-id]', (els) => els.map((e) => e.getAttribute('data-row-id')!).sort());
    const missing = await page.$$eval('[data-testid="website-table"] tbody tr[data-row-id]', (els) =>
      els.filter((e) => e.querySelector('td:nth-child(4) [data-testid="missing-value"]')).map((e) => e.getAttribute('data-row-id')!).sort(),
    );
    const section = page.locator('section.card', { has: page.locator('[data-testid="website-table"]') });
    await section.locator('[data-testid="download-menu-button"]').click();
    const [download] = await Promise.all([page.waitForEvent('download'), section.locator('[data-testid="download-csv"]').click()]);
    const csv = csvRecords(readFileSync((await download.path())!, 'utf8'));
    expect(csv.map((r) => r.website_id).sort()).toEqual(rowIds);
    // Unknown is not zero: the rows shown as missing are empty in the CSV, the others are numbers.
    expect(csv.filter((r) => r.visits === '').map((r) => r.website_id).sort()).toEqual(missing);
    for (const r of csv.filter((x) => x.visits !== '')) {
      expect(Number(r.visits)).toBeGreaterThan(0);
      expect(r.synthetic).toBe('true');
    }
    await page.close();
  });

  it('a country page has a marketplaces section; the correlation scatter draws economies with r, ρ and n', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/countries/MEX`);
    await page.locator('[data-testid="country-marketplaces"] [data-testid="country-marketplace-table"] tbody tr').first().waitFor();
    await page.locator('[data-testid="country-marketplaces"] [data-testid="synthetic-banner"]').waitFor();
    await page.locator('[data-testid="country-marketplaces"]').scrollIntoViewIfNeeded();
    await shot(page, '25-country-marketplaces');

    await page.goto(`${baseUrl}/marketplaces/correlations?indicator=IT.NET.USER.ZS&metric=cross_border_share&lang=es`);
    await page.locator('[data-testid="correlation-scatter"] circle[data-iso3]').first().waitFor();
    const n = Number(await page.locator('[data-testid="correlation-n"]').textContent());
    expect(n).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.locator('[data-testid="correlation-scatter"] circle[data-iso3]').count(), { timeout: 10_000 }).toBe(n);
    expect(await page.locator('[data-testid="correlation-pearson"]').textContent()).toMatch(/^[−-]?\d/);
    await shot(page, '26-marketplaces-correlation-es');

    // A sub-regional group filters the explorer: every marketplace listed serves a Mercosur economy.
    await page.goto(`${baseUrl}/marketplaces?subregion=mercosur`);
    await page.locator('[data-testid="traffic-chart-figure"] g[data-series]').first().waitFor();
    expect(await page.locator('[data-testid="filter-subregion"]').inputValue()).toBe('mercosur');
    const mercosur = await page.evaluate(async () => (await (await fetch('/api/marketplaces?subregion=mercosur')).json()).rows as { economies: string }[]);
    expect(mercosur.length).toBeGreaterThan(0);
    expect(mercosur.every((m) => m.economies.split('~').some((e) => ['ARG', 'BRA', 'PRY', 'URY', 'BOL', 'VEN'].includes(e)))).toBe(true);

    // Phones: no horizontal overflow.
    const phone = await newPage(375, 800);
    await phone.goto(`${baseUrl}/marketplaces?region=latin-america`);
    await phone.locator('[data-testid="traffic-chart-figure"] svg').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot(phone, '27-marketplaces-375');
    await phone.close();
    await page.close();
  });
});
