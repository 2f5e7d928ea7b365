import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { withoutLocalPaths } from '../ingest/provenance.js';
import type { Api, SourceRow } from './api.js';
import { ApiError } from './errors.js';
import { JobFailedError } from './faults.js';
import type { JobContext, Jobs, JobView } from './jobs.js';

export interface DemoOptions {
  scale: number;
  seed: number;
  from: string;
  to: string;
  dir?: string;
}

const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  progress: z.object({ done: z.number(), total: z.number(), item: z.string() }).nullable(),
  result: z.any(),
  error: z.string().nullable(),
  error_status: z.number().nullable(),
  errors: z.array(z.string()),
});

/** A synchronous admin route waits for its job and answers as the job ended. */
async function outcome(jobs: Jobs, view: JobView): Promise<Record<string, unknown>> {
  const done = await jobs.wait(view.id);
  if (done.status === 'succeeded') return { report: done.result, job: done };
  throw new JobFailedError(done.error_status ?? 500, done.error ?? 'The job failed', done.errors);
}

export interface SystemHooks {
  version: string;
  stats(): Promise<Record<string, number>>;
  /** The server's jobs: admin imports, syncs and the demo run as jobs (id, status, cancel). */
  jobs: Jobs;
  /** Import files on this machine (the CLI's way in while the server owns the database). */
  importFiles(paths: string[], dryRun: boolean, job?: JobContext): Promise<unknown>;
  /** The labelled synthetic demo (`puente demo marketplaces` while the server runs). */
  demo(options: DemoOptions): Promise<unknown>;
  /** Sync an open source by name (the CLI's `sync` while the server owns the database). */
  sync(source: string, options: { indicators?: string[]; from?: number; to?: number }): Promise<unknown>;
}

export function systemRoutes(api: Api, hooks: SystemHooks): void {
  let counted: { key: string | null; counts: Promise<Record<string, number>> } | null = null;
  api.json({
    method: 'get',
    path: '/api/-/health',
    tag: 'system',
    summary: 'Is the service up, on which engine, with how much data',
    description:
      'Never cached. `data_version` counts the write transactions committed to this database (imports, syncs, the demo, edits): ' +
      'data answers are cached per data version and carry it in `X-Puente-Data-Version`. `cache` shows the answer cache of this server.',
    response: z.object({
      ok: z.literal(true),
      status: z.string(),
      engine: z.string(),
      version: z.string(),
      data_version: z.number().int().describe('Committed write transactions so far; changes with every import, sync, demo load and edit'),
      cache: z
        .object({
          entries: z.number().int().describe('Answers kept'),
          bytes: z.number().int().describe('Bytes they take (of PUENTE_CACHE_MB)'),
          running: z.number().int().describe('Answers being computed now'),
          waiting: z.number().int().describe('Answers waiting for a turn (PUENTE_QUERY_QUEUE)'),
        })
        .describe('The answer cache of this server'),
      counts: z.record(z.string(), z.number()),
      replicas: z
        .array(
          z.object({
            url: z.string().describe('Without its password'),
            reachable: z.boolean(),
            version: z.number().int().nullable().describe('The data version it has replayed'),
            replay_lag_s: z.number().nullable().describe('Seconds since the last transaction it replayed was committed on the primary'),
            serving: z.boolean().describe('Whether public reads go to it now: it answers and has replayed every write this server has seen'),
            error: z.string().nullable(),
          }),
        )
        .describe('PostgreSQL hot standbys of PUENTE_READ_URLS, as this server last saw them; empty when there are none'),
    }),
    async handler() {
      const versions = api.ctx.db.versions;
      // Read from the database on every call: health is what says the database answers.
      const current = versions.armed ? await versions.fresh() : null;
      // The counts are data: counted once per data version (counting on every call made health
      // the dearest route of a crowd's mix).
      const key = current ? `${current.instance}.${current.version}` : null;
      if (!key || counted?.key !== key) counted = { key, counts: hooks.stats() };
      const counts = counted.counts;
      try {
        const replicas = api.ctx.db.replicas?.status(current?.instance ?? null, current?.version ?? null) ?? [];
        return { status: 'ok', engine: api.ctx.db.engine, version: hooks.version, data_version: current?.version ?? 0, cache: api.cache.stats(), counts: await counts, replicas };
      } catch (err) {
        if (counted?.counts === counts) counted = null;
        throw err;
      }
    },
  });

  api.json({
    method: 'get',
    path: '/api/-/version',
    tag: 'system',
    summary: 'Puente and engine versions',
    response: z.object({ ok: z.literal(true), puente: z.string(), node: z.string(), engine: z.string() }),
    async handler() {
      return { puente: hooks.version, node: process.version, engine: api.ctx.db.engine };
    },
  });

  api.data({
    path: '/api/-/sources',
    tag: 'system',
    summary: 'Every source record values point to (publisher, URL, licence, retrieved at, synthetic)',
    row: z.object({
      id: z.string(),
      publisher: z.string(),
      title: z.string().nullable(),
      url: z.string().nullable(),
      license: z.string().nullable(),
      retrieved_at: z.string().nullable(),
      imported_at: z.string().nullable().describe('When Puente imported it; retrieved_at says when the publisher\'s data was retrieved (empty = not stated)'),
      synthetic: z.boolean().describe('true when the data is generated, not observed'),
      note: z.string().nullable(),
    }),
    async handler({ ctx }) {
      const stored = (await ctx.db.kysely.selectFrom('sources').selectAll().orderBy('publisher').orderBy('id').execute()) as (SourceRow & { note: string | null })[];
      // Records written before paths were cut on import still hold them: cut them here too.
      const rows = stored.map((s) => ({ ...s, title: withoutLocalPaths(s.title), url: s.url && !/^https?:\/\//i.test(s.url) ? withoutLocalPaths(s.url) : s.url, note: withoutLocalPaths(s.note) }));
      return { rows, sources: rows, title: 'Sources' };
    },
  });

  api.json({
    method: 'post',
    path: '/api/-/admin/import',
    tag: 'system',
    summary: 'Import files from this machine (used by `puente import` while the server runs)',
    description:
      'Needs `Authorization: Bearer <admin token>`. All-or-nothing, like the CLI. The import is a job: by default the answer waits for it ' +
      '(`report`); with `background: true` it answers at once with the `job` (id, status), to follow at `/api/-/admin/jobs` and cancel at ' +
      '`/api/-/admin/jobs/cancel` (a cancelled import is rolled back).',
    body: z.object({ paths: z.array(z.string().min(1)).min(1), dryRun: z.boolean().default(false), background: z.boolean().default(false) }).strict(),
    auth: 'admin',
    errors: [507],
    response: z.object({ ok: z.literal(true), report: z.any(), job: jobSchema }),
    async handler(_c, body) {
      const job = hooks.jobs.start(body.dryRun ? 'validate' : 'import', (ctx) => hooks.importFiles(body.paths, body.dryRun, ctx));
      return body.background ? { report: null, job } : outcome(hooks.jobs, job);
    },
  });

  api.json({
    method: 'post',
    path: '/api/-/admin/demo',
    tag: 'system',
    summary: 'Generate the labelled SYNTHETIC marketplace demo (used by `puente demo marketplaces` while the server runs)',
    description: 'Needs `Authorization: Bearer <admin token>`. Runs as a job, like an import (`background: true` answers at once with the job).',
    body: z
      .object({
        scale: z.number().int().min(1).max(1000).default(1),
        seed: z.number().int().default(1),
        from: z.string().regex(/^\d{4}-\d{2}$/).default('2019-01'),
        to: z.string().regex(/^\d{4}-\d{2}$/).default('2024-12'),
        dir: z.string().min(1).optional(),
        background: z.boolean().default(false),
      })
      .strict(),
    auth: 'admin',
    errors: [507],
    response: z.object({ ok: z.literal(true), report: z.any(), job: jobSchema }),
    async handler(_c, body) {
      const { background, ...options } = body;
      const job = hooks.jobs.start('demo', () => hooks.demo(options));
      return background ? { report: null, job } : outcome(hooks.jobs, job);
    },
  });

  api.json({
    method: 'get',
    path: '/api/-/admin/jobs',
    tag: 'system',
    summary: "The server's jobs (imports, syncs, demo), newest first, with status and progress",
    description: 'Needs `Authorization: Bearer <admin token>`. Jobs live in the server\'s memory: a restart forgets them (what they wrote was committed whole or rolled back).',
    auth: 'admin',
    response: z.object({ ok: z.literal(true), rows: z.array(jobSchema) }),
    async handler() {
      return { rows: hooks.jobs.list() };
    },
  });

  api.json({
    method: 'post',
    path: '/api/-/admin/jobs/cancel',
    tag: 'system',
    summary: 'Cancel a job (an import is rolled back: nothing of it is kept)',
    description: 'Needs `Authorization: Bearer <admin token>`. Cancelling a finished job changes nothing; the answer shows its status.',
    body: z.object({ id: z.string().min(1) }).strict(),
    auth: 'admin',
    errors: [404],
    response: z.object({ ok: z.literal(true), job: jobSchema }),
    async handler(_c, body) {
      const job = hooks.jobs.cancel(body.id);
      if (!job) throw new ApiError(404, `No job ${body.id} (jobs are forgotten when the server restarts)`);
      return { job };
    },
  });

  api.json({
    method: 'post',
    path: '/api/-/admin/sync',
    tag: 'system',
    summary: 'Sync an open source (used by `puente sync` while the server runs)',
    description: 'Needs `Authorization: Bearer <admin token>`. Sources: worldbank (World Bank API v2), cyberlaw (UNCTAD Global Cyberlaw Tracker), oecd-stri (OECD SDMX API, Digital STRI; `from`/`to` are years).',
    body: z
      .object({
        source: z.enum(['worldbank', 'cyberlaw', 'oecd-stri']),
        indicators: z.array(z.string().regex(/^[A-Za-z0-9_.]+$/)).optional(),
        from: z.number().int().optional(),
        to: z.number().int().optional(),
      })
      .strict(),
    auth: 'admin',
    errors: [502],
    response: z.object({ ok: z.literal(true), report: z.any() }),
    async handler(_c, body) {
      const { source, ...options } = body;
      return outcome(hooks.jobs, hooks.jobs.start(`sync ${source}`, () => hooks.sync(source, options)));
    },
  });

  // The document itself is generated from the registry the routes filled (and lists itself).
  api.json({
    method: 'get',
    path: '/api/openapi.json',
    tag: 'system',
    summary: 'This API as an OpenAPI 3.1 document',
    response: z.object({ openapi: z.string(), info: z.any(), paths: z.any() }).passthrough(),
    raw: true,
    async handler() {
      return openApiDocument(api, hooks.version) as unknown as Record<string, unknown>;
    },
  });
}

export function openApiDocument(api: Api, version: string) {
  const doc = new OpenApiGeneratorV31(api.registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Puente API',
      version,
      description:
        'Open API of Puente, the FEALAC observatory for MSME cross-border e-commerce. Every data route has .csv, .metadata.json and .zip twins. ' +
        'Grammar: country=ARG~BRA, time=2015..2023, _size=N|max, _next=<token>, _sort=col|-col. Missing values are null (empty in CSV), never 0.',
      license: { name: 'Apache-2.0 (code); data under each source\'s licence', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
  });
  // What the server answers is closed: an object schema that does not say otherwise (a record,
  // .catchall(), .passthrough()) lists every field, so a field sent and not declared fails the
  // contract test.
  for (const schema of Object.values(doc.components?.schemas ?? {})) closeObjects(schema);
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item as Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>)) {
      for (const res of Object.values(op.responses ?? {})) for (const media of Object.values(res.content ?? {})) closeObjects(media.schema);
    }
  }
  return doc;
}

function closeObjects(schema: unknown): void {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) {
    for (const s of schema) closeObjects(s);
    return;
  }
  const s = schema as Record<string, unknown>;
  if (s.properties && s.additionalProperties === undefined) s.additionalProperties = false;
  for (const [k, v] of Object.entries(s)) {
    if (k === 'properties') for (const p of Object.values(v as Record<string, unknown>)) closeObjects(p);
    else if (k !== 'enum' && k !== 'const' && k !== 'example' && k !== 'default') closeObjects(v);
  }
}
