// The printable country brief in Debian's Chromium over an in-process server loaded from
// ../shared/data: Peru at 375 and 1440 px, in English and Spanish, with its internet-users figure
// and the FEALAC median, the "Download PDF" link answering application/pdf, the link from the
// country profile, and axe (WCAG 2.2 A/AA). Screenshots: test/artifacts/85-brief-*.png.
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, startSuite, type Suite } from './server.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let suite: Suite | undefined;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  suite = await startSuite({ marketplaces: true, regulation: true, facilitation: true, support: true });
  ({ url: baseUrl, browser } = suite);
}, 300_000);
afterAll(async () => {
  await suite?.close();
});

async function newPage(width: number, height = 900): Promise<Page> {
  const ctx = await browser.newContext({ acceptDownloads: true, bypassCSP: true });
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return page;
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  });
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

describe('the printable country brief', () => {
  for (const lang of ['en', 'es'] as const) {
    for (const width of [375, 1440]) {
      it(`Peru in ${lang} at ${width} px: figures, FEALAC median, PDF link, no overflow, no axe violation`, async () => {
        const { brief } = await (await fetch(`${baseUrl}/api/countries/PER/brief`)).json();
        const users = brief.indicators.key.find((k: any) => k.code === 'IT.NET.USER.ZS');
        const page = await newPage(width);
        await page.goto(`${baseUrl}/countries/PER/brief?lang=${lang}`);
        await page.locator('[data-testid="brief-ready"]').waitFor({ timeout: 60_000 });
        expect(await page.locator('h1').textContent()).toBe(lang === 'es' ? 'Perú' : 'Peru');
        const row = page.locator('[data-testid="brief-indicators"] tr[data-code="IT.NET.USER.ZS"]');
        const figure = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(users.value);
        expect(await row.textContent()).toContain(`${figure} (${users.year})`);
        expect(await row.textContent()).toContain(`n = ${users.n}`);
        const pdf = page.locator('[data-testid="brief-pdf"]');
        expect(await pdf.textContent()).toBe(lang === 'es' ? 'Descargar PDF' : 'Download PDF');
        const href = (await pdf.getAttribute('href'))!;
        expect(href).toBe(`/api/countries/PER/brief.pdf?lang=${lang}`);
        if (width === 1440) {
          const res = await fetch(`${baseUrl}${href}`);
          expect(res.status).toBe(200);
          expect(res.headers.get('content-type')).toBe('application/pdf');
          expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
        }
        // Nothing wider than the screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await page.screenshot({ path: `${artifacts}85-brief-PER-${lang}-${width}.png`, fullPage: true });
        // At 375 px the full page is too tall to read scaled down: the top and the regulation block too.
        if (width === 375) {
          await page.screenshot({ path: `${artifacts}85-brief-PER-${lang}-${width}-top.png` });
          await page.locator('section[aria-labelledby="brief-reg"]').screenshot({ path: `${artifacts}85-brief-PER-${lang}-${width}-regulation.png` });
        }
        expect(await axeViolations(page)).toEqual([]);
        await page.context().close();
      });
    }
  }

  it('is linked from the country profile', async () => {
    const page = await newPage(1440);
    await page.goto(`${baseUrl}/countries/PER?lang=es`);
    const link = page.locator('[data-testid="profile-brief-link"]');
    await link.waitFor();
    expect(await link.textContent()).toBe('Ficha de país (imprimible, PDF)');
    await link.click();
    await page.waitForURL(/\/countries\/PER\/brief/);
    await page.locator('[data-testid="brief-ready"]').waitFor({ timeout: 60_000 });
    expect(page.url()).toContain('lang=es');
    await page.context().close();
  });
});
