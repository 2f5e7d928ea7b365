// A local Puente cluster in one command (issue #18), for the tests, bench/cluster and an operator
// trying the scale-out path: a PostgreSQL primary, hot standbys made with `pg_basebackup -R`,
// several `puente serve` processes over them, and nginx in front, all on 127.0.0.1.
//
//   npm run cluster -- up --servers 2 --replicas 1 --port 8900
//   npm run cluster -- status
//   npm run cluster -- down
//
// `up` loads nothing (import through the CLI or the admin API), prints the URL and the PIDs it
// started and writes them to the state file (default var/cluster.json, mode 600: it holds the
// cluster's admin token); `down` stops exactly those processes and removes the cluster's folder.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { findNginx, findPgBin, freePort, openToPostgres, portTaken, startPrimary, startReplica, stopPg, type PgNode } from './cluster/local.js';
import { nginxConfig } from './cluster/nginx.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ClusterState {
  url: string;
  dir: string;
  adminToken: string;
  pgBin: string;
  postgres: PgNode[];
  servers: { pid: number; port: number; url: string; log: string }[];
  nginx: { pid: number; port: number; conf: string };
  startedAt: string;
}

export interface UpOptions {
  servers: number;
  replicas: number;
  port: number;
  /** Extra settings of every server (e.g. PUENTE_DATA_VERSION_STALE_MS). */
  env?: Record<string, string>;
  log?: (s: string) => void;
}

async function waitHealthy(url: string, pid: number, log: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      throw new Error(`The server (pid ${pid}) exited while starting; its log: ${log}\n${tail(log)}`);
    }
    try {
      const res = await fetch(`${url}/api/-/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer /api/-/health within ${timeoutMs / 1000} s; its log: ${log}`);
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

function spawnDetached(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; log: string }): number {
  const out = openSync(opts.log, 'a');
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', out, out] });
  child.unref();
  if (!child.pid) throw new Error(`${cmd} did not start`);
  return child.pid;
}

/** Starts the cluster; on any failure stops what it started and throws. */
export async function clusterUp(o: UpOptions): Promise<ClusterState> {
  const say = o.log ?? (() => {});
  if (!Number.isInteger(o.servers) || o.servers < 1) throw new Error('--servers must be 1 or more');
  if (!Number.isInteger(o.replicas) || o.replicas < 0) throw new Error('--replicas must be 0 or more');
  const pgBin = findPgBin();
  const nginxBin = findNginx();
  if (await portTaken(o.port)) throw new Error(`Port ${o.port} on 127.0.0.1 is taken; choose another with --port`);
  if (!existsSync(join(ROOT, 'dist/web/index.html'))) throw new Error('The web app is not built: run `npm run build` first');

  const dir = mkdtempSync(join(tmpdir(), 'puente-cluster-'));
  openToPostgres(dir);
  const state: ClusterState = {
    url: `http://127.0.0.1:${o.port}`,
    dir,
    adminToken: randomBytes(24).toString('base64url'),
    pgBin,
    postgres: [],
    servers: [],
    nginx: { pid: 0, port: o.port, conf: join(dir, 'nginx.conf') },
    startedAt: new Date().toISOString(),
  };
  try {
    say('PostgreSQL primary...');
    const primary = await startPrimary(pgBin, dir, 'puente');
    state.postgres.push(primary);
    for (let i = 1; i <= o.replicas; i++) {
      say(`PostgreSQL standby ${i} (pg_basebackup -R)...`);
      state.postgres.push(await startReplica(pgBin, dir, primary, i, 'puente'));
    }
    const readUrls = state.postgres.filter((p) => p.role === 'replica').map((p) => p.url);
    for (let i = 1; i <= o.servers; i++) {
      const port = await freePort();
      const home = join(dir, `server${i}`);
      mkdirSync(home);
      const log = join(dir, `server${i}.log`);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: primary.url,
        ...(readUrls.length ? { PUENTE_READ_URLS: readUrls.join(',') } : {}),
        PUENTE_ADMIN_TOKEN: state.adminToken,
        PUENTE_SYNC_ON_START: 'never',
        ...o.env,
      };
      say(`puente serve ${i} on port ${port}...`);
      const pid = spawnDetached(process.execPath, [join(ROOT, 'bin/puente.mjs'), 'serve', '--port', String(port)], { cwd: home, env, log });
      const server = { pid, port, url: `http://127.0.0.1:${port}`, log };
      state.servers.push(server);
      // One at a time: the first runs the migrations and seeds, the others find them done.
      await waitHealthy(server.url, pid, log);
    }
    writeFileSync(state.nginx.conf, nginxConfig({ dir, port: o.port, upstreams: state.servers.map((s) => s.port) }));
    for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, 'nginx', sub), { recursive: true, mode: 0o777 });
    say(`nginx on port ${o.port}...`);
    state.nginx.pid = spawnDetached(nginxBin, ['-c', state.nginx.conf, '-p', dir, '-e', join(dir, 'nginx-error.log')], { cwd: dir, env: process.env, log: join(dir, 'nginx.log') });
    await waitHealthy(state.url, state.nginx.pid, join(dir, 'nginx-error.log'), 30_000);
    return state;
  } catch (err) {
    await clusterDown(state).catch(() => {});
    throw err;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopPid(pid: number, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (!pid || !alive(pid)) return;
  process.kill(pid, signal);
  const until = Date.now() + graceMs;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

/** Stops exactly the processes of `state` (nginx, servers, standbys, primary) and removes its folder. */
export async function clusterDown(state: ClusterState): Promise<void> {
  await stopPid(state.nginx.pid, 'SIGQUIT', 5000);
  await Promise.all(state.servers.map((s) => stopPid(s.pid, 'SIGTERM', 15_000)));
  for (const node of [...state.postgres].reverse()) {
    try {
      stopPg(state.pgBin, node.dir);
    } catch {
      stopPg(state.pgBin, node.dir, 'immediate');
    }
  }
  rmSync(state.dir, { recursive: true, force: true });
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('cluster').description('a local Puente cluster: PostgreSQL primary + standbys, several servers, nginx');
  const statePath = (p?: string) => resolve(p ?? 'var/cluster.json');
  let code = 0;
  program
    .command('up')
    .option('--servers <n>', 'puente serve processes', '2')
    .option('--replicas <n>', 'PostgreSQL hot standbys', '1')
    .option('--port <port>', "nginx's port", '8900')
    .option('--state <file>', 'where to write the state', 'var/cluster.json')
    .action(async (opts) => {
      const file = statePath(opts.state);
      if (existsSync(file)) throw new Error(`${file} exists: a cluster is up (run \`npm run cluster -- down\` first)`);
      const state = await clusterUp({ servers: Number(opts.servers), replicas: Number(opts.replicas), port: Number(opts.port), log: (s) => process.stderr.write(`${s}\n`) });
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
      const pids = [...state.servers.map((s) => `server ${s.pid} (:${s.port})`), `nginx ${state.nginx.pid}`];
      process.stdout.write(
        `Puente cluster up: ${state.url}\n` +
          `  PostgreSQL: ${state.postgres.map((p) => `${p.role} :${p.port}`).join(', ')} (data in ${state.dir})\n` +
          `  processes: ${pids.join(', ')}\n` +
          `  state: ${file} (holds the admin token)\n` +
          `Load data: PUENTE_ADMIN_TOKEN=... puente import --server ${state.url} ../shared/data, or the admin API.\n`,
      );
    });
  program
    .command('down')
    .option('--state <file>', 'the state file of `up`', 'var/cluster.json')
    .action(async (opts) => {
      const file = statePath(opts.state);
      if (!existsSync(file)) throw new Error(`No cluster state at ${file}: nothing to stop`);
      const state = JSON.parse(readFileSync(file, 'utf8')) as ClusterState;
      await clusterDown(state);
      rmSync(file);
      process.stdout.write(`Stopped the cluster of ${state.startedAt} (${state.servers.length} servers, ${state.postgres.length} PostgreSQL, nginx) and removed ${state.dir}\n`);
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    process.stderr.write(`cluster: ${(err as Error).message}\n`);
    code = 1;
  }
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
