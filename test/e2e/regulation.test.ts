// Browser tests of the regulation pages (profile, comparison heatmap, pair view, convergence
// simulator): Debian's Chromium driving the real web app over an in-process server loaded from
// ../shared/data with the regulation folder (treaties, de minimis, cyberlaw; no measure records).
// Screenshots go to test/artifacts/3x-*.png.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../support/csv.js';
import { artifacts, startSuite, type Suite } from './server.js';

const SIM = '/regulation/simulate?economy=PER&partners=CHL~MEX~COL';

let browser: Browser;
let baseUrl: string;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
}

async function newPage(width = 1280, height = 900): Promise<Page> {
  const ctx = await browser.newContext({ acceptDownloads: true, locale: 'en-US' });
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return page;
}

/** "0.061" (en) -> 0.061; anything without a number -> null. */
function num(text: string | null): number | null {
  const m = /-?\d+(?:\.\d+)?/.exec((text ?? '').replace(/[−–]/g, '-').replace(/,/g, ''));
  return m ? Number(m[0]) : null;
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${baseUrl}/api${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

interface PageReform {
  indicator: string;
  to: string;
  reduction: number | null;
  meanAfter: number | null;
  raises: boolean;
  fromUnknown: boolean;
}

async function reformsOnPage(page: Page): Promise<PageReform[]> {
  return page.locator('[data-testid="sim-reforms"] li[data-rank]').evaluateAll((els) =>
    els.map((el) => {
      const d = (el as HTMLElement).dataset;
      return {
        indicator: d.indicator!,
        to: d.to!,
        reduction: d.reduction === '' ? null : Number(d.reduction),
        meanAfter: d.meanAfter === '' ? null : Number(d.meanAfter),
        raises: d.raises === 'true',
        fromUnknown: d.fromUnknown === 'true',
      };
    }),
  );
}

async function meanAfter(page: Page): Promise<number | null> {
  return num(await page.locator('[data-testid="sim-mean-after"]').textContent());
}

/** Wait until the page shows the simulation of exactly this URL's edits. */
async function settled(page: Page) {
  await page.waitForFunction(() => {
    const busy = document.querySelector('[aria-busy="true"]');
    return !busy && document.querySelector('[data-testid="sim-summary"]');
  });
}

let suite: Suite | undefined;

beforeAll(async () => {
  suite = await startSuite({ regulation: true });
  ({ url: baseUrl, browser } = suite);
});

afterAll(async () => {
  await suite?.close();
});

describe('convergence simulator', () => {
  it('Peru against Chile, Mexico and Colombia: change one answer, the distance drops, the reform list shows it, the CSV is the table', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/`);
    await page.locator('[data-testid="nav-regulation"]').click();
    await page.locator('[data-testid="page-regulation"]').waitFor();
    await page.locator('[data-testid="reg-overview-table"] tbody tr').first().waitFor();
    await shot(page, '30-regulation-overview');
    await page.goto(`${baseUrl}${SIM}`);
    await page.locator('[data-testid="sim-summary"]').waitFor();
    await page.locator('[data-testid="sim-reforms"] li[data-rank]').first().waitFor();
    await settled(page);
    await shot(page, '34-simulator-before');

    const before = num(await page.locator('[data-testid="sim-mean-before"]').textContent());
    expect(before).not.toBeNull();
    expect(await meanAfter(page)).toBe(before);

    // The page's reform list is the API's, in the API's order.
    const sim = await api<{ mean_distance: { before: number }; reforms: { indicator_id: string; to: string; reduction: number | null }[] }>(
      `/regulation/simulate?economy=PER&partners=CHL~MEX~COL`,
    );
    const listed = await reformsOnPage(page);
    expect(listed.map((r) => `${r.indicator}>${r.to}`)).toEqual(sim.reforms.map((r) => `${r.indicator_id}>${r.to}`));
    expect(before).toBeCloseTo(sim.mean_distance.before, 3);

    // The top reform of the page's own list cuts the mean distance (with the shipped data it is a
    // hypothesis for an answer unknown today, and says so); apply it through its own button.
    const top = listed[0];
    expect(top.reduction).toBeGreaterThan(0);
    const short = top.to.slice(top.indicator.length + 1);
    const topItem = page.locator('[data-testid="sim-reforms"] li[data-rank="1"]');
    expect(await topItem.locator('[data-testid="badge-unknown-today"]').count()).toBe(top.fromUnknown ? 1 : 0);
    expect(await topItem.locator('[data-testid="badge-raises"]').count()).toBe(top.raises ? 1 : 0);
    await topItem.locator(`[data-testid="reform-apply-${top.indicator}-${short}"]`).click();
    await page.waitForURL((u) => u.searchParams.get('edit') === `${top.indicator}:${short}`);
    await page.locator(`[data-testid="reform-applied-${top.indicator}-${short}"][data-applied="true"]`).waitFor();
    await page.locator(`[data-testid="sim-answer-${top.indicator}"][data-edited="true"]`).waitFor();
    await settled(page);

    // The displayed mean distance drops, to what the list predicted.
    const after = await meanAfter(page);
    expect(after).not.toBeNull();
    expect(after!).toBeLessThan(before!);
    expect(after!).toBeCloseTo(top.meanAfter!, 3);
    expect(num(await page.locator('[data-testid="sim-mean-before"]').textContent())).toBe(before);
    expect(num(await page.locator('[data-testid="sim-mean-change"]').textContent())).toBeLessThan(0);
    // The partners' H after is shown, and their mean is the mean distance.
    const hAfter: number[] = [];
    for (const p of ['CHL', 'MEX', 'COL']) hAfter.push(num(await page.locator(`[data-testid="sim-partner-${p}"] [data-role="h-after"]`).textContent())!);
    expect(hAfter.reduce((x, y) => x + y, 0) / 3).toBeCloseTo(after!, 2);

    // The reform list shows the scenario first with the applied change marked, no longer offers
    // it, and is the API's list ranked from the scenario.
    const firstItem = page.locator('[data-testid="sim-reforms"] ol > li').first();
    expect(await firstItem.getAttribute('data-testid')).toBe('reform-scenario');
    expect(Number(await firstItem.getAttribute('data-change'))).toBeLessThan(0);
    expect(await firstItem.locator(`[data-indicator="${top.indicator}"][data-to="${top.to}"][data-applied="true"]`).count()).toBe(1);
    const next = await reformsOnPage(page);
    expect(next.some((r) => r.indicator === top.indicator && r.to === top.to)).toBe(false);
    const simAfter = await api<{ reforms: { indicator_id: string; to: string; mean_distance_before: number }[] }>(
      `/regulation/simulate?economy=PER&partners=CHL~MEX~COL&edit=${top.indicator}:${short}`,
    );
    expect(next.map((r) => `${r.indicator}>${r.to}`)).toEqual(simAfter.reforms.map((r) => `${r.indicator_id}>${r.to}`));
    expect(simAfter.reforms[0].mean_distance_before).toBeCloseTo(after!, 3);
    const indicator = top.indicator;
    await shot(page, '35-simulator-after');

    // The link is the scenario: reopening it shows the same numbers.
    const link = page.url();
    const again = await newPage();
    await again.goto(link);
    await again.locator('[data-testid="sim-summary"]').waitFor();
    await settled(again);
    expect(await meanAfter(again)).toBe(after);
    await again.context().close();

    // What you see is what you download: the CSV twin has the same query and the table's rows.
    const menu = page.locator('[data-testid="download-menu"]').first();
    await menu.locator('[data-testid="download-menu-button"]').click();
    const csvLink = menu.locator('[data-testid="download-csv"]');
    const href = await csvLink.getAttribute('href');
    expect(href).toContain('/api/regulation/simulate.csv?');
    expect(new URL(href!, baseUrl).searchParams.get('edit')).toBe(new URL(page.url()).searchParams.get('edit'));
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    const csv = csvRecords(readFileSync((await download.path())!, 'utf8'));
    await page.keyboard.press('Escape');
    const shown = await page.locator('[data-testid="sim-answers"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const el = tr as HTMLElement;
        const score = el.querySelector('[data-role="score"]')!;
        const shownScore = score.querySelector('[data-role="after"]') ?? score.querySelector('[data-role="before"]');
        return {
          indicator: el.dataset.indicator!,
          edited: el.dataset.edited === 'true',
          category: el.querySelector('select')?.value ?? null,
          score: shownScore?.querySelector('[data-unknown]') ? null : (shownScore?.textContent ?? ''),
        };
      }),
    );
    expect(shown.length).toBe(csv.length);
    expect(csv.length).toBeGreaterThan(50);
    const byId = new Map(csv.map((r) => [r.indicator_id, r]));
    for (const s of shown) {
      const r = byId.get(s.indicator);
      expect(r, s.indicator).toBeDefined();
      expect(r!.edited === 'true', s.indicator).toBe(s.edited);
      if (s.category !== null) expect(r!.category_after, s.indicator).toBe(s.category);
      if (s.score === null) expect(r!.score_after, s.indicator).toBe('');
      else expect(Number(r!.score_after), s.indicator).toBeCloseTo(num(s.score)!, 2);
    }
    expect(byId.get(indicator)!.edited).toBe('true');
    await page.context().close();
  });

  it('is usable on a 375 px phone, in Spanish', async () => {
    const page = await newPage(375, 800);
    await page.goto(`${baseUrl}${SIM}&edit=12.10:a&lang=es`);
    await page.locator('[data-testid="sim-summary"]').waitFor();
    await page.locator('[data-testid="reform-scenario"]').waitFor();
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Simulador de convergencia');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, '36-simulator-375-es');
    await page.context().close();
  });
});

describe('regulatory profile and comparison', () => {
  it('profile of Peru: pillars with coverage, known and unknown answers, legal baseline, de minimis, sources', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/regulation/PER`);
    await page.locator('[data-testid="reg-profile-stats"]').waitFor();
    const econ = await api<{ known: string[]; unknown: string[]; scores: { overall: { score: number; coverage: number }; pillars: { score: number | null }[] } }>('/regulation/economies/PER');
    expect(num(await page.locator('[data-testid="reg-profile-overall"]').textContent())).toBeCloseTo(econ.scores.overall.score, 2);
    expect(await page.locator('[data-testid="reg-profile-known"]').textContent()).toMatch(new RegExp(`^${econ.known.length} / ${econ.known.length + econ.unknown.length}$`));
    await page.locator('[data-testid="reg-pillar-chart"] svg').waitFor();
    expect(await page.locator('[data-testid="reg-pillar-chart"] rect[data-pillar]').count()).toBe(econ.scores.pillars.filter((p) => p.score !== null).length);
    expect(await page.locator('[data-testid="reg-answers-table"] tbody tr').count()).toBe(econ.known.length);
    await page.locator('[data-testid="reg-cyberlaw"] tbody tr').first().waitFor();
    await page.locator('[data-testid="reg-de-minimis"] dd').first().waitFor();
    // Every card has its source line.
    expect(await page.locator('[data-testid="source-line"]').count()).toBeGreaterThanOrEqual(5);
    await shot(page, '31-profile-PER');
    // Unknown answers look unknown: no score of 0, an explicit "unknown".
    await page.locator('[data-testid="tab-unknown"]').click();
    await page.waitForURL((u) => u.searchParams.get('show') === 'unknown');
    const rows = page.locator('[data-testid="reg-answers-table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(econ.unknown.length);
    expect(await rows.first().locator('[data-unknown="true"]').count()).toBe(2);
    await page.context().close();
  });

  it('profile in Spanish on a phone', async () => {
    const page = await newPage(375, 800);
    await page.goto(`${baseUrl}/regulation/PER?lang=es`);
    await page.locator('[data-testid="reg-pillar-chart"] svg').waitFor();
    expect(await page.locator('h1').textContent()).toContain('Perfil regulatorio');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, '37-profile-375-es');
    await page.context().close();
  });

  it('heatmap of H and D with coverage; pair view highlights differences', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/regulation/compare?economies=PER~CHL~MEX~COL&metric=H`);
    await page.locator('[data-testid="reg-heatmap"] rect[data-row]').first().waitFor();
    const cmp = await api<{ rows: { a: string; b: string; h: number | null; d: number | null; h_coverage: number }[] }>('/regulation/compare?economies=PER~CHL~MEX~COL');
    const cells = page.locator('[data-testid="reg-heatmap"] rect[data-row]');
    expect(await cells.count()).toBe(16);
    const perChl = cmp.rows.find((r) => r.a === 'PER' && r.b === 'CHL')!;
    const cell = page.locator('[data-testid="reg-heatmap"] rect[data-row="PER"][data-col="CHL"]');
    expect(Number(await cell.getAttribute('data-value'))).toBeCloseTo(perChl.h!, 6);
    expect(Number(await cell.getAttribute('data-coverage'))).toBeCloseTo(perChl.h_coverage, 6);
    expect(await page.locator('[data-testid="reg-compare-coverage-note"]').textContent()).toMatch(/%/);
    expect(await page.locator('[data-testid="source-line"]').count()).toBeGreaterThanOrEqual(2);
    await shot(page, '32-heatmap-H');
    await page.locator('[data-testid="reg-compare-metric"]').selectOption('D');
    await page.waitForURL((u) => u.searchParams.get('metric') === 'D');
    await page.waitForFunction((v) => document.querySelector('[data-testid="reg-heatmap"] rect[data-row="PER"][data-col="CHL"]')?.getAttribute('data-value') === String(v), perChl.d);
    await page.locator('[data-testid="tab-table"]').click();
    await expect.poll(() => page.locator('[data-testid="reg-compare-table"] tbody tr').count()).toBe(6);

    const phone = await newPage(375, 800);
    await phone.goto(`${baseUrl}/regulation/compare?economies=PER~CHL~MEX~COL~ARG~BRA&metric=H`);
    await phone.locator('[data-testid="reg-heatmap"] rect[data-row]').first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await shot(phone, '33-heatmap-375');
    await phone.context().close();

    await page.goto(`${baseUrl}/regulation/pair?a=PER&b=CHL`);
    await page.locator('[data-testid="reg-pair-table"] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid="reg-pair-table"] tr[data-indicator="12.12"]').getAttribute('data-differ')).toBe('true');
    expect(await page.locator('[data-testid="reg-pair-table"] tr[data-indicator="1.3"]').getAttribute('data-differ')).toBe('unknown');
    await page.locator('[data-testid="reg-pair-only"]').selectOption('answered');
    await page.waitForURL((u) => u.searchParams.get('only') === 'answered');
    await shot(page, '38-pair-PER-CHL');
    await page.context().close();
  });
});
