// Issue #15, training: the workshop tours (driver.js), workshop scenario links and the
// methodology pages, in Debian's Chromium. The Marketplace Explorer tour is walked in Portuguese
// with the keyboard only; axe checks the page with the tour open.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOURS } from '../../web/src/tours/tours.js';
import { artifacts, startSuite, type Suite } from './server.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
type AxeResult = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
type StepTexts = Record<string, { title: string; body: string }>;
type Messages = { tour: Record<string, string> & { marketplaces: StepTexts }; workshop: { scenario: StepTexts }; methodology: { link: string } };
const messages = (lang: string) => JSON.parse(readFileSync(new URL(`../../web/src/i18n/${lang}.json`, import.meta.url), 'utf8')) as Messages;
const es = messages('es');
const pt = messages('pt');

let suite: Suite | undefined;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  suite = await startSuite({ marketplaces: true, regulation: true });
  ({ url: baseUrl, browser } = suite);
}, 300_000);

afterAll(async () => {
  await suite?.close();
});

async function newPage(width = 1440, height = 900): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: 'en-US', reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return page;
}

const popover = (page: Page) => page.locator('[data-testid="tour-popover"]');
const activeTestid = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.className ?? '');

async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate((tags) => (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<unknown> } }).axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS)) as AxeResult;
  return result.violations.map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

describe('workshop tours', () => {
  it('the Marketplace Explorer tour in Portuguese, walked to the end with the keyboard; Esc closes it; focus comes back; axe finds nothing with it open', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/marketplaces?lang=pt`);
    await page.locator('[data-testid="explorer-top-sites"]').waitFor();
    await page.locator('[data-testid="page-settling"]').waitFor({ state: 'detached' });
    const start = page.locator('[data-testid="tour-start"]');
    await expect.poll(() => start.textContent()).toBe(pt.tour.start);

    // Keyboard only: focus the button, Enter starts the tour.
    await start.focus();
    await page.keyboard.press('Enter');
    const steps = pt.tour.marketplaces;
    const count = TOURS.find((t) => t.id === 'marketplaces')!.steps.length;
    expect(count).toBe(5);
    for (let i = 1; i <= count; i++) {
      await expect.poll(() => popover(page).getAttribute('data-step')).toBe(String(i));
      await expect.poll(() => popover(page).locator('.driver-popover-title').textContent()).toBe(steps[`s${i}`].title);
      expect(await popover(page).locator('.driver-popover-description').textContent()).toBe(steps[`s${i}`].body);
      expect(await popover(page).locator('.driver-popover-progress-text').textContent()).toBe(`Passo ${i} de ${count}`);
      expect(await popover(page).getAttribute('role')).toBe('dialog');
      if (i === 2) {
        // With the tour open: the highlighted step and its dialog pass axe (WCAG 2.2 AA).
        await page.screenshot({ path: `${artifacts}tour-marketplaces-1440-pt.png` });
        expect((await axe(page)).join('\n'), 'axe-core violations with the tour open').toBe('');
        // Tab moves between the dialog's buttons and stays in it.
        await page.keyboard.press('Shift+Tab');
        expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="tour-popover"]'))).toBe(true);
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(pt.tour.next);
      }
      const main = popover(page).locator('.driver-popover-next-btn');
      expect(await main.textContent()).toBe(i === count ? pt.tour.done : pt.tour.next);
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('driver-popover-next-btn'))).toBe(true);
      await page.keyboard.press('Enter');
    }
    await popover(page).waitFor({ state: 'detached' });
    await expect.poll(() => activeTestid(page)).toBe('tour-start');

    // Again, and Esc closes it from the middle.
    await page.keyboard.press('Enter');
    await expect.poll(() => popover(page).getAttribute('data-step')).toBe('1');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => popover(page).getAttribute('data-step')).toBe('2');
    await page.keyboard.press('Escape');
    await popover(page).waitFor({ state: 'detached' });
    await expect.poll(() => activeTestid(page)).toBe('tour-start');
    await page.context().close();
  });

  it('on a phone the tour fits the screen', async () => {
    const page = await newPage(375, 800);
    await page.goto(`${baseUrl}/marketplaces?lang=pt`);
    await page.locator('[data-testid="explorer-top-sites"]').waitFor();
    await page.locator('[data-testid="page-settling"]').waitFor({ state: 'detached' });
    await page.locator('[data-testid="tour-start"]').click();
    await popover(page).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => popover(page).getAttribute('data-step')).toBe('2');
    const box = (await popover(page).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${artifacts}tour-marketplaces-375-pt.png` });
    await page.context().close();
  });
});

describe('workshop mode', () => {
  it('the /workshop page lists the scenarios in Spanish; a scenario link opens the Explorer with its economies and period, and starts the tour', async () => {
    const page = await newPage();
    const traffic: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/traffic')) traffic.push(`${u.pathname}${u.search}`);
    });
    await page.goto(`${baseUrl}/workshop?lang=es`);
    await page.locator('[data-testid="workshop-scenarios"]').waitFor();
    const scenario = es.workshop.scenario['pacific-alliance-marketplaces'];
    await expect.poll(() => page.locator('[data-testid="workshop-open-pacific-alliance-marketplaces"]').textContent()).toBe(scenario.title);
    expect(await page.locator('[data-testid="workshop-link-pacific-alliance-marketplaces"]').textContent()).toBe(`${baseUrl}/workshop/pacific-alliance-marketplaces?lang=es`);
    expect(await page.locator('[data-testid="workshop-pacific-alliance-marketplaces"]').textContent()).toContain('Perú');
    await page.screenshot({ path: `${artifacts}workshop-1440-es.png`, fullPage: true });

    // The handed-out link, as a participant opens it.
    await page.goto(`${baseUrl}/workshop/pacific-alliance-marketplaces?lang=es`);
    await page.locator('[data-testid="page-marketplaces"]').waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/marketplaces');
    expect(url.searchParams.get('economy')).toBe('PER~CHL~COL~MEX');
    expect(url.searchParams.get('time')).toBe('2023-01..2024-12');
    expect(url.searchParams.get('lang')).toBe('es');
    // The page asks for exactly that selection.
    await expect.poll(() => traffic.some((t) => t.includes('economy=PER~CHL~COL~MEX') && t.includes('time=2023-01..2024-12'))).toBe(true);
    // And its tour starts by itself, in Spanish.
    await expect.poll(() => popover(page).getAttribute('data-step'), { timeout: 15_000 }).toBe('1');
    expect(await popover(page).locator('.driver-popover-title').textContent()).toBe((es.tour.marketplaces).s1.title);
    await page.keyboard.press('Escape');
    await popover(page).waitFor({ state: 'detached' });

    // An unknown scenario is a not-found page, not a blank one.
    await page.goto(`${baseUrl}/workshop/no-such-scenario?lang=es`);
    await page.locator('[data-testid="page-not-found"]').waitFor();
    expect(await page.locator('[data-testid="not-found-what"]').textContent()).toContain('no-such-scenario');
    await page.context().close();
  });
});

describe('methodology in the app', () => {
  it('the regulation page in Spanish explains the coverage gate in Spanish; Portuguese says it is not yet translated', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/methodology/regulation?lang=es`);
    const text = page.locator('[data-testid="methodology-text"]');
    await text.waitFor();
    expect(await text.getAttribute('lang')).toBe('es');
    expect(await text.locator('h1').textContent()).toBe('Regulación');
    const body = (await text.textContent()) ?? '';
    expect(body).toContain('Umbral de cobertura');
    expect(body).toContain('PUENTE_REG_MIN_COVERAGE (por defecto 0,7)');
    expect(body).toContain('se lista aparte como «datos insuficientes» con su');
    expect(await page.locator('[data-testid="methodology-untranslated"]').count()).toBe(0);

    // Portuguese has its own text (docs/methodology/regulation.pt.md).
    await page.goto(`${baseUrl}/methodology/regulation?lang=pt`);
    await text.waitFor();
    await expect.poll(() => text.getAttribute('lang')).toBe('pt');
    expect(await text.locator('h1').textContent()).toBe('Regulação');
    expect(await text.textContent()).toContain('Limite de cobertura');
    expect(await page.locator('[data-testid="methodology-untranslated"]').count()).toBe(0);

    // Japanese has none yet: English, said so in Japanese.
    await page.goto(`${baseUrl}/methodology/regulation?lang=ja`);
    await page.locator('[data-testid="methodology-untranslated"]').waitFor();
    expect(await page.locator('[data-testid="methodology-untranslated"]').textContent()).toMatch(/^このページはまだ.+に翻訳されていません。英語で表示しています。$/);
    expect(await text.getAttribute('lang')).toBe('en');
    expect(await text.textContent()).toContain('Coverage gate');
    await page.context().close();
  });

  it('every chart\'s source line links to its methodology', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/regulation/PER?lang=es`);
    const link = page.locator('[data-testid="source-line"] [data-testid="source-methodology"]').first();
    await link.waitFor();
    expect(await link.textContent()).toBe(es.methodology.link);
    await link.click();
    await page.locator('[data-testid="methodology-text"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/methodology/regulation');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('es');
    await page.context().close();
  });

  it('the methodology and workshop pages at 375 and 1440 px in en, es and pt: no overflow, no axe violation', async () => {
    for (const width of [375, 1440]) {
      const page = await newPage(width, 900);
      for (const lang of ['en', 'es', 'pt']) {
        for (const [name, path, testid] of [
          ['methodology-regulation', '/methodology/regulation', 'methodology-text'],
          ['methodology', '/methodology', 'methodology-modules'],
          ['workshop', '/workshop', 'workshop-scenarios'],
        ]) {
          await page.goto(`${baseUrl}${path}?lang=${lang}`);
          await page.locator(`[data-testid="${testid}"]`).waitFor();
          await page.locator('[data-testid="page-settling"]').waitFor({ state: 'detached' });
          await page.screenshot({ path: `${artifacts}${name}-${width}-${lang}.png`, fullPage: true });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `horizontal overflow of ${path} at ${width} px in ${lang}`).toBeLessThanOrEqual(0);
          expect((await axe(page)).join('\n'), `axe on ${path} in ${lang}`).toBe('');
        }
      }
      await page.context().close();
    }
  });
});
