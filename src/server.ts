import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { createAuthenticator } from './platform/auth/authenticate.js';
import { meRoute } from './platform/auth/me.js';
import { accountRoutes } from './platform/auth/routes.js';
import { historyPages, workflowRoutes } from './platform/workflow/index.js';
import { oidcRoutes } from './platform/auth/oidc.js';
import { Api, type Authenticate, type Env, type Format, type Gate } from './platform/http/api.js';
import { ApiError, errorBody } from './platform/http/errors.js';
import { describeFault } from './platform/http/faults.js';
import { Jobs } from './platform/http/jobs.js';
import { classifyFault } from './platform/db/index.js';
import { preloadLinks, preloadManifestReader, withPreloads, type RoutePreload } from './platform/http/preload.js';
import { siteRoutes } from './platform/http/site.js';
import { systemRoutes } from './platform/http/system.js';
import type { AppContext } from './platform/module.js';
import { collectStats, importFiles } from './bootstrap.js';
import { modules } from './modules.js';
import { syncWorldBank } from './modules/indicators/index.js';
import { syncCyberlaw, syncOecdStri } from './modules/regulation/index.js';
import { generateDemo } from './modules/marketplaces/index.js';

export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

export interface App {
  /** `env` is what @hono/node-server passes (its `incoming` gives the client's address). */
  fetch(request: Request, env?: unknown): Promise<Response>;
  api: Api;
}

export interface AppOptions {
  /** Folder of the built web app; default dist/web. */
  webRoot?: string;
  adminToken?: string | null;
  /** How routes that need a role find the caller (accounts, issue #13); tests pass their own. */
  authenticate?: Authenticate;
  /** The server's jobs (imports, syncs, demo through the admin API); one is made when not given. */
  jobs?: Jobs;
}

/** Jobs whose failures are described like the API's errors (a bug is logged, its text kept out). */
export function createJobs(ctx: AppContext): Jobs {
  return new Jobs((err) => {
    const fault = describeFault(classifyFault(err, ''));
    if (fault) return fault;
    ctx.log.error(`job: ${(err as Error).stack ?? err}`);
    return { status: 500, message: 'Internal error; it has been logged' };
  });
}

/** The pages of accounts (platform/auth): sign-in, one's account, invitations, admin pages. */
const ACCOUNT_PAGES = ['/signin', '/account', '/account/invitation', '/admin/users', '/admin/audit'];

/**
 * The training pages of the web app (issue #15): the methodology of each module
 * (docs/methodology/modules.json) and the workshop scenarios (web/src/workshop/scenarios.json).
 * A list that cannot be read leaves only the index pages in the sitemap.
 */
function trainingPages(): string[] {
  const ids = (file: string, field: string, pick: (x: unknown) => unknown) => {
    try {
      const list = (JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as Record<string, unknown>)[field];
      return Array.isArray(list) ? list.map(pick).filter((x): x is string => typeof x === 'string' && /^[a-z][a-z0-9-]*$/.test(x)) : [];
    } catch {
      return [];
    }
  };
  return [
    '/methodology',
    ...ids('../docs/methodology/modules.json', 'modules', (x) => x).map((m) => `/methodology/${m}`),
    '/workshop',
    ...ids('../web/src/workshop/scenarios.json', 'scenarios', (x) => (x as { id?: unknown }).id).map((s) => `/workshop/${s}`),
  ];
}

const TWIN = /\.(csv|metadata\.json|zip)$/;
/** Pages another site may frame (none yet: the embeddable chart views will live under /embed/). */
const EMBEDDABLE = /^\/embed\//;

/**
 * The content security policy the built web app works under: its own scripts, styles and data
 * only. Styles allow 'unsafe-inline' because Observable Plot writes a <style> into each figure
 * and React sets style attributes; no script is inline.
 */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** A database statement cancelled by PUENTE_QUERY_TIMEOUT_MS (DuckDB interrupt, PostgreSQL 57014). */
function isTimeout(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '57014' || /INTERRUPT|statement timeout|canceling statement/i.test(e?.message ?? '');
}

/** Every %-escape of the path and the query decodes as UTF-8 (else the request is malformed). */
function malformedUrl(url: URL): string | null {
  try {
    decodeURIComponent(url.pathname);
  } catch {
    return 'The path has a malformed %-escape (each % must start a valid UTF-8 escape, e.g. %20)';
  }
  for (const part of url.search.slice(1).split('&')) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return 'The query has a malformed %-escape (each % must start a valid UTF-8 escape, e.g. %7E)';
    }
  }
  return null;
}
const FORMATS: Record<string, Format> = { '.csv': 'csv', '.metadata.json': 'metadata', '.zip': 'zip' };

/** The whole HTTP surface: module routes under /api, system routes under /api/-/, the web app elsewhere. */
export function createApp(ctx: AppContext, options: AppOptions = {}): App {
  const hono = new Hono<Env>();
  hono.use('*', compress());
  const strict = secureHeaders({
    contentSecurityPolicy: CSP,
    strictTransportSecurity: false, // set by the TLS proxy of a deployment (docs/deployment.md)
    referrerPolicy: 'strict-origin-when-cross-origin',
    xFrameOptions: 'DENY',
  });
  const embeddable = secureHeaders({
    contentSecurityPolicy: { ...CSP, frameAncestors: ['*'] },
    strictTransportSecurity: false,
    referrerPolicy: 'strict-origin-when-cross-origin',
    xFrameOptions: false,
    crossOriginOpenerPolicy: false,
  });
  hono.use('*', (c, next) => (EMBEDDABLE.test(c.req.path) ? embeddable(c, next) : strict(c, next)));
  hono.use('*', async (c, next) => {
    const problem = malformedUrl(new URL(c.req.url));
    if (problem) throw new ApiError(400, problem);
    await next();
  });

  const adminToken = options.adminToken ?? ctx.config.PUENTE_ADMIN_TOKEN ?? null;
  const gates: Record<string, Gate> = {
    admin: {
      token: () => adminToken,
      unset: { status: 401, message: 'This server has no admin token; the admin API is closed' },
      wrong: 'Admin token missing or wrong (Authorization: Bearer <token from PUENTE_ADMIN_TOKEN or var/admin-token>)',
      description: 'The admin token: PUENTE_ADMIN_TOKEN, or the one `puente serve` writes to var/admin-token; or an admin\'s session or personal API token',
      roles: ['admin'],
    },
    editor: {
      token: () => ctx.config.PUENTE_EDITOR_TOKEN,
      unset: { status: 403, message: 'editing is disabled (set PUENTE_EDITOR_TOKEN to enable it)' },
      wrong: 'Editor token missing or wrong (Authorization: Bearer <token>)',
      description: 'The editing token, PUENTE_EDITOR_TOKEN (deprecated; editing by token is disabled, 403, when it is unset); or a reviewer\'s or admin\'s session or personal API token',
      roles: ['reviewer'],
    },
  };
  // Sessions, personal tokens, and the shared legacy tokens as deprecated admin principals.
  const authenticate =
    options.authenticate ??
    createAuthenticator(ctx, { admin: () => adminToken, editor: () => ctx.config.PUENTE_EDITOR_TOKEN, adminIsSetting: () => !!ctx.config.PUENTE_ADMIN_TOKEN });
  const api = new Api(hono, ctx, { gates, authenticate, release: VERSION });
  for (const m of modules) m.routes?.(api);
  meRoute(api);
  accountRoutes(api);
  oidcRoutes(api);
  workflowRoutes(api, modules.flatMap((m) => m.editable ?? []));
  systemRoutes(api, {
    version: VERSION,
    stats: () => collectStats(ctx),
    jobs: options.jobs ?? createJobs(ctx),
    importFiles: (paths, dryRun, job) => importFiles(ctx, paths, { dryRun, signal: job?.signal, onProgress: job?.progress }),
    demo: (demoOptions) => generateDemo(ctx, demoOptions),
    sync: (source, options) =>
      source === 'cyberlaw' ? syncCyberlaw(ctx) : source === 'oecd-stri' ? syncOecdStri(ctx, { from: options.from, to: options.to }) : syncWorldBank(ctx, options),
  });

  // After each change of the data version the cache asks again, in process, for the answers most in demand.
  api.cache.warmWith(async (format, pathAndQuery, headers) => hono.fetch(new Request(`http://puente.internal${pathAndQuery}`, { headers }), { format }));

  hono.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) return c.json(errorBody(err.status, err.message || 'Bad request'), err.status);
    if (isTimeout(err)) {
      c.header('Retry-After', '5');
      return c.json(errorBody(503, `The query ran past the time limit (PUENTE_QUERY_TIMEOUT_MS = ${ctx.config.PUENTE_QUERY_TIMEOUT_MS} ms); narrow it or retry later`), 503);
    }
    // Client errors, bad files, an unreachable database (503 + Retry-After), a full disk (507);
    // named without the server's paths or database host (the server's log and CLI name them).
    const fault = describeFault(classifyFault(err, ''));
    if (fault) {
      if (fault.retryAfter) c.header('Retry-After', String(fault.retryAfter));
      return c.json(errorBody(fault.status, fault.message, fault.errors), fault.status as 400);
    }
    ctx.log.error(`${c.req.method} ${c.req.path}: ${(err as Error).stack ?? err}`);
    return c.json(errorBody(500, 'Internal error; it has been logged'), 500);
  });

  // The home page, the account pages and the editorial workflow's pages (review queue, a focal
  // point's dashboard, the entries' history pages) and the training pages belong to no module;
  // every other page is declared by its module.
  siteRoutes(hono, async () => [
    '/',
    ...ACCOUNT_PAGES,
    '/review',
    '/my-economies',
    ...trainingPages(),
    ...(await Promise.all(modules.map((m) => m.pages?.(ctx.db.kysely) ?? []))).flat(),
    ...(await historyPages(ctx.db.kysely, modules.flatMap((m) => m.editable ?? []))),
  ]);

  const webRoot = resolve(options.webRoot ?? 'dist/web');
  const preloads = preloadManifestReader(webRoot, (m) => ctx.log.error(m));
  hono.notFound(async (c) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return c.json(errorBody(404, `No route ${c.req.path}; see /api/openapi.json`), 404);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.json(errorBody(404, 'Not found'), 404);
    return serveWeb(webRoot, c.req.path, new URL(c.req.url).searchParams, preloads);
  });

  let dataPaths: RegExp[] = [];
  let known = -1;
  const isDataPath = (path: string) => {
    if (known !== api.routes.length) {
      known = api.routes.length;
      dataPaths = api.routes
        .filter((r) => r.twins)
        .map((r) => new RegExp(`^${r.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[A-Za-z0-9_]+\\?\}/g, '[^/]+')}$`));
    }
    return dataPaths.some((re) => re.test(path));
  };

  return {
    api,
    fetch(request: Request, env?: unknown) {
      const client = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
      // /api/x.csv, .metadata.json and .zip are twins of /api/x: same route, other renderer.
      // Only data routes have twins; /api/-/health.csv is a 404 like any unknown path.
      const url = new URL(request.url);
      const m = url.pathname.startsWith('/api/') ? TWIN.exec(url.pathname) : null;
      if (!m || !isDataPath(url.pathname.slice(0, -m[0].length))) {
        return Promise.resolve(hono.fetch(request, { format: 'json', client }));
      }
      url.pathname = url.pathname.slice(0, -m[0].length);
      return Promise.resolve(hono.fetch(new Request(url, request), { format: FORMATS[m[0]], client }));
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

async function serveWeb(root: string, path: string, search: URLSearchParams, preloads: () => Promise<RoutePreload[]>): Promise<Response> {
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    return new Response('The Puente web app is not built yet: run `npm run build` (npm start does it), then reload. The API is at /api/.', {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  // The path decodes (malformed escapes were refused with 400 before routing).
  const file = normalize(join(root, decodeURIComponent(path)));
  if (file.startsWith(root + '/') && existsSync(file) && extname(file)) {
    const immutable = path.startsWith('/assets/');
    return new Response(await readFile(file), {
      headers: {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
    });
  }
  // Client-side routes (/countries/PER...) all get the app shell, with the page's code and first
  // answers preloaded (platform/http/preload.ts).
  const html = withPreloads(await readFile(index, 'utf8'), preloadLinks(await preloads(), path, search));
  return new Response(html, { headers: { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-cache' } });
}
