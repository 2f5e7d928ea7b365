import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve as serveHttp } from '@hono/node-server';
import { Command, CommanderError } from 'commander';
import { importFiles, openContext } from './bootstrap.js';
import { createProgress, ensureAdminToken, readAdminToken } from './platform/cli-support.js';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { DatabaseLockedError } from './platform/db/index.js';
import { ImportError } from './platform/ingest/report.js';
import type { ImportReport } from './platform/ingest/run.js';
import type { AppContext } from './platform/module.js';
import { syncWorldBank, type SyncReport } from './modules/indicators/index.js';
import { generateDemo } from './modules/marketplaces/index.js';
import { syncCyberlaw, syncOecdStri, type StriSyncReport } from './modules/regulation/index.js';
import { createApp, VERSION } from './server.js';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

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
        async () => {
          io.out('(the server owns the database: syncing through it)');
          const body = await adminPost(config, '/api/-/admin/sync', { source: 'worldbank', ...options }, io);
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
        async () => {
          io.out('(the server owns the database: syncing through it)');
          const body = await adminPost(config, '/api/-/admin/sync', { source: 'cyberlaw' }, io);
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
        async () => {
          io.out('(the server owns the database: syncing through it)');
          const body = await adminPost(config, '/api/-/admin/sync', { source: 'oecd-stri', ...options }, io);
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
      code = await withContext(config, io, async (ctx) => {
        const result = await generateDemo(ctx, {
          scale: Number(opts.scale),
          seed: Number(opts.seed),
          from: opts.from,
          to: opts.to,
          dir: opts.out ? resolve(opts.out) : undefined,
          format: opts.out ? 'both' : 'csv',
        });
        if (!result.websites) {
          io.err('The registry is empty: import it first (`npx puente import ../shared/data/marketplaces/registry`).');
          return 1;
        }
        io.out(`SYNTHETIC demo: ${result.websites} websites, ${result.visitsRows} monthly visit rows, ${result.shareRows} share rows (seed ${opts.seed}).`);
        io.out('Every row is flagged synthetic in the database, the API, the web app and downloads.');
        if (result.dir) io.out(`Partner files kept in ${result.dir}`);
        return 0;
      });
    });

  program
    .command('export')
    .description('download any API view, e.g. `puente export "/api/indicators/IT.NET.USER.ZS.csv?time=2015..2023" -o internet.csv`')
    .argument('<api-path>', 'an API path with its .csv / .metadata.json / .zip suffix and query')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action(async (path: string, opts) => {
      if (!path.startsWith('/api/')) path = '/api/' + path.replace(/^\/+/, '');
      code = await withContext(config, io, async (ctx) => {
        const res = await createApp(ctx).fetch(new Request(`http://puente.local${path}`));
        return writeResponse(res, opts.out, io);
      }, async () => {
        const res = await fetch(`http://127.0.0.1:${config.PORT}${path}`);
        return writeResponse(res, opts.out, io);
      });
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    io.err(`puente: ${(err as Error).message}`);
    return 1;
  }
  return code;
}

async function serve(config: Config, io: Io): Promise<number> {
  const ctx = await openContext({ config });
  const adminToken = ensureAdminToken(config.PUENTE_ADMIN_TOKEN);
  const app = createApp(ctx, { adminToken });
  const server = serveHttp({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
  await new Promise<void>((res, rej) => {
    server.once('listening', () => res());
    server.once('error', rej);
  });
  const shown = config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST;
  io.out(`Puente ${VERSION} is serving http://${shown}:${config.PORT} (${ctx.db.engine}: ${ctx.db.location})`);
  void firstStart(ctx, io);
  const stop = () => {
    server.close();
    void ctx.db.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => {});
}

/** On an empty database: try the open sources; offline, say how to load data. */
async function firstStart(ctx: AppContext, io: Io): Promise<void> {
  const [row] = await ctx.db.kysely.selectFrom('indicator_values').select((eb) => eb.fn.countAll().as('n')).execute();
  if (Number(row.n) > 0) return;
  const howTo =
    'Load data with `npx puente import ../shared/data` (or any folder of Puente CSV files) or `npx puente sync worldbank` when online; ' +
    'then `npx puente demo marketplaces` for a labelled SYNTHETIC marketplace-traffic demo.';
  if (ctx.config.PUENTE_SYNC_ON_START === 'never') {
    io.out(`The database has no indicator values yet. ${howTo}`);
    return;
  }
  io.out('The database has no indicator values yet: syncing the World Bank API in the background...');
  try {
    const report = await syncWorldBank(ctx, {
      onProgress: (p) => io.out(`  World Bank ${p.indicatorIndex + 1}/${p.indicatorCount}: ${p.indicator} page ${p.page}/${p.pages}`),
    });
    io.out(`World Bank sync done: ${report.values} values in ${report.indicators.length} indicators.`);
  } catch (err) {
    io.out(`Could not reach the World Bank API (${(err as Error).message.split('\n')[0]}); Puente runs offline. ${howTo}`);
  }
}

async function runImportCommand(config: Config, io: Io, paths: string[], dryRun: boolean): Promise<number> {
  return withContext(
    config,
    io,
    async (ctx) => {
      const progress = createProgress();
      let started = false;
      try {
        const report = await importFiles(ctx, paths, {
          dryRun,
          onProgress: (done, total, file) => {
            if (!started) progress.start(total, 'Reading files');
            started = true;
            progress.update(done, file ? file.split('/').slice(-2).join('/') : 'done');
          },
        });
        progress.stop();
        printReport(report, io);
        return 0;
      } catch (err) {
        progress.stop();
        if (err instanceof ImportError) {
          io.err(err.message);
          return 1;
        }
        throw err;
      }
    },
    async () => {
      // The server owns the database: hand it the job through the admin API.
      if (dryRun) return 0;
      const body = await adminPost(config, '/api/-/admin/import', { paths, dryRun }, io);
      if (!body) return 1;
      io.out('(imported through the running server)');
      printReport(body.report as ImportReport, io);
      return 0;
    },
  );
}

async function adminPost(config: Config, path: string, payload: unknown, io: Io): Promise<{ report: unknown } | null> {
  const token = readAdminToken(config.PUENTE_ADMIN_TOKEN);
  if (!token) throw new Error('The database is in use and no admin token was found (var/admin-token or PUENTE_ADMIN_TOKEN)');
  const res = await fetch(`http://127.0.0.1:${config.PORT}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(payload),
  });
  const body = (await res.json()) as { ok: boolean; report?: unknown; error?: string };
  if (!body.ok) {
    io.err(body.error ?? `The server answered ${res.status}`);
    return null;
  }
  return { report: body.report };
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

async function withContext(config: Config, io: Io, fn: (ctx: AppContext) => Promise<number>, whenLocked?: () => Promise<number>): Promise<number> {
  let ctx: AppContext;
  try {
    ctx = await openContext({ config, log: { error: io.err, info: () => {}, debug: () => {} } });
  } catch (err) {
    if (err instanceof DatabaseLockedError && whenLocked) return whenLocked();
    if (err instanceof ConfigError || err instanceof DatabaseLockedError) {
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
