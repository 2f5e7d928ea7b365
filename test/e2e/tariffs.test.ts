// Browser tests of the tariffs section: Debian's Chromium driving the real web app over an
// in-process server loaded from ../shared/data (Japan's schedule, the tariff links, the HS code
// list, the directory). Peru -> Japan, roasted coffee (HS 0901.21), in Spanish and English, at
// 375 and 1440 px: the WTO rate, the Peru EPA rate (free) and the agreement's name; a destination
// without a schedule says so with where to look. Screenshots: test/artifacts/80-*.png.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../support/csv.js';
import { artifacts, sharedData, startSuite, type Suite } from './server.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let suite: Suite | undefined;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  suite = await startSuite({ tariffs: true });
  ({ url: baseUrl, browser } = suite);
}, 300_000);
afterAll(async () => {
  await suite?.close();
});

async function newPage(width: number, bypassCSP = false): Promise<Page> {
  const ctx = await browser.newContext({ locale: 'en-US', bypassCSP });
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return page;
}
const shot = (page: Page, name: string) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });

async function axeViolations(page: Page, scope: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run({ include: [include] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  }, scope);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

const links = csvRecords(readFileSync(join(sharedData, 'tariffs', 'tariff_lookup_links.csv'), 'utf8'));

describe('tariffs in the browser', () => {
  for (const width of [375, 1440]) {
    it(`Peru -> Japan, roasted coffee 0901.21, in Spanish at ${width} px: the WTO rate, the Peru EPA rate (free) and the agreement's name`, async () => {
      const page = await newPage(width);
      await page.goto(`${baseUrl}/tariffs/JPN?hs=0901.21&origin=PER&value=1000&currency=USD&lang=es`);
      const line = page.locator('[data-testid="tariff-line"][data-code="0901.21.000"]');
      await line.waitFor();
      await expect(page.locator('h2', { hasText: 'En la aduana de Japón, por encima del de minimis' }).count()).resolves.toBe(1);
      const mfn = line.locator('[data-testid="tariff-mfn"]');
      expect(await mfn.innerText()).toContain('Tasa OMC (NMF)');
      expect(await mfn.innerText()).toMatch(/12\s?%/);
      const peru = line.locator('[data-testid="tariff-preferential"][data-agreement="epa_per"]');
      expect(await peru.innerText()).toContain('Acuerdo de Asociación Económica Japón–Perú');
      expect(await peru.innerText()).toContain('Libre de arancel');
      expect(await peru.locator('[lang="ja"]').innerText()).toBe('無税');
      // the duty on US$ 1,000: 12 % at the WTO rate, in yen and US$
      expect(await line.locator('[data-testid="tariff-duty"]').innerText()).toMatch(/JPY \(US\$ 120,00/);
      expect(await page.locator('[data-testid="tariff-edition"]').innerText()).toContain('2026-07-09');
      // the page fits the screen
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, `80-tariffs-per-jpn-es-${width}`);
    });
  }

  it('in English, a destination without a schedule: "Puente has no open tariff schedule", the official link, no rate and no zero', async () => {
    const page = await newPage(1440);
    await page.goto(`${baseUrl}/tariffs/MEX?hs=0901.21&origin=PER&lang=en`);
    const none = page.locator('[data-testid="tariff-no-schedule"]');
    await none.waitFor();
    expect(await none.innerText()).toContain('Puente has no open tariff schedule for Mexico.');
    const mex = links.find((l) => l.iso3 === 'MEX' && l.kind === 'tariff_schedule')!;
    expect(await none.locator('[data-testid="tariff-official-link"] a').getAttribute('href')).toBe(mex.url);
    expect(await none.locator('[data-testid="tariff-agency"]').count()).toBe(1);
    expect(await page.locator('[data-testid="tariff-line"]').count()).toBe(0);
    await shot(page, '80-tariffs-mex-none-en-1440');
  });

  it('the lookup form changes the URL and the answer (origin China: RCEP 7.5 %)', async () => {
    const page = await newPage(1440);
    await page.goto(`${baseUrl}/tariffs/JPN?hs=0901&lang=en`);
    await page.locator('[data-testid="tariff-line"]').first().waitFor();
    await page.locator('[data-testid="tariff-origin"]').selectOption('CHN');
    await page.locator('[data-testid="tariff-hs"]').fill('0901.21');
    await page.locator('[data-testid="tariff-submit"]').click();
    await page.waitForURL(/origin=CHN/);
    expect(page.url()).toContain('hs=0901.21');
    const rcep = page.locator('[data-testid="tariff-line"][data-code="0901.21.000"] [data-testid="tariff-preferential"][data-agreement="rcep_chn"]');
    await rcep.waitFor();
    expect(await rcep.innerText()).toMatch(/7\.5\s?%/);
    expect(await rcep.innerText()).toContain('Regional Comprehensive Economic Partnership');
  });

  for (const [lang, width] of [['en', 375], ['es', 1440]] as const) {
    it(`has no WCAG 2.2 A/AA violation (axe) in ${lang} at ${width} px`, async () => {
      const page = await newPage(width, true);
      await page.goto(`${baseUrl}/tariffs/JPN?hs=0901.21&origin=PER&value=500&lang=${lang}`);
      await page.locator('[data-testid="tariff-line"]').first().waitFor();
      await page.locator('details.tariff-details').first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
      expect(await axeViolations(page, '[data-testid="page-tariffs"]')).toEqual([]);
    });
  }
});
