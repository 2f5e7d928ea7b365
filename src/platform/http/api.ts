import { extendZodWithOpenApi, OpenAPIRegistry, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../module.js';
import type { DataVersion } from '../db/data-version.js';
import { AnswerCache } from './answer-cache.js';
import { ApiError, errorBody } from './errors.js';
import { decodeNext, encodeNext, pageControls } from './grammar.js';
import { columnsOf, preciseDeep, toCsv, toZip, type Row } from './render.js';
import { AuthThrottle, databaseThrottleStore } from './throttle.js';
import { hasRole, isRole, type Principal, type Role } from '../auth/principal.js';

extendZodWithOpenApi(z);

export type Format = 'json' | 'csv' | 'metadata' | 'zip';
/** `client` is the caller's address (for throttling bad tokens); in-process calls have none. */
export type Env = {
  Bindings: { format?: Format; client?: string };
  /** `dataVersion`: the version the answer cache computes this answer for (data routes). */
  Variables: { principal?: Principal; dataVersion?: DataVersion };
};

/**
 * Finds who is calling from the request's headers alone (cookie or bearer token), before any body
 * is read. Null: nobody recognised (no credentials, or credentials that match nothing).
 */
export type Authenticate = (c: Context<Env>) => Promise<Principal | null>;

/**
 * Who may call a write route: a bearer token from the settings. The route table names the gate;
 * the Api checks the token before any body is read, and declares the gate in OpenAPI.
 */
export interface Gate {
  /** The token that opens the gate; null or undefined when none is set. */
  token(): string | null | undefined;
  /** What is answered when no token is set: 401 (nobody may) or 403 (the feature is off). */
  unset: { status: 401 | 403; message: string };
  /** What a missing or wrong token is told. */
  wrong: string;
  /** Shown in the OpenAPI security scheme. */
  description: string;
  /** Roles whose accounts (found by the authenticator) open the gate as well as its token. */
  roles?: Role[];
}

/** The OpenAPI security scheme of the routes that need a role. */
const ROLE_SCHEME = 'account';

export interface ApiOptions {
  gates?: Record<string, Gate>;
  /**
   * How routes whose `auth` names a role find the caller. Without one, such routes answer 401 to
   * everyone.
   */
  authenticate?: Authenticate;
  /** The release serving the answers (part of every ETag: another release may render them otherwise). */
  release?: string;
}

export interface SourceRow {
  id: string;
  publisher: string;
  title: string | null;
  url: string | null;
  license: string | null;
  retrieved_at: string | null;
  imported_at?: string | null;
  synthetic: boolean;
}

export interface DataResult {
  rows: object[];
  /** Named fields beside rows in the JSON envelope (and in the metadata). */
  fields?: Record<string, unknown>;
  /** Where the rows come from; shown in metadata, and marks synthetic data. */
  sources?: SourceRow[];
  /** Human title of this view, e.g. "Individuals using the Internet (% of population)". */
  title?: string;
}

export interface Request<P, Q> {
  params: P;
  query: Q;
  ctx: AppContext;
}

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface DataRoute<P extends AnyObject, Q extends AnyObject> {
  /** OpenAPI-style path: /api/indicators/{code} */
  path: string;
  /** Default: derived from the path (getCountriesByIso3Pairs). */
  operationId?: string;
  tag: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  /** Shape of one row: OpenAPI schema, CSV column order, metadata column descriptions. */
  row: AnyObject;
  /** Named fields beside rows. */
  fields?: z.ZodRawShape;
  handler(req: Request<z.infer<P>, z.infer<Q>>): Promise<DataResult>;
}

export interface RouteInfo {
  method: string;
  path: string;
  twins: boolean;
  /** The gate of a write route. */
  auth?: string;
}

export interface JsonRoute<B extends AnyObject> {
  method: 'get' | 'post';
  path: string;
  /** Default: derived from the method and path (postRegulationMeasuresById). */
  operationId?: string;
  tag: string;
  summary: string;
  description?: string;
  /** Path parameters; any {name} in the path without one here is declared as a string. */
  params?: AnyObject;
  body?: B;
  response: z.ZodTypeAny;
  /** Answer the handler's object as it is, without the {ok: true} envelope. */
  raw?: boolean;
  /**
   * A browser-facing step that answers 302 (a redirect, e.g. to a sign-in provider and back)
   * instead of JSON: the handler returns the redirect Response; this says where it leads.
   */
  redirect?: string;
  /** A file download instead of JSON: the handler answers `{ body }`, sent with this type and name. */
  download?: { type: string; filename: string };
  /**
   * Who may call: a gate's name (the legacy shared tokens, "admin" or "editor"), a role
   * (contributor, focal_point, reviewer, admin: the caller must hold it), or "public" for a POST
   * that computes an answer without writing anything (e.g. a document from the request). Every
   * POST declares one (default "admin"); GET routes are public unless they name one.
   */
  auth?: string;
  /** Largest body: "default" (PUENTE_MAX_BODY_BYTES) or "bulk" (PUENTE_MAX_BULK_BODY_BYTES, imports of many records). */
  bodySize?: 'default' | 'bulk';
  /** Error statuses the handler answers beyond those every route of its kind declares (e.g. 502). */
  errors?: number[];
  /**
   * Other media types the route answers besides JSON (e.g. a document as application/pdf); the
   * handler then returns a Response of its own for them.
   */
  produces?: Record<string, string>;
  handler(c: Context<Env>, body: z.infer<B>): Promise<Record<string, unknown> | Response>;
}

export const sourceSchema = z.object({
  id: z.string(),
  publisher: z.string(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  license: z.string().nullable(),
  retrieved_at: z.string().nullable().describe('When the publisher\'s data was retrieved, as the file or connector says; empty = not stated'),
  imported_at: z.string().nullable().optional().describe('When Puente imported it'),
  synthetic: z.boolean(),
});

export const errorSchema = z.object({
  ok: z.literal(false),
  error: z.string().describe('What went wrong, naming the parameter, field or file'),
  errors: z.array(z.string()).describe('Each problem found'),
  status: z.number().int(),
});

/** What a .metadata.json download answers (also inside every .zip). */
export const metadataSchema = z.object({
  title: z.string(),
  description: z.string(),
  generated_at: z.string(),
  api: z.object({ json: z.string(), csv: z.string(), metadata: z.string(), zip: z.string() }).describe('The same view in each format'),
  parameters: z.record(z.string(), z.any()).describe('The query parameters of the view, as parsed (lists as arrays, time as {from, to})'),
  row_count: z.number().int(),
  truncated: z.boolean().describe('true when the download stops at PUENTE_MAX_DOWNLOAD_ROWS'),
  synthetic: z.boolean().describe('true when any source is synthetic'),
  columns: z.array(
    z.object({
      name: z.string(),
      type: z.union([z.string(), z.array(z.string())]).describe('JSON Schema type(s) of the column'),
      description: z.string().nullable(),
    }),
  ),
  sources: z.array(sourceSchema),
  licenses: z.array(z.string()),
  missing_values: z.string(),
  citation: z.string(),
  fields: z.record(z.string(), z.any()).optional().describe('The named fields of the JSON view'),
});
export type Metadata = z.infer<typeof metadataSchema>;

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad request: a malformed path, parameter or body, or an unknown code (the answer names it)',
  401: 'Token missing or wrong',
  403: 'The feature is disabled on this server',
  404: 'No such object (or no such route)',
  409: 'Conflicts with what exists',
  413: 'Body larger than this route accepts',
  422: 'The data sent or named cannot be imported (the errors name file, line and field)',
  429: 'Too many wrong tokens from this address; retry after Retry-After seconds',
  502: 'A public source the server asked failed or answered nonsense',
  503: 'The database is busy, too many answers are waiting to be computed (PUENTE_QUERY_QUEUE), or a statement ran past PUENTE_QUERY_TIMEOUT_MS; retry after Retry-After seconds',
};

/** What every data answer carries for browsers and proxies (answer-cache.ts). */
const CACHE_HEADERS = {
  ETag: { description: 'Weak validator of this answer: the data version and the request; send it back in If-None-Match', schema: { type: 'string' as const } },
  'Cache-Control': { description: 'public, max-age=PUENTE_HTTP_MAX_AGE_S, must-revalidate', schema: { type: 'string' as const } },
  'X-Puente-Data-Version': { description: 'The data version the answer was computed from (see /api/-/health)', schema: { type: 'string' as const } },
};
const NOT_MODIFIED: ResponseConfig = {
  description: 'Not Modified: If-None-Match holds the current ETag (same data version, same request); no body',
  headers: { ETag: CACHE_HEADERS.ETag, 'Cache-Control': CACHE_HEADERS['Cache-Control'] },
};

const DOWNLOADS = [
  ['.csv', 'Csv', 'text/csv', 'The same rows as CSV: all rows up to PUENTE_MAX_DOWNLOAD_ROWS, or the page that _size/_next select'],
  ['.metadata.json', 'Metadata', 'application/json', 'Title, parameters, columns, sources and licences of the same view'],
  ['.zip', 'Zip', 'application/zip', 'CSV + metadata + readme of the same view'],
] as const;

/**
 * Registers routes on the Hono app and in the OpenAPI registry at once, so a route cannot exist
 * undocumented, and its declaration is the whole truth: every status its kind of route can
 * answer, its path parameters, its gate (security) and an operationId. Data routes get their
 * .csv, .metadata.json and .zip twins from the same handler: what you see is what you download.
 */
export class Api {
  readonly registry = new OpenAPIRegistry();
  readonly routes: RouteInfo[] = [];
  readonly gates: Record<string, Gate>;
  private readonly authenticate?: Authenticate;
  readonly throttle: AuthThrottle;
  /** Rendered answers of the data routes, per data version (answer-cache.ts). */
  readonly cache: AnswerCache;
  private readonly errorRef: typeof errorSchema;
  private readonly sourceRef: typeof sourceSchema;
  private readonly metadataRef: typeof metadataSchema;
  private readonly operationIds = new Set<string>();

  constructor(
    readonly app: Hono<Env>,
    readonly ctx: AppContext,
    options: ApiOptions = {},
  ) {
    this.errorRef = this.registry.register('Error', errorSchema);
    this.sourceRef = this.registry.register('Source', sourceSchema);
    this.metadataRef = this.registry.register('Metadata', metadataSchema);
    this.gates = options.gates ?? {};
    this.authenticate = options.authenticate;
    for (const [name, gate] of Object.entries(this.gates)) {
      this.registry.registerComponent('securitySchemes', name, { type: 'http', scheme: 'bearer', description: gate.description });
    }
    // Counted in the database, so every server behind one proxy sees the same failures.
    this.throttle = new AuthThrottle(ctx.config.PUENTE_AUTH_MAX_FAILURES, ctx.config.PUENTE_AUTH_WINDOW_S * 1000, () => ctx.clock().getTime(), databaseThrottleStore(ctx.db.kysely), 'addr');
    const cfg = ctx.config;
    this.cache = new AnswerCache({
      versions: ctx.db.versions,
      maxBytes: cfg.PUENTE_CACHE_MB * 1024 * 1024,
      concurrency: cfg.PUENTE_MAX_CONCURRENT_QUERIES,
      queue: cfg.PUENTE_QUERY_QUEUE,
      maxAgeS: cfg.PUENTE_HTTP_MAX_AGE_S,
      release: options.release ?? 'dev',
      clock: ctx.clock,
      warm: cfg.PUENTE_CACHE_WARM,
    });
  }

  data<P extends AnyObject, Q extends AnyObject>(route: DataRoute<P, Q>): void {
    const querySchema = (route.query ?? z.object({})).extend(pageControls.shape).strict();
    const envelope = z.object({
      ok: z.literal(true),
      rows: z.array(route.row),
      truncated: z.boolean(),
      next: z.string().nullable().describe('Token for the next page (_next); null on the last page'),
      ...(route.fields ?? {}),
      // Sources are set by the Api from the handler's result, in the Source shape.
      sources: z.array(this.sourceRef).optional().describe('Where the rows come from (publisher, URL, licence; synthetic flagged)'),
    });
    const params = pathParams(route.path, route.params);
    const request = { params, query: route.query?.extend(pageControls.shape) ?? pageControls };
    const operationId = this.operationId(route.operationId ?? defaultOperationId('get', route.path));
    const errors = this.errorResponses([400, 404, 503]);
    this.registry.registerPath({
      method: 'get',
      path: route.path,
      operationId,
      tags: [route.tag],
      summary: route.summary,
      description: route.description,
      security: [],
      request,
      responses: {
        200: { description: 'Rows in the JSON envelope', headers: CACHE_HEADERS, content: { 'application/json': { schema: envelope } } },
        304: NOT_MODIFIED,
        ...errors,
      },
    });
    for (const [suffix, name, type, what] of DOWNLOADS) {
      this.registry.registerPath({
        method: 'get',
        path: route.path + suffix,
        operationId: this.operationId(`${operationId}${name}`),
        tags: [route.tag],
        summary: `${route.summary} (${suffix.slice(1)})`,
        security: [],
        request,
        responses: {
          200: {
            description: what,
            headers: {
              ...CACHE_HEADERS,
              'X-Puente-Truncated': { description: 'true when the download stops at PUENTE_MAX_DOWNLOAD_ROWS', schema: { type: 'string', enum: ['true', 'false'] } },
              'X-Puente-Synthetic': { description: 'Present (true) when any source of the view is synthetic', schema: { type: 'string', enum: ['true'] } },
            },
            content: { [type]: { schema: type === 'application/json' ? this.metadataRef : z.string().openapi({ format: type === 'application/zip' ? 'binary' : undefined }) } },
          },
          304: NOT_MODIFIED,
          ...errors,
        },
      });
    }
    this.routes.push({ method: 'GET', path: route.path, twins: true });

    // Data routes are public reads: their answers are cached per data version (writes never are).
    this.app.get(toHonoPath(route.path), this.cache.middleware((c) => c.env?.format ?? 'json'), async (c) => {
      const values = parse(params, c.req.param(), 'path');
      const query = parse(querySchema, firstValues(c), 'query') as Record<string, string | undefined>;
      const result = await route.handler({ params: values as z.infer<P>, query: query as z.infer<Q>, ctx: this.readContext(c.get('dataVersion')) });
      return this.respond(c, route, result, query);
    });
  }

  /** JSON-only routes (system routes, writes). Every POST passes a gate before its body is read. */
  json<B extends AnyObject>(route: JsonRoute<B>): void {
    const write = route.method !== 'get';
    const declared = write ? (route.auth ?? 'admin') : route.auth;
    const gateName = declared === 'public' ? undefined : declared;
    // A role, or several separated by "|" (any of them will do): "contributor|focal_point".
    const roles = gateName && !this.gates[gateName] && gateName.split('|').every(isRole) ? (gateName.split('|') as Role[]) : undefined;
    const role = roles ? gateName : undefined;
    const gate = gateName && !role ? this.gates[gateName] : undefined;
    if (gateName && !gate && !role) throw new Error(`${route.method.toUpperCase()} ${route.path}: no gate or role "${gateName}" (gates: ${Object.keys(this.gates).join(', ') || 'none'})`);
    if (role) this.registerRoleScheme();
    const params = pathParams(route.path, route.params);
    const statuses = [400, 503, ...(Object.keys(params.shape).length ? [404] : [])];
    if (gate) statuses.push(401, 429, ...(gate.unset.status === 403 ? [403] : []));
    if (role) statuses.push(401, 403, 429);
    if (route.body) statuses.push(413);
    if (write) statuses.push(409, 422);
    statuses.push(...(route.errors ?? []));
    this.registry.registerPath({
      method: route.method,
      path: route.path,
      operationId: this.operationId(route.operationId ?? defaultOperationId(route.method, route.path)),
      tags: [route.tag],
      summary: route.summary,
      description: route.description,
      security: roles ? [{ [ROLE_SCHEME]: roles }] : gateName ? [{ [gateName]: [] }] : [],
      request: {
        ...(Object.keys(params.shape).length ? { params } : {}),
        ...(route.body ? { body: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses: {
        ...(route.redirect
          ? { 302: { description: route.redirect, headers: { Location: { description: 'Where the browser goes next', schema: { type: 'string' } } } } }
          : {
              200: route.download
                ? { description: `A ${route.download.type} file`, content: { [route.download.type]: { schema: z.string() } } }
                : {
                    description: 'OK',
                    content: {
                      'application/json': { schema: route.response },
                      ...Object.fromEntries(Object.entries(route.produces ?? {}).map(([type, description]) => [type, { schema: z.string().openapi({ description, format: type === 'application/pdf' ? 'binary' : undefined }) }])),
                    },
                  },
            }),
        ...this.errorResponses(statuses),
      },
    });
    this.routes.push({ method: route.method.toUpperCase(), path: route.path, twins: false, ...(declared ? { auth: declared } : {}) });

    const chain: MiddlewareHandler<Env>[] = [];
    if (gate) chain.push(this.checkGate(gate, gateName!));
    if (roles) chain.push(this.checkRole(roles));
    if (route.body) {
      const cfg = this.ctx.config;
      const maxSize = route.bodySize === 'bulk' ? cfg.PUENTE_MAX_BULK_BODY_BYTES : cfg.PUENTE_MAX_BODY_BYTES;
      chain.push(
        bodyLimit({
          maxSize,
          onError: (c) => c.json(errorBody(413, `The body is larger than this route accepts (${maxSize} bytes)`), 413),
        }),
      );
    }
    this.app.on([route.method.toUpperCase()], [toHonoPath(route.path)], ...chain, async (c) => {
      parse(params, c.req.param(), 'path');
      let body = {} as z.infer<B>;
      if (route.body) {
        let raw: unknown;
        try {
          raw = await c.req.json();
        } catch {
          throw new ApiError(400, 'The request body is not valid JSON');
        }
        body = parse(route.body, raw, 'body') as z.infer<B>;
      }
      const result = await route.handler(c, body);
      // Live answers (health, jobs, writes): never kept by a browser or proxy.
      c.header('Cache-Control', 'no-store');
      if (result instanceof Response) {
        result.headers.set('Cache-Control', 'no-store');
        return result;
      }
      if (route.download) {
        return c.body(String(result.body), 200, { 'Content-Type': `${route.download.type}; charset=utf-8`, 'Content-Disposition': `attachment; filename="${route.download.filename}"` });
      }
      return c.json(route.raw ? result : { ok: true, ...result });
    });
  }

  /** The token is checked from the headers alone, before the body is read; wrong ones are throttled per address. */
  private checkGate(gate: Gate, name: string): MiddlewareHandler<Env> {
    return async (c, next) => {
      const client = c.env?.client ?? 'local';
      await this.refuseThrottled(c, client);
      // An account (session or personal token) holding one of the gate's roles opens it too.
      const principal = gate.roles ? await this.principalOf(c) : null;
      if (principal) {
        if (!gate.roles!.some((r) => hasRole(principal, r))) {
          throw new ApiError(403, `This needs the ${gate.roles!.map((r) => r.replace('_', ' ')).join(' or ')} role, which ${principal.name} does not hold`);
        }
        c.set('principal', principal);
        return next();
      }
      const token = gate.token();
      if (!token) throw new ApiError(gate.unset.status, gate.unset.message);
      const given = (c.req.header('authorization') ?? '').replace(/^Bearer\s+/i, '');
      if (!safeEqual(given, token)) {
        await this.throttle.fail(client);
        throw new ApiError(401, gate.wrong);
      }
      // The legacy shared tokens act as principals too, so handlers read one shape.
      const actor = (c.req.header('x-puente-actor') ?? '').trim().slice(0, 200);
      c.set('principal', { via: 'legacy', userId: null, name: actor || `${name} token`, roles: name === 'admin' ? ['admin'] : ['reviewer'], economies: [] });
      await next();
    };
  }

  /** A role route: the authenticator finds the caller from the headers, before the body is read. */
  private checkRole(roles: Role[]): MiddlewareHandler<Env> {
    return async (c, next) => {
      const client = c.env?.client ?? 'local';
      await this.refuseThrottled(c, client);
      const principal = await this.principalOf(c);
      if (!principal) {
        if (c.req.header('authorization') || c.req.header('cookie')) await this.throttle.fail(client);
        throw new ApiError(401, 'Sign in, or send a personal API token (Authorization: Bearer <token>)');
      }
      if (!roles.some((r) => hasRole(principal, r))) {
        throw new ApiError(403, `This needs the ${roles.map((r) => r.replace('_', ' ')).join(' or ')} role, which ${principal.name} does not hold`);
      }
      c.set('principal', principal);
      await next();
    };
  }

  /**
   * The context a public read is computed in: over a standby that has replayed at least the
   * version being answered for, when there is one (PUENTE_READ_URLS), else over the primary.
   */
  private readContext(v: DataVersion | undefined): AppContext {
    const replicas = this.ctx.db.replicas;
    const kysely = v && replicas ? replicas.pick(v.instance, v.version) : null;
    return kysely ? { ...this.ctx, db: { ...this.ctx.db, kysely } } : this.ctx;
  }

  /** Who is calling (null: nobody recognised), from the headers alone; public routes may ask too. */
  async principalOf(c: Context<Env>): Promise<Principal | null> {
    return this.authenticate ? await this.authenticate(c) : null;
  }

  private async refuseThrottled(c: Context<Env>, client: string): Promise<void> {
    const wait = await this.throttle.blockedFor(client);
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw new ApiError(429, `Too many wrong tokens from this address; retry in ${Math.ceil(wait / 1000)} s`);
    }
  }

  private roleSchemeRegistered = false;
  private registerRoleScheme(): void {
    if (this.roleSchemeRegistered) return;
    this.roleSchemeRegistered = true;
    this.registry.registerComponent('securitySchemes', ROLE_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      description: 'A signed-in session (cookie) or a personal API token; the route names the role it needs',
    });
  }

  private operationId(id: string): string {
    if (this.operationIds.has(id)) throw new Error(`operationId ${id} is registered twice; give the route its own operationId`);
    this.operationIds.add(id);
    return id;
  }

  private errorResponses(statuses: number[]): Record<number, ResponseConfig> {
    const out: Record<number, ResponseConfig> = {};
    for (const status of [...new Set(statuses)].sort()) {
      const retry = status === 429 || status === 503;
      out[status] = {
        description: ERROR_TEXT[status] ?? 'Error',
        ...(retry ? { headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'string' } } } } : {}),
        content: { 'application/json': { schema: this.errorRef } },
      };
    }
    return out;
  }

  private respond(c: Context<Env>, route: DataRoute<AnyObject, AnyObject>, result: DataResult, query: Record<string, string | undefined>): Response {
    const format = c.env?.format ?? 'json';
    const columns = columnsOf(Object.keys(route.row.shape), result.rows as Row[]);
    const sorted = sortRows(result.rows as Row[], query._sort, columns);
    const sources = result.sources?.map(sourceOf);
    const { PUENTE_PAGE_SIZE, PUENTE_MAX_PAGE_SIZE, PUENTE_MAX_DOWNLOAD_ROWS } = this.ctx.config;

    // Downloads are all rows (up to the download limit) unless _size or _next pick a page: the
    // same parameters select the same rows in every format.
    const paged = format === 'json' || query._size !== undefined || query._next !== undefined;
    let rows = sorted;
    let next: string | null = null;
    if (paged) {
      const size = query._size === 'max' ? PUENTE_MAX_PAGE_SIZE : query._size ? Number(query._size) : PUENTE_PAGE_SIZE;
      if (size < 1 || size > PUENTE_MAX_PAGE_SIZE) {
        throw new ApiError(400, `_size must be between 1 and ${PUENTE_MAX_PAGE_SIZE} (or "max"), not "${query._size}"`);
      }
      const offset = query._next ? decodeNext(query._next) : 0;
      if (offset === null) throw new ApiError(400, '_next is not a token this API gave');
      rows = sorted.slice(offset, offset + size);
      next = offset + size < sorted.length ? encodeNext(offset + size) : null;
    }

    if (format === 'json') {
      return c.json({
        ok: true,
        rows: preciseDeep(rows),
        truncated: false,
        next,
        ...preciseDeep(result.fields ?? {}),
        ...(sources ? { sources } : {}),
      });
    }

    const truncated = rows.length > PUENTE_MAX_DOWNLOAD_ROWS;
    const all = truncated ? rows.slice(0, PUENTE_MAX_DOWNLOAD_ROWS) : rows;
    const url = new URL(c.req.url);
    const metadata = this.metadata(route, { ...result, sources }, url, query, columns, all.length, truncated);
    const base = downloadName(url.pathname);
    const headers: Record<string, string> = { 'X-Puente-Truncated': String(truncated) };
    if (sources?.some((s) => s.synthetic)) headers['X-Puente-Synthetic'] = 'true';

    if (format === 'metadata') return c.json(metadata, 200, headers);
    const csv = toCsv(columns, all);
    if (format === 'csv') {
      return c.body(csv, 200, {
        ...headers,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${base}.csv"`,
      });
    }
    const zip = toZip(base, csv, metadata, readme(metadata));
    return c.body(zip as unknown as ArrayBuffer, 200, {
      ...headers,
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${base}.zip"`,
    });
  }

  private metadata(
    route: DataRoute<AnyObject, AnyObject>,
    result: DataResult,
    url: URL,
    query: Record<string, string | undefined>,
    columns: string[],
    rowCount: number,
    truncated: boolean,
  ): Metadata {
    const json = z.toJSONSchema(route.row, { unrepresentable: 'any' }) as {
      properties?: Record<string, { type?: string | string[]; description?: string; anyOf?: { type?: string }[] }>;
    };
    const props = json.properties ?? {};
    const self = url.pathname.replace(/\.(csv|metadata\.json|zip)$/, '');
    const qs = url.search;
    const sources = result.sources ?? [];
    const now = this.ctx.clock();
    const title = result.title ?? route.summary;
    return {
      title,
      description: route.description ?? route.summary,
      generated_at: now.toISOString(),
      api: { json: self + qs, csv: `${self}.csv${qs}`, metadata: `${self}.metadata.json${qs}`, zip: `${self}.zip${qs}` },
      parameters: Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)),
      row_count: rowCount,
      truncated,
      synthetic: sources.some((s) => s.synthetic),
      columns: columns.map((name) => ({
        name,
        type: props[name]?.type ?? props[name]?.anyOf?.map((t) => t.type).filter((t): t is string => !!t) ?? 'number',
        description: props[name]?.description ?? null,
      })),
      sources,
      licenses: [...new Set(sources.map((s) => s.license).filter((l): l is string => !!l))],
      missing_values: 'A missing value is an empty CSV field (null in JSON): unknown, not zero.',
      citation: `Puente, "${title}", ${self}${qs} (retrieved ${now.toISOString().slice(0, 10)}); original data: ${
        [...new Set(sources.map((s) => s.publisher))].join('; ') || 'see sources'
      }.`,
      ...(result.fields ? { fields: preciseDeep(result.fields) } : {}),
    };
  }
}

/** A source in the shape the contract declares, whatever else its table row carries. */
function sourceOf(s: SourceRow): SourceRow {
  return { id: s.id, publisher: s.publisher, title: s.title, url: s.url, license: s.license, retrieved_at: s.retrieved_at, imported_at: s.imported_at ?? null, synthetic: Boolean(s.synthetic) };
}

/** The route's path parameters, with any {name} of the path it does not declare as a string. */
function pathParams(path: string, declared: AnyObject | undefined): AnyObject {
  const names = [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]);
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const name of names) shape[name] = (declared?.shape[name] as z.ZodTypeAny | undefined) ?? z.string();
  const extra = Object.keys(declared?.shape ?? {}).filter((k) => !names.includes(k));
  if (extra.length) throw new Error(`${path}: parameters ${extra.join(', ')} are not in the path`);
  return z.object(shape);
}

/** getCountriesByIso3Pairs, postRegulationMeasuresByIdDelete, getSystemHealth, getOpenapiJson. */
export function defaultOperationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/?/, '')
    .split('/')
    .filter(Boolean)
    .flatMap((seg) => {
      if (seg === '-') return ['system'];
      const param = /^\{(.+)\}$/.exec(seg);
      return param ? ['by', param[1]] : seg.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readme(m: Metadata): string {
  const lines = [
    m.title,
    '',
    m.synthetic ? 'WARNING: this download contains SYNTHETIC data (see sources). Do not cite it as observed data.\n' : '',
    `Generated: ${m.generated_at}`,
    `Query: ${m.api.json}`,
    `Rows: ${m.row_count}${m.truncated ? ' (truncated at the download limit)' : ''}`,
    '',
    'Columns:',
    ...m.columns.map((c) => `  ${c.name}${c.description ? ` - ${c.description}` : ''}`),
    '',
    'Sources:',
    ...m.sources.map((s) => `  ${s.publisher}${s.title ? `, ${s.title}` : ''}${s.url ? ` <${s.url}>` : ''}${s.license ? ` [${s.license}]` : ''}; retrieved ${s.retrieved_at ?? 'not stated'}${s.imported_at ? `; imported ${s.imported_at}` : ''}${s.synthetic ? ' SYNTHETIC' : ''}`),
    '',
    m.missing_values,
    `Cite as: ${m.citation}`,
  ];
  return lines.join('\n') + '\n';
}

function parse<S extends z.ZodTypeAny>(schema: S, value: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => {
    if (i.code === 'unrecognized_keys') return `unknown ${where} parameter${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
    const name = i.path.join('.');
    return name ? `${name}: ${i.message}` : i.message;
  });
  throw new ApiError(400, `Bad ${where}: ${errors.join('; ')}`, errors);
}

function firstValues(c: Context<Env>): Record<string, string> {
  return firstValuesOf(new URL(c.req.url));
}

function firstValuesOf(url: URL): Record<string, string> {
  const all = new Map<string, string[]>();
  for (const [k, v] of url.searchParams) all.set(k, [...(all.get(k) ?? []), v]);
  const out: Record<string, string> = {};
  for (const [k, v] of all) {
    // country=A&country=B would otherwise silently mean country=A.
    if (v.length > 1) throw new ApiError(400, `Bad query: "${k}" is given ${v.length} times; give it once (lists use ~, e.g. country=ARG~BRA)`);
    out[k] = v[0];
  }
  return out;
}

function sortRows(rows: Row[], sort: string | undefined, columns: string[]): Row[] {
  if (!sort) return rows;
  const desc = sort.startsWith('-');
  const col = desc ? sort.slice(1) : sort;
  if (!columns.includes(col)) throw new ApiError(400, `_sort: no column "${col}"; columns are ${columns.join(', ')}`);
  // Missing values sort last either way: unknown is not the smallest value.
  return [...rows].sort((a, b) => {
    const x = a[col];
    const y = b[col];
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return desc ? -cmp : cmp;
  });
}

function toHonoPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

function downloadName(pathname: string): string {
  const base = pathname
    .replace(/\.(csv|metadata\.json|zip)$/, '')
    .replace(/^\/api\/?/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `puente-${base || 'data'}`;
}
