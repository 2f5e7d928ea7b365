// npm run bench:load [-- --scale 20 --duration 60 --connections 100 --engine duckdb|postgres|both --cold 20]
// A crowd on one machine (issue #9): the 18-route mix of everyday reads at N connections for D
// seconds against `puente serve` (a child process, as operators run it), and the same bytes
// served as static files by nginx (Debian's package, started here on 127.0.0.1 with a throw-away
// config), side by side, with the ratios. Then the same mix right after an import (cold cache).
// Data: the shared data plus the labelled synthetic demo at --scale. Not a timed test; the
// figures go to docs/performance.md ("Serving a crowd") by hand.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import pg from 'pg';
import { importFiles, openContext } from '../src/bootstrap.js';
import { loadConfig } from '../src/platform/config.js';
import type { Engine } from '../src/platform/db/index.js';
import { createLog } from '../src/platform/log.js';
import { generateDemo } from '../src/modules/marketplaces/index.js';
import startPostgres, { freePort } from '../test/support/postgres.js';
import { ROUTES } from './crowd-mix.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '20' },
    duration: { type: 'string', default: '60' },
    cold: { type: 'string', default: '20' },
    connections: { type: 'string', default: '100' },
    engine: { type: 'string', default: 'duckdb' },
    // identity: no Accept-Encoding (every byte sent as is); gzip: as browsers ask, nginx serving
    // the same gzip bytes from .gz files (gzip_static).
    encodings: { type: 'string', default: 'identity,gzip' },
  },
});
const SCALE = Number(args.scale);
const DURATION = Number(args.duration);
const COLD = Number(args.cold);
const CONNECTIONS = Number(args.connections);
const ENCODINGS = args.encodings!.split(',') as ('identity' | 'gzip')[];
const ENGINES: Engine[] = args.engine === 'both' ? ['duckdb', 'postgres'] : [args.engine as Engine];
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const REIMPORT = join(DATA, 'indicators/internet_users_fealac.csv');
const TOKEN = 'bench-admin-token-0123456789';


interface Figures {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  bytesPerS: number;
}

const work = mkdtempSync(join(tmpdir(), 'puente-bench-load-'));
const children: ChildProcess[] = [];
let stopPostgres: (() => void) | void;
process.on('exit', () => {
  // SIGTERM: nginx's master then stops its workers (a SIGKILLed master leaves them behind).
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  try {
    stopPostgres?.();
  } catch {}
  rmSync(work, { recursive: true, force: true });
});

// Ctrl-C or kill: the exit handler above still stops nginx, the servers and the cluster.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

function say(line: string) {
  console.log(line);
}

async function cannon(base: string, paths: string[], duration: number, encoding: 'identity' | 'gzip'): Promise<Figures> {
  const headers: Record<string, string> = encoding === 'gzip' ? { 'accept-encoding': 'gzip' } : {};
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration,
    timeout: 30,
    // Each connection walks the mix in turn.
    requests: paths.map((path) => ({ method: 'GET', path, headers })),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    bytesPerS: result.throughput.average,
  };
}

function show(name: string, f: Figures) {
  say(
    `  ${name.padEnd(26)} ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${String(f.p50).padStart(5)} ms   p99 ${String(f.p99).padStart(5)} ms   max ${String(f.max).padStart(5)} ms   ` +
      `${(f.bytesPerS / 1e6).toFixed(1)} MB/s   ${f.requests} requests, ${f.non2xx} non-2xx, ${f.errors} errors, ${f.timeouts} timeouts`,
  );
}

function ratios(puente: Figures, nginx: Figures) {
  const rps = puente.rps / nginx.rps;
  const p99 = puente.p99 / Math.max(nginx.p99, 1);
  say(`  ratio: req/s ${rps.toFixed(2)}x nginx (goal >= 0.5)   p99 ${p99.toFixed(1)}x nginx (goal < 10)`);
}

/** The server's resident memory, sampled while it serves (VmRSS now, VmHWM its peak). */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

async function waitFor(url: string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

async function prepare(engine: Engine): Promise<string> {
  let url: string;
  if (engine === 'duckdb') url = `duckdb:${join(work, 'bench.duckdb')}`;
  else {
    stopPostgres ??= await startPostgres();
    const admin = process.env.PUENTE_TEST_POSTGRES_URL!;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query('drop database if exists puente_bench_load');
    await client.query('create database puente_bench_load');
    await client.end();
    const u = new URL(admin);
    u.pathname = '/puente_bench_load';
    url = u.toString();
  }
  const t = performance.now();
  const ctx = await openContext({ config: loadConfig({ DATABASE_URL: url, PUENTE_LOG_LEVEL: 'silent' }), log: createLog('silent') });
  await importFiles(ctx, [DATA]);
  const demo = await generateDemo(ctx, { scale: SCALE, seed: 1, from: '2019-01', to: '2024-12', dir: join(work, 'demo') });
  await ctx.db.close();
  rmSync(join(work, 'demo'), { recursive: true, force: true });
  say(`${engine}: shared data + demo --scale ${SCALE} (${(demo.visitsRows + demo.shareRows).toLocaleString('en')} traffic rows) loaded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  return url;
}

async function startPuente(url: string): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'bin/puente.mjs'), 'serve', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PUENTE_ADMIN_TOKEN: TOKEN, PUENTE_SYNC_ON_START: 'never', PUENTE_LOG_LEVEL: 'error', HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/-/health`);
  return { base, child };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

/** The same bytes as static files, each with the content type Puente gave it. */
async function startNginx(files: { name: string; type: string; body: Buffer }[]): Promise<{ base: string; child: ChildProcess }> {
  const root = join(work, 'nginx');
  mkdirSync(join(root, 'www'), { recursive: true });
  // nginx's workers run as another user when started by root: the files must be readable.
  for (const d of [work, root, join(root, 'www')]) chmodSync(d, 0o755);
  for (const f of files) {
    const out = join(root, 'www', f.name);
    writeFileSync(out, f.body);
    // The gzip bytes Puente sends (same level; it leaves answers under 1 KiB as they are).
    if (f.body.length >= 1024 && /json|csv|text/.test(f.type)) writeFileSync(`${out}.gz`, gzipSync(f.body, { level: 6 }));
    // Opening the database narrowed this process's umask (owner-only files): these are public.
    chmodSync(out, 0o644);
    if (f.body.length >= 1024 && /json|csv|text/.test(f.type)) chmodSync(`${out}.gz`, 0o644);
  }
  const port = await freePort();
  const types = files.map((f) => `    location = /${f.name} { default_type "${f.type}"; }`).join('\n');
  writeFileSync(
    join(root, 'nginx.conf'),
    `worker_processes 1;
pid ${root}/nginx.pid;
error_log ${root}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${root}/tmp-body;
  proxy_temp_path ${root}/tmp-proxy;
  fastcgi_temp_path ${root}/tmp-fastcgi;
  uwsgi_temp_path ${root}/tmp-uwsgi;
  scgi_temp_path ${root}/tmp-scgi;
  types { }
  gzip_static on;
  gzip_vary on;
  server {
    listen 127.0.0.1:${port};
    root ${root}/www;
${types}
  }
}
`,
  );
  const child = spawn('/usr/sbin/nginx', ['-p', root, '-c', join(root, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/${files[0].name}`, 10_000);
  } catch (err) {
    let log = '';
    try {
      log = readFileSync(join(root, 'error.log'), 'utf8');
    } catch {}
    throw new Error(`nginx did not start (${(err as Error).message}); exit code ${child.exitCode}; error.log: ${log}`);
  }
  return { base, child };
}

say(`bench:load — ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; ${CONNECTIONS} connections, ${DURATION} s (cold: ${COLD} s)`);
say(`mix: ${ROUTES.length} routes, each connection in turn`);

for (const engine of ENGINES) {
  const url = await prepare(engine);
  const puente = await startPuente(url);

  // What each route answers now: checked, and written for nginx.
  const files: { name: string; type: string; body: Buffer }[] = [];
  let total = 0;
  const firsts: string[] = [];
  for (const [i, path] of ROUTES.entries()) {
    const t = performance.now();
    const res = await fetch(puente.base + path);
    const body = Buffer.from(await res.arrayBuffer());
    firsts.push(`${path} ${(performance.now() - t).toFixed(0)} ms`);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.toString('utf8').slice(0, 300)}`);
    files.push({ name: `r${String(i + 1).padStart(2, '0')}`, type: res.headers.get('content-type') ?? 'application/octet-stream', body });
    total += body.length;
  }
  say(`${engine}: the mix answers ${(total / 1024).toFixed(0)} KiB in all (largest ${ROUTES[files.findIndex((f) => f.body.length === Math.max(...files.map((x) => x.body.length)))]}: ${(Math.max(...files.map((f) => f.body.length)) / 1024).toFixed(0)} KiB)`);
  // What precomputing at import could save: each answer's first computation (no cache yet).
  say(`${engine}: first computation of each answer: ${firsts.join(', ')}`);
  const nginx = await startNginx(files);

  let peak = 0;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, memory(puente.child.pid!).rss);
    } catch {}
  }, 250);
  const before = memory(puente.child.pid!);

  const nginxFigures = new Map<string, Figures>();
  for (const encoding of ENCODINGS) {
    say(`${engine}, warm cache (each answer computed once above), ${encoding === 'gzip' ? 'Accept-Encoding: gzip' : 'no Accept-Encoding'}:`);
    const fn = await cannon(nginx.base, files.map((f) => `/${f.name}`), DURATION, encoding);
    nginxFigures.set(encoding, fn);
    show('nginx (static files)', fn);
    const fp = await cannon(puente.base, ROUTES, DURATION, encoding);
    show('puente', fp);
    ratios(fp, fn);
  }
  const coldEncoding = ENCODINGS.at(-1)!;
  const fn = nginxFigures.get(coldEncoding)!;

  // Cold: an import through the admin API changes the data version; the crowd arrives at once.
  const t = performance.now();
  const imp = await fetch(`${puente.base}/api/-/admin/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ paths: [REIMPORT] }),
  });
  if (imp.status !== 200) throw new Error(`import: ${imp.status} ${await imp.text()}`);
  say(`${engine}, cold cache (right after an import through the admin API, ${((performance.now() - t) / 1000).toFixed(1)} s), ${coldEncoding}:`);
  const fc = await cannon(puente.base, ROUTES, COLD, coldEncoding);
  show(`puente, first ${COLD} s`, fc);
  ratios(fc, fn);
  clearInterval(sampler);
  const after = memory(puente.child.pid!);
  const health = (await (await fetch(`${puente.base}/api/-/health`)).json()) as { data_version: number; cache: { entries: number; bytes: number } };
  say(
    `${engine}: server memory ${before.rss.toFixed(0)} MiB before the runs, ${peak.toFixed(0)} MiB at most while serving (VmHWM, its peak since start: ${after.peak.toFixed(0)} MiB); ` +
      `cache ${health.cache.entries} answers, ${(health.cache.bytes / 2 ** 20).toFixed(1)} MiB; data version ${health.data_version}`,
  );
  await stop(nginx.child);
  await stop(puente.child);
}
process.exit(0);
