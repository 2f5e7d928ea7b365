// The editorial workflow in Chromium (issue #13): a focal point for Peru corrects a support
// programme and submits it; a reviewer approves and publishes it; the public page shows the new
// value; the audit log lists both; the focal point cannot edit Chile's programmes (no edit
// button, and the API's 403 names why). English and Spanish, 375 and 1440 px; axe on the new
// parts. Screenshots: test/artifacts/70-*.png.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeKey } from '../../src/modules/support/compute.js';
import { csvRecords } from '../support/csv.js';
import { CAST } from '../support/principals.js';
import { artifacts, sharedData, startSuite, type Suite } from './server.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const rows = csvRecords(readFileSync(`${sharedData}support/support_measures.csv`, 'utf8'));
const peru = rows.find((r) => r.iso3 === 'PER')!;
const chile = rows.find((r) => r.iso3 === 'CHL')!;
const PER_ID = programmeKey(peru.iso3, peru.programme);
const CHL_ID = programmeKey(chile.iso3, chile.programme);
const NEW_AGENCY = 'Ministerio de la Producción (PRODUCE) — corregido';

let suite: Suite | undefined;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  suite = await startSuite({ support: true, firstAdminPassword: ADMIN_PASSWORD });
  ({ url: baseUrl, browser } = suite);
  await createAccounts();
}, 180_000);
afterAll(async () => {
  await suite?.close();
});

const ADMIN_PASSWORD = 'workflow-admin-password-0123';
const PASSWORD = 'workflow-password-0123';

/** The cast as real accounts: the first admin invites each, and each sets a password by its link. */
async function createAccounts(): Promise<void> {
  const login = await fetch(`${baseUrl}/api/-/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: ADMIN_PASSWORD }) });
  expect(login.status).toBe(200);
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = decodeURIComponent(cookies.find((c) => c.startsWith('puente_csrf='))!.slice('puente_csrf='.length));
  for (const [key, p] of Object.entries(CAST)) {
    if (key === 'admin') continue;
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

/** Signs `who` in on the sign-in page, as a person does (the session cookie stays in the context). */
async function signIn(context: BrowserContext, who: keyof typeof CAST | null): Promise<void> {
  if (!who) return;
  const page = await context.newPage();
  await page.goto(`${baseUrl}/signin`);
  await page.getByTestId('signin-login').fill(who);
  await page.getByTestId('signin-password').fill(who === 'admin' ? ADMIN_PASSWORD : PASSWORD);
  await page.getByTestId('signin-submit').click();
  await page.waitForURL(/\/account/);
  await page.close();
}

async function open(who: keyof typeof CAST | null, width: number, lang: 'en' | 'es', bypassCSP = false): Promise<Page> {
  const context = await browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-US', bypassCSP });
  await signIn(context, who);
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return page;
}
const at = (path: string, lang: string) => `${baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });

async function axeViolations(page: Page, scope: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run({ include: [include] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  }, scope);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

describe('editorial workflow in the browser', () => {
  it('a focal point for Peru corrects a programme and submits it; it stays unpublished', async () => {
    const page = await open('fp-per', 1440, 'en', true);
    await page.goto(at(`/support/programmes/${PER_ID}`, 'en'));
    await page.locator('[data-testid="verification-status"]').getByText('Not verified yet').waitFor();
    await page.locator('[data-testid="edit-entry"]').click();
    const form = page.locator('[data-testid="edit-form"]');
    // The form checks with the module's zod schema before anything is sent.
    await form.locator('input[name="year_started"]').fill('1492');
    await page.locator('[data-testid="submit-draft"]').click();
    await expect(page.locator('[data-testid="edit-errors"]').textContent()).resolves.toMatch(/year_started/);
    await form.locator('input[name="year_started"]').fill(peru.year_started ?? '');
    await form.locator('input[name="agency"]').fill(NEW_AGENCY);
    await form.locator('input[name="comment"]').fill('The agency signs the programme');
    await page.locator('[data-testid="submit-draft"]').click();
    await page.locator('[data-testid="workflow-notice"]').waitFor();
    const drafts = page.locator('[data-testid="entry-drafts"]');
    await drafts.getByText('Pending review').waitFor();
    expect(await drafts.locator('[data-testid="draft-diff"]').textContent()).toContain(NEW_AGENCY);
    // Still the published value on the page.
    expect(await page.locator('[data-testid="programme-facts"]').textContent()).not.toContain(NEW_AGENCY);
    await shot(page, '70-workflow-focal-point-submitted-1440-en');
    expect(await axeViolations(page, '[data-testid="entry-workflow"]')).toEqual([]);
    await page.context().close();
  });

  it('the focal point cannot edit Chile: no edit button, a clear note, and the API refuses with 403 naming why', async () => {
    for (const [width, lang] of [[375, 'es'], [1440, 'en']] as const) {
      const page = await open('fp-per', width, lang);
      await page.goto(at(`/support/programmes/${CHL_ID}`, lang));
      const note = page.locator('[data-testid="not-your-economy"]');
      await note.waitFor();
      expect(await note.textContent()).toContain(lang === 'es' ? 'Solo puede proponer cambios' : 'only to entries of your economies');
      expect(await note.textContent()).toContain('CHL');
      expect(await page.locator('[data-testid="edit-entry"]').count()).toBe(0);
      expect(await page.locator('[data-testid="verify-form"]').count()).toBe(0);
      await shot(page, `70-workflow-chile-refused-${width}-${lang}`);
      const refused = await page.evaluate(async (id) => {
        const csrf = decodeURIComponent(/(?:^|;\s*)puente_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '');
        const res = await fetch('/api/-/drafts', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ entity: 'support_programmes', entity_id: id, changes: { agency: 'x' } }) });
        return { status: res.status, body: await res.json() };
      }, CHL_ID);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatch(/may not propose changes to CHL entries/);
      await page.context().close();
    }
  });

  it('a reviewer approves and publishes it from the review queue (Spanish, phone width)', async () => {
    const page = await open('reviewer', 375, 'es', true);
    await page.goto(at('/review', 'es'));
    const item = page.locator('[data-testid="queue-item"]').filter({ hasText: NEW_AGENCY });
    await item.waitFor();
    expect(await item.locator('[data-testid="draft-status"]').textContent()).toBe('Pendiente de revisión');
    await shot(page, '70-workflow-review-queue-375-es');
    expect(await axeViolations(page, '[data-testid="page-review"]')).toEqual([]);
    await item.locator('[data-testid="approve"]').click();
    await item.locator('[data-testid="publish"]').waitFor();
    expect(await item.locator('[data-testid="draft-status"]').textContent()).toBe('Aprobado, aún sin publicar');
    await item.locator('[data-testid="publish"]').click();
    await page.locator('[data-testid="queue-empty"]').waitFor();
    await shot(page, '70-workflow-review-queue-published-375-es');
    await page.context().close();
  });

  it('the public page shows the new value; the audit log lists the focal point\'s submit and the reviewer\'s approval and publication', async () => {
    for (const [width, lang] of [[375, 'es'], [1440, 'en']] as const) {
      const page = await open(null, width, lang);
      await page.goto(at(`/support/programmes/${PER_ID}`, lang));
      await page.locator('[data-testid="programme-facts"]').getByText(NEW_AGENCY).waitFor();
      expect(await page.locator('[data-testid="edit-entry"]').count()).toBe(0);
      await shot(page, `70-workflow-public-${width}-${lang}`);
      await page.context().close();
    }
    const audit = (await (await fetch(`${baseUrl}/api/support/audit?entity_id=${PER_ID}`)).json()).rows.map((r: any) => `${r.action} by ${r.actor}`);
    expect(audit).toContain(`draft_submit by ${CAST['fp-per'].name}`);
    expect(audit).toContain(`draft_approve by ${CAST.reviewer.name}`);
    expect(audit).toContain(`draft_publish by ${CAST.reviewer.name}`);
  });

  it('the focal point marks the programme Not correct with the requested action; the public page shows the status; the dashboard lists it', async () => {
    const page = await open('fp-per', 1440, 'en');
    await page.goto(at(`/support/programmes/${PER_ID}`, 'en'));
    const form = page.locator('[data-testid="verify-form"]');
    await form.getByLabel('Not correct').check();
    await form.locator('input[type="text"]').fill('Add the 2025 call for applications');
    await form.locator('input[type="date"]').fill('2025-06-01');
    await page.locator('[data-testid="verify-submit"]').click();
    await form.getByText('Verification saved.').waitFor();
    await page.locator('[data-testid="verification-status"] .wf-mark').getByText('Not correct').waitFor();
    await shot(page, '70-workflow-verify-1440-en');
    await page.goto(at('/my-economies', 'en'));
    const toVerify = page.locator('[data-testid="to-verify"]');
    await toVerify.locator('li').first().waitFor({ timeout: 15_000 }).catch(async (e) => {
      await shot(page, '70-workflow-my-economies-failed');
      throw e;
    });
    expect(await toVerify.textContent()).toContain('Peru');
    await page.locator('[data-testid="my-drafts"]').getByText('Published').first().waitFor();
    await shot(page, '70-workflow-my-economies-1440-en');
    await page.context().close();

    const reader = await open(null, 375, 'es');
    await reader.goto(at(`/support/programmes/${PER_ID}`, 'es'));
    const status = reader.locator('[data-testid="verification-status"]');
    await status.locator('.wf-mark').getByText('No correcto').waitFor();
    expect(await status.textContent()).toContain('Add the 2025 call for applications');
    await shot(reader, '70-workflow-verified-375-es');
    await reader.context().close();
  });
});
