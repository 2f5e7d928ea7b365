import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import { z } from 'zod';
import { writeAudit } from '../audit.js';
import type { Api, Env } from '../http/api.js';
import type { AppContext } from '../module.js';
import { cookieOptions, sessionSecretOf, setSessionCookies } from './authenticate.js';
import { newSecret } from './secrets.js';
import { oidcConfigSchema, type OidcRefusal } from './schema.js';
import * as store from './store.js';

export { oidcConfigSchema, type OidcRefusal };

// Single sign-on through OpenID Connect (issue #13), with openid-client: the authorization code
// flow with PKCE (S256), state and nonce. The state is kept twice: in an HTTP-only cookie of the
// browser that started (so a sign-in cannot be finished in another browser: login CSRF) and, by
// its digest, in auth_oidc_flows with the nonce and the PKCE verifier (so any server behind the
// proxy can finish it, once, within FLOW_MINUTES).
//
// Identities never create accounts: an admin creates the account (login = the person's e-mail),
// and the first sign-in whose e-mail the provider has verified links the identity ("issuer sub")
// to it; later sign-ins match the subject. Anyone else is refused and the refusal is audited.

const FLOW_COOKIE = 'puente_oidc';
const FLOW_PATH = '/api/-/auth/oidc';
const FLOW_MINUTES = 10;
const LANGS = new Set(['en', 'es', 'pt', 'zh', 'ja', 'ko']);

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The provider's name on the button: the setting, else the issuer's host name. */
export function providerName(ctx: AppContext): string | null {
  const issuer = ctx.config.PUENTE_OIDC_ISSUER;
  if (!issuer) return null;
  return ctx.config.PUENTE_OIDC_PROVIDER_NAME ?? new URL(issuer).hostname;
}

/**
 * The provider's configuration from its discovery document, fetched once (again after a failure).
 * Requests go through ctx.fetch (tests have no network); plain HTTP only to a loopback issuer.
 */
function discoverer(ctx: AppContext): () => Promise<oidc.Configuration> {
  let pending: Promise<oidc.Configuration> | null = null;
  return () => {
    if (!pending) {
      const cfg = ctx.config;
      const issuer = new URL(cfg.PUENTE_OIDC_ISSUER!);
      const secret = cfg.PUENTE_OIDC_CLIENT_SECRET;
      pending = oidc
        .discovery(issuer, cfg.PUENTE_OIDC_CLIENT_ID!, secret ? { client_secret: secret } : {}, secret ? oidc.ClientSecretBasic(secret) : oidc.None(), {
          execute: issuer.protocol === 'http:' && isLoopback(issuer) ? [oidc.allowInsecureRequests] : [],
          timeout: Math.ceil(cfg.PUENTE_HTTP_TIMEOUT_MS / 1000),
          [oidc.customFetch]: (url, init) => ctx.fetch(url, init as RequestInit),
        })
        .catch((err) => {
          pending = null;
          throw err;
        });
    }
    return pending;
  };
}

export function oidcRoutes(api: Api): void {
  const ctx = api.ctx;
  const db = ctx.db.kysely;
  const enabled = () => Boolean(ctx.config.PUENTE_OIDC_ISSUER && ctx.config.PUENTE_OIDC_CLIENT_ID);
  const discover = discoverer(ctx);
  const redirectUrl = (c: Context<Env>) => ctx.config.PUENTE_OIDC_REDIRECT_URL ?? `${new URL(c.req.url).origin}${FLOW_PATH}/callback`;
  const langOf = (v: string | null | undefined) => (v && LANGS.has(v) ? v : null);
  const flowCookie = () => ({ ...cookieOptions(ctx, FLOW_MINUTES * 60), path: FLOW_PATH });

  const refuse = (c: Context<Env>, why: OidcRefusal, lang: string | null) => {
    deleteCookie(c, FLOW_COOKIE, flowCookie());
    return c.redirect(`/signin?oidc_error=${why}${lang ? `&lang=${lang}` : ''}`, 302);
  };

  api.json({
    method: 'get',
    path: '/api/-/auth/oidc',
    tag: 'accounts',
    summary: 'Whether single sign-on (OpenID Connect) is on, and the provider\'s name for the sign-in button',
    response: oidcConfigSchema,
    async handler() {
      return enabled() ? { enabled: true, provider: providerName(ctx), start: `${FLOW_PATH}/start` } : { enabled: false, provider: null, start: null };
    },
  });

  api.json({
    method: 'get',
    path: '/api/-/auth/oidc/start',
    tag: 'accounts',
    summary: 'Start a single sign-on: redirects the browser to the OpenID provider (authorization code flow with PKCE, state and nonce)',
    description:
      'Optional query `lang` (en, es, pt, zh, ja, ko): the language to land in afterwards. When single sign-on is off or the provider cannot be reached, ' +
      'redirects to `/signin?oidc_error=off|provider`.',
    redirect: 'To the provider\'s authorization endpoint, or back to /signin?oidc_error=... when single sign-on is off or the provider is unreachable',
    response: z.never(),
    async handler(c) {
      const lang = langOf(c.req.query('lang'));
      if (!enabled()) return refuse(c, 'off', lang);
      let config: oidc.Configuration;
      try {
        config = await discover();
      } catch (err) {
        ctx.log.info(`warning: single sign-on: the provider ${ctx.config.PUENTE_OIDC_ISSUER} did not answer its discovery document: ${(err as Error).message}`);
        return refuse(c, 'provider', lang);
      }
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      await store.createOidcFlow(db, { state, nonce, codeVerifier, lang }, ctx.clock(), FLOW_MINUTES);
      setCookie(c, FLOW_COOKIE, state, flowCookie());
      const scopes = new Set(['openid', ...ctx.config.PUENTE_OIDC_SCOPES.split(/\s+/).filter(Boolean)]);
      const target = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUrl(c),
        scope: [...scopes].join(' '),
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        ...(lang ? { ui_locales: lang } : {}),
      });
      return c.redirect(target.href, 302);
    },
  });

  api.json({
    method: 'get',
    path: '/api/-/auth/oidc/callback',
    tag: 'accounts',
    summary: 'Where the OpenID provider sends the browser back: checks state, exchanges the code (PKCE), checks the ID token and nonce, signs the linked account in',
    description:
      'The redirect URI to register at the provider (PUENTE_OIDC_REDIRECT_URL). Signed in: a new session (the old one ends, as at a password sign-in) and a redirect to `/account`. ' +
      'Refused: a redirect to `/signin?oidc_error=` `state` (not the sign-in this browser started, used or expired), `denied` (the provider said no), ' +
      '`provider` (the code exchange or the ID token failed), `unknown` (no account is linked to the identity), `disabled` or `off`. Every sign-in and refusal of an identity is audited.',
    redirect: 'To /account when signed in, else to /signin?oidc_error=...',
    response: z.never(),
    async handler(c) {
      const here = new URL(c.req.url);
      const state = here.searchParams.get('state') ?? '';
      const mine = getCookie(c, FLOW_COOKIE) ?? '';
      if (!enabled()) return refuse(c, 'off', null);
      if (!state || !mine || !same(state, mine)) return refuse(c, 'state', null);
      const flow = await store.takeOidcFlow(db, state);
      const t = ctx.clock();
      if (!flow || Date.parse(flow.expires_at) <= t.getTime()) return refuse(c, 'state', null);
      const lang = langOf(flow.lang);
      if (here.searchParams.get('error')) return refuse(c, 'denied', lang);

      let claims: { iss: string; sub: string; email?: unknown; email_verified?: unknown };
      try {
        const config = await discover();
        const current = new URL(redirectUrl(c));
        current.search = here.search;
        const tokens = await oidc.authorizationCodeGrant(config, current, { pkceCodeVerifier: flow.code_verifier, expectedState: state, expectedNonce: flow.nonce, idTokenExpected: true });
        const id = tokens.claims()!;
        claims = id;
        // Some providers put the e-mail in the ID token only when asked by the claims parameter:
        // then it comes from the UserInfo endpoint (checked to be about the same subject).
        if (id.email === undefined && config.serverMetadata().userinfo_endpoint) {
          const info = await oidc.fetchUserInfo(config, tokens.access_token, id.sub);
          claims = { iss: id.iss, sub: id.sub, email: info.email, email_verified: info.email_verified };
        }
      } catch (err) {
        ctx.log.info(`warning: single sign-on: the answer of ${ctx.config.PUENTE_OIDC_ISSUER} was refused: ${(err as Error).message}`);
        return refuse(c, 'provider', lang);
      }

      const at = t.toISOString();
      const subject = `${claims.iss} ${claims.sub}`;
      const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
      let user = await store.userForSubject(db, subject);
      if (!user && email && claims.email_verified === true && ctx.config.PUENTE_OIDC_LINK_BY_EMAIL === 'true') {
        if (await store.linkSubject(db, email, subject, at)) {
          user = await store.userForSubject(db, subject);
          if (user) await writeAudit(db, { actor: user.name, at }, { action: 'oidc.link', entity: 'auth_users', entityId: user.id, before: { oidc_subject: null }, after: { oidc_subject: subject } });
        }
      }
      const who = (email ?? subject).slice(0, 200);
      if (!user || user.disabled) {
        const reason = !user ? 'no account linked to this identity' : 'disabled';
        await writeAudit(db, { actor: who, at }, { action: 'login.failed', entity: 'auth_sessions', entityId: user?.id ?? '', before: null, after: { via: 'oidc', reason, subject, email, email_verified: claims.email_verified ?? null } });
        return refuse(c, user ? 'disabled' : 'unknown', lang);
      }
      // Session fixation: as at a password sign-in, whatever session the browser brought ends.
      const old = sessionSecretOf(c);
      if (old) {
        const s = await store.findSession(db, old);
        if (s) await store.deleteSession(db, s.id_hash);
      }
      const secret = await store.createSession(db, user.id, t, ctx.config.PUENTE_SESSION_MAX_HOURS);
      setSessionCookies(c, ctx, secret, newSecret());
      deleteCookie(c, FLOW_COOKIE, flowCookie());
      await writeAudit(db, { actor: user.name, at }, { action: 'login', entity: 'auth_sessions', entityId: user.id, before: null, after: { via: 'oidc', subject } });
      return c.redirect(`/account${lang ? `?lang=${lang}` : ''}`, 302);
    },
  });
}
