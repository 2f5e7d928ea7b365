import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { serve as serveHttp } from '@hono/node-server';
import { openContext } from './bootstrap.js';
import { ensureAdminToken, removeServerRecord, writeServerRecord } from './platform/cli-support.js';
import type { Config } from './platform/config.js';
import { errorBody } from './platform/http/errors.js';
import type { AppContext } from './platform/module.js';
import { syncWorldBank } from './modules/indicators/index.js';
import { createApp, createJobs, VERSION } from './server.js';
import { ensureFirstAdmin } from './platform/auth/first-admin.js';

// The server's life: start (waiting for the database), serve, and stop within a bound.
//
// Stop rule (docs/deployment.md): SIGTERM, SIGINT and SIGHUP each start a graceful stop. The
// server stops accepting connections, answers every new request (and /api/-/health) with 503
// "draining", lets requests and jobs in flight finish for PUENTE_SHUTDOWN_GRACE_MS, then cancels
// the jobs still running (an import rolls back), closes every connection, awaits the database's
// running statements and closes it, and exits 0. A second signal exits at once (128 + signal).
// SIGHUP stops too, because it means the terminal or ssh session that owned the server is gone
// (nobody reads its log any more); run it under systemd or a container to keep it serving.

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
type StopSignal = keyof typeof SIGNALS;

export async function serve(config: Config, io: Io, exit: (code: number) => void = (code) => process.exit(code)): Promise<number> {
  // A closed terminal (SIGHUP) turns writes to stdout into EPIPE/EIO errors: never fatal.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  const log = (s: string) => {
    try {
      io.out(s);
    } catch {
      // The terminal is gone.
    }
  };

  let stopping: StopSignal | null = null;
  let wake: (() => void) | null = null;
  let stop: (signal: StopSignal) => void = (signal) => {
    // Still starting (e.g. waiting for PostgreSQL): nothing to drain.
    log(`${signal}: stopping before the server started.`);
    stopping = signal;
    wake?.();
  };
  const onSignal = (signal: StopSignal) => {
    if (stopping) {
      log(`${signal} again: exiting at once.`);
      exit(128 + SIGNALS[signal]);
      return;
    }
    stop(signal);
  };
  const handlers = (Object.keys(SIGNALS) as StopSignal[]).map((s) => [s, () => onSignal(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  const unhandled = (err: unknown) => io.err(`Unhandled error (the server goes on): ${(err as Error)?.stack ?? err}`);
  process.on('unhandledRejection', unhandled);

  const release = () => {
    for (const [s, h] of handlers) process.off(s, h);
    process.off('unhandledRejection', unhandled);
  };
  let ctx: AppContext;
  try {
    ctx = await openContext({
      config,
      waitMs: config.PUENTE_DB_WAIT_MS,
      // A stop signal while waiting ends the wait (and the start).
      sleep: (ms) =>
        new Promise<void>((res, rej) => {
          if (stopping) return rej(new Error('stopping'));
          const t = setTimeout(res, ms);
          wake = () => {
            clearTimeout(t);
            rej(new Error('stopping'));
          };
        }),
      log: { error: io.err, info: log, debug: () => {} },
    });
  } catch (err) {
    release();
    if (stopping) {
      exit(0);
      return 0;
    }
    throw err;
  }
  if (stopping) {
    release();
    await ctx.db.close();
    exit(0);
    return 0;
  }

  const jobs = createJobs(ctx);
  let adminToken: string;
  try {
    adminToken = ensureAdminToken(config.PUENTE_ADMIN_TOKEN);
  } catch (err) {
    release();
    await ctx.db.close();
    throw err;
  }
  const app = createApp(ctx, { adminToken, jobs });
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | null = null;
  const fetch = async (request: Request): Promise<Response> => {
    if (draining) {
      const body = errorBody(503, 'draining: the server is shutting down; try again in a few seconds');
      return Response.json(body, { status: 503, headers: { 'Retry-After': '5', Connection: 'close' } });
    }
    inFlight++;
    try {
      return await app.fetch(request);
    } finally {
      if (--inFlight === 0) idle?.();
    }
  };
  const server = serveHttp({ fetch, port: config.PORT, hostname: config.HOST }) as Server<typeof IncomingMessage, typeof ServerResponse>;
  try {
    await new Promise<void>((res, rej) => {
      server.once('listening', () => res());
      server.once('error', rej);
    });
  } catch (err) {
    release();
    await ctx.db.close();
    throw err;
  }
  // From here a signal drains the listening server (set before the address is announced: a
  // supervisor that reads the line and signals at once must not be ignored).
  let resolveDone: (code: number) => void = () => {};
  const done = new Promise<number>((res) => (resolveDone = res));
  stop = (signal) => {
    stopping = signal;
    void shutdown(signal).then(
      () => finish(0),
      (err) => {
        io.err(`Error while stopping: ${(err as Error)?.message ?? err}`);
        finish(1);
      },
    );
  };
  const finish = (code: number) => {
    removeServerRecord(config.DATABASE_URL);
    release();
    resolveDone(code);
    exit(code);
  };

  if (stopping) {
    stop(stopping);
    return done;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const shown = config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
  // The CLI reads this to find the server wherever it listens (PORT=8811 npm start, then `puente import`).
  let record: string | null = null;
  try {
    record = writeServerRecord(config.DATABASE_URL, { url, pid: process.pid, version: VERSION, database: ctx.db.location, started_at: new Date().toISOString() });
  } catch (err) {
    // A full disk or a read-only folder: serve anyway; the CLI falls back to PORT.
    io.err(`Could not record the server's address beside the database (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): run the puente command with PORT=${port}.`);
  }
  log(`Puente ${VERSION} is serving http://${shown}:${port} (${ctx.db.engine}: ${ctx.db.location})`);
  if (record) log(`(address recorded in ${record} for the puente command)`);
  try {
    const first = await ensureFirstAdmin(ctx, `http://${shown}:${port}`);
    if (first) log(first);
  } catch (err) {
    io.err(`Could not prepare the first admin account: ${(err as Error).message}`);
  }
  if (!stopping) void firstStart(ctx, jobs, log);

  async function shutdown(signal: StopSignal): Promise<void> {
    const grace = config.PUENTE_SHUTDOWN_GRACE_MS;
    const deadline = Date.now() + grace;
    const why = signal === 'SIGHUP' ? ' (the terminal or session closed)' : '';
    log(`${signal}${why}: draining; requests and jobs in flight have ${grace / 1000} s to finish (PUENTE_SHUTDOWN_GRACE_MS). A second signal exits at once.`);
    // While requests and jobs finish, the port stays open so that a load balancer's health check
    // reads 503 "draining" (and clients get 503 + Retry-After) instead of a refused connection.
    draining = true;
    removeServerRecord(config.DATABASE_URL);
    server.closeIdleConnections();
    const requestsDone = inFlight ? new Promise<void>((res) => (idle = res)) : Promise.resolve();
    const late = (ms: number) => new Promise<'late'>((res) => setTimeout(() => res('late'), Math.max(0, ms)).unref());
    const [requests] = await Promise.all([Promise.race([requestsDone.then(() => 'done' as const), late(deadline - Date.now())]), jobs.drain(deadline)]);
    if (requests === 'late') log(`${inFlight} request(s) still running after the grace: their connections are closed.`);
    const closed = new Promise<void>((res) => server.close(() => res()));
    server.closeAllConnections();
    await Promise.race([closed, late(1000)]);
    // Statements still running (a request cut off above) are awaited, then interrupted.
    await ctx.db.close({ graceMs: Math.max(0, deadline - Date.now()) });
    log('Stopped: database closed.');
  }

  return done;
}

/** On an empty database: try the open sources; offline, say how to load data. */
async function firstStart(ctx: AppContext, jobs: ReturnType<typeof createJobs>, log: (s: string) => void): Promise<void> {
  try {
    const [row] = await ctx.db.kysely.selectFrom('indicator_values').select((eb) => eb.fn.countAll().as('n')).execute();
    if (Number(row.n) > 0) return;
  } catch {
    return;
  }
  const howTo =
    'Load data with `npx puente import ../shared/data` (or any folder of Puente CSV files) or `npx puente sync worldbank` when online; ' +
    'then `npx puente demo marketplaces` for a labelled SYNTHETIC marketplace-traffic demo.';
  if (ctx.config.PUENTE_SYNC_ON_START === 'never') {
    log(`The database has no indicator values yet. ${howTo}`);
    return;
  }
  log('The database has no indicator values yet: syncing the World Bank API in the background...');
  // A job like any other: a stop signal waits for it within the grace, then cancels it.
  const job = jobs.start('sync worldbank (first start)', () =>
    syncWorldBank(ctx, {
      onProgress: (p) => log(`  World Bank ${p.indicatorIndex + 1}/${p.indicatorCount}: ${p.indicator} page ${p.page}/${p.pages}`),
    }),
  );
  const view = await jobs.wait(job.id);
  if (view.status === 'succeeded') {
    const report = view.result as { values: number; indicators: unknown[] };
    log(`World Bank sync done: ${report.values} values in ${report.indicators.length} indicators.`);
  } else if (view.status === 'failed') {
    log(`Could not reach the World Bank API (${(view.error ?? '').split('\n')[0]}); Puente runs offline. ${howTo}`);
  }
}
