import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { importFiles, openContext } from './bootstrap.js';
import { createProgress, readAdminToken, readServerRecord } from './platform/cli-support.js';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { classifyFault, DatabaseFileError, DatabaseLockedError, DatabaseUnavailableError, DiskFullError, ImportBusyError } from './platform/db/index.js';
import type { JobView } from './platform/http/jobs.js';
import { ImportError } from './platform/ingest/report.js';
import type { ImportReport } from './platform/ingest/run.js';
import type { AppContext } from './platform/module.js';
import { syncWorldBank, type SyncReport } from './modules/indicators/index.js';
import { generateDemo } from './modules/marketplaces/index.js';

type DemoResult = Awaited<ReturnType<typeof generateDemo>>;
import { syncCyberlaw, syncOecdStri, type StriSyncReport } from './modules/regulation/index.js';
import { programmeUrls } from './modules/support/index.js';
import { entryUrls } from './modules/directory/index.js';
import { fetchJapanEdition } from './modules/tariffs/index.js';
import { addDocumentsCommand } from './modules/documents/index.js';
import { addCopyCommand } from './platform/db/copy-cli.js';
import { checkLinks, recordLinkChecks, type LinkCheck } from './platform/links.js';
import { serve } from './serve.js';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { registerAccountCommands, type AdminCall } from './platform/auth/cli.js';
import { createApp, VERSION } from './server.js';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Calls `handler` on Ctrl-C (SIGINT) until the returned function is called. */
  onInterrupt?: (handler: () => void) => () => void;
}

const onSigint = (handler: () => void) => {
  process.on('SIGINT', handler);
  return () => void process.off('SIGINT', handler);
};

const defaultIo: Io = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

/** Runs the `puente` command; returns the exit code. */
export async function main(argv: string[], io: Io = defaultIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    io.err((err as Error).message);
    return 2;
  }
  let code = 0;
  const program = new Command('puente')
    .description('Puente: observatory of MSME cross-border e-commerce for the 36 FEALAC economies')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('serve')
    .description('serve the web app and API (default http://127.0.0.1:8080)')
    .option('-p, --port <port>', 'port (PORT)')
    .action(async (opts) => {
      if (opts.port) config = loadConfig({ ...env, PORT: opts.port });
      code = await serve(config, io);
    });

  program
    .command('import')
    .description('import CSV files or directories (all-or-nothing; see docs/data-formats.md)')
    .argument('<paths...>', 'files or directories, e.g. ../shared/data')
    .action(async (paths: string[]) => {
      code = await runImportCommand(config, io, paths.map((p) => resolve(p)), false);
    });

  program
    .command('validate')
    .description('check files as `import` would, and write nothing')
    .argument('<paths...>', 'files or directories')
    .action(async (paths: string[]) => {
      // Validation reads the reference data from a throw-away database, so it works (and
      // writes nothing) even while a server owns the real one.
      code = await runImportCommand({ ...config, DATABASE_URL: 'duckdb::memory:' }, io, paths.map((p) => resolve(p)), true);
    });

  const sync = program.command('sync').description('sync an open source');
  sync
    .command('worldbank')
    .description('fetch the default indicators for the 36 members from the World Bank API v2')
    .option('-i, --indicator <codes...>', 'Puente indicator codes (default: all the API serves)')
    .option('--from <year>', 'first year', '2000')
    .option('--to <year>', 'last year')
    .action(async (opts) => {
      const options = { indicators: opts.indicator as string[] | undefined, from: Number(opts.from), to: opts.to ? Number(opts.to) : undefined };
      code = await withContext(
        config,
        io,
        async (ctx) => {
          const progress = createProgress();
          let started = false;
          const report = await syncWorldBank(ctx, {
            ...options,
            onProgress: (p) => {
              if (!started) progress.start(p.indicatorCount, 'World Bank API');
              started = true;
              progress.update(p.indicatorIndex + (p.pages ? p.page / p.pages : 1), `${p.indicator} page ${p.page}/${p.pages}`);
            },
          }).finally(() => progress.stop());
          printSync(report, io);
          return 0;
        },
        async (url) => {
          io.out(`(the server at ${url} owns the database: syncing through it)`);
          const body = await adminPost(config, url, '/api/-/admin/sync', { source: 'worldbank', ...options }, io);
          if (!body) return 1;
          printSync(body.report as SyncReport, io);
          return 0;
        },
      );
    });

  sync
    .command('cyberlaw')
    .description("fetch the UNCTAD Global Cyberlaw Tracker's public files (statuses and law links) for the 36 members")
    .action(async () => {
      code = await withContext(
        config,
        io,
        async (ctx) => {
          const report = await syncCyberlaw(ctx);
          io.out(`UNCTAD cyberlaw tracker: ${JSON.stringify(report)}`);
          return 0;
        },
        async (url) => {
          io.out(`(the server at ${url} owns the database: syncing through it)`);
          const body = await adminPost(config, url, '/api/-/admin/sync', { source: 'cyberlaw' }, io);
          if (!body) return 1;
          io.out(`UNCTAD cyberlaw tracker: ${JSON.stringify(body.report)}`);
          return 0;
        },
      );
    });

  sync
    .command('oecd-stri')
    .description('fetch the OECD Digital STRI (overall index and five policy areas) for the 36 members from the OECD SDMX API')
    .option('--from <year>', 'first year', '2020')
    .option('--to <year>', 'last year')
    .action(async (opts) => {
      const options = { from: Number(opts.from), to: opts.to ? Number(opts.to) : undefined };
      code = await withContext(
        config,
        io,
        async (ctx) => {
          const report = await syncOecdStri(ctx, {
            ...options,
            onProgress: (p) => {
              if (p.phase === 'request') io.out(`OECD SDMX API: request (attempt ${p.attempt}/${p.attempts})...`);
              else if (p.phase === 'retry') io.out(`  ${p.reason}: retrying with backoff`);
              else io.out(`  ${p.observations} observations of FEALAC members read`);
            },
          });
          printStri(report, io);
          return 0;
        },
        async (url) => {
          io.out(`(the server at ${url} owns the database: syncing through it)`);
          const body = await adminPost(config, url, '/api/-/admin/sync', { source: 'oecd-stri', ...options }, io);
          if (!body) return 1;
          printStri(body.report as StriSyncReport, io);
          return 0;
        },
      );
    });

  program
    .command('demo')
    .description('generate labelled synthetic data where no open source exists')
    .command('marketplaces')
    .description('deterministic SYNTHETIC monthly traffic and visitor shares for the marketplace registry (import the registry first)')
    .option('--scale <n>', 'copies of each registry website (1 = the registry itself; ~125 gives 20 M rows)', '1')
    .option('--seed <n>', 'random seed: the same seed gives the same data', '1')
    .option('--from <YYYY-MM>', 'first month', '2019-01')
    .option('--to <YYYY-MM>', 'last month', '2024-12')
    .option('--out <dir>', 'also keep the generated partner files (CSV and Parquet) in this folder')
    .action(async (opts) => {
      const options = { scale: Number(opts.scale), seed: Number(opts.seed), from: opts.from as string, to: opts.to as string, dir: opts.out ? resolve(opts.out) : undefined };
      const print = (result: Pick<DemoResult, 'websites' | 'visitsRows' | 'shareRows' | 'dir'>) => {
        if (!result.websites) {
          io.err('The registry is empty: import it first (`npx puente import ../shared/data/marketplaces/registry`).');
          return 1;
        }
        io.out(`SYNTHETIC demo: ${result.websites} websites, ${result.visitsRows} monthly visit rows, ${result.shareRows} share rows (seed ${opts.seed}).`);
        io.out('Every row is flagged synthetic in the database, the API, the web app and downloads.');
        if (result.dir) io.out(`Partner files kept in ${result.dir}`);
        return 0;
      };
      code = await withContext(
        config,
        io,
        async (ctx) => print(await generateDemo(ctx, { ...options, format: opts.out ? 'both' : 'csv' })),
        async (url) => {
          io.out(`(the server at ${url} owns the database: generating the demo through it)`);
          const body = await runJob(config, url, '/api/-/admin/demo', options, io, 'demo');
          if (!body) return 1;
          return print(body as DemoResult);
        },
      );
    });

  program
    .command('tariffs')
    .description("national tariff schedules (the tariffs module)")
    .command('fetch')
    .description("download an edition of Japan Customs' applied tariff schedule (one page per HS chapter at customs.go.jp) into DIR/jpn-customs-EDITION/, for `puente import`")
    .requiredOption('--edition <date>', 'the edition, as its date YYYY-MM-DD (customs.go.jp/tariff/YYYY_MM_DD/)')
    .option('--out <dir>', 'folder to write the edition folder in', 'var/tariffs')
    .option('--chapter <NN...>', 'only these HS chapters (default: all 96)')
    .action(async (opts) => {
      try {
        const report = await fetchJapanEdition({ fetch, edition: opts.edition, outDir: resolve(opts.out), chapters: opts.chapter, onChapter: (c) => io.out(`chapter ${c}...`) });
        io.out(`${report.chapters.reduce((n, c) => n + c.rows, 0)} rated lines in ${report.chapters.length} chapters written to ${report.folder}`);
        io.out(`Import it beside the editions already loaded: puente import ${report.folder}`);
        code = 0;
      } catch (err) {
        io.err(`Fetch failed, nothing written: ${(err as Error).message}`);
        code = 1;
      }
    });

  program
    .command('check')
    .description('check what the database cites')
    .command('links')
    .description('visit every stored URL (support programmes, directory entries and their sources) and record its status and date')
    .option('--concurrency <n>', 'URLs visited at once (default PUENTE_LINK_CHECK_CONCURRENCY)')
    .option('--timeout <ms>', 'per-URL timeout in ms (default PUENTE_LINK_CHECK_TIMEOUT_MS)')
    .action(async (opts) => {
      const concurrency = opts.concurrency ? Number(opts.concurrency) : config.PUENTE_LINK_CHECK_CONCURRENCY;
      const timeoutMs = opts.timeout ? Number(opts.timeout) : config.PUENTE_LINK_CHECK_TIMEOUT_MS;
      if (!Number.isInteger(concurrency) || concurrency < 1 || !Number.isInteger(timeoutMs) || timeoutMs < 1) {
        io.err('--concurrency and --timeout must be whole numbers of at least 1');
        code = 2;
        return;
      }
      const run = async (urls: string[], record: (checks: LinkCheck[]) => Promise<boolean>) => {
        const progress = createProgress();
        progress.start(new Set(urls).size, 'Checking links');
        const checks = await checkLinks(urls, { fetch, clock: () => new Date(), concurrency, timeoutMs, onProgress: (done, _total, url) => progress.update(done, url.slice(0, 60)) });
        progress.stop();
        if (!(await record(checks))) return 1;
        const broken = checks.filter((c) => !c.ok);
        io.out(`${checks.length} URLs checked: ${checks.length - broken.length} answered, ${broken.length} broken or unreachable.`);
        for (const b of broken) io.out(`  ${b.status ?? '---'} ${b.url}${b.error ? ` (${b.error})` : ''}`);
        return 0;
      };
      code = await withContext(
        config,
        io,
        async (ctx) => {
          const urls = [...(await programmeUrls(ctx.db.kysely)), ...(await entryUrls(ctx.db.kysely))];
          return run(urls, async (checks) => {
            await recordLinkChecks(ctx.db.kysely, checks);
            return true;
          });
        },
        async (url) => {
          io.out(`(the server at ${url} owns the database: reading the URLs from it and recording the results through it)`);
          const urls: string[] = [];
          for (const [path, fields] of [
            ['/api/support/programmes?_size=max', ['url', 'source_url']],
            ['/api/directory/entries?_size=max', ['official_url', 'source_url']],
          ] as const) {
            const res = await request(url, path, {}, io);
            if (!res?.ok) {
              io.err(`The server at ${url} did not list ${path} (${res?.status ?? 'no answer'})`);
              return 1;
            }
            const body = (await res.json()) as { rows: Record<string, string | null>[] };
            for (const row of body.rows) for (const f of fields) if (row[f]) urls.push(row[f]!);
          }
          return run(urls, async (checks) => !!(await adminRequest(config, url, '/api/support/link-checks', { checks }, io)));
        },
      );
    });

  program
    .command('export')
    .description('download any API view, e.g. `puente export "/api/indicators/IT.NET.USER.ZS.csv?time=2015..2023" -o internet.csv`, or a country brief as PDF: `puente export brief PER --lang es -o peru.pdf`')
    .argument('<api-path>', 'an API path with its .csv / .metadata.json / .zip suffix and query, or "brief"')
    .argument('[economy]', 'with "brief": the economy (ISO 3166 alpha-3, e.g. PER)')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .option('--lang <lang>', 'with "brief": the language of the PDF (en, es, pt, zh, ja, ko)', 'en')
    .action(async (path: string, economy: string | undefined, opts) => {
      if (path === 'brief') {
        if (!economy || !/^[A-Za-z]{3}$/.test(economy)) {
          io.err('puente export brief: give the economy as an ISO 3166 alpha-3 code, e.g. `puente export brief PER --lang es -o peru.pdf`');
          code = 2;
          return;
        }
        path = `/api/countries/${economy.toUpperCase()}/brief.pdf?lang=${encodeURIComponent(opts.lang)}`;
      } else if (economy) {
        io.err(`puente export: unexpected argument "${economy}" (only \`puente export brief ISO3\` takes an economy)`);
        code = 2;
        return;
      }
      if (!path.startsWith('/api/')) path = '/api/' + path.replace(/^\/+/, '');
      code = await withContext(config, io, async (ctx) => {
        const res = await createApp(ctx).fetch(new Request(`http://puente.local${path}`));
        return writeResponse(res, opts.out, io);
      }, async (url) => {
        const res = await request(url, path, {}, io);
        return res ? writeResponse(res, opts.out, io) : 1;
      });
    });

  // Accounts: through the server's admin API when it runs, else the same API in-process.
  registerAccountCommands(program, io, async (fn) => {
    code = await withContext(
      config,
      io,
      async (ctx) => {
        const token = randomBytes(24).toString('base64url');
        const app = createApp(ctx, { adminToken: token });
        const origin = `http://localhost:${config.PORT}`;
        const call: AdminCall = async (method, path, body) => {
          const res = await app.fetch(
            new Request(`http://puente.local${path}`, {
              method,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-puente-actor': `puente CLI (${userInfo().username})` },
              body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
            }),
          );
          const answer = (await res.json()) as Record<string, any>;
          if (!answer.ok) {
            io.err(answer.error ?? `answered ${res.status}`);
            for (const e of (answer.errors as string[] | undefined) ?? []) io.err(`  ${e}`);
            return null;
          }
          return JSON.parse(JSON.stringify(answer).replaceAll('http://puente.local', origin));
        };
        return fn(call);
      },
      (url) => fn((method, path, body) => adminRequest(config, url, path, body ?? {}, io, method)),
    );
  });
  addDocumentsCommand(program, config, io, (c) => (code = c));
  addCopyCommand(program, config, io, (c) => (code = c));

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    io.err(`puente: ${(err as Error).message}`);
    return 1;
  }
  return code;
}

async function runImportCommand(config: Config, io: Io, paths: string[], dryRun: boolean): Promise<number> {
  return withContext(
    config,
    io,
    async (ctx) => {
      const progress = createProgress();
      let started = false;
      // Ctrl-C cancels: the import's transaction rolls back and the command says so; a second
      // Ctrl-C exits at once (the open transaction is discarded with the process).
      const controller = new AbortController();
      const stopListening = (io.onInterrupt ?? onSigint)(() => {
        if (controller.signal.aborted) process.exit(130);
        io.err('\nCancelling the import (nothing of it will be kept)...');
        controller.abort(new Error('Ctrl-C'));
      });
      try {
        const report = await importFiles(ctx, paths, {
          dryRun,
          signal: controller.signal,
          onProgress: (done, total, file) => {
            if (!started) progress.start(total, 'Reading files');
            started = true;
            progress.update(done, file ? file.split('/').slice(-2).join('/') : 'done');
          },
        });
        progress.stop();
        printReport(report, io);
        return 0;
      } catch (caught) {
        progress.stop();
        const err = classifyFault(caught, ctx.db.location);
        if (controller.signal.aborted) {
          io.err('Import cancelled: nothing was imported.');
          return 130;
        }
        if (err instanceof ImportError || err instanceof DiskFullError || err instanceof ImportBusyError || err instanceof DatabaseUnavailableError) {
          io.err(err.message);
          return 1;
        }
        throw err;
      } finally {
        stopListening();
      }
    },
    async (url) => {
      // The server owns the database: hand it the job through the admin API.
      if (dryRun) return 0;
      io.out(`(the server at ${url} owns the database: importing through it)`);
      const report = await runJob(config, url, '/api/-/admin/import', { paths, dryRun }, io, 'import');
      if (!report) return 1;
      printReport(report as ImportReport, io);
      return 0;
    },
  );
}

/** A request to the running server; null (and the URL named) when it cannot be reached. */
async function request(url: string, path: string, init: RequestInit, io: Io): Promise<Response | null> {
  try {
    return await fetch(`${url}${path}`, init);
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    io.err(
      `Cannot reach the Puente server at ${url} (${cause?.code ?? cause?.message ?? (err as Error).message}). ` +
        'Is `puente serve` still running? Its address is recorded beside the database when it starts.',
    );
    return null;
  }
}

async function adminRequest(config: Config, url: string, path: string, payload: unknown, io: Io, method = 'POST'): Promise<Record<string, any> | null> {
  const token = readAdminToken(config.PUENTE_ADMIN_TOKEN);
  if (!token) {
    io.err(`The server at ${url} owns the database, and no admin token was found (var/admin-token or PUENTE_ADMIN_TOKEN).`);
    return null;
  }
  const res = await request(
    url,
    path,
    {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: method === 'POST' ? JSON.stringify(payload) : undefined,
    },
    io,
  );
  if (!res) return null;
  let body: Record<string, any>;
  try {
    body = (await res.json()) as Record<string, any>;
  } catch {
    io.err(`The server at ${url} answered ${res.status} without a JSON body: is it Puente?`);
    return null;
  }
  if (!body.ok) {
    io.err(body.error ?? `The server at ${url} answered ${res.status}`);
    for (const e of (body.errors as string[] | undefined) ?? []) io.err(`  ${e}`);
    return null;
  }
  return body;
}

async function adminPost(config: Config, url: string, path: string, payload: unknown, io: Io): Promise<{ report: unknown } | null> {
  const body = await adminRequest(config, url, path, payload, io);
  return body && { report: body.report };
}

/**
 * Starts a job on the server and follows it: a progress bar, and Ctrl-C cancels it (the server
 * rolls the import back); a second Ctrl-C leaves it running and says how to follow or cancel it.
 */
async function runJob(config: Config, url: string, path: string, payload: Record<string, unknown>, io: Io, what: string): Promise<unknown | null> {
  // Ctrl-C is ours from before the job starts: a press while it is being created cancels it too.
  let job: JobView | null = null;
  let cancelling = false;
  let leave: (() => void) | null = null;
  const left = new Promise<'left'>((res) => (leave = () => res('left')));
  const cancel = () => {
    io.err(`\nCancelling ${what} ${job!.id} on the server at ${url} (nothing of it will be kept)... Ctrl-C again to stop waiting.`);
    void adminRequest(config, url, '/api/-/admin/jobs/cancel', { id: job!.id }, io);
  };
  const stopListening = (io.onInterrupt ?? onSigint)(() => {
    if (cancelling) {
      leave?.();
      return;
    }
    cancelling = true;
    if (job) cancel();
  });
  const started = await adminRequest(config, url, path, { ...payload, background: true }, io).catch((err) => {
    stopListening();
    throw err;
  });
  if (!started) {
    stopListening();
    return null;
  }
  job = started.job as JobView;
  if (cancelling) cancel();
  let current: JobView = job;
  const progress = createProgress();
  let bar = false;
  try {
    while (current.status === 'queued' || current.status === 'running') {
      const pause = new Promise<'tick'>((res) => setTimeout(() => res('tick'), 200));
      if ((await Promise.race([pause, left])) === 'left') {
        if (bar) progress.stop();
        io.err(
          `Stopped following ${what} ${current.id} on the server at ${url} (its cancellation was asked for; the server goes on until it stops). ` +
            `Follow it with GET ${url}/api/-/admin/jobs, ` +
            `cancel it with POST ${url}/api/-/admin/jobs/cancel {"id":"${current.id}"} (both need the admin token).`,
        );
        return null;
      }
      const list = await adminRequest(config, url, '/api/-/admin/jobs', null, io, 'GET');
      if (!list) return null;
      const id = current.id;
      const now = (list.rows as JobView[]).find((j) => j.id === id);
      if (!now) {
        io.err(`The server at ${url} no longer knows ${what} ${current.id}: it restarted. What the job wrote was committed whole or rolled back; check with \`puente export /api/-/health\`.`);
        return null;
      }
      current = now;
      if (current.progress && current.progress.total) {
        if (!bar) progress.start(current.progress.total, 'Reading files on the server');
        bar = true;
        progress.update(current.progress.done, current.progress.item ? current.progress.item.split('/').slice(-2).join('/') : 'writing (one transaction)');
      }
    }
  } finally {
    stopListening();
  }
  if (bar) progress.stop();
  if (current.status === 'succeeded') return current.result;
  io.err(current.error ?? `${what} ${current.status}`);
  for (const e of current.errors) io.err(`  ${e}`);
  return null;
}

function printSync(report: SyncReport, io: Io): void {
  for (const i of report.indicators) io.out(`${i.code.padEnd(22)} ${String(i.values).padStart(6)} values`);
  io.out(`World Bank sync: ${report.values} values in ${report.indicators.length} indicators.`);
}

function printStri(report: StriSyncReport, io: Io): void {
  io.out(`OECD Digital STRI sync: ${report.message}`);
  if (report.not_covered.length) io.out(`Not covered by the OECD Digital STRI: ${report.not_covered.join(', ')}`);
}

function printReport(report: ImportReport, io: Io): void {
  for (const f of report.files) io.out(`${report.dryRun ? 'valid   ' : 'imported'} ${String(f.rows).padStart(6)}  ${f.importer.padEnd(20)} ${f.file}`);
  for (const s of report.skipped) io.out(`skipped          ${s.file}: ${s.reason}`);
  const total = report.files.reduce((n, f) => n + f.rows, 0);
  io.out(report.dryRun ? `${report.files.length} files valid (${total} rows); nothing written.` : `${report.files.length} files, ${total} rows imported.`);
}

/**
 * Runs a command on the database directly, or through the running server when there is one
 * (`whenServed`, given the server's URL): the server records its address beside the database.
 */
async function withContext(config: Config, io: Io, fn: (ctx: AppContext) => Promise<number>, whenServed?: (url: string) => Promise<number>): Promise<number> {
  const server = whenServed ? readServerRecord(config.DATABASE_URL) : null;
  if (server && whenServed) return whenServed(server.url);
  let ctx: AppContext;
  try {
    ctx = await openContext({ config, log: { error: io.err, info: () => {}, debug: () => {} } });
  } catch (err) {
    // Locked but no record (a server of an older Puente, or its record was removed): try the
    // configured port.
    if (err instanceof DatabaseLockedError && whenServed) return whenServed(`http://127.0.0.1:${config.PORT}`);
    if (err instanceof ConfigError || err instanceof DatabaseLockedError || err instanceof DatabaseFileError || err instanceof DatabaseUnavailableError || err instanceof DiskFullError) {
      io.err(err.message);
      return 2;
    }
    throw err;
  }
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.close();
  }
}

async function writeResponse(res: Response, out: string | undefined, io: Io): Promise<number> {
  if (!res.ok) {
    const body = await res.text();
    io.err(`export failed (${res.status}): ${body}`);
    return 1;
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  if (out) {
    writeFileSync(out, bytes);
    io.out(`wrote ${bytes.length} bytes to ${out}${res.headers.get('x-puente-synthetic') ? ' (contains SYNTHETIC data)' : ''}`);
  } else {
    process.stdout.write(bytes);
  }
  return 0;
}
