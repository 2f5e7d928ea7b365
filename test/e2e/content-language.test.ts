// Content in the page's language (issue #15, item 5): Debian's Chromium on the real web app over
// an in-process server loaded from ../shared/data. The regulation profile of Peru in Spanish
// shows Spanish pillar, indicator and answer names; the facilitation pages in Portuguese show
// Portuguese measure names; the indicator explorer in Japanese shows Japanese indicator names;
// no English text of the translated sets shows on those pages, except where it is marked as
// untranslated (lang="en" and a visible note).
// Screenshots go to test/artifacts/lang-*.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { artifacts, startSuite, type Suite } from './server.js';

type Table = Record<string, string>;
interface Messages { indicatorNames: Table; content: Table; facilitation: { measure: Table; group: Table } }
interface Content { 'rdtii-2.1': { pillar: Table; indicator: Table; answer: Table }; indicators: { definition: Table } }
const read = <T>(path: string): T => JSON.parse(readFileSync(new URL(`../../web/src/i18n/${path}`, import.meta.url), 'utf8')) as T;
const contentEn = read<Content>('content/en.json');
const contentEs = read<Content>('content/es.json');
const contentJa = read<Content>('content/ja.json');
const en = read<Messages>('en.json');
const ja = read<Messages>('ja.json');
const pt = read<Messages>('pt.json');

let suite: Suite;
let browser: Browser;

beforeAll(async () => {
  suite = await startSuite({ regulation: true, facilitation: true });
  browser = suite.browser;
}, 300_000);
afterAll(async () => {
  await suite?.close();
});

async function open(path: string, width = 1440): Promise<Page> {
  const ctx = await browser.newContext({ locale: 'en-US' });
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  await page.goto(`${suite.url}${path}`);
  return page;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${artifacts}lang-${name}.png`, fullPage: true });
}

/**
 * The page's text without what is marked as untranslated or in another language: `lang="en"`
 * elements and [data-untranslated] ones (the text is there, but declared and noted).
 * textContent includes folded <details> and chart labels.
 */
async function unmarkedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = (document.querySelector('main') ?? document.body).cloneNode(true) as HTMLElement;
    for (const el of main.querySelectorAll('[lang="en"], [data-untranslated], script, style')) el.remove();
    return (main.textContent ?? '').replace(/\s+/g, ' ');
  });
}

/** English strings long enough not to occur by chance inside other words (short ones like "none" would). */
const distinctive = (table: Record<string, string>) => Object.values(table).filter((s) => s.length >= 14);

describe('content in the page language', () => {
  it('regulation profile of Peru in Spanish: Spanish pillar, indicator and answer names, no unmarked English', async () => {
    const page = await open('/regulation/PER?lang=es');
    await page.getByTestId('reg-answers-table').waitFor();
    await page.waitForFunction(() => document.documentElement.lang === 'es');
    const text = await unmarkedText(page);
    const es = contentEs['rdtii-2.1'];
    // Every pillar has its Spanish name (the chart's labels, cut to their room: the first words).
    for (const [id, name] of Object.entries(es.pillar)) expect(text, `pillar ${id}`).toContain(`${id}. ${name.slice(0, 12)}`);
    // The answers table names its indicators and answers in Spanish.
    const rows = await page.locator('[data-testid="reg-answers-table"] tbody tr').count();
    expect(rows).toBeGreaterThan(4);
    const shownIndicators = Object.values(es.indicator).filter((n) => text.includes(n));
    expect(shownIndicators.length).toBeGreaterThanOrEqual(rows);
    const shownAnswers = Object.values(es.answer).filter((n) => n.length >= 14 && text.includes(n));
    expect(shownAnswers.length).toBeGreaterThan(3);
    // No English pillar, indicator or answer text outside what is marked.
    const rdtii = contentEn['rdtii-2.1'];
    const leaks = [...distinctive(rdtii.pillar), ...distinctive(rdtii.indicator), ...distinctive(rdtii.answer)].filter((s) => text.includes(s));
    expect(leaks).toEqual([]);
    // Text the server writes in English (why an answer) is declared and noted, not left bare.
    const why = page.locator('[data-testid="reg-answers-table"] .reg-explanation [data-untranslated="untranslated"]');
    expect(await why.count()).toBeGreaterThan(0);
    expect(await why.first().textContent()).toContain('(en inglés)');
    await shot(page, 'regulation-PER-es-1440');
    // All 75 indicators (the unknown ones too) are named in Spanish.
    await page.getByText(/^Todas \(75\)$/).click();
    await expect.poll(() => page.locator('[data-testid="reg-answers-table"] tbody tr').count()).toBe(75);
    const all = await unmarkedText(page);
    expect(Object.entries(es.indicator).filter(([, n]) => !all.includes(n)).map(([id]) => id)).toEqual([]);
    expect([...distinctive(rdtii.indicator), ...distinctive(rdtii.answer)].filter((s) => all.includes(s))).toEqual([]);
    await page.locator('[data-testid="reg-answers-table"] tbody tr').nth(20).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${artifacts}lang-regulation-PER-es-1440-all.png` });
    await page.getByText(/^Conocidas \(\d+\)$/).click();
    await page.setViewportSize({ width: 375, height: 800 });
    await shot(page, 'regulation-PER-es-375');
    await page.getByTestId('reg-answers-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${artifacts}lang-regulation-PER-es-375-table.png` });
    await page.context().close();
  }, 120_000);

  it('regulation profile in English shows the framework text itself, unmarked', async () => {
    const page = await open('/regulation/PER?lang=en', 375);
    await page.getByTestId('reg-answers-table').waitFor();
    const text = await unmarkedText(page);
    for (const name of Object.values(contentEn['rdtii-2.1'].pillar)) expect(text).toContain(name);
    expect(await page.locator('[data-untranslated]').count()).toBe(0);
    await shot(page, 'regulation-PER-en-375');
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, 'regulation-PER-en-1440');
    await page.context().close();
  }, 120_000);

  it('regulation profile in Japanese: names translated, answers without a translation are marked "in English"', async () => {
    const page = await open('/regulation/PER?lang=ja');
    await page.getByTestId('reg-answers-table').waitFor();
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    const marked = page.locator('[data-testid="reg-answers-table"] [data-untranslated="untranslated"]');
    expect(await marked.count()).toBeGreaterThan(0);
    const first = marked.first();
    expect(await first.locator('[lang="en"]').count()).toBe(1);
    expect(await first.textContent()).toContain(`(${ja.content.inEnglish})`);
    const text = await unmarkedText(page);
    const rdtii = contentEn['rdtii-2.1'];
    expect([...distinctive(rdtii.pillar), ...distinctive(rdtii.indicator), ...distinctive(rdtii.answer)].filter((s) => text.includes(s))).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('facilitation pages in Portuguese show Portuguese measure and group names', async () => {
    const page = await open('/facilitation/PRY?lang=pt');
    await page.waitForFunction(() => document.documentElement.lang === 'pt');
    await page.locator('#tf-measures-h').waitFor();
    const text = await unmarkedText(page);
    const shown = Object.values(pt.facilitation.measure).filter((n) => text.includes(n));
    expect(shown.length).toBeGreaterThan(20);
    const leaks = distinctive(en.facilitation.measure).filter((s) => text.includes(s));
    expect(leaks).toEqual([]);
    await shot(page, 'facilitation-PRY-pt-1440');
    await page.setViewportSize({ width: 375, height: 800 });
    await shot(page, 'facilitation-PRY-pt-375');
    await page.locator('#tf-measures-h').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${artifacts}lang-facilitation-PRY-pt-375-measures.png` });
    await page.context().close();

    const compare = await open('/facilitation?lang=pt');
    await compare.waitForFunction(() => document.documentElement.lang === 'pt');
    await compare.getByTestId('page-facilitation').waitFor().catch(() => undefined);
    await compare.locator('h1').first().waitFor();
    const ctext = await unmarkedText(compare);
    expect(ctext).toContain(pt.facilitation.group.transparency);
    expect(ctext).toContain(pt.facilitation.group.paperless_trade);
    expect(distinctive(en.facilitation.measure).filter((s) => ctext.includes(s))).toEqual([]);
    await compare.context().close();
  }, 120_000);

  it('indicator explorer and list in Japanese show Japanese indicator names and definition', async () => {
    const page = await open('/indicators/IT.NET.USER.ZS?lang=ja');
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    await expect.poll(() => page.getByTestId('explorer-title').textContent()).toBe(ja.indicatorNames['IT.NET.USER.ZS']);
    await expect.poll(() => page.locator('p.definition').textContent()).toBe(contentJa.indicators.definition['IT.NET.USER.ZS']);
    expect(await page.locator('p.definition [data-untranslated]').count()).toBe(0);
    const text = await unmarkedText(page);
    expect(distinctive(en.indicatorNames).filter((s) => text.includes(s))).toEqual([]);
    await shot(page, 'explorer-ja-1440');
    await page.setViewportSize({ width: 375, height: 800 });
    await shot(page, 'explorer-ja-375');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${artifacts}lang-explorer-ja-375-top.png` });
    await page.context().close();

    const list = await open('/indicators?lang=ja');
    await list.waitForFunction(() => document.documentElement.lang === 'ja');
    await list.getByTestId('indicator-link-IT.NET.USER.ZS').waitFor();
    const ltext = await unmarkedText(list);
    for (const [code, name] of Object.entries(ja.indicatorNames)) expect(ltext, code).toContain(name);
    expect(distinctive(en.indicatorNames).filter((s) => ltext.includes(s))).toEqual([]);
    await list.context().close();
  }, 120_000);

  it('the explorer in Spanish shows the Spanish definition, unmarked', async () => {
    const page = await open('/indicators/IT.NET.USER.ZS?lang=es', 375);
    await page.waitForFunction(() => document.documentElement.lang === 'es');
    await page.locator('p.definition').waitFor();
    await expect.poll(() => page.locator('p.definition').textContent()).toBe(contentEs.indicators.definition['IT.NET.USER.ZS']);
    await shot(page, 'explorer-es-375');
    await page.context().close();
  }, 120_000);
});
