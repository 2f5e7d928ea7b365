// Layout sweep (issue #16): every page at 375 px and 1440 px, in English and Spanish, screenshot
// kept in test/artifacts/layout/, and checked in the DOM for what a reader would see as broken:
// an element wider than its box or than the screen (outside intentional scroll boxes), SVG text
// cut off by its chart, a download menu off the screen, a sentence with an empty value in it.
// Also the top lists of item 8, the home page's module list of item 9 and the 404 pages.
// PUENTE_E2E_URL=http://127.0.0.1:8080 runs the same tests against an already running server.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, startSuite, type Suite } from './server.js';

let suite: Suite | undefined;
let browser: Browser;
let baseUrl: string;
const dir = `${artifacts}layout/`;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  suite = await startSuite({ marketplaces: true, regulation: true, support: true });
  ({ url: baseUrl, browser } = suite);
}, 300_000);

afterAll(async () => {
  await suite?.close();
});

async function newPage(width: number, lang = 'en', height = 900): Promise<Page> {
  const ctx = await browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-US', viewport: { width, height } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return page;
}

/** Open a path in a language and wait until the page has its data (no spinner left). */
async function open(page: Page, path: string, lang: string, testid: string): Promise<void> {
  await page.goto(`${baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
  await page.locator(`[data-testid="${testid}"]`).waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="loading"]').length === 0);
  // Charts draw after measuring their width.
  await page.waitForTimeout(0);
}

interface Defect {
  kind: string;
  what: string;
}

/**
 * What overflows, as the DOM sees it. Elements inside a horizontal scroll container (a wide table
 * in its overflow-x: auto box) may be wider than the screen: that is the intent. Everything else
 * must fit its own box and the viewport, and every SVG text must lie inside its chart.
 */
function findDefects(page: Page): Promise<Defect[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out: { kind: string; what: string }[] = [];
    const name = (el: Element) => {
      const id = el.closest('[data-testid]')?.getAttribute('data-testid');
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
      return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} in [${id ?? '-'}] "${text}"`;
    };
    const scrolls = (el: Element) => {
      const s = getComputedStyle(el);
      return s.overflowX === 'auto' || s.overflowX === 'scroll';
    };
    const inScroller = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) return true;
      return false;
    };
    const hidden = (el: Element) => {
      const s = getComputedStyle(el);
      return s.display === 'none' || s.visibility === 'hidden' || el.closest('.sr-only') !== null || el.closest('details:not([open]) > :not(summary)') !== null;
    };
    for (const el of document.querySelectorAll('body *')) {
      if (el instanceof SVGElement && !(el instanceof SVGSVGElement)) continue;
      if (hidden(el) || inScroller(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // Parked off-screen on purpose until focused (the skip link).
      if (r.right <= 0 || el.classList.contains('skip-link')) continue;
      if (r.right > vw + 1 || r.left < -1) out.push({ kind: 'off-screen', what: `${name(el)} spans ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}` });
      const s = getComputedStyle(el);
      if (!scrolls(el) && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && s.overflowX !== 'hidden' && s.overflowX !== 'clip') {
        out.push({ kind: 'overflow', what: `${name(el)} is ${el.scrollWidth}px wide in a ${el.clientWidth}px box` });
      }
    }
    // Chart text cut off by its SVG (axis labels, tick labels, bar labels).
    for (const svg of document.querySelectorAll('svg')) {
      if (hidden(svg)) continue;
      const box = svg.getBoundingClientRect();
      if (box.width < 40) continue;
      for (const t of svg.querySelectorAll('text')) {
        const r = t.getBoundingClientRect();
        if (r.width === 0 || !(t.textContent ?? '').trim()) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
          out.push({ kind: 'clipped-text', what: `"${t.textContent}" at ${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} of a ${Math.round(box.width)}px chart in [${svg.closest('[data-testid]')?.getAttribute('data-testid') ?? '-'}]` });
        }
      }
    }
    // Sentences with a hole where a value should be: "Reference year , values from -5 on", "Default ()".
    const text = document.querySelector('main')?.textContent ?? document.body.textContent ?? '';
    for (const re of [/\(\s*\)/, /[^\s] ,/, /\bNaN\b/, /\bundefined\b/, /\{\{/, /Invalid Date/, /from -\d/, /desde -\d/]) {
      const m = re.exec(text);
      if (m) out.push({ kind: 'empty-value', what: `"${text.slice(Math.max(0, m.index - 40), m.index + 40)}"` });
    }
    return out;
  });
}

const PAGES: [name: string, path: string, testid: string][] = [
  ['home', '/', 'module-status'],
  ['countries', '/countries', 'page-countries'],
  ['country', '/countries/CHN', 'country-top-sites'],
  ['indicators', '/indicators', 'page-indicators'],
  ['indicator', '/indicators/IT.NET.USER.ZS', 'page-explorer'],
  ['readiness', '/readiness', 'page-readiness'],
  ['readiness-table', '/readiness?view=table&peer=CHL~MEX', 'readiness-table'],
  ['marketplaces', '/marketplaces', 'explorer-top-sites'],
  ['marketplaces-table', '/marketplaces?view=table', 'marketplace-table'],
  ['marketplaces-flows', '/marketplaces?view=flows', 'flows-table'],
  ['marketplace', '/marketplaces/mercadolibre', 'marketplace-top-sites'],
  ['correlations', '/marketplaces/correlations?metric=visits', 'correlation-stats'],
  ['regulation', '/regulation', 'page-regulation'],
  ['regulation-profile', '/regulation/PER', 'page-regulation-profile'],
  ['regulation-compare', '/regulation/compare?economies=PER~CHL~MEX~COL', 'page-regulation-compare'],
  ['regulation-pair', '/regulation/pair?a=PER&b=CHL', 'page-regulation-pair'],
  ['regulation-simulate', '/regulation/simulate', 'page-regulation-simulate'],
  ['support', '/support', 'support-table'],
  ['support-gaps', '/support/gaps?economy=PER&peers=pacific-alliance', 'gaps-matrix'],
  ['directory', '/directory?economy=MEX', 'directory-coverage'],
  ['404', '/no-such-page', 'page-not-found'],
  ['404-country', '/countries/XXX', 'page-not-found'],
  ['404-marketplace', '/marketplaces/no-such-marketplace', 'page-not-found'],
  ['404-indicator', '/indicators/NO.SUCH.CODE', 'page-not-found'],
  ['404-regulation', '/regulation/XXX', 'page-not-found'],
];

describe.each([375, 1440])('every page at %i px', (width) => {
  it.each(['en', 'es'])('in %s: nothing overflows, nothing is clipped, no empty value', async (lang) => {
    const page = await newPage(width, lang);
    const defects: string[] = [];
    for (const [name, path, testid] of PAGES) {
      await open(page, path, lang, testid);
      await page.screenshot({ path: `${dir}${name}-${width}-${lang}.png`, fullPage: true });
      for (const d of await findDefects(page)) defects.push(`${name}: ${d.kind}: ${d.what}`);
    }
    await page.context().close();
    expect(defects).toEqual([]);
  }, 600_000);
});

describe('download menu on a phone', () => {
  it('opens inside the screen, wherever its button is', async () => {
    const page = await newPage(375);
    const off: string[] = [];
    for (const [name, path, testid] of PAGES.filter(([n]) => ['marketplaces', 'marketplace', 'country', 'indicator', 'readiness'].includes(n))) {
      await open(page, path, 'es', testid);
      const menus = page.locator('[data-testid="download-menu"]');
      const n = await menus.count();
      expect(n, name).toBeGreaterThan(0);
      for (let i = 0; i < n; i++) {
        const menu = menus.nth(i);
        await menu.locator('[data-testid="download-menu-button"]').scrollIntoViewIfNeeded();
        await menu.locator('[data-testid="download-menu-button"]').click();
        const panel = menu.locator('.download-menu__panel');
        await panel.waitFor();
        // The menu places its panel when it opens (a toggle event): wait until it has.
        await panel.evaluate((el) => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const box = await panel.boundingBox();
        if (!box || box.x < 0 || box.x + box.width > 375) off.push(`${name} #${i}: ${box ? `${Math.round(box.x)}..${Math.round(box.x + box.width)}` : 'not shown'}`);
        if (i === 0) await page.screenshot({ path: `${dir}download-menu-${name}-375.png` });
        await page.keyboard.press('Escape');
      }
    }
    await page.context().close();
    expect(off).toEqual([]);
  }, 300_000);
});

describe('the open top lists (item 8)', () => {
  const rowsOf = (page: Page, testid: string) =>
    page.$$eval(`[data-testid="${testid}-table"] tbody tr[data-row-id]`, (trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));

  it('the country page lists the most visited e-commerce sites by rank, with their marketplace, licence and snapshot', async () => {
    const page = await newPage(1440, 'es');
    await open(page, '/countries/CHN', 'es', 'country-top-sites-table');
    const api = await (await fetch(`${baseUrl}/api/top-sites?economy=CHN`)).json();
    expect(api.rows.length).toBeGreaterThan(0);
    const rows = await rowsOf(page, 'country-top-sites');
    // Rank, domain, marketplace: the API's rows in rank order (not alphabetical).
    expect(rows.map((r) => [Number(r[0]), r[1]])).toEqual(api.rows.map((r: any) => [r.rank, r.domain]));
    expect(rows.map((r) => Number(r[0]))).toEqual([...rows.map((r) => Number(r[0]))].sort((a, b) => a - b));
    const matched = api.rows.find((r: any) => r.marketplace_id);
    await page.locator(`[data-testid="country-top-sites"] [data-testid="top-site-marketplace-${matched.marketplace_id}"]`).waitFor();
    const section = (await page.locator('[data-testid="country-top-sites"]').textContent()) ?? '';
    expect(section).toContain('CC BY-NC 4.0');
    expect(section).toContain('mayo de 2024');
    await page.context().close();
  });

  it('the explorer lists them for the filter\'s economies; the profile lists a marketplace\'s ranks', async () => {
    const page = await newPage(1440);
    await open(page, '/marketplaces?economy=BRA~CHN', 'en', 'explorer-top-sites-table');
    const api = await (await fetch(`${baseUrl}/api/top-sites?economy=BRA~CHN`)).json();
    const rows = await rowsOf(page, 'explorer-top-sites');
    expect(rows.map((r) => r[2])).toEqual(api.rows.map((r: any) => r.domain));
    // The economy cell links to its country page: only the two economies asked for.
    const economies = await page.$$eval('[data-testid="explorer-top-sites-table"] tbody tr[data-row-id] th a', (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(new Set(economies)).toEqual(new Set(['/countries/BRA', '/countries/CHN']));

    await open(page, '/marketplaces/amazon', 'en', 'marketplace-top-sites-table');
    const ranks = await (await fetch(`${baseUrl}/api/top-sites?marketplace=amazon`)).json();
    expect(ranks.rows.length).toBeGreaterThan(1);
    const shown = await rowsOf(page, 'marketplace-top-sites');
    expect(shown).toHaveLength(ranks.rows.length);
    expect(shown.map((r) => Number(r[1]))).toEqual(ranks.rows.map((r: any) => r.rank));
    // The registry's facts and the synthetic reach say what they are.
    const profile = await (await fetch(`${baseUrl}/api/marketplaces/amazon`)).json();
    for (const [testid, value] of [
      ['marketplace-payment', profile.marketplace.payment_services],
      ['marketplace-logistics', profile.marketplace.logistics_services],
      ['marketplace-msme', profile.marketplace.msme_sellers_note],
    ]) {
      if (value) expect(await page.locator(`[data-testid="${testid}"]`).textContent()).toBe(value);
      else await page.locator(`[data-testid="${testid}"] [data-testid="missing-value"]`).waitFor();
    }
    expect(await page.locator('[data-testid="marketplace-source-links"] a').count()).toBeGreaterThan(0);
    expect(profile.reach.synthetic).toBe(true);
    await page.locator('[data-testid="reach-synthetic"]').waitFor();
    await page.locator('[data-testid="headline-visits-synthetic"]').waitFor();
    // Domain evidence is a column of the websites table.
    expect(await page.locator('[data-testid="website-table"] thead').textContent()).toContain('Domain evidence');
    await page.context().close();
  });
});

describe('figures derived from synthetic data say so (item 7)', () => {
  it('reach, headline figures, the view, the flow matrix and the correlation statistics carry the label', async () => {
    const page = await newPage(1440, 'es');
    await open(page, '/marketplaces/mercadolibre', 'es', 'marketplace-top-sites');
    const reach = (await (await fetch(`${baseUrl}/api/marketplaces/mercadolibre`)).json()).reach;
    expect(reach.synthetic).toBe(true);
    expect(await page.locator('[data-testid="reach-synthetic"]').textContent()).toBe('Sintético');
    for (const k of ['visits', 'yoy', 'cross-border']) await page.locator(`[data-testid="headline-${k}-synthetic"]`).waitFor();

    await open(page, '/marketplaces?view=flows', 'es', 'flows-table');
    await page.locator('[data-testid="view-synthetic"]').waitFor();
    expect(await page.locator('[data-testid="flow-matrix"] .badge--synthetic').count()).toBeGreaterThan(0);

    await open(page, '/marketplaces/correlations', 'es', 'correlation-stats');
    const corr = await (await fetch(`${baseUrl}/api/marketplaces/correlations?indicator=IT.NET.USER.ZS`)).json();
    expect(corr.synthetic).toBe(true);
    await page.locator('[data-testid="correlation-synthetic"]').waitFor();
    await page.context().close();
  });
});

describe('layout defects seen in screenshots (item 10)', () => {
  it('the readiness table shows every column at 1440 px without scrolling', async () => {
    const page = await newPage(1440);
    await open(page, '/readiness?view=table&peer=CHL~MEX', 'en', 'readiness-table');
    const box = await page.$eval('[data-testid="readiness-table"] .data-table__scroll', (el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(box.scroll).toBeLessThanOrEqual(box.client);
    const headers = await page.$$eval('[data-testid="readiness-table"] thead th', (ths) => ths.length);
    // Rank, country, score, percentile, vs median, vs peers and the five components.
    expect(headers).toBe(11);
    await page.context().close();
  });
});

describe('every page says what it has (item 9)', () => {
  it('the home page lists every module with the counts the server reports', async () => {
    const page = await newPage(1440);
    await open(page, '/', 'en', 'module-status');
    const health = await (await fetch(`${baseUrl}/api/-/health`)).json();
    for (const m of ['countries', 'indicators', 'readiness', 'marketplaces', 'regulation', 'facilitation', 'support', 'processes', 'directory', 'assistant']) {
      await page.locator(`[data-testid="module-${m}"]`).waitFor();
    }
    for (const k of ['countries', 'values', 'marketplaces', 'websites', 'popularity_rows', 'traffic_rows', 'cyberlaw_statuses']) {
      expect(Number((await page.locator(`[data-testid="status-${k}"]`).textContent())!.replace(/\D/g, '')), k).toBe(health.counts[k]);
    }
    expect(await page.locator('[data-testid="module-marketplaces"]').getAttribute('data-state')).toBe('loaded');
    await page.locator('[data-testid="module-marketplaces-synthetic"]').waitFor();
    await page.context().close();
  });

  it('says how to load what is missing, the demo included', async () => {
    const page = await newPage(375, 'es');
    // The server's own counts with the marketplace tables empty: the page must say how to fill them.
    await page.route('**/api/-/health', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      for (const k of ['marketplaces', 'websites', 'popularity_rows', 'traffic_rows', 'synthetic_traffic_rows']) body.counts[k] = 0;
      await route.fulfill({ response: res, json: body });
    });
    await open(page, '/', 'es', 'module-status');
    expect(await page.locator('[data-testid="module-marketplaces"]').getAttribute('data-state')).toBe('empty');
    const load = (await page.locator('[data-testid="module-marketplaces-load"]').textContent()) ?? '';
    expect(load).toContain('npx puente import ../shared/data/marketplaces');
    expect(load).toContain('npx puente demo marketplaces');
    expect(await page.locator('[data-testid="module-countries-load"]').count()).toBe(0);
    await page.screenshot({ path: `${dir}home-empty-marketplaces-375-es.png`, fullPage: true });
    expect(await findDefects(page)).toEqual([]);
    await page.context().close();
  });

  it('an empty readiness ranking reads correctly ("Reference year , values from -5 on", "Default ()" no more)', async () => {
    const page = await newPage(375, 'es');
    // The server's own answer with no component value: what a fresh database gives.
    await page.route('**/api/readiness?**', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      await route.fulfill({ response: res, json: { ...body, rows: [], year: null, median: null, peersMedian: null } });
    });
    await page.route('**/api/readiness', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      await route.fulfill({ response: res, json: { ...body, rows: [], year: null, median: null, peersMedian: null } });
    });
    await open(page, '/readiness', 'es', 'readiness-empty');
    expect(await page.locator('[data-testid="readiness-empty"]').textContent()).toContain('npx puente import ../shared/data/indicators');
    expect(await page.locator('[data-testid="readiness-year"] option[value=""]').textContent()).toBe('Predeterminado (último año con datos)');
    expect(await findDefects(page)).toEqual([]);
    await page.screenshot({ path: `${dir}readiness-empty-375-es.png`, fullPage: true });
    await page.context().close();
  });

  it.each([
    ['/countries/XXX', '"XXX"'],
    ['/marketplaces/no-such-marketplace', '"no-such-marketplace"'],
    ['/indicators/NO.SUCH.CODE', '"NO.SUCH.CODE"'],
    ['/regulation/XXX', '"XXX"'],
  ])('%s is a not-found page without the controls and downloads of the missing object', async (path, named) => {
    const page = await newPage(1440);
    await open(page, path, 'en', 'page-not-found');
    expect(await page.locator('[data-testid="not-found-what"]').textContent()).toContain(named);
    const main = page.locator('main');
    expect(await main.locator('[data-testid="download-menu"]').count()).toBe(0);
    expect(await main.locator('select, input, [data-testid="source-line"]').count()).toBe(0);
    await page.locator('[data-testid="not-found-back"]').waitFor();
    await page.context().close();
  });
});
