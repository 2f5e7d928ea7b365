// Browser tests of the trade facilitation pages: Debian's Chromium driving the real web app over an
// in-process server loaded from ../shared/data (facilitation + the low-value export channels).
// Paraguay: six rounds of its overall score, Spanish, the next measures, and the trend chart's CSV
// equal to what is drawn. axe (WCAG 2.2 A/AA) on both pages at 375 and 1440 px.
// Screenshots: test/artifacts/60-facilitation-*.png.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../support/csv.js';
import { artifacts, sharedData, startSuite, type Suite } from './server.js';

const scores = csvRecords(readFileSync(`${sharedData}facilitation/tf_scores.csv`, 'utf8'));
const official = (iso3: string) => scores.filter((r) => r.iso3 === iso3 && r.source_url.includes('untfsurvey.org'));
const pryOverall = official('PRY')
  .filter((r) => r.group === 'overall')
  .map((r) => [Number(r.round), Number(r.score_pct)] as const)
  .sort((a, b) => a[0] - b[0]);
const messages = (lang: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../web/src/i18n/${lang}.json`, import.meta.url)), 'utf8'));
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

let suite: Suite | undefined;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  suite = await startSuite({ facilitation: true });
  ({ url: baseUrl, browser } = suite);
});
afterAll(async () => {
  await suite?.close();
});

async function newPage(width = 1440, height = 900): Promise<Page> {
  // bypassCSP: axe is injected as a script tag; the app's own CSP allows none.
  const ctx = await browser.newContext({ acceptDownloads: true, locale: 'en-US', bypassCSP: true });
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });

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

interface Point {
  series: string;
  round: number;
  value: number;
}
/**
 * The points a line chart draws, read back from the SVG: each dot's colour names its series (the
 * legend's swatches), its x position its round and its y position its value (both axes inverted
 * from their tick labels), so what is compared is what is on the screen.
 */
async function drawnPoints(page: Page, chart: string): Promise<Point[]> {
  return page.$eval(`[data-testid="${chart}"]`, (root) => {
    const num = (t: string) => Number(t.replace(/\u2212/g, '-').replace(/\s/g, '').replace(',', '.'));
    const ticks = (axis: string) =>
      [...root.querySelectorAll(`g[data-plot-mark="${axis}-axis tick label"] text`)].map((t) => {
        const m = /translate\(([-\d.]+),\s*([-\d.]+)\)/.exec(t.getAttribute('transform') ?? '')!;
        return { x: Number(m[1]), y: Number(m[2]), v: num(t.textContent ?? '') };
      });
    const fit = (pts: { px: number; v: number }[]) => {
      const [a, b] = [pts[0], pts[pts.length - 1]];
      const k = (b.v - a.v) / (b.px - a.px);
      return (px: number) => a.v + (px - a.px) * k;
    };
    const y = fit(ticks('y').map((t) => ({ px: t.y, v: t.v })));
    const x = fit(ticks('x').map((t) => ({ px: t.x, v: t.v })));
    const series = new Map([...root.querySelectorAll('li[data-series]')].map((li) => [li.querySelector('line')!.getAttribute('stroke')!.toLowerCase(), li.getAttribute('data-series')!]));
    return [...root.querySelectorAll('g[data-plot-mark="dot"] circle')].map((c) => ({
      series: series.get((c.getAttribute('fill') ?? '').toLowerCase()) ?? '?',
      round: Math.round(x(Number(c.getAttribute('cx')))),
      value: y(Number(c.getAttribute('cy'))),
    }));
  });
}

const key = (p: { series: string; round: number }) => `${p.series}|${p.round}`;
function expectSamePoints(drawn: Point[], rows: Point[]) {
  expect(drawn.map(key).sort()).toEqual(rows.map(key).sort());
  const byKey = new Map(rows.map((r) => [key(r), r.value]));
  for (const p of drawn) expect(p.value, key(p)).toBeCloseTo(byKey.get(key(p))!, 6);
}

async function axe(page: Page): Promise<{ id: string; nodes: number; help: string; where: string[] }[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v: { id: string; nodes: { target: string[]; html: string }[]; help: string }) => ({ id: v.id, nodes: v.nodes.length, help: v.help, where: v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.html.slice(0, 160)}`) }));
  });
}

describe('Paraguay', () => {
  it('six rounds of its overall score; Spanish; the next measures; the chart CSV equals what is drawn', async () => {
    expect(pryOverall).toHaveLength(6);
    const page = await newPage();
    await page.goto(`${baseUrl}/facilitation/PRY`);
    await page.locator('[data-testid="tf-trend-chart-figure"] g[data-series="overall"]').waitFor({ state: 'attached' });
    const drawnEn = await drawnPoints(page, 'tf-trend-chart');
    const overallEn = drawnEn.filter((p) => p.series === 'overall').sort((a, b) => a.round - b.round);
    expect(overallEn.map((p) => p.round)).toEqual(pryOverall.map(([r]) => r));
    overallEn.forEach((p, i) => expect(p.value).toBeCloseTo(pryOverall[i][1], 6));
    await shot(page, '60-facilitation-pry-1440-en');

    // Spanish, through the language menu.
    await page.locator('[data-testid="language-switch"]').selectOption('es');
    await page.waitForFunction(() => document.documentElement.lang === 'es');
    const es = messages('es').facilitation;
    expect(await page.locator('h1').textContent()).toBe(es.economyTitle.replace('{{name}}', 'Paraguay'));
    await page.locator('[data-testid="tf-trend-chart-figure"] g[data-series="overall"]').waitFor({ state: 'attached' });

    // The chart's CSV: every row is a drawn point, and every drawn point a row.
    const csv = await downloadCsv(page, 'tf-trend');
    const drawn = await drawnPoints(page, 'tf-trend-chart');
    expect(drawn).toHaveLength(csv.length);
    expectSamePoints(drawn, csv.map((r) => ({ series: r.group, round: Number(r.round), value: Number(r.score_pct) })));
    // ...and the CSV's overall rows are the file's untfsurvey.org values (the secondary 2021 quote listed, not drawn).
    expect(csv.filter((r) => r.group === 'overall').map((r) => [Number(r.round), Number(r.score_pct)])).toEqual(pryOverall.map(([r, v]) => [r, v]));
    const r2021 = csv.find((r) => r.group === 'overall' && r.round === '2021')!;
    expect(r2021.other_values).toMatch(/secondary/);
    await page.locator('[data-testid="tf-note-conflict"]').first().waitFor();

    // The next measures: closed until opened; in Spanish; its state in the URL.
    expect(await page.locator('[data-testid="tf-next-list"]').isVisible()).toBe(false);
    await page.locator('[data-testid="tf-next-toggle"]').click();
    await page.locator('[data-testid="tf-next-list"] li[data-measure]').first().waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('open');
    const items = await page.$$eval('[data-testid="tf-next-list"] > li', (lis) => lis.map((li) => ({ measure: li.getAttribute('data-measure')!, stage: li.getAttribute('data-stage')!, name: li.querySelector('.tf-next__name')?.textContent ?? '' })));
    const api = await (await fetch(`${baseUrl}/api/facilitation/economies/PRY/next`)).json();
    expect(items.map((i) => i.measure)).toEqual(api.rows.map((r: { measure: string }) => r.measure));
    for (const i of items) expect(i.name).toBe(es.measure[i.measure]);
    expect(items.map((i) => i.stage)).toEqual([...items.map((i) => i.stage)].sort());
    await shot(page, '60-facilitation-pry-1440-es-next');
    await page.locator('[data-testid="tf-next"]').screenshot({ path: `${artifacts}60-facilitation-pry-1440-es-next-section.png` });
    await page.close();
  });

  it('a shared link reopens the same view: table, peers and the open list', async () => {
    const page = await newPage(1440);
    await page.goto(`${baseUrl}/facilitation/PRY?trendView=table&group=mercosur&next=open&lang=es`);
    await page.locator('[data-testid="tf-trend-table"] tbody tr').first().waitFor();
    await page.locator('[data-testid="tf-next-list"] li').first().waitFor();
    expect(await page.locator('[data-testid="tf-peer-group"]').inputValue()).toBe('mercosur');
    const rows = await page.locator('[data-testid="tf-trend-table"] tbody tr').count();
    const csv = await (await fetch(`${baseUrl}/api/facilitation/scores.csv?country=PRY`)).text();
    expect(rows).toBe(csvRecords(csv).length);
    await page.close();
  });
});

describe('Argentina', () => {
  it("shows its low-value export channels with their sources, as in the file", async () => {
    const channels = csvRecords(readFileSync(`${sharedData}processes/low_value_export_channels.csv`, 'utf8')).filter((r) => r.iso3 === 'ARG');
    const page = await newPage(1440);
    await page.goto(`${baseUrl}/facilitation/ARG`);
    await page.locator('[data-testid="tf-channels-table"] tbody tr').first().waitFor();
    const cells = await page.$$eval('[data-testid="tf-channels-table"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('th,td')].map((c) => c.textContent?.trim() ?? '')));
    expect(cells.map((c) => `${c[0]}|${c[1]}`).sort()).toEqual(channels.map((r) => `${r.channel}|${r.parameter}`).sort());
    const links = await page.$$eval('[data-testid="tf-channels"] a[href^="http"]', (as) => as.map((a) => a.getAttribute('href')));
    for (const url of new Set(channels.map((r) => r.source_url))) expect(links).toContain(url);
    await page.locator('[data-testid="tf-channels"]').screenshot({ path: `${artifacts}60-facilitation-arg-1440-en-tf-channels.png` });
    await page.close();
  });
});

describe('comparison page', () => {
  it('a round on the map and in the table, averages with n, the matrix', async () => {
    const page = await newPage(1440);
    await page.goto(`${baseUrl}/facilitation?round=2025&view=table`);
    await page.locator('[data-testid="tf-comparison-table"] tbody tr').first().waitFor();
    const withScore = new Set(scores.filter((r) => r.round === '2025').map((r) => r.iso3));
    expect(await page.locator('[data-testid="tf-comparison-table"] tbody tr').count()).toBe(withScore.size);
    const avg = (await page.locator('[data-testid="tf-avg-fealac"]').textContent()) ?? '';
    expect(avg).toContain(`n = ${withScore.size}`);
    await page.locator('[data-testid="tf-status-matrix"] tbody tr').first().waitFor();
    const economies = await page.$$eval('[data-testid="tf-status-matrix"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-iso3')));
    const measures = csvRecords(readFileSync(`${sharedData}facilitation/tf_measures.csv`, 'utf8'));
    expect(economies.sort()).toEqual([...new Set(measures.filter((m) => m.round === '2025').map((m) => m.iso3))].sort());
    await shot(page, '60-facilitation-compare-1440-en-table');
    await page.close();
  });

  for (const lang of ['en', 'es']) {
    for (const width of [375, 1440]) {
      it(`fits ${width} px in ${lang}, with no axe violations on either page`, async () => {
        for (const [path, ready, name] of [
          ['/facilitation', '[data-testid="tf-map"] path[data-iso3]', 'compare'],
          ['/facilitation/PRY?next=open', '[data-testid="tf-next-list"] li', 'pry'],
        ] as const) {
          const page = await newPage(width, 900);
          await page.goto(`${baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
          await page.waitForFunction((l) => document.documentElement.lang === l, lang);
          await page.locator(ready).first().waitFor({ state: 'attached' });
          await page.locator('[data-testid="tf-trend-chart-figure"] svg, [data-testid="tf-map"] svg').first().waitFor({ state: 'attached' });
          expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
          await shot(page, `60-facilitation-${name}-${width}-${lang}`);
          // Each section on its own too, to read at full size.
          const sections = name === 'pry' ? ['tf-trend', 'tf-averages', 'tf-measures', 'tf-next', 'tf-gaps', 'tf-channels'] : ['tf-comparison', 'tf-matrix', 'tf-sequence'];
          for (const section of sections) await page.locator(`[data-testid="${section}"]`).screenshot({ path: `${artifacts}60-facilitation-${name}-${width}-${lang}-${section}.png` });
          const violations = await axe(page);
          expect(violations, JSON.stringify(violations)).toEqual([]);
          await page.close();
        }
      });
    }
  }
});
