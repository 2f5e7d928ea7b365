// The editorial workflow over a directory entry in Chromium (issue #13): a Peru focal point
// proposes a change to a Peru directory entry on the directory page; a reviewer approves and
// publishes it; the public page shows it; the reviewer reverts it from the entry's history page
// and the page shows the old value; the focal point cannot edit a Chile entry (no button; the
// API answers 403). Real accounts (the first admin invites the cast). English and Spanish, 375
// and 1440 px; axe on the new parts. Screenshots: test/artifacts/71-*.png.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryKey } from '../../src/modules/directory/compute.js';
import { csvRecords } from '../support/csv.js';
import { CAST } from '../support/principals.js';
import { artifacts, sharedData, startSuite, type Suite } from './server.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const rows = csvRecords(readFileSync(`${sharedData}directory/directory.csv`, 'utf8'));
const idOf = (r: Record<string, string>) => entryKey(r.iso3, r.role, r.name_local, r.source_url || null);
const peru = rows.find((r) => r.iso3 === 'PER' && r.name_en)!;
const chile = rows.find((r) => r.iso3 === 'CHL')!;
const PER_ID = idOf(peru);
const CHL_ID = idOf(chile);
const NEW_NAME = `${peru.name_en} — corrected by the focal point`;

let suite: Suite | undefined;
let browser: Browser;
let baseUrl: string;

const ADMIN_PASSWORD = 'datasets-admin-password-0123';
const PASSWORD = 'datasets-password-0123';

beforeAll(async () => {
  suite = await startSuite({ support: true, facilitation: true, processes: true, firstAdminPassword: ADMIN_PASSWORD });
  ({ url: baseUrl, browser } = suite);
  await createAccounts();
}, 180_000);
afterAll(async () => {
  await suite?.close();
});

/** The cast as real accounts: the first admin invites each, and each sets a password by its link. */
async function createAccounts(): Promise<void> {
  const login = await fetch(`${baseUrl}/api/-/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: ADMIN_PASSWORD }) });
  expect(login.status).toBe(200);
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = decodeURIComponent(cookies.find((c) => c.startsWith('puente_csrf='))!.slice('puente_csrf='.length));
  for (const key of ['fp-per', 'reviewer'] as const) {
    const p = CAST[key];
    const made = await fetch(`${baseUrl}/api/-/admin/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies.join('; '), 'x-csrf-token': csrf },
      body: JSON.stringify({ login: key, name: p.name, roles: p.roles, economies: p.economies }),
    });
    const body = await made.json();
    expect(made.status, JSON.stringify(body)).toBe(200);
    const set = await fetch(`${baseUrl}/api/-/auth/invitation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invitation: body.invitation.split('#')[1], password: PASSWORD }) });
    expect(set.status).toBe(200);
  }
}

async function signIn(context: BrowserContext, who: 'fp-per' | 'reviewer' | null): Promise<void> {
  if (!who) return;
  const page = await context.newPage();
  await page.goto(`${baseUrl}/signin`);
  await page.getByTestId('signin-login').fill(who);
  await page.getByTestId('signin-password').fill(PASSWORD);
  await page.getByTestId('signin-submit').click();
  await page.waitForURL(/\/account/);
  await page.close();
}

async function open(who: 'fp-per' | 'reviewer' | null, width: number, lang: 'en' | 'es', bypassCSP = false): Promise<Page> {
  const context = await browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-US', bypassCSP });
  await signIn(context, who);
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return page;
}
const at = (path: string, lang: string) => `${baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
const entryUrl = (id: string, economy: string) => `/directory?economy=${economy}&entry=${id}`;

async function axeViolations(page: Page, scope: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run({ include: [include] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  }, scope);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

describe('editorial workflow over a directory entry in the browser', () => {
  it('a Peru focal point opens the entry from the directory and proposes a new English name', async () => {
    const page = await open('fp-per', 1440, 'en', true);
    await page.goto(at('/directory?economy=PER', 'en'));
    await page.locator(`[data-testid="directory-table"] a[href*="entry=${PER_ID}"]`).click();
    const panel = page.locator('[data-testid="directory-entry"]');
    await panel.locator('[data-testid="entry-name-en"]').getByText(peru.name_en).waitFor();
    await panel.locator('[data-testid="edit-entry"]').click();
    const form = page.locator('[data-testid="edit-form"]');
    // Checked with the module's zod schema before anything is sent.
    await form.locator('input[name="official_url"]').fill('not a web address');
    await page.locator('[data-testid="submit-draft"]').click();
    await expect(page.locator('[data-testid="edit-errors"]').textContent()).resolves.toMatch(/official_url/);
    await form.locator('input[name="official_url"]').fill(peru.official_url ?? '');
    await form.locator('input[name="name_en"]').fill(NEW_NAME);
    await page.locator('[data-testid="submit-draft"]').click();
    await page.locator('[data-testid="workflow-notice"]').waitFor();
    const drafts = page.locator('[data-testid="entry-drafts"]');
    await drafts.getByText('Pending review').waitFor();
    expect(await drafts.locator('[data-testid="draft-diff"]').textContent()).toContain(NEW_NAME);
    expect(await panel.locator('[data-testid="entry-name-en"]').textContent()).toBe(peru.name_en);
    await shot(page, '71-datasets-directory-submitted-1440-en');
    expect(await axeViolations(page, '[data-testid="directory-entry"]')).toEqual([]);
    await page.context().close();
  });

  it('the focal point cannot edit a Chile entry: no edit button, and the API answers 403', async () => {
    for (const [width, lang] of [[375, 'es'], [1440, 'en']] as const) {
      const page = await open('fp-per', width, lang);
      await page.goto(at(entryUrl(CHL_ID, 'CHL'), lang));
      const note = page.locator('[data-testid="directory-entry"] [data-testid="not-your-economy"]');
      await note.waitFor();
      expect(await note.textContent()).toContain('CHL');
      expect(await page.locator('[data-testid="edit-entry"]').count()).toBe(0);
      await shot(page, `71-datasets-directory-chile-refused-${width}-${lang}`);
      const refused = await page.evaluate(async (id) => {
        const csrf = decodeURIComponent(/(?:^|;\s*)puente_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '');
        const headers = { 'content-type': 'application/json', 'x-csrf-token': csrf };
        const draft = await fetch('/api/-/drafts', { method: 'POST', headers, body: JSON.stringify({ entity: 'directory_entries', entity_id: id, changes: { note: 'x' } }) });
        const direct = await fetch(`/api/directory/entries/${id}`, { method: 'POST', headers, body: JSON.stringify({ note: 'x' }) });
        return { draft: draft.status, error: (await draft.json()).error as string, direct: direct.status };
      }, CHL_ID);
      expect(refused).toMatchObject({ draft: 403, direct: 403 });
      expect(refused.error).toMatch(/may not propose changes to CHL entries/);
      await page.context().close();
    }
  });

  it('a reviewer approves and publishes it; the public directory shows the new name', async () => {
    const page = await open('reviewer', 375, 'es', true);
    await page.goto(at('/review', 'es'));
    const item = page.locator('[data-testid="queue-item"]').filter({ hasText: NEW_NAME });
    await item.waitFor();
    await item.locator('[data-testid="approve"]').click();
    await item.locator('[data-testid="publish"]').click();
    await page.locator('[data-testid="queue-empty"]').waitFor();
    await page.context().close();
    for (const [width, lang] of [[375, 'es'], [1440, 'en']] as const) {
      const reader = await open(null, width, lang);
      await reader.goto(at(entryUrl(PER_ID, 'PER'), lang));
      await reader.locator('[data-testid="entry-name-en"]').getByText(NEW_NAME).waitFor();
      expect(await reader.locator('[data-testid="directory-table"]').textContent()).toContain(NEW_NAME);
      expect(await reader.locator('[data-testid="edit-entry"]').count()).toBe(0);
      await shot(reader, `71-datasets-directory-public-${width}-${lang}`);
      await reader.context().close();
    }
  });

  it('the reviewer reverts it from the history page; the history and the directory show the old value', async () => {
    for (const [width, lang] of [[375, 'es'], [1440, 'en']] as const) {
      const reader = await open(null, width, lang, true);
      await reader.goto(at(entryUrl(PER_ID, 'PER'), lang));
      await reader.locator('[data-testid="history-link"]').click();
      const list = reader.locator('[data-testid="history-list"]');
      await list.locator('[data-testid="history-item"][data-action="update"]').first().waitFor();
      expect(await reader.locator('[data-testid="revert-open"]').count()).toBe(0);
      await shot(reader, `71-datasets-history-reader-${width}-${lang}`);
      expect(await axeViolations(reader, '[data-testid="page-history"]')).toEqual([]);
      await reader.context().close();
    }
    const page = await open('reviewer', 1440, 'en', true);
    await page.goto(at(entryUrl(PER_ID, 'PER'), 'en'));
    await page.locator('[data-testid="history-link"]').click();
    const update = page.locator('[data-testid="history-item"][data-action="update"]').first();
    expect(await update.locator('[data-testid="history-diff"]').textContent()).toContain(NEW_NAME);
    await update.locator('[data-testid="revert-open"]').click();
    await update.locator('[data-testid="revert-comment"]').fill('The old English name is the official one');
    await update.locator('[data-testid="revert-confirm"]').click();
    await page.locator('[data-testid="revert-notice"]').waitFor();
    const revert = page.locator('[data-testid="history-item"]').first();
    await expect(revert.getAttribute('data-action')).resolves.toBe('revert');
    const cells = await revert.locator('[data-testid="history-diff"] tbody tr td').allTextContents();
    expect(cells).toEqual([NEW_NAME, peru.name_en]);
    expect(await revert.textContent()).toContain('The old English name is the official one');
    await shot(page, '71-datasets-history-reverted-1440-en');
    expect(await axeViolations(page, '[data-testid="page-history"]')).toEqual([]);
    await page.locator('[data-testid="history-entry-link"]').click();
    await page.locator('[data-testid="entry-name-en"]').getByText(peru.name_en, { exact: true }).waitFor();
    await shot(page, '71-datasets-directory-after-revert-1440-en');
    await page.context().close();
  });

  it('the other datasets have their forms: a BPA case\'s procedures as checked JSON, a facilitation status proposed from the economy page', async () => {
    const cases = (await (await fetch(`${baseUrl}/api/processes/cases`)).json()).rows as { id: string; exporter: string | null }[];
    const bpa = cases.find((c) => c.exporter);
    expect(bpa, 'a case with an exporter').toBeTruthy();
    const page = await open('reviewer', 1440, 'en', true);
    await page.goto(at(`/processes/${bpa!.id}`, 'en'));
    const box = page.locator('[data-testid="entry-workflow"]');
    await box.locator('[data-testid="edit-entry"]').click();
    await box.locator('textarea[name="procedures"]').fill('[{"name": ');
    await box.locator('[data-testid="submit-draft"]').click();
    await expect(box.locator('[data-testid="edit-errors"]').textContent()).resolves.toMatch(/procedures/);
    await shot(page, '71-datasets-case-form-1440-en');
    expect(await axeViolations(page, '[data-testid="entry-workflow"]')).toEqual([]);
    await page.context().close();

    const statuses = (await (await fetch(`${baseUrl}/api/facilitation/statuses?country=PRY&_size=max`)).json()).rows as { iso3: string; round: number; measure: string; status: number }[];
    const s = statuses.find((x) => x.status < 3)!;
    const key = `${s.iso3}/${s.round}/${s.measure}`;
    for (const [width, lang] of [[375, 'es'], [1440, 'en']] as const) {
      const tf = await open('reviewer', width, lang, true);
      await tf.goto(at(`/facilitation/PRY?measure=${encodeURIComponent(key)}`, lang));
      const part = tf.locator('[data-testid="tf-status-correction"]');
      await part.locator('[data-testid="edit-entry"]').waitFor();
      expect(await part.locator('[data-testid="tf-status-pick"]').inputValue()).toBe(key);
      if (width === 1440) {
        await part.locator('[data-testid="edit-entry"]').click();
        await part.locator('select[name="status"]').selectOption(String(s.status + 1));
        await part.locator('input[name="source_url"]').fill('https://www.vue.org.py');
        await part.locator('[data-testid="submit-draft"]').click();
        await part.locator('[data-testid="entry-drafts"]').getByText('Pending review').waitFor();
        expect(await part.locator('[data-testid="draft-diff"]').textContent()).toContain('https://www.vue.org.py');
      }
      await shot(tf, `71-datasets-facilitation-form-${width}-${lang}`);
      expect(await axeViolations(tf, '[data-testid="tf-status-correction"]')).toEqual([]);
      await tf.context().close();
    }
  });
});
