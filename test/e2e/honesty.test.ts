// Browser checks of issue #16.7 on a country profile: the FEALAC median line has a gap where too
// few economies have a value, the table shows each median's n, and the source line says when the
// data was retrieved (here: not stated) apart from when it was imported. English and Spanish, at
// 375 and 1440 px; screenshots in test/artifacts/honesty-*.png. Expected years and n come from the
// shared indicator files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { csvRecords } from '../support/csv.js';
import { INDICATORS_DIR, sharedIndicators } from '../support/shared-data.js';
import { artifacts, startSuite, type Suite } from './server.js';

const CODE = 'FINDEX.account_t_d';
const MIN = loadConfig({}).PUENTE_MEDIAN_MIN_ECONOMIES;
type Messages = { honesty: Record<string, string>; profile: Record<string, string>; readiness: Record<string, string> };
const messagesOf = (lang: string): Messages => JSON.parse(readFileSync(new URL(`../../web/src/i18n/${lang}.json`, import.meta.url), 'utf8'));
const MESSAGES = { en: messagesOf('en'), es: messagesOf('es') };

/** Economies with a value per year, from the files (all FEALAC members: the files hold only them). */
function countsByYear(): Map<number, number> {
  const out = new Map<number, number>();
  for (const { file } of sharedIndicators().files) {
    for (const r of csvRecords(readFileSync(file, 'utf8'))) if (r.indicator_code === CODE) out.set(Number(r.year), (out.get(Number(r.year)) ?? 0) + 1);
  }
  return out;
}

let suite: Suite | undefined;
let browser: Browser;
beforeAll(async () => {
  suite = await startSuite();
  browser = suite.browser;
});
afterAll(async () => {
  await suite?.close();
});

describe('country profile: median gap and n, retrieved and imported', () => {
  const counts = countsByYear();
  const years = [...counts.keys()].sort((a, b) => a - b);
  const gated = years.filter((y) => counts.get(y)! < MIN);
  const drawn = years.filter((y) => counts.get(y)! >= MIN);
  // A gated year between two drawn ones must break the line.
  const inner = gated.filter((y) => drawn.some((d) => d < y) && drawn.some((d) => d > y));

  it('the shared files hold a year below the minimum between drawn years (the jump the issue saw)', () => {
    expect(INDICATORS_DIR).toBeTruthy();
    expect(inner.length).toBeGreaterThan(0);
  });

  for (const lang of ['en', 'es'] as const) {
    for (const width of [375, 1440]) {
      it(`${lang} at ${width} px`, async () => {
        const m = MESSAGES[lang].honesty;
        const context = await browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-US' });
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${suite!.url}/countries/ARG?indicator=${CODE}&lang=${lang}`);
        const card = page.locator(`[data-testid="profile-indicator-${CODE}"]`);
        await card.locator(`[data-testid="profile-chart-${CODE}-figure"] svg`).first().waitFor();

        // The median line: one path, broken into separate runs at the gated years inside it.
        const d = await card.locator(`g[data-series="FEALAC_MEDIAN"] path`).first().getAttribute('d');
        expect(d).toBeTruthy();
        expect((d!.match(/M/g) ?? []).length, d!).toBeGreaterThanOrEqual(2);
        expect(await card.locator('[data-testid="median-note"]').textContent()).toBe(m.medianNote.replace('{{min}}', String(MIN)));

        // The tooltip of a drawn median point says its n.
        const y = drawn[drawn.length - 1];
        const tips: string[] = [];
        const dots = card.locator(`[data-testid="profile-chart-${CODE}-figure"] svg circle`);
        const isMedianTip = (t: string) => t.includes(MESSAGES[lang].profile.median) && t.includes(String(y)) && t.includes(m.medianN.replace('{{n}}', String(counts.get(y))));
        let medianDot = -1;
        for (let i = 0; i < (await dots.count()); i++) {
          await dots.nth(i).hover({ force: true });
          const tip = card.locator('[data-testid$="-figure"] g[aria-label="tip"]');
          if (await tip.count()) tips.push(((await tip.first().textContent()) ?? '').replace(/\s+/g, ' '));
          if (medianDot < 0 && isMedianTip(tips[tips.length - 1] ?? '')) medianDot = i;
        }
        expect(medianDot, tips.join(' | ')).toBeGreaterThanOrEqual(0);
        await dots.nth(medianDot).hover({ force: true });

        // Source line: retrieved not stated (the files do not say), imported on the import date.
        const dates = card.locator('[data-testid="source-dates"]').first();
        const text = (await dates.textContent()) ?? '';
        expect(text).toContain(m.retrievedUnknown);
        expect(text).toContain(m.importedOn.replace(' {{date}}', ''));
        await page.screenshot({ path: join(artifacts, `honesty-profile-chart-${lang}-${width}.png`), fullPage: true });

        // Table: every median cell shows its n; below the minimum a dash that says why.
        await card.locator('[data-testid="tab-table"]').click();
        await card.locator(`[data-testid="profile-table-${CODE}"] tbody tr`).first().waitFor();
        for (const y of years) {
          const cell = card.locator(`[data-testid="profile-table-${CODE}"] tr[data-row-id="${y}"] [data-testid="median-cell"]`);
          expect(await cell.getAttribute('data-n'), String(y)).toBe(String(counts.get(y)));
          expect(await cell.textContent(), String(y)).toContain(m.medianN.replace('{{n}}', String(counts.get(y))));
          const missing = cell.locator('[data-testid="missing-value"]');
          if (counts.get(y)! < MIN) {
            expect(await missing.getAttribute('title'), String(y)).toBe(m.notEnough.replace('{{n}}', String(counts.get(y))).replace('{{min}}', String(MIN)));
          } else {
            expect(await missing.count(), String(y)).toBe(0);
          }
        }
        // Nothing runs off the page or out of the source line.
        const overflow = await page.evaluate(() => {
          const out: string[] = [];
          if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`page ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
          for (const el of document.querySelectorAll<HTMLElement>('[data-testid="source-line"], [data-testid="median-note"], .indicator-card')) {
            if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.dataset.testid ?? el.className} ${el.scrollWidth} > ${el.clientWidth}`);
          }
          return out;
        });
        expect(overflow).toEqual([]);
        await page.screenshot({ path: join(artifacts, `honesty-profile-table-${lang}-${width}.png`), fullPage: true });
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }

  for (const [lang, width] of [['en', 1440], ['es', 375]] as const) {
    it(`readiness with too few scored economies has no median, and says why (${lang}, ${width} px)`, async () => {
      // A one-year window in 2022 leaves few economies with a score (Findex 2022 covers three).
      const query = 'year=2022&window=1';
      const api = (await (await fetch(`${suite!.url}/api/readiness?${query}`)).json()) as { median: number | null; medianN: number; minEconomies: number };
      expect(api.medianN).toBeLessThan(api.minEconomies);
      expect(api.median).toBeNull();
      const m = MESSAGES[lang].honesty;
      const context = await browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-US' });
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${suite!.url}/readiness?${query}&lang=${lang}`);
      const summary = page.locator('[data-testid="readiness-summary"]');
      await summary.waitFor();
      await page.locator('[data-testid="readiness-chart"] svg, [data-testid="readiness-chart-empty"]').first().waitFor();
      expect(await summary.textContent()).toContain(m.readinessNoMedian.replace('{{n}}', String(api.medianN)).replace('{{min}}', String(api.minEconomies)));
      expect(await page.locator('.legend__list').first().textContent()).not.toContain(MESSAGES[lang].readiness.median);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await page.screenshot({ path: join(artifacts, `honesty-readiness-no-median-${lang}-${width}.png`), fullPage: true });
      await context.close();
    });
  }
});
