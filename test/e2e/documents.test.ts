// Browser test of the documents form (issue #21): opened from the export assistant's Peru → Japan
// coffee answer (its query names), prefilled, a place picked by name, the invoice downloaded as PDF
// and as CII XML, and both checked (text of the PDF; the XML against the D16B schemas). Spanish, at
// 375 and 1440 px, axe (WCAG 2.2 A/AA). Screenshots: test/artifacts/70-documents-*.png.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCii } from '../../src/modules/documents/invoice-xml.js';
import { pdfText } from '../../src/modules/documents/test-support.js';
import { artifacts, startSuite, type Suite } from './server.js';

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const es = JSON.parse(readFileSync(fileURLToPath(new URL('../../web/src/i18n/es.json', import.meta.url)), 'utf8')).documents;
const FROM_ASSISTANT = '/documents/new?origin=PER&destination=JPN&hs=090121&value=375&currency=USD&weight=20&channel=postal&lang=es';

let suite: Suite | undefined;

beforeAll(async () => {
  suite = await startSuite();
});
afterAll(async () => {
  await suite?.close();
});

async function axe(page: Page): Promise<{ id: string; nodes: number; help: string }[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v: { id: string; nodes: unknown[]; help: string }) => ({ id: v.id, nodes: v.nodes.length, help: v.help }));
  });
}

describe('documents form', () => {
  for (const width of [375, 1440]) {
    it(`from the assistant's answer: prefilled, place by name, invoice PDF and XML (Spanish, ${width} px)`, async () => {
      // bypassCSP: axe is injected as a script tag; the app's own CSP allows none.
      const page = await suite!.browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true, bypassCSP: true });
      await page.goto(`${suite!.url}${FROM_ASSISTANT}`);
      await page.locator('[data-testid="page-documents-new"]').waitFor();
      await expect(page.locator('h1').textContent()).resolves.toBe(es.title);
      // Prefilled from the query.
      expect(await page.inputValue('#doc-seller-country')).toBe('PER');
      expect(await page.inputValue('#doc-buyer-country')).toBe('JPN');
      expect(await page.inputValue('#doc-hs')).toBe('0901.21');
      expect(await page.inputValue('#doc-quantity')).toBe('20');
      expect(await page.inputValue('#doc-unit')).toBe('KGM');
      expect(await page.inputValue('#doc-price')).toBe('18.75');
      expect(await page.inputValue('#doc-currency')).toBe('USD');
      expect(await page.inputValue('#doc-channel')).toBe('postal');
      await page.locator('[data-testid="download-cn23"]').waitFor();
      // The named place found by name (the seller's economy), its LOCODE filled in.
      await page.fill('#doc-place-search', 'Callao');
      await page.getByRole('button', { name: /Callao.*PECLL/ }).click();
      expect(await page.inputValue('#doc-place')).toBe('PECLL');
      await page.fill('#doc-number', 'PE-2026-0001');
      await page.fill('#doc-seller', 'Café Andino Ñuñoa S.A.C.');
      await page.fill('#doc-buyer', '株式会社コーヒー輸入');
      await page.fill('#doc-description', 'Café tostado en grano');
      await page.fill('#doc-gross', '21.2');
      await page.screenshot({ path: `${artifacts}70-documents-form-es-${width}.png`, fullPage: true });
      expect(await axe(page)).toEqual([]);

      const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="download-invoice-pdf"]').click()]);
      expect(pdf.suggestedFilename()).toBe('invoice-PE-2026-0001.pdf');
      const text = await pdfText(readFileSync((await pdf.path())!));
      for (const s of ['Factura comercial', 'PECLL', '0901.21', 'FCA', '375.00', 'Café Andino Ñuñoa S.A.C.', '株式会社コーヒー輸入']) expect(text).toContain(s);

      const [xml] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="download-invoice-xml"]').click()]);
      expect(xml.suggestedFilename()).toBe('invoice-PE-2026-0001.xml');
      const body = readFileSync((await xml.path())!, 'utf8');
      expect(body).toContain('<ram:GrandTotalAmount>375.00</ram:GrandTotalAmount>');
      expect((await validateCii(body)).valid).toBe(true);
      await page.close();
    });
  }

  it('names the field the server refuses (an HS code not in HS 2022)', async () => {
    const page = await suite!.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${suite!.url}/documents/new?origin=PER&destination=JPN&hs=090199&value=10&weight=1&channel=courier&lang=es`);
    await page.fill('#doc-number', 'X-1');
    await page.fill('#doc-seller', 'Vendedor');
    await page.fill('#doc-buyer', 'Comprador');
    await page.fill('#doc-description', 'Café');
    await page.fill('#doc-place', 'PECLL');
    await page.locator('[data-testid="download-invoice-pdf"]').click();
    await page.locator('[data-testid="server-errors"]').waitFor();
    expect(await page.locator('[data-testid="server-errors"]').textContent()).toMatch(/items\.0\.hs: 0901\.99/);
    await page.screenshot({ path: `${artifacts}70-documents-error-es.png`, fullPage: true });
    await page.close();
  });
});
