// Charts people can reuse (issue #15, items 4 and 8): SVG and PNG downloads with the chart's title
// and source line drawn in, an embed code and its chart-only route, end labels on line charts.
// Debian's Chromium (headless) over an in-process server loaded from ../shared/data.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, startSuite, type Suite } from './server.js';

let suite: Suite;

beforeAll(async () => {
  suite = await startSuite({ marketplaces: true });
}, 180_000);
afterAll(async () => {
  await suite?.close();
});

const EXPLORER = '/indicators/IT.NET.USER.ZS?view=chart&country=PER~CHL~MEX';

async function open(path: string, width: number, lang: string): Promise<Page> {
  const ctx = await suite.browser.newContext({ acceptDownloads: true, locale: lang === 'es' ? 'es-ES' : 'en-US' });
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  await page.goto(`${suite.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
  return page;
}

/** The source line under the chart as the page shows it, in plain words. */
async function sourceText(page: Page): Promise<string> {
  return (await page.locator('[data-testid="source-line"]').first().innerText()).replace(/\s+/g, ' ').trim();
}

describe('chart downloads and embeds', () => {
  it('the indicator explorer: SVG has the title and the source line, PNG is the SVG at 2x', async () => {
    const page = await open(EXPLORER, 1440, 'en');
    const figure = page.locator('[data-testid="indicator-chart-figure"]');
    await figure.locator('svg [data-series="PER"]').first().waitFor({ timeout: 60_000 });
    const source = await sourceText(page);
    expect(source).toContain('World Bank');
    const heading = (await page.locator('[data-testid="explorer-title"]').innerText()).trim();

    const [svgDownload] = await Promise.all([page.waitForEvent('download'), figure.locator('[data-testid="chart-download-svg"]').click()]);
    expect(svgDownload.suggestedFilename()).toMatch(/^puente-.*\.svg$/);
    const svg = readFileSync((await svgDownload.path())!, 'utf8');
    expect(svg).toContain(heading.replace(/&/g, '&amp;'));
    expect(svg).toContain('Peru, Chile, Mexico');
    expect(svg).toContain('World Bank');
    expect(svg).toMatch(/Licence: [^<.]+\./);
    expect(svg).toMatch(/Puente · http:\/\/[^<]+\/indicators\/IT\.NET\.USER\.ZS/);
    expect(svg).toContain('data-series="PER"');
    // The same facts as the SourceLine: each source's publisher and its licence.
    const publisher = await page.locator('[data-testid="source-line"] [data-source-id]').first().innerText();
    expect(svg).toContain(publisher.replace(/^;?\s*/, '').split(/[.(]/)[0].trim().replace(/&/g, '&amp;'));
    const synthetic = await page.locator('[data-testid="source-line"] .badge--synthetic').count();
    expect(svg.includes('SYNTHETIC')).toBe(synthetic > 0);
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    const height = Number(/<svg[^>]* height="(\d+)"/.exec(svg)![1]);

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), figure.locator('[data-testid="chart-download-png"]').click()]);
    expect(pngDownload.suggestedFilename()).toMatch(/^puente-.*\.png$/);
    const png = readFileSync((await pngDownload.path())!);
    await pngDownload.saveAs(`${artifacts}chart-export-indicator.png`);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(width * 2);
    expect(png.readUInt32BE(20)).toBe(height * 2);
    await page.context().close();
  }, 180_000);

  it('the line chart labels its lines at their ends, in distinct colours', async () => {
    const page = await open(EXPLORER, 1440, 'en');
    const figure = page.locator('[data-testid="indicator-chart-figure"]');
    await figure.locator('svg [data-series="PER"]').first().waitFor({ timeout: 60_000 });
    const labels = figure.locator('[data-end-labels] text');
    const texts = await labels.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(texts.map((s) => s.replace(/\s+/g, ' ').trim()).sort()).toEqual(['Chile', 'Mexico', 'Peru']);
    const fills = await labels.evaluateAll((els) => els.map((e) => e.getAttribute('fill')));
    expect(new Set(fills).size).toBe(3);
    // Not on top of each other: at least 10 px apart vertically.
    const ys = (await labels.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top))).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(10);
    await page.context().close();
  }, 120_000);

  it('the embed code points at the chart-only route, which shows the chart, its source and a link back (375 and 1440 px, en and es)', async () => {
    const page = await open(EXPLORER, 1440, 'en');
    const figure = page.locator('[data-testid="indicator-chart-figure"]');
    await figure.locator('svg [data-series="PER"]').first().waitFor({ timeout: 60_000 });
    await figure.locator('[data-testid="chart-embed-button"]').click();
    const code = await page.locator('[data-testid="chart-embed-code"]').inputValue();
    expect(code).toMatch(/^<iframe src="http:\/\/[^"]+\/embed\/indicators\/IT\.NET\.USER\.ZS\?[^"]*country=PER~CHL~MEX[^"]*lang=en" title="[^"]+"/);
    const src = /src="([^"]+)"/.exec(code)![1].replace(/&amp;/g, '&');
    const pageSource = await sourceText(page);
    const heading = (await page.locator('[data-testid="explorer-title"]').innerText()).trim();
    await page.context().close();

    const path = new URL(src).pathname + new URL(src).search.replace(/[?&]lang=en/, '');
    for (const [width, lang] of [[375, 'en'], [1440, 'en'], [375, 'es'], [1440, 'es']] as const) {
      const embed = await open(path, width, lang);
      await embed.locator('[data-testid="indicator-chart-figure"] svg [data-series="PER"]').first().waitFor({ timeout: 60_000 });
      expect(await embed.locator('.site-header').count()).toBe(0);
      const title = await embed.locator('[data-testid="embed-title"]').innerText();
      if (lang === 'en') expect(title).toContain(heading);
      else expect(title).toMatch(/Internet/);
      const embedSource = await sourceText(embed);
      expect(embedSource).toContain('World Bank');
      if (lang === 'en') expect(embedSource).toBe(pageSource);
      const back = await embed.locator('[data-testid="embed-back"]').getAttribute('href');
      expect(back).toMatch(new RegExp(`^/indicators/IT\\.NET\\.USER\\.ZS\\?(.*&)?country=PER~CHL~MEX.*lang=${lang}`));
      // Nothing wider than the frame.
      expect(await embed.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await embed.screenshot({ path: `${artifacts}embed-indicator-${lang}-${width}.png`, fullPage: true });
      await embed.context().close();
    }
  }, 240_000);

  it('the chart-only route may be framed by another site, the page itself may not', async () => {
    const embed = await fetch(`${suite.url}/embed/indicators/IT.NET.USER.ZS`);
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(embed.headers.get('x-frame-options')).toBeNull();
    const page = await fetch(`${suite.url}/indicators/IT.NET.USER.ZS`);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('the marketplace traffic chart: end labels, an SVG with its source, an embed route', async () => {
    const page = await open('/marketplaces', 1440, 'es');
    const figure = page.locator('[data-testid="traffic-chart-figure"]');
    await figure.locator('[data-end-labels] text').first().waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), figure.locator('[data-testid="chart-download-svg"]').click()]);
    const svg = readFileSync((await download.path())!, 'utf8');
    expect(svg).toContain('Licencia');
    expect(svg).toContain('Visitas');
    await page.context().close();
    const embed = await open('/embed/marketplaces', 375, 'es');
    await embed.locator('[data-testid="traffic-chart-figure"] svg').first().waitFor({ timeout: 60_000 });
    expect(await sourceText(embed)).toMatch(/^Fuentes?:/);
    await embed.screenshot({ path: `${artifacts}embed-traffic-es-375.png`, fullPage: true });
    await embed.context().close();
  }, 180_000);
});
