// Issue #20: every page type of web/src/routes.tsx (one sample URL each, test/e2e/page-types.ts;
// a route without a sample fails here) holds still while it loads, and has no axe-core violation
// (WCAG 2.2 A/AA), in English and Spanish at 375 and 1440 px; the page's head says what it is;
// robots.txt and sitemap.xml are real files that list every page type and every country profile.
// Screenshots in test/artifacts/vitals/. Nothing here is timed: layout shift is a score, not a time.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageTypes, routePatterns, withLangParam, type PageType } from './page-types.js';
import { artifacts, startSuite, type Suite } from './server.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
/** Issue #20's line for a page that holds still (Google's "good" is 0.1). */
const MAX_CLS = 0.05;

let suite: Suite | undefined;
let browser: Browser;
let baseUrl: string;
const dir = `${artifacts}vitals/`;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  suite = await startSuite({ marketplaces: true, regulation: true, facilitation: true, support: true, processes: true, tariffs: true });
  ({ url: baseUrl, browser } = suite);
}, 300_000);

afterAll(async () => {
  await suite?.close();
});

it('every route pattern of web/src/routes.tsx has a sample page (add one to test/e2e/page-types.ts)', () => {
  const patterns = routePatterns();
  expect(patterns).toContain('/');
  expect(() => pageTypes(patterns)).not.toThrow();
  // The check itself bites: a pattern without a sample is named.
  expect(() => pageTypes([...patterns, '/no-sample/:id'])).toThrow(/\/no-sample\/:id/);
});

/** Layout-shift entries (not caused by input) summed from the first paint on, kept on window. */
function recordLayoutShift() {
  const w = window as unknown as { __cls: number; __shifts: { value: number; nodes: string[] }[] };
  w.__cls = 0;
  w.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] })[]) {
      if (e.hadRecentInput) continue;
      w.__cls += e.value;
      const nodes = (e.sources ?? []).map((s) => {
        const el = s.node instanceof Element ? s.node : s.node?.parentElement;
        if (!el) return '?';
        const id = el.closest('[data-testid]')?.getAttribute('data-testid');
        return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}${id ? ` in [${id}]` : ''}`;
      });
      w.__shifts.push({ value: e.value, nodes });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

async function openSettled(page: Page, type: PageType, lang: string): Promise<void> {
  await page.goto(`${baseUrl}${withLangParam(type.path, lang)}`);
  await page.locator(`[data-testid="${type.testid}"]`).first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="loading"]').length === 0);
  // Two frames: charts draw after measuring their width, and shifts are reported after paint.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
}

describe.each([375, 1440])('every page type at %i px', (width) => {
  it.each(['en', 'es'])('in %s: holds still while loading, no axe violation, its own head', async (lang) => {
    const context = await browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-US', viewport: { width, height: 900 } });
    await context.addInitScript(recordLayoutShift);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('[pageerror]', e.message));
    const shifts: string[] = [];
    const violations: string[] = [];
    const heads: { name: string; title: string; description: string; lang: string; canonical: string; badLinks: string[] }[] = [];
    for (const type of pageTypes()) {
      await openSettled(page, type, lang);
      await page.screenshot({ path: `${dir}${type.name}-${width}-${lang}.png`, fullPage: true });
      const { cls, entries } = await page.evaluate(() => {
        const w = window as unknown as { __cls: number; __shifts: { value: number; nodes: string[] }[] };
        return { cls: w.__cls, entries: w.__shifts };
      });
      if (cls > MAX_CLS) {
        shifts.push(`${type.name}: ${cls.toFixed(3)} (${entries.map((e) => `${e.value.toFixed(3)} ${e.nodes.join(', ')}`).join('; ')})`);
      }
      await page.evaluate(AXE_SOURCE);
      const result = (await page.evaluate((tags) => (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<unknown> } }).axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS)) as AxeResult;
      for (const v of result.violations) violations.push(`${type.name}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
      heads.push({
        name: type.name,
        ...(await page.evaluate(() => ({
          title: document.title,
          description: document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '',
          lang: document.documentElement.lang,
          canonical: document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? '',
          // What a crawler cannot follow (Lighthouse's crawlable-anchors): no address, or not one.
          badLinks: [...document.querySelectorAll('a')]
            .map((a) => a.getAttribute('href'))
            .filter((h): h is string => h !== null && (/\s/.test(h.trim()) || /^javascript:/i.test(h) || !URL.canParse(h, document.baseURI))),
        }))),
      });
    }
    await context.close();
    // Joined, so a failure names every page, score and moved element (an array is abbreviated).
    expect.soft(shifts.join('\n'), `layout shift above ${MAX_CLS}`).toBe('');
    expect.soft(violations.join('\n'), 'axe-core violations').toBe('');
    for (const h of heads) {
      expect(h.lang, h.name).toBe(lang);
      expect(h.title, h.name).toMatch(/\S.* · Puente$/);
      expect(h.description.length, `${h.name} description`).toBeGreaterThan(20);
      expect(h.badLinks, `${h.name} links`).toEqual([]);
      const canonical = new URL(h.canonical);
      expect(canonical.searchParams.get('lang'), `${h.name} canonical ${h.canonical}`).toBe(lang);
    }
    // Each page its own title and description (the not-found page may share one with nothing;
    // a page type that redirects, such as a workshop link, shows the head of the page it opens).
    const own = heads.filter((h) => !pageTypes().find((t) => t.name === h.name)?.redirects);
    const titles = own.map((h) => h.title);
    expect(new Set(titles).size, titles.join(' / ')).toBe(titles.length);
    const descriptions = own.map((h) => h.description);
    expect(new Set(descriptions).size, descriptions.join(' / ')).toBe(descriptions.length);
  }, 600_000);
});

describe('robots.txt and sitemap.xml', () => {
  it('robots.txt is a robots file (not the app shell) that points to the sitemap', async () => {
    const res = await fetch(`${baseUrl}/robots.txt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).not.toMatch(/<html/i);
    const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(lines).toContain('User-agent: *');
    // Every line is a known directive (what a robots parser reads).
    for (const l of lines) expect(l).toMatch(/^(User-agent|Allow|Disallow|Sitemap):\s*\S/);
    const sitemap = lines.find((l) => l.startsWith('Sitemap:'))!;
    expect(new URL(sitemap.replace(/^Sitemap:\s*/, '')).pathname).toBe('/sitemap.xml');
    // The API (downloads, twins) is not for crawlers; the pages are.
    expect(lines).toContain('Disallow: /api/');
    expect(lines.some((l) => /^Disallow:\s*\/\s*$/.test(l))).toBe(false);
  });

  it('sitemap.xml is valid XML in the sitemaps.org schema and lists every page type and every country profile', async () => {
    const res = await fetch(`${baseUrl}/sitemap.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'url' || name === 'xhtml:link' }).parse(xml);
    expect(doc.urlset['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const urls: { loc: string; 'xhtml:link'?: { '@_rel': string; '@_hreflang': string; '@_href': string }[] }[] = doc.urlset.url;
    expect(urls.length).toBeLessThanOrEqual(50_000);
    const locs = urls.map((u) => new URL(u.loc));
    for (const l of locs) expect(l.origin).toBe(baseUrl);
    const paths = new Set(locs.map((l) => l.pathname));
    // Every route pattern of the web app has its pages in the sitemap (the not-found page aside, and
    // the chart-only /embed/ routes, which repeat a chart of a page that is listed).
    for (const pattern of routePatterns().filter((p) => p !== '*' && !p.startsWith('/embed/'))) {
      const re = new RegExp(`^${pattern.replace(/:[A-Za-z0-9_]+/g, '[^/]+')}$`);
      expect([...paths].some((p) => re.test(p)), `no sitemap URL for route ${pattern}`).toBe(true);
    }
    // Every country profile, in English and Spanish, and the marketplaces' profiles.
    const countries = (await (await fetch(`${baseUrl}/api/countries`)).json()).rows as { iso3: string }[];
    expect(countries.length).toBeGreaterThanOrEqual(36);
    const marketplaces = (await (await fetch(`${baseUrl}/api/marketplaces?_size=1000`)).json()).rows as { id: string }[];
    expect(marketplaces.length).toBeGreaterThan(0);
    const has = (path: string, lang: string) => locs.some((l) => l.pathname === path && l.searchParams.get('lang') === lang);
    for (const lang of ['en', 'es']) {
      for (const c of countries) expect(has(`/countries/${c.iso3}`, lang), `/countries/${c.iso3} ${lang}`).toBe(true);
      for (const m of marketplaces) expect(has(`/marketplaces/${m.id}`, lang), `/marketplaces/${m.id} ${lang}`).toBe(true);
    }
    // Each URL names its language versions (hreflang), itself among them.
    const sample = urls.find((u) => new URL(u.loc).pathname === `/countries/${countries[0].iso3}`)!;
    const alternates = sample['xhtml:link'] ?? [];
    expect(alternates.map((a) => a['@_hreflang'])).toEqual(expect.arrayContaining(['en', 'es', 'x-default']));
    expect(alternates.map((a) => a['@_href'])).toContain(sample.loc);
    // No URL twice.
    expect(new Set(urls.map((u) => u.loc)).size).toBe(urls.length);
  });
});
