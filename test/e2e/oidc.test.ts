// Single sign-on in Chromium (issue #13): a local OpenID provider (oidc-provider) beside Puente;
// an admin has made accounts whose logins are the people's e-mails. Ana, on her phone in Spanish,
// presses "Iniciar sesión con Test IdP", signs in at the provider's own form and lands in Puente
// signed in as her focal-point account; Rosa does the same in English at 1440 px; Mallory, whom
// no account knows, is sent back to the sign-in page with the reason. Screenshots:
// test/artifacts/72-*.png.
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProvider, TEST_CLIENT, type TestProvider } from '../support/oidc-provider.js';
import { artifacts, startSuite, type Suite } from './server.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const ADMIN_PASSWORD = 'e2e admin password 0123';
const USERS = {
  ana: { email: 'ana@example.org', email_verified: true, name: 'Ana Pérez' },
  rosa: { email: 'rosa@example.org', email_verified: true, name: 'Rosa Díaz' },
  mallory: { email: 'mallory@example.org', email_verified: true, name: 'Mallory' },
};
let provider: TestProvider;
let suite: Suite | undefined;
let browser: Browser;
let baseUrl: string;

/** The admin makes an account through the API, as the admin page does (session + CSRF header). */
async function makeAccount(login: string, name: string, roles: string[], economies: string[]) {
  const signIn = await fetch(`${baseUrl}/api/-/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: ADMIN_PASSWORD }) });
  expect(signIn.status).toBe(200);
  const cookies = Object.fromEntries(signIn.headers.getSetCookie().map((l) => l.split(';')[0].split('=') as [string, string]));
  const res = await fetch(`${baseUrl}/api/-/admin/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `puente_session=${cookies.puente_session}; puente_csrf=${cookies.puente_csrf}`, 'x-csrf-token': cookies.puente_csrf },
    body: JSON.stringify({ login, name, roles, economies }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

beforeAll(async () => {
  provider = await startTestProvider(USERS);
  suite = await startSuite({
    firstAdminPassword: ADMIN_PASSWORD,
    env: { PUENTE_OIDC_ISSUER: provider.issuer, PUENTE_OIDC_CLIENT_ID: TEST_CLIENT.id, PUENTE_OIDC_CLIENT_SECRET: TEST_CLIENT.secret, PUENTE_OIDC_PROVIDER_NAME: 'Test IdP' },
  });
  ({ url: baseUrl, browser } = suite);
  provider.register(`${baseUrl}/api/-/auth/oidc/callback`);
  await makeAccount('ana@example.org', 'Ana Pérez', ['focal_point'], ['PER']);
  await makeAccount('rosa@example.org', 'Rosa Díaz', ['reviewer'], []);
}, 180_000);
afterAll(async () => {
  await suite?.close();
  await provider?.close();
});

async function newPage(width: number, locale: string, bypassCSP = false): Promise<Page> {
  // axe is injected as a script tag: only the accessibility test lets it past the page's CSP.
  const ctx = await browser.newContext({ locale, bypassCSP });
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  return page;
}
const shot = (page: Page, name: string) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });

/** At the provider: its login form (any password for a known login), then its consent page. */
async function atProvider(page: Page, login: string) {
  await page.waitForURL((u) => u.href.startsWith(provider.issuer));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  await page.locator('input[name="prompt"][value="consent"]').waitFor({ state: 'attached' });
  await page.locator('button[type="submit"]').click();
}

describe('single sign-on in the browser', () => {
  it('Ana (375 px, Spanish) signs in with the provider and lands signed in as her focal-point account', async () => {
    const page = await newPage(375, 'es-ES');
    await page.goto(`${baseUrl}/signin?lang=es`);
    const button = page.getByTestId('signin-oidc');
    await button.waitFor();
    expect(await button.textContent()).toBe('Iniciar sesión con Test IdP');
    await shot(page, '72-oidc-signin-375-es');
    await button.click();
    await atProvider(page, 'ana');
    await page.getByTestId('account-name').waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('es');
    expect(await page.getByTestId('account-name').textContent()).toContain('Ana Pérez');
    expect(await page.getByTestId('nav-account').textContent()).toBe('Ana Pérez');
    expect(await page.locator('body').textContent()).toMatch(/Punto focal/);
    await shot(page, '72-oidc-account-375-es');
    // The session cookie is HTTP-only: the page's script cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain('puente_session');
  });

  it('Rosa (1440 px, English) signs in as a reviewer; Mallory, whom no account knows, is refused with the reason', async () => {
    const rosa = await newPage(1440, 'en-US');
    await rosa.goto(`${baseUrl}/signin?lang=en`);
    await rosa.getByTestId('signin-oidc').click();
    await atProvider(rosa, 'rosa');
    await rosa.getByTestId('account-name').waitFor();
    expect(await rosa.getByTestId('nav-account').textContent()).toBe('Rosa Díaz');
    expect(await rosa.locator('body').textContent()).toMatch(/Reviewer/);
    await shot(rosa, '72-oidc-account-1440-en');

    const mallory = await newPage(1440, 'en-US');
    await mallory.goto(`${baseUrl}/signin?lang=en`);
    await mallory.getByTestId('signin-oidc').click();
    await atProvider(mallory, 'mallory');
    const error = mallory.getByTestId('signin-oidc-error');
    await error.waitFor();
    expect(new URL(mallory.url()).searchParams.get('oidc_error')).toBe('unknown');
    expect(await error.textContent()).toBe('No Puente account is linked to this Test IdP identity. Ask an administrator to create an account whose login is your e-mail address, as verified by Test IdP.');
    expect(await mallory.getByTestId('nav-signin').textContent()).toBe('Sign in');
    await shot(mallory, '72-oidc-refused-1440-en');
  });

  it('the sign-in page with its single sign-on button and a refusal has no axe violation (WCAG 2.2 A/AA) at 375 and 1440 px, in English and Spanish', async () => {
    const failures: string[] = [];
    for (const [width, lang] of [[375, 'es'], [1440, 'en'], [375, 'en'], [1440, 'es']] as const) {
      const page = await newPage(width, lang === 'es' ? 'es-ES' : 'en-US', true);
      await page.goto(`${baseUrl}/signin?lang=${lang}&oidc_error=unknown`);
      await page.getByTestId('signin-oidc').waitFor();
      await page.getByTestId('signin-oidc-error').waitFor();
      await page.addScriptTag({ path: AXE });
      const result = (await page.evaluate(() =>
        (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(
          { include: ['#main'] },
          { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] } },
        ),
      )) as { violations: { id: string; nodes: { target: string[] }[] }[] };
      for (const v of result.violations) failures.push(`${lang} ${width}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      await page.context().close();
    }
    expect(failures).toEqual([]);
  });
});
