// Accounts in Chromium (issue #13): the first admin signs in, invites a focal point for Peru; she
// sets her password through the one-time link, signs in, creates a personal token; the token works
// from a script (fetch), and once revoked it is refused. The audit log lists it all. Screenshots
// at 375 and 1440 px, English and Spanish: test/artifacts/70-*.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, startSuite, type Suite } from './server.js';

const ADMIN_PASSWORD = 'e2e admin password 0123';
const ANA_PASSWORD = 'ana sets this password 42';
let suite: Suite | undefined;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  suite = await startSuite({ firstAdminPassword: ADMIN_PASSWORD });
  ({ url: baseUrl, browser } = suite);
}, 180_000);
afterAll(async () => {
  await suite?.close();
});

async function newPage(width = 1440, locale = 'en-US'): Promise<Page> {
  const ctx = await browser.newContext({ locale });
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return page;
}
const shot = (page: Page, name: string) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });

async function signIn(page: Page, login: string, password: string, lang = 'en') {
  await page.goto(`${baseUrl}/signin?lang=${lang}`);
  await page.getByTestId('signin-login').fill(login);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('account-name').waitFor();
}

const me = async (token: string) => (await (await fetch(`${baseUrl}/api/-/auth/me`, { headers: { authorization: `Bearer ${token}` } })).json()).principal;

describe('accounts in the browser', () => {
  it('an admin invites a focal point; she sets a password, signs in and makes a token that works until she revokes it', async () => {
    // Anonymous: the header offers "Sign in"; admin pages ask to sign in.
    const admin = await newPage();
    await admin.goto(`${baseUrl}/admin/users`);
    await admin.getByTestId('admin-users-signin').waitFor();
    expect(await admin.getByTestId('nav-signin').textContent()).toBe('Sign in');

    await signIn(admin, 'admin', ADMIN_PASSWORD);
    expect(await admin.getByTestId('nav-account').textContent()).toBe('Administrator');
    await admin.goto(`${baseUrl}/admin/users`);
    await admin.getByTestId('user-login').fill('ana');
    await admin.getByTestId('user-name').fill('Ana Pérez');
    await admin.getByTestId('user-role-focal_point').check();
    await admin.getByTestId('user-economies').fill('PER');
    await admin.getByTestId('user-add').click();
    const link = (await admin.getByTestId('invitation-link').textContent())!;
    expect(link).toMatch(new RegExp(`^${baseUrl}/account/invitation#\\S{40,}$`));
    await admin.getByTestId('user-row').filter({ hasText: 'ana' }).waitFor();
    expect(await admin.getByTestId('user-row').filter({ hasText: 'ana' }).textContent()).toMatch(/Focal point \(PER\).*invited/);
    await shot(admin, '70-admin-users-1440');

    // Ana, on her phone, in Spanish.
    const ana = await newPage(375, 'es-ES');
    await ana.goto(`${link.replace('#', '?lang=es#')}`);
    await ana.getByTestId('invitation-password').fill(ANA_PASSWORD);
    await ana.getByTestId('invitation-again').fill(ANA_PASSWORD);
    await shot(ana, '70-invitation-375-es');
    await ana.getByTestId('invitation-submit').click();
    expect(await ana.getByTestId('invitation-done').textContent()).toMatch(/ana/);
    await signIn(ana, 'ana', ANA_PASSWORD, 'es');
    expect(await ana.getByTestId('nav-account').textContent()).toBe('Ana Pérez');
    await ana.getByTestId('token-name').fill('script');
    await ana.getByTestId('token-create').click();
    const token = (await ana.getByTestId('token-secret').textContent())!;
    expect(token).toMatch(/^pnt_\S{40,}$/);
    await ana.getByTestId('token-row').first().waitFor();
    await shot(ana, '70-account-375-es');

    // The token works from a script, for reads and writes (no CSRF header needed with a bearer token).
    expect(await me(token)).toEqual({ via: 'token', name: 'Ana Pérez', roles: ['focal_point'], economies: ['PER'] });
    const write = await fetch(`${baseUrl}/api/-/account/tokens`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'from a script' }) });
    expect(write.status).toBe(200);
    // A cross-site form cannot write with her session cookie alone (no CSRF header).
    const cookies = await ana.context().cookies();
    const session = cookies.find((c) => c.name === 'puente_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    const forged = await fetch(`${baseUrl}/api/-/account/tokens`, { method: 'POST', headers: { cookie: `puente_session=${session.value}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'forged' }) });
    expect(forged.status).toBe(403);

    // Revoked, it is refused.
    await ana.reload();
    const row = ana.getByTestId('token-row').filter({ hasText: 'script' }).filter({ hasNotText: 'from a script' });
    await row.getByTestId('token-revoke').click();
    await row.getByTestId('token-revoked').waitFor();
    expect(await me(token)).toBeNull();
    const refused = await fetch(`${baseUrl}/api/-/account/tokens`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'again' }) });
    expect(refused.status).toBe(401);

    // Ana is not an admin: the admin pages say so.
    await ana.goto(`${baseUrl}/admin/audit?lang=es`);
    await ana.getByTestId('admin-audit-forbidden').waitFor();

    // The admin sees it all in the audit log, filtered, and downloads it.
    await admin.goto(`${baseUrl}/admin/audit?entity=auth_tokens`);
    await admin.getByTestId('audit-row').first().waitFor();
    const actions = await admin.getByTestId('audit-row').locator('td:nth-child(3)').allTextContents();
    expect(actions).toEqual(expect.arrayContaining(['token.create', 'token.use', 'token.revoke']));
    expect(actions.every((a) => a.startsWith('token.'))).toBe(true);
    const href = await admin.getByTestId('audit-csv').getAttribute('href');
    expect(href).toBe('/api/-/admin/audit.csv?entity=auth_tokens');
    const csv = await admin.evaluate(async (h) => (await fetch(h!)).text(), href);
    expect(csv.split(/\r?\n/)[0]).toBe('id,at,actor,action,entity,entity_id,before,after');
    expect(csv).toContain('token.revoke');
    await shot(admin, '70-admin-audit-1440');
    await admin.setViewportSize({ width: 375, height: 900 });
    await shot(admin, '70-admin-audit-375');
  });

  it('the sign-in page in English and Spanish at 375 and 1440 px; a wrong password is said so', async () => {
    for (const [lang, width] of [['en', 1440], ['es', 375], ['en', 375], ['es', 1440]] as const) {
      const page = await newPage(width);
      await page.goto(`${baseUrl}/signin?lang=${lang}`);
      await page.getByTestId('signin-login').fill('admin');
      await page.getByTestId('signin-password').fill('not the password');
      await page.getByTestId('signin-submit').click();
      expect(await page.getByTestId('signin-error').textContent()).toMatch(lang === 'es' ? /Usuario o contraseña incorrectos/ : /Wrong login or password/);
      expect(await page.locator('h1').textContent()).toBe(lang === 'es' ? 'Iniciar sesión en Puente' : 'Sign in to Puente');
      await shot(page, `70-signin-${width}-${lang}`);
      await page.context().close();
    }
  });
});
