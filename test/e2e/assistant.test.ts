// The export assistant in Debian's Chromium over an in-process server loaded from ../shared/data:
// as an MSME in Peru selling coffee (HS 0901) to Japan, in Spanish, the question is asked through
// the form (product found by a Spanish word), and the answer shows marketplaces in Japan, Japan's
// de minimis in yen and in dollars with the shipment over it, PROMPERÚ and the postal export
// programme among the help at home; the PDF brief is downloaded and its text read. axe (WCAG 2.2
// A/AA) at 375 and 1440 px, English and Spanish. Screenshots: test/artifacts/80-*.png.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../support/csv.js';
import { artifacts, startSuite, type Suite } from './server.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
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

async function newPage(width = 1440, height = 900, bypassCSP = false): Promise<Page> {
  const ctx = await browser.newContext({ acceptDownloads: true, locale: 'es-PE', bypassCSP });
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
const api = async (path: string) => (await fetch(`${baseUrl}${path}`)).json();

async function axeViolations(page: Page, scope: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run({ include: [include] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  }, scope);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes }).promise;
  let text = '';
  for (let p = 1; p <= pdf.numPages; p++) text += (await (await pdf.getPage(p)).getTextContent()).items.map((i: any) => i.str).join(' ') + '\n';
  return text;
}

describe('the export assistant in the browser', () => {
  it('an MSME in Peru selling coffee to Japan, in Spanish: marketplaces, de minimis in yen and dollars, PROMPERÚ and Exporta Fácil, and the PDF brief', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/assistant?lang=es`);
    const form = page.locator('[data-testid="assistant-form"]');
    await form.waitFor();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Asistente de exportación');

    // The question, through the form: origin, destination, the product found by a Spanish word.
    await page.locator('[data-testid="assistant-origin"]').selectOption('PER');
    await page.locator('[data-testid="assistant-destinations"] select').selectOption('JPN');
    await page.locator('[data-testid="assistant-hs-search"]').fill('café');
    await page.locator('[data-testid="assistant-hs-go"]').click();
    const results = page.locator('[data-testid="assistant-hs-results"]');
    await results.locator('option[value="0901"]').waitFor({ state: 'attached' });
    await results.selectOption('0901');
    await page.locator('[data-testid="assistant-value"]').fill('150');
    await page.locator('[data-testid="assistant-currency"]').fill('USD');
    await page.locator('[data-testid="assistant-weight"]').fill('2');
    await page.locator('[data-testid="assistant-channel"]').selectOption('postal');
    await page.locator('[data-testid="assistant-trait-first_time"]').check();
    await shot(page, '80-assistant-form-es-1440');
    await page.locator('[data-testid="assistant-ask"]').click();

    // The question is the URL.
    await page.waitForURL(/origin=PER/);
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries(['origin', 'destination', 'hs', 'value', 'currency', 'weight', 'channel', 'traits'].map((k) => [k, params.get(k)]))).toEqual({
      origin: 'PER', destination: 'JPN', hs: '0901', value: '150', currency: 'USD', weight: '2', channel: 'postal', traits: 'first_time',
    });
    const answer = page.locator('[data-testid="assistant-answer"]');
    await answer.waitFor();
    const expected = await api(`/api/assistant?${params.toString().replace(/&?lang=es/, '')}&_size=max`);

    // Where buyers in Japan shop: the marketplaces the API lists, in its order.
    const buyers = page.locator('[data-testid="assistant-section-buyers-JPN"]');
    await expect.poll(() => buyers.locator('h2').textContent()).toMatch(/Dónde compran en Japón/);
    const names = expected.rows.filter((r: any) => r.key === 'marketplace').map((r: any) => r.subject);
    expect(names.length).toBeGreaterThan(0);
    const shown = await buyers.locator('tr[data-key="marketplace"] th a, tr[data-key="marketplace"] th').allTextContents();
    for (const n of names) expect(shown.join(' ')).toContain(n);
    // The test server holds the labelled synthetic demo traffic: every figure from it says so.
    const visits = expected.rows.filter((r: any) => r.key === 'marketplace_visits');
    expect(visits.length).toBeGreaterThan(0);
    expect(visits.every((r: any) => r.synthetic)).toBe(true);
    expect(await buyers.locator('tr[data-key="marketplace_visits"] .badge--synthetic').count()).toBe(visits.length);
    expect(expected.sources.filter((s: any) => s.synthetic).length).toBeGreaterThan(0);

    // At Japan's border: the threshold in yen and in dollars, and the shipment over it.
    const border = page.locator('[data-testid="assistant-section-border-JPN"]');
    const threshold = expected.rows.find((r: any) => r.key === 'de_minimis');
    expect(threshold).toMatchObject({ unit: 'JPY', status: 'over' });
    const row = border.locator('tr[data-key="de_minimis"]').first();
    await expect.poll(() => row.textContent()).toContain('JPY');
    const rowText = (await row.textContent())!;
    expect(rowText).toContain(new Intl.NumberFormat('es', { maximumFractionDigits: 2 }).format(threshold.value));
    expect(rowText).toContain(`US$ ${new Intl.NumberFormat('es', { maximumFractionDigits: 2 }).format(threshold.value_usd)}`);
    expect(rowText).toContain('El envío lo supera');
    expect(await row.getAttribute('data-status')).toBe('over');
    // A link to prepare the documents, with the question's names.
    const docs = new URL((await border.locator('[data-testid="assistant-documents-JPN"]').getAttribute('href'))!, baseUrl);
    expect(docs.pathname).toBe('/documents/new');
    expect(Object.fromEntries(docs.searchParams)).toMatchObject({ origin: 'PER', destination: 'JPN', hs: '0901', value: '150', currency: 'USD', weight: '2', channel: 'postal' });

    // Help at home: PROMPERÚ among the contacts, the postal export programme among the programmes.
    const help = page.locator('[data-testid="assistant-section-help"]');
    await expect.poll(() => help.locator('tr[data-key="contact"]').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/PROMPERÚ/)]));
    expect((await help.locator('tr[data-key="programme"]').allTextContents()).join(' ')).toMatch(/Exporta Fácil/);
    await shot(page, '80-assistant-answer-es-1440');

    // The PDF brief: downloaded from the page, its text read.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="assistant-pdf"]').click()]);
    expect(download.suggestedFilename()).toBe('puente-brief-PER-JPN-0901.pdf');
    const text = await pdfText(new Uint8Array(readFileSync((await download.path())!)));
    expect(text).toContain('Ficha de exportación');
    expect(text).toMatch(/En la frontera de Jap[oó]n/);
    expect(text).toContain('JPY');
    expect(text).toContain('el envío lo supera');
    expect(text).toContain('PROMPERÚ');
    expect(text).toContain('Exporta Fácil');
    expect(text).toContain('Fuentes');

    // What you see is what you download: the CSV twin has the page's facts.
    const csv = csvRecords(await (await fetch(`${baseUrl}/api/assistant.csv?${params.toString().replace(/&?lang=es/, '')}`)).text());
    expect(csv.length).toBe(expected.rows.length);
  }, 180_000);

  it('roasted coffee (HS 0901.21) from Peru to Japan, in Spanish: the WTO rate, free under the Japan-Peru EPA, by name, and the way to the documents', async () => {
    const page = await newPage(1440);
    await page.goto(`${baseUrl}/assistant?origin=PER&destination=JPN&hs=090121&value=150&currency=USD&weight=2&channel=postal&lang=es`);
    const line = page.locator('[data-testid="tariff-line"][data-code="0901.21.000"]');
    await line.waitFor();
    await expect(page.locator('h2', { hasText: 'En la aduana de Japón, por encima del de minimis' }).count()).resolves.toBe(1);
    expect(await line.locator('[data-testid="tariff-mfn"]').innerText()).toMatch(/12\s?%/);
    const peru = line.locator('[data-testid="tariff-preferential"][data-agreement="epa_per"]');
    expect(await peru.innerText()).toContain('Acuerdo de Asociación Económica Japón–Perú');
    expect(await peru.innerText()).toContain('Libre de arancel');
    // From the answer to the documents form, prefilled with the question.
    const docs = page.locator('[data-testid="assistant-documents-JPN"]');
    const href = await docs.getAttribute('href');
    expect(href).toContain('/documents/new?');
    for (const part of ['origin=PER', 'destination=JPN', 'hs=090121', 'value=150', 'weight=2', 'channel=postal']) expect(href).toContain(part);
    await shot(page, '85-assistant-tariffs-es-1440');
    // The printable page: the answer without the form and the menus.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid="assistant-form"]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="assistant-section-border-JPN"]').isVisible()).toBe(true);
    await shot(page, '85-assistant-print-es');
    await page.close();
  }, 120_000);

  for (const [width, lang] of [
    [375, 'es'],
    [1440, 'en'],
    [375, 'en'],
  ] as const) {
    it(`has no WCAG 2.2 A/AA violations at ${width} px in ${lang}, and a section says what is missing`, async () => {
      const page = await newPage(width, 900, true);
      await page.goto(`${baseUrl}/assistant?origin=PER&destination=JPN~LAO&hs=0901&value=150&channel=postal&lang=${lang}`);
      await page.locator('[data-testid="assistant-answer"]').waitFor();
      const laoBorder = page.locator('[data-testid="assistant-section-border-LAO"]');
      expect(await laoBorder.getAttribute('data-status')).toBe('missing');
      expect(await laoBorder.locator('[data-testid="assistant-missing"]').textContent()).toMatch(/LAO/);
      await shot(page, `80-assistant-${lang}-${width}`);
      await page.locator('[data-testid="assistant-section-border-JPN"]').screenshot({ path: `${artifacts}80-assistant-border-${lang}-${width}.png` });
      await page.locator('[data-testid="assistant-form"]').screenshot({ path: `${artifacts}80-assistant-form-${lang}-${width}.png` });
      expect(await axeViolations(page, 'main')).toEqual([]);
      // Nothing wider than the screen on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }, 120_000);
  }
});
