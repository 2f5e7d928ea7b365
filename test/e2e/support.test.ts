// Browser tests of the support-measure inventory and the directory: Debian's Chromium driving the
// real web app over an in-process server loaded from ../shared/data (support, directory). Peru
// against the Pacific Alliance: a gap with the peer that fills it, that programme's page, and the
// matrix download equals the table. axe (WCAG 2.2 A/AA) on every new page at 375 and 1440 px, in
// English and Spanish. Screenshots: test/artifacts/60-*.png.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../support/csv.js';
import { artifacts, startSuite, type Suite } from './server.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let suite: Suite | undefined;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  suite = await startSuite({ support: true });
  ({ url: baseUrl, browser } = suite);
}, 180_000);
afterAll(async () => {
  await suite?.close();
});

async function newPage(width = 1440, height = 900, bypassCSP = false): Promise<Page> {
  // axe is injected as a script tag: only the accessibility test lets it past the page's CSP.
  const ctx = await browser.newContext({ acceptDownloads: true, locale: 'en-US', bypassCSP });
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
const api = async (path: string) => (await fetch(`${baseUrl}${path}`)).json();

/**
 * axe-core's WCAG 2.2 A/AA violations inside `scope` (this module's content: the page's main
 * region, or the profile's section; the site's shared header and other modules' charts are
 * checked by their own tests).
 */
async function axeViolations(page: Page, scope: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run({ include: [include] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  }, scope);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

describe('support measures and directory in the browser', () => {
  it('Peru against the Pacific Alliance: a gap with the peer that fills it, that programme, and the matrix download equals the table', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/countries/PER`);
    const section = page.locator('[data-testid="profile-support"]');
    await section.waitFor();
    await section.locator('[data-testid="profile-support-programmes"] li').first().waitFor();
    await section.locator('[data-testid="profile-support-contacts"] li').first().waitFor();
    await shot(page, '60-profile-support-1440');
    await section.locator('[data-testid="profile-support-gaps"]').click();
    await page.locator('[data-testid="page-support-gaps"]').waitFor();
    expect(new URL(page.url()).searchParams.get('economy')).toBe('PER');

    await page.locator('[data-testid="gaps-peers"]').selectOption('pacific-alliance');
    await page.waitForURL(/peers=pacific-alliance/);
    const expected = await api('/api/support/gaps/PER?peers=pacific-alliance');
    expect(expected.rows.length).toBeGreaterThan(0);
    const gap = expected.rows[0];
    const item = page.locator(`[data-testid="gap-${gap.code}"]`);
    await item.waitFor();
    await expect.poll(() => page.locator('[data-testid="gaps-list"] > li').count()).toBe(expected.rows.length);
    const peer = gap.peers[0];
    const peerLine = item.locator(`[data-testid="gap-${gap.code}-peer-${peer}"]`);
    await peerLine.waitFor();
    const programmeId = gap.programme_ids.find((id: string) => id.startsWith(`sp-${peer.toLowerCase()}-`));
    expect(programmeId).toBeTruthy();
    await peerLine.locator(`[data-testid="gap-programme-${programmeId}"]`).waitFor();
    await shot(page, '60-gaps-pacific-alliance-1440');

    // The matrix download equals the table on the page, row by row and cell by cell.
    const matrixSection = page.locator('[data-testid="gaps-matrix-section"]');
    const table = matrixSection.locator('[data-testid="gaps-matrix"] table');
    await table.locator('tbody tr').first().waitFor();
    const shown = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-row-id'), ...[...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())]));
    const menu = matrixSection.locator('[data-testid="download-menu"]').first();
    await menu.locator('[data-testid="download-menu-button"]').click();
    const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('[data-testid="download-csv"]').click()]);
    const csv = csvRecords(readFileSync((await download.path())!, 'utf8'));
    await page.keyboard.press('Escape');
    expect(csv.map((r) => r.iso3)).toEqual(['PER', 'CHL', 'COL', 'MEX']);
    const codes = Object.keys(csv[0]).filter((k) => !['iso3', 'name_en', 'role', 'programmes'].includes(k));
    expect(shown).toEqual(csv.map((r) => [r.iso3, r.programmes, ...codes.map((c) => r[c])]));
    // The gap is absent at home and present at the peer in that very table.
    const home = csv.find((r) => r.iso3 === 'PER')!;
    expect(home[gap.code]).toBe('0');
    expect(Number(csv.find((r) => r.iso3 === peer)![gap.code])).toBeGreaterThan(0);

    await peerLine.locator(`[data-testid="gap-programme-${programmeId}"]`).click();
    await page.locator('[data-testid="page-support-programme"] [data-testid="programme-title"]').waitFor();
    const programme = (await api(`/api/support/programmes/${programmeId}`)).programme;
    expect(await page.locator('[data-testid="programme-title"]').textContent()).toBe(programme.programme);
    expect(programme.iso3).toBe(peer);
    expect(programme.types).toContain(gap.code);
    expect(await page.locator('[data-testid="programme-types"]').textContent()).toContain(programme.type_text);
    await shot(page, '60-programme-1440');
    await page.context().close();
  }, 120_000);

  it('the question "what do my peers offer women-led or first-time digital exporters?" is answered with the target filter', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/support/gaps?economy=PER&target=women~first_time_exporters~digital_exporters&k=1`);
    await page.locator('[data-testid="gaps-summary"]').waitFor();
    const expected = await api('/api/support/gaps/PER?target=women~first_time_exporters~digital_exporters&k=1');
    await expect.poll(() => page.locator('[data-testid="gaps-list"] > li').count()).toBe(expected.rows.length);
    expect(await page.locator('[data-testid="gaps-target-women"]').isChecked()).toBe(true);
    await page.context().close();
  }, 60_000);

  it('search finds programmes in English and Spanish, accents ignored; the directory shows "to be verified", known changes and coverage', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/support?lang=es`);
    await page.locator('[data-testid="support-search"]').fill('exportacion');
    await page.locator('[data-testid="support-search-go"]').click();
    await page.waitForURL(/q=exportacion/);
    const expected = await api('/api/support/programmes?q=exportaci%C3%B3n');
    await expect.poll(() => page.locator('[data-testid="support-table"] tbody tr').count()).toBe(Math.min(expected.rows.length, 50));
    await shot(page, '60-support-search-es-1440');

    await page.goto(`${baseUrl}/directory?economy=MEX`);
    await page.locator('[data-testid="directory-table"] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid="known-change"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="to-verify"]').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="directory-coverage"] tbody tr').nth(35).waitFor();
    const [vcf] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="directory-vcard"]').click()]);
    expect(vcf.suggestedFilename()).toBe('puente-directory-mex.vcf');
    const text = readFileSync((await vcf.path())!, 'utf8');
    const entries = await api('/api/directory/entries?economy=MEX');
    expect(text.match(/BEGIN:VCARD/g)).toHaveLength(entries.rows.length);
    await shot(page, '60-directory-mex-1440');
    await page.context().close();
  }, 60_000);

  it('no axe violations (WCAG 2.2 A/AA) on the new pages at 375 and 1440 px, in English and Spanish', async () => {
    const id = (await api('/api/support/programmes?economy=PER')).rows[0].id;
    const pages: [string, string, string][] = [
      ['support', '/support', '[data-testid="support-table"] tbody tr'],
      ['gaps', '/support/gaps?economy=PER&peers=pacific-alliance', '[data-testid="gaps-matrix"] tbody tr'],
      ['programme', `/support/programmes/${id}`, '[data-testid="programme-facts"]'],
      ['directory', '/directory?economy=PER', '[data-testid="directory-coverage"] tbody tr'],
      ['profile', '/countries/PER', '[data-testid="profile-support-contacts"] li'],
    ];
    const failures: string[] = [];
    for (const width of [375, 1440]) {
      for (const lang of ['en', 'es']) {
        const page = await newPage(width, 800, true);
        for (const [name, path, ready] of pages) {
          await page.goto(`${baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
          await page.locator(ready).first().waitFor();
          await page.waitForLoadState('networkidle');
          if (name !== 'profile') await shot(page, `60-${name}-${lang}-${width}`);
          for (const v of await axeViolations(page, name === 'profile' ? '[data-testid="profile-support"]' : '#main')) failures.push(`${name} ${lang} ${width}: ${v}`);
        }
        await page.context().close();
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
