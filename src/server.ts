import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { Api, type Env, type Format } from './platform/http/api.js';
import { errorBody } from './platform/http/errors.js';
import { describeFault } from './platform/http/faults.js';
import { Jobs } from './platform/http/jobs.js';
import { classifyFault } from './platform/db/index.js';
import { systemRoutes } from './platform/http/system.js';
import type { AppContext } from './platform/module.js';
import { collectStats, importFiles } from './bootstrap.js';
import { modules } from './modules.js';
import { syncWorldBank } from './modules/indicators/index.js';
import { syncCyberlaw, syncOecdStri } from './modules/regulation/index.js';
import { generateDemo } from './modules/marketplaces/index.js';

export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

export interface App {
  fetch(request: Request): Promise<Response>;
  api: Api;
}

export interface AppOptions {
  /** Folder of the built web app; default dist/web. */
  webRoot?: string;
  adminToken?: string | null;
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

const TWIN = /\.(csv|metadata\.json|zip)$/;
const FORMATS: Record<string, Format> = { '.csv': 'csv', '.metadata.json': 'metadata', '.zip': 'zip' };

/** The whole HTTP surface: module routes under /api, system routes under /api/-/, the web app elsewhere. */
export function createApp(ctx: AppContext, options: AppOptions = {}): App {
  const hono = new Hono<Env>();
  hono.use('*', compress());
  const api = new Api(hono, ctx);
  for (const m of modules) m.routes?.(api);
  systemRoutes(api, {
    version: VERSION,
    stats: () => collectStats(ctx),
    jobs: options.jobs ?? createJobs(ctx),
    importFiles: (paths, dryRun, job) => importFiles(ctx, paths, { dryRun, signal: job?.signal, onProgress: job?.progress }),
    demo: (demoOptions) => generateDemo(ctx, demoOptions),
    sync: (source, options) =>
      source === 'cyberlaw' ? syncCyberlaw(ctx) : source === 'oecd-stri' ? syncOecdStri(ctx, { from: options.from, to: options.to }) : syncWorldBank(ctx, options),
    adminToken: options.adminToken ?? ctx.config.PUENTE_ADMIN_TOKEN ?? null,
  });

  hono.onError((err, c) => {
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

  const webRoot = resolve(options.webRoot ?? 'dist/web');
  hono.notFound(async (c) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return c.json(errorBody(404, `No route ${c.req.path}; see /api/openapi.json`), 404);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.json(errorBody(404, 'Not found'), 404);
    return serveWeb(webRoot, c.req.path);
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
    fetch(request: Request) {
      // /api/x.csv, .metadata.json and .zip are twins of /api/x: same route, other renderer.
      // Only data routes have twins; /api/-/health.csv is a 404 like any unknown path.
      const url = new URL(request.url);
      const m = url.pathname.startsWith('/api/') ? TWIN.exec(url.pathname) : null;
      if (!m || !isDataPath(url.pathname.slice(0, -m[0].length))) {
        return Promise.resolve(hono.fetch(request, { format: 'json' }));
      }
      url.pathname = url.pathname.slice(0, -m[0].length);
      return Promise.resolve(hono.fetch(new Request(url, request), { format: FORMATS[m[0]] }));
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

async function serveWeb(root: string, path: string): Promise<Response> {
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    return new Response('The Puente web app is not built yet: run `npm run build` (npm start does it), then reload. The API is at /api/.', {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
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
  // Client-side routes (/countries/PER...) all get the app shell.
  return new Response(await readFile(index), { headers: { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-cache' } });
}
