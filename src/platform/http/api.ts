import { extendZodWithOpenApi, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../module.js';
import { ApiError } from './errors.js';
import { decodeNext, encodeNext, pageControls } from './grammar.js';
import { columnsOf, preciseDeep, toCsv, toZip, type Row } from './render.js';

extendZodWithOpenApi(z);

export type Format = 'json' | 'csv' | 'metadata' | 'zip';
export type Env = { Bindings: { format?: Format } };

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
}

const sourceSchema = z.object({
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
  error: z.string(),
  errors: z.array(z.string()),
  status: z.number().int(),
});

/**
 * Registers routes on the Hono app and in the OpenAPI registry at once, so a route cannot exist
 * undocumented. Data routes get their .csv, .metadata.json and .zip twins from the same handler:
 * what you see is what you download.
 */
export class Api {
  readonly registry = new OpenAPIRegistry();
  readonly routes: RouteInfo[] = [];

  constructor(
    readonly app: Hono<Env>,
    readonly ctx: AppContext,
  ) {
    this.registry.register('Error', errorSchema);
    this.registry.register('Source', sourceSchema);
  }

  data<P extends AnyObject, Q extends AnyObject>(route: DataRoute<P, Q>): void {
    const querySchema = (route.query ?? z.object({})).extend(pageControls.shape).strict();
    const envelope = z.object({
      ok: z.literal(true),
      rows: z.array(route.row),
      truncated: z.boolean(),
      next: z.string().nullable(),
      ...(route.fields ?? {}),
    });
    const request = { params: route.params, query: route.query?.extend(pageControls.shape) ?? pageControls };
    this.registry.registerPath({
      method: 'get',
      path: route.path,
      tags: [route.tag],
      summary: route.summary,
      description: route.description,
      request,
      responses: {
        200: { description: 'Rows in the JSON envelope', content: { 'application/json': { schema: envelope } } },
        400: { description: 'Bad parameter', content: { 'application/json': { schema: errorSchema } } },
        404: { description: 'Not found', content: { 'application/json': { schema: errorSchema } } },
      },
    });
    for (const [suffix, type, what] of [
      ['.csv', 'text/csv', 'The same rows as CSV (all pages, up to the download limit)'],
      ['.metadata.json', 'application/json', 'Title, parameters, columns, sources and licences of the same view'],
      ['.zip', 'application/zip', 'CSV + metadata + readme of the same view'],
    ] as const) {
      this.registry.registerPath({
        method: 'get',
        path: route.path + suffix,
        tags: [route.tag],
        summary: `${route.summary} (${suffix.slice(1)})`,
        request,
        responses: {
          200: { description: what, content: { [type]: { schema: z.string() } } },
          400: { description: 'Bad parameter', content: { 'application/json': { schema: errorSchema } } },
        },
      });
    }
    this.routes.push({ method: 'GET', path: route.path, twins: true });

    this.app.get(toHonoPath(route.path), async (c) => {
      const params = route.params ? parse(route.params, c.req.param(), 'path') : {};
      const query = parse(querySchema, firstValues(c), 'query') as Record<string, string | undefined>;
      const result = await route.handler({ params: params as z.infer<P>, query: query as z.infer<Q>, ctx: this.ctx });
      return this.respond(c, route, result, query);
    });
  }

  /** JSON-only routes (system routes, writes). */
  json<B extends AnyObject>(route: {
    method: 'get' | 'post';
    path: string;
    tag: string;
    summary: string;
    description?: string;
    body?: B;
    response: z.ZodTypeAny;
    /** Answer the handler's object as it is, without the {ok: true} envelope. */
    raw?: boolean;
    handler(c: Context<Env>, body: z.infer<B>): Promise<Record<string, unknown>>;
  }): void {
    this.registry.registerPath({
      method: route.method,
      path: route.path,
      tags: [route.tag],
      summary: route.summary,
      description: route.description,
      request: route.body ? { body: { content: { 'application/json': { schema: route.body } } } } : undefined,
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: route.response } } },
        400: { description: 'Bad request', content: { 'application/json': { schema: errorSchema } } },
      },
    });
    this.routes.push({ method: route.method.toUpperCase(), path: route.path, twins: false });
    this.app.on(route.method.toUpperCase(), toHonoPath(route.path), async (c) => {
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
      return c.json(route.raw ? result : { ok: true, ...result });
    });
  }

  private respond(c: Context<Env>, route: DataRoute<AnyObject, AnyObject>, result: DataResult, query: Record<string, string | undefined>): Response {
    const format = c.env?.format ?? 'json';
    const columns = columnsOf(Object.keys(route.row.shape), result.rows as Row[]);
    const rows = sortRows(result.rows as Row[], query._sort, columns);
    const { PUENTE_PAGE_SIZE, PUENTE_MAX_PAGE_SIZE, PUENTE_MAX_DOWNLOAD_ROWS } = this.ctx.config;

    if (format === 'json') {
      const size = query._size === 'max' ? PUENTE_MAX_PAGE_SIZE : query._size ? Number(query._size) : PUENTE_PAGE_SIZE;
      if (size < 1 || size > PUENTE_MAX_PAGE_SIZE) {
        throw new ApiError(400, `_size must be between 1 and ${PUENTE_MAX_PAGE_SIZE} (or "max")`);
      }
      const offset = query._next ? decodeNext(query._next) : 0;
      if (offset === null) throw new ApiError(400, '_next is not a token this API gave');
      const page = rows.slice(offset, offset + size);
      const more = offset + size < rows.length;
      return c.json({
        ok: true,
        rows: preciseDeep(page),
        truncated: false,
        next: more ? encodeNext(offset + size) : null,
        ...preciseDeep(result.fields ?? {}),
        ...(result.sources ? { sources: result.sources } : {}),
      });
    }

    const truncated = rows.length > PUENTE_MAX_DOWNLOAD_ROWS;
    const all = truncated ? rows.slice(0, PUENTE_MAX_DOWNLOAD_ROWS) : rows;
    const url = new URL(c.req.url);
    const metadata = this.metadata(route, result, url, query, columns, all.length, truncated);
    const base = downloadName(url.pathname);
    const headers: Record<string, string> = { 'X-Puente-Truncated': String(truncated) };
    if (result.sources?.some((s) => s.synthetic)) headers['X-Puente-Synthetic'] = 'true';

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
  ) {
    const json = z.toJSONSchema(route.row, { unrepresentable: 'any' }) as {
      properties?: Record<string, { type?: unknown; description?: string; anyOf?: { type?: string }[] }>;
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
        type: props[name]?.type ?? props[name]?.anyOf?.map((t) => t.type).filter(Boolean) ?? 'number',
        description: props[name]?.description ?? null,
      })),
      sources,
      licenses: [...new Set(sources.map((s) => s.license).filter(Boolean))],
      missing_values: 'A missing value is an empty CSV field (null in JSON): unknown, not zero.',
      citation: `Puente, "${title}", ${self}${qs} (retrieved ${now.toISOString().slice(0, 10)}); original data: ${
        [...new Set(sources.map((s) => s.publisher))].join('; ') || 'see sources'
      }.`,
      ...(result.fields ? { fields: preciseDeep(result.fields) } : {}),
    };
  }
}

function readme(m: ReturnType<Api['metadata']>): string {
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
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.req.queries())) {
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
