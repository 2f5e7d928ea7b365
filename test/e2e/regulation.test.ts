// Browser tests of the regulation pages (profile, comparison heatmap, pair view, convergence
// simulator): Debian's Chromium driving the real web app over an in-process server loaded from
// ../shared/data with the regulation folder (treaties, de minimis, cyberlaw, ESCAP RDTII 2.1
// measures and legal inventory).
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
  gain: number | null;
  direction: string;
  meanAfter: number | null;
  raises: boolean;
  fromUnknown: boolean;
}

async function reformsOnPage(page: Page, list = '[data-testid="sim-known-reforms"]'): Promise<PageReform[]> {
  return page.locator(`${list} li[data-rank]`).evaluateAll((els) =>
    els.map((el) => {
      const d = (el as HTMLElement).dataset;
      return {
        indicator: d.indicator!,
        to: d.to!,
        gain: d.gain === '' ? null : Number(d.gain),
        direction: d.direction!,
        meanAfter: d.meanAfter === '' ? null : Number(d.meanAfter),
        raises: d.raises === 'true',
        fromUnknown: d.fromUnknown === 'true',
      };
    }),
  );
}

/** No restricting reform above a liberalising one (nor above a neutral one). */
function expectLiberalisingFirst(list: { direction: string }[]) {
  const rank: Record<string, number> = { liberalising: 0, neutral: 1, restricting: 2 };
  const ranks = list.map((r) => rank[r.direction]);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
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
  it('Peru against Chile, Mexico and Colombia: no restricting reform above a liberalising one; a hypothesis cuts the distance; the CSV is the table', async () => {
    const page = await newPage(1440, 900);
    await page.goto(`${baseUrl}${SIM}&rows=all`);
    await page.locator('[data-testid="sim-summary"]').waitFor();
    await settled(page);
    await shot(page, '34-simulator-before');

    const before = num(await page.locator('[data-testid="sim-mean-before"]').textContent());
    expect(before).not.toBeNull();
    expect(await meanAfter(page)).toBe(before);

    // The page's lists are the API's, in the API's order, and liberalising reforms come first.
    type Api = { mean_distance: { before: number }; reforms: { indicator_id: string; to: string; direction: string }[]; hypotheses: { indicator_id: string; to: string; direction: string; gain: number | null }[] };
    const sim = await api<Api>('/regulation/simulate?economy=PER&partners=CHL~MEX~COL');
    const known = await reformsOnPage(page);
    expect(known.map((r) => `${r.indicator}>${r.to}`)).toEqual(sim.reforms.slice(0, 10).map((r) => `${r.indicator_id}>${r.to}`));
    expectLiberalisingFirst(known);
    expectLiberalisingFirst(sim.reforms);
    expectLiberalisingFirst(sim.hypotheses);
    expect(before).toBeCloseTo(sim.mean_distance.before, 3);

    // Hypotheses about unknown answers are apart, folded; open them and apply the first.
    await page.locator('[data-testid="sim-hypotheses"] > summary').click();
    const hyps = await reformsOnPage(page, '[data-testid="sim-hypotheses"]');
    expect(hyps.map((r) => `${r.indicator}>${r.to}`)).toEqual(sim.hypotheses.slice(0, 10).map((r) => `${r.indicator_id}>${r.to}`));
    expect(hyps.every((r) => r.fromUnknown)).toBe(true);
    const top = hyps[0];
    expect(top.gain).toBeGreaterThan(0);
    const short = top.to.slice(top.indicator.length + 1);
    const topItem = page.locator('[data-testid="sim-hypotheses"] li[data-rank="1"]');
    expect(await topItem.locator('[data-testid="badge-unknown-today"]').count()).toBe(1);
    // Partner answers are written in words, not category letters.
    await topItem.locator('.reg-reform__partners > summary').click();
    const partnerText = await topItem.locator('.reg-reform__partners li').first().textContent();
    expect(partnerText).not.toMatch(/:\s*[a-e]\s*$/);
    await shot(page, '39-simulator-hypotheses');
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
    expect(num(await page.locator('[data-testid="sim-mean-change"]').textContent())).toBeLessThan(0);
    const firstItem = page.locator('[data-testid="sim-reforms"] ol > li').first();
    expect(await firstItem.getAttribute('data-testid')).toBe('reform-scenario');
    expect(Number(await firstItem.getAttribute('data-change'))).toBeLessThan(0);
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
    expect(byId.get(top.indicator)!.edited).toBe('true');
    await page.context().close();
  });

  it('Thailand against Malaysia, Singapore and Australia: each goal keeps liberalising reforms first', async () => {
    const page = await newPage(1440, 900);
    for (const goal of ['partners', 'best_practice', 'average']) {
      await page.goto(`${baseUrl}/regulation/simulate?economy=THA&partners=MYS~SGP~AUS${goal === 'partners' ? '' : `&goal=${goal}`}`);
      await page.locator('[data-testid="sim-known-reforms"] li[data-rank]').first().waitFor();
      await settled(page);
      expect(await page.locator('[data-testid="sim-goal"]').inputValue()).toBe(goal);
      const list = await reformsOnPage(page);
      expect(list.length, goal).toBeGreaterThan(0);
      expectLiberalisingFirst(list);
      if (goal === 'best_practice') await shot(page, '40-simulator-THA-best-practice');
    }
    await page.context().close();
  });

  it('is usable on a 375 px phone, in Spanish', async () => {
    const page = await newPage(375, 800);
    await page.goto(`${baseUrl}${SIM}&edit=12.10:a&lang=es`);
    await page.locator('[data-testid="sim-known-reforms"], [data-testid="sim-no-cut"]').first().waitFor();
    await page.locator('[data-testid="sim-summary"]').waitFor();
    await page.locator('[data-testid="reform-scenario"]').waitFor();
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Simulador de convergencia');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, '36-simulator-375-es');
    // Grouped by pillar and folded: the phone page is not metres long.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(8000);
    await page.context().close();
  });
});

describe('ESCAP measures, government verification and the coverage gate', () => {
  it('Thailand: a measure its government marked "Not correct" shows the requested change; "with corrections" changes 9.4', async () => {
    const page = await newPage(1440, 900);
    await page.goto(`${baseUrl}/regulation/THA`);
    await page.locator('[data-testid="reg-verification"]').waitFor();
    const disputed = page.locator('[data-testid="reg-disputed-list"] li[data-feedback="Not correct"]');
    expect(await disputed.count()).toBeGreaterThan(0);
    const changed = disputed.filter({ hasText: 'Change the score to 0.00' });
    await changed.first().waitFor();
    expect(await changed.first().locator('[data-testid="badge-not-correct"]').count()).toBe(1);
    expect(await changed.first().locator('[data-role="recorded"]').textContent()).toMatch(/\d/);
    // The default is stated and the answers table flags disputed indicators.
    expect(await page.locator('[data-testid="reg-score-mode"]').textContent()).toMatch(/Default: as recorded/);
    expect(await page.locator('[data-testid="reg-score-mode-recorded"]').isChecked()).toBe(true);
    await page.locator('[data-testid="reg-disputed-9.4"]').waitFor();
    const row = page.locator('[data-testid="reg-answers-table"] tbody tr[data-row-id="9.4"]');
    const scoreCell = row.locator('th, td').nth(3);
    expect(num(await scoreCell.textContent())).toBe(0.5);
    expect(await page.locator('[data-testid="source-line"]').first().textContent()).toMatch(/ESCAP RDTII 2\.1 Regulatory Database/);
    await shot(page, '41-profile-THA-recorded');
    await page.locator('[data-testid="reg-score-mode-corrected"]').click();
    await page.waitForURL((u) => u.searchParams.get('scores') === 'corrected');
    await expect.poll(async () => num(await scoreCell.textContent())).toBe(0);
    const corrected = await api<{ rows: { indicator_id: string; score: number | null }[] }>('/regulation/economies/THA?scores=corrected');
    expect(corrected.rows.find((r) => r.indicator_id === '9.4')!.score).toBe(0);
    await shot(page, '42-profile-THA-corrected');
    await page.context().close();
  });

  it('Lao PDR\'s questions are open questions; Singapore lists the legal inventory beside the cyberlaw baseline', async () => {
    const page = await newPage(1440, 900);
    await page.goto(`${baseUrl}/regulation/LAO`);
    await page.locator('[data-testid="reg-questions"] [data-testid="escap-question"]').first().waitFor();
    const lao = await api<{ escap_measures: { gov_question: string | null }[] }>('/regulation/economies/LAO');
    expect(await page.locator('[data-testid="reg-questions"] [data-testid="escap-question"]').count()).toBe(lao.escap_measures.filter((m) => m.gov_question).length);
    await page.goto(`${baseUrl}/regulation/SGP`);
    await page.locator('[data-testid="reg-legal-inventory"]').waitFor();
    await page.locator('[data-testid="reg-cyberlaw-polarity"]').waitFor();
    const sgp = await api<{ legal_inventory: unknown[] }>('/regulation/economies/SGP');
    expect(await page.locator('[data-testid="reg-legal-inventory"] .reg-laws li').count()).toBe(sgp.legal_inventory.length);
    await page.context().close();
  });

  it('the overview ranks economies with enough coverage and lists the others apart; the pillar grid greys what is below the gate', async () => {
    const page = await newPage(1440, 900);
    await page.goto(`${baseUrl}/regulation`);
    await page.locator('[data-testid="reg-overview-table"] tbody tr').first().waitFor();
    const countries = await api<{ rows: { iso3: string }[] }>('/countries');
    const cmp = await api<{ min_coverage: number; scores: { iso3: string; coverage: number; enough_coverage: boolean; overall: number | null }[] }>(
      `/regulation/compare?economies=${countries.rows.map((c) => c.iso3).join('~')}`,
    );
    const enough = cmp.scores.filter((s) => s.enough_coverage);
    expect(enough.length).toBeGreaterThan(0);
    expect(enough.every((s) => s.coverage >= cmp.min_coverage)).toBe(true);
    const ranked = await page.locator('[data-testid="reg-overview-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.rowId));
    expect(ranked.sort()).toEqual(enough.map((s) => s.iso3).sort());
    const apart = await page.locator('[data-testid="reg-overview-apart"] li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.iso3));
    expect(apart.sort()).toEqual(cmp.scores.filter((s) => !s.enough_coverage).map((s) => s.iso3).sort());
    expect(await page.locator('[data-testid="reg-overview-apart"] [data-not-enough="true"]').count()).toBe(apart.length);
    await page.locator('[data-testid="reg-pillar-heatmap"] rect[data-row]').first().waitFor();
    expect(await page.locator('[data-testid="reg-pillar-heatmap"] rect[data-row]').count()).toBe(36 * 12);
    expect(await page.locator('[data-testid="reg-pillar-heatmap"] rect[data-low-coverage="true"]').count()).toBeGreaterThan(0);
    await shot(page, '30-regulation-overview');
    const phone = await newPage(375, 800);
    await phone.goto(`${baseUrl}/regulation?lang=es`);
    await phone.locator('[data-testid="reg-overview-table"] tbody tr').first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await shot(phone, '43-regulation-overview-375-es');
    await phone.goto(`${baseUrl}/regulation/THA?lang=es`);
    await phone.locator('[data-testid="reg-verification"]').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    expect(await phone.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(8000);
    await shot(phone, '44-profile-THA-375-es');
    await phone.context().close();
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
    // Compared on a few percent of the weights: grey, not a colour of the scale.
    expect(await cell.getAttribute('data-low-coverage')).toBe('true');
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
    await page.locator('[data-testid="reg-pair-table"] tbody tr').first().waitFor({ state: 'attached' });
    await page.locator('[data-testid="reg-pair-gate"]').waitFor();
    expect(await page.locator('[data-testid="reg-pair-table"] tr[data-indicator="12.12"]').getAttribute('data-differ')).toBe('true');
    expect(await page.locator('[data-testid="reg-pair-table"] tr[data-indicator="1.3"]').getAttribute('data-differ')).toBe('unknown');
    await shot(page, '38-pair-PER-CHL');
    await page.locator('[data-testid="reg-pair-only"]').selectOption('all');
    await page.waitForURL((u) => u.searchParams.get('only') === 'all');
    const thaMys = await newPage(375, 800);
    await thaMys.goto(`${baseUrl}/regulation/pair?a=THA&b=MYS&lang=es`);
    await thaMys.locator('[data-testid="reg-pair-table"] tbody tr').first().waitFor({ state: 'attached' });
    expect(await thaMys.locator('[data-testid="reg-pair-gate"]').count()).toBe(0);
    expect(await thaMys.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(8000);
    await shot(thaMys, '45-pair-THA-MYS-375-es');
    await thaMys.context().close();
    await page.context().close();
  });
});
