// Browser tests of the OECD Digital STRI views: Debian's Chromium driving the real web app over an
// in-process server loaded from ../shared/data with the Digital STRI file. What the chart draws is
// compared with the CSV the page's own download menu gives. Screenshots: test/artifacts/40-*.png.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precise } from '../../src/platform/http/render.js';
import { csvRecords } from '../support/csv.js';
import { artifacts, startSuite, type Suite } from './server.js';

// Puente writes numbers at 15 significant digits (what a double holds exactly): the file's are compared likewise.
const DATA = fileURLToPath(new URL('../../../shared/data/regulation/oecd-digital-stri/digital_stri_2020_2024.csv', import.meta.url));
const records = csvRecords(readFileSync(DATA, 'utf8'));
const covered = new Set(records.map((r) => r.iso3));
const latest = Math.max(...records.map((r) => Number(r.year)));
const AREAS: [string, string][] = [
  ['CLAS1_6', 'infrastructure'],
  ['CLAS1_7', 'electronic_transactions'],
  ['CLAS1_8', 'payment_systems'],
  ['CLAS1_9', 'intellectual_property'],
  ['CLAS1_10', 'other_barriers'],
];

let suite: Suite | undefined;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  suite = await startSuite({ digitalStri: true });
  ({ url: baseUrl, browser } = suite);
});
afterAll(async () => {
  await suite?.close();
});

async function newPage(width = 1440, height = 900): Promise<Page> {
  const ctx = await browser.newContext({ acceptDownloads: true, locale: 'en-US' });
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });

/** The CSV behind a section's download menu. */
async function downloadCsv(page: Page, section: string): Promise<Record<string, string>[]> {
  const menu = page.locator(`[data-testid="${section}"] [data-testid="download-menu"]`).first();
  await menu.locator('[data-testid="download-menu-button"]').click();
  const link = menu.locator('[data-testid="download-csv"]');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const text = readFileSync((await download.path())!, 'utf8');
  await page.keyboard.press('Escape');
  return csvRecords(text);
}

interface Segment {
  key: string;
  area: string;
  value: number;
}
const segments = (page: Page, chart: string): Promise<Segment[]> =>
  page.$$eval(`[data-testid="${chart}"] rect[data-key]`, (els) =>
    els.map((e) => ({ key: e.getAttribute('data-key')!, area: e.getAttribute('data-area')!, value: Number(e.getAttribute('data-value')) })),
  );

describe('Digital STRI page', () => {
  it('the chart for Chile and Peru equals the downloaded CSV, and the file', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/regulation/digital-stri?country=CHL~PER`);
    await page.locator('[data-testid="stri-chart"] rect[data-key]').first().waitFor({ state: 'attached' });
    const drawn = await segments(page, 'stri-chart');
    const csv = await downloadCsv(page, 'stri-ranking');

    for (const iso3 of ['CHL', 'PER']) {
      const row = csv.find((r) => r.iso3 === iso3)!;
      expect(row, iso3).toBeDefined();
      const mine = drawn.filter((s) => s.key === iso3);
      // Every drawn segment is the CSV's contribution for that area, unrounded.
      expect(mine.map((s) => [s.area, s.value])).toEqual(AREAS.map(([area, col]) => [area, Number(row[col])]));
      // ...and the CSV is the shared file's latest year.
      for (const [area, col] of AREAS) {
        const file = records.find((r) => r.iso3 === iso3 && Number(r.year) === latest && r.measure_code === area)!;
        expect(Number(row[col]), `${iso3} ${area}`).toBe(precise(Number(file.value)));
      }
    }
    // The bars are the CSV's ranking order; the members not covered are not drawn, but listed.
    const order = [...new Set(drawn.map((s) => s.key))];
    expect(order).toEqual(csv.filter((r) => r.coverage === 'covered').map((r) => r.iso3));
    const notCovered = csv.filter((r) => r.coverage === 'not_covered');
    expect(notCovered.map((r) => r.iso3).sort()).toEqual(['CUB', 'MMR', 'MNG', 'SUR', 'VEN']);
    for (const r of notCovered) expect([r.stri, r.rank]).toEqual(['', '']);
    await expect(page.locator('[data-testid="stri-not-covered"]').textContent()).resolves.toMatch(/5 economies not covered by the OECD Digital STRI/);
    const median = await page.locator('[data-testid="stri-median"]').textContent();
    expect(median).toContain(`n = ${covered.size} of 36`);

    // The 2020–2024 section for the same two economies: its table is its CSV.
    const lines = await downloadCsv(page, 'stri-lines');
    const expected = records.filter((r) => ['CHL', 'PER'].includes(r.iso3) && r.measure_code === 'STRI');
    expect(lines.map((r) => [r.iso3, Number(r.year), Number(r.value)])).toEqual(expected.map((r) => [r.iso3, Number(r.year), precise(Number(r.value))]));
    await page.locator('[data-testid="stri-lines"] [data-testid="tab-table"]').click();
    await page.locator('[data-testid="stri-line-table"] tbody tr').first().waitFor();
    const cells = await page.$$eval('[data-testid="stri-line-table"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('th,td')].map((c) => c.textContent?.trim() ?? '')));
    expect(cells).toHaveLength(expected.length);
    expect(cells.map((c) => Number(c[2]))).toEqual(expected.map((r) => Number(Number(r.value).toFixed(3))));
    await page.locator('[data-testid="stri-lines"] [data-testid="tab-chart"]').click();
    await page.locator('[data-testid="stri-line-chart-figure"] svg').waitFor();
    await shot(page, '40-digital-stri-1440-en');
    await page.close();
  });

  it('a year and the table view live in the URL; the map greys the members not covered', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/regulation/digital-stri?year=2020&view=table`);
    await page.locator('[data-testid="stri-table"] tbody tr').first().waitFor();
    const rows = await page.locator('[data-testid="stri-table"] tbody tr').count();
    expect(rows).toBe(36);
    await page.locator('[data-testid="stri-map"] path[data-iso3]').first().waitFor();
    const ven = page.locator('[data-testid="stri-map"] path[data-iso3="VEN"]');
    expect(await ven.count()).toBe(1);
    expect(await ven.getAttribute('fill')).toMatch(/url\(#/); // the "no data" hatch, not a colour of the scale
    await page.close();
  });

  for (const lang of ['en', 'es']) {
    it(`fits a 375 px phone and a 1440 px screen in ${lang}`, async () => {
      const messages = JSON.parse(readFileSync(fileURLToPath(new URL(`../../web/src/i18n/${lang}.json`, import.meta.url)), 'utf8'));
      for (const width of [375, 1440]) {
        const page = await newPage(width, 900);
        await page.goto(`${baseUrl}/regulation/digital-stri?country=CHL~PER&lang=${lang}`);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        await page.locator('[data-testid="stri-chart"] rect[data-key]').first().waitFor({ state: 'attached' });
        await page.locator('[data-testid="stri-map"] path[data-iso3]').first().waitFor();
        expect(await page.locator('h1').textContent()).toBe(messages.stri.title);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        await shot(page, `40-digital-stri-${width}-${lang}`);
        // Each section on its own too, to read at full size.
        for (const section of ['stri-ranking', 'stri-map-section', 'stri-lines']) {
          await page.locator(`[data-testid="${section}"]`).screenshot({ path: `${artifacts}40-digital-stri-${width}-${lang}-${section}.png` });
        }
        await page.close();
      }
    });
  }
});

describe('country profile', () => {
  it("Chile's profile shows its Digital STRI by year, equal to the section's CSV", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/countries/CHL`);
    await page.locator('[data-testid="profile-stri-chart"] rect[data-key]').first().waitFor({ state: 'attached' });
    const drawn = await segments(page, 'profile-stri-chart');
    const csv = await downloadCsv(page, 'profile-stri');
    const expected = csv.flatMap((r) => AREAS.map(([area, col]) => ({ key: r.year, area, value: Number(r[col]) })));
    expect(drawn).toEqual(expected);
    expect(csv).toHaveLength(records.filter((r) => r.iso3 === 'CHL' && r.measure_code === 'STRI').length);
    await shot(page, '41-profile-stri-chl-1440');
    await page.locator('[data-testid="profile-stri"]').screenshot({ path: `${artifacts}41-profile-stri-chl-1440-section.png` });
    await page.close();
  });

  it("Venezuela's profile says it is not covered, with no zeros", async () => {
    const page = await newPage(375, 800);
    await page.goto(`${baseUrl}/countries/VEN?lang=es`);
    const note = page.locator('[data-testid="profile-stri-not-covered"]');
    await note.waitFor();
    expect(await note.textContent()).toMatch(/no está cubierta por el STRI digital de la OCDE/);
    expect(await page.locator('[data-testid="profile-stri-chart"]').count()).toBe(0);
    await shot(page, '41-profile-stri-ven-375-es');
    await page.locator('[data-testid="profile-stri"]').screenshot({ path: `${artifacts}41-profile-stri-ven-375-es-section.png` });
    await page.close();
  });
});
