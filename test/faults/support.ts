// Real `puente` processes for the fault tests: spawn, read their lines, signal them, await their
// exit. Nothing here waits for a time: every wait is for a line, an exit or an answer.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../support/postgres.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DATA = join(ROOT, '../shared/data');
export const BIN = join(ROOT, 'bin/puente.mjs');
export const TOKEN = 'fault-test-admin-token-0123456789';
export { freePort };

export interface Proc {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first line (past or future) matching; rejects if the process exits first. */
  waitFor(re: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  text(): string;
}

const children = new Set<ChildProcess>();

/** Kills (by their own id) the processes a test started and left running (a failed test). */
export async function killLeftovers(): Promise<void> {
  const alive = [...children].filter((c) => c.exitCode === null && c.signalCode === null);
  const gone = alive.map((c) => new Promise((r) => c.once('close', r)));
  for (const c of alive) c.kill('SIGKILL');
  children.clear();
  await Promise.all(gone);
}

export function spawnPuente(args: string[], env: Record<string, string>, cwd: string): Proc {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PUENTE_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void; reject: (e: Error) => void }[] = [];
  let ended = false;
  const feed = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.re.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  };
  child.stdout!.on('data', feed);
  child.stderr!.on('data', feed);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      ended = true;
      for (const w of waiters.splice(0)) w.reject(new Error(`puente ${args.join(' ')} exited (${code ?? signal}) before a line matched ${w.re}:\n${lines.join('\n')}`));
      resolve({ code, signal });
    }),
  );
  return {
    child,
    lines,
    exited,
    text: () => lines.join('\n'),
    waitFor(re) {
      const seen = lines.find((l) => re.test(l));
      if (seen) return Promise.resolve(seen);
      if (ended) return Promise.reject(new Error(`puente ${args.join(' ')} has exited; no line matched ${re}:\n${lines.join('\n')}`));
      return new Promise((resolve, reject) => waiters.push({ re, resolve, reject }));
    },
  };
}

export interface Server extends Proc {
  url: string;
  port: number;
}

export async function startServer(env: Record<string, string>, cwd: string): Promise<Server> {
  const port = await freePort();
  const proc = spawnPuente(['serve'], { HOST: '127.0.0.1', PORT: String(port), PUENTE_SYNC_ON_START: 'never', PUENTE_ADMIN_TOKEN: TOKEN, ...env }, cwd);
  await proc.waitFor(/is serving http/);
  return { ...proc, url: `http://127.0.0.1:${port}`, port };
}

/** Runs a command to its end. */
export async function runPuente(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; out: string }> {
  const p = spawnPuente(args, env, cwd);
  const { code } = await p.exited;
  return { code, out: p.text() };
}

export function admin(url: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Polls the jobs list until `ok` says yes (each poll is an answer, not a timer). */
export async function waitForJob(url: string, id: string, ok: (job: any) => boolean): Promise<any> {
  for (;;) {
    const body = await (await admin(url, '/api/-/admin/jobs')).json();
    const job = body.rows.find((j: any) => j.id === id);
    if (ok(job)) return job;
    await new Promise((r) => setImmediate(r));
  }
}

/** A GET on a new connection (as a load balancer's health check makes), never a pooled one. */
export function getFresh(url: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `puente-${name}-`));
}

/** A fresh database on the PostgreSQL the global setup started. */
export async function freshPostgresUrl(): Promise<string> {
  const adminUrl = process.env.PUENTE_TEST_POSTGRES_URL!;
  const name = `puente_fault_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A PostgreSQL cluster of the test's own, to stop and restart. */
export class Cluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'puente-pgc-'));
  private bin = findPgBin();
  port = 0;
  get url(): string {
    return `postgres://puente:not-this-password@127.0.0.1:${this.port}/postgres`;
  }
  async init(): Promise<void> {
    chmodSync(this.dir, 0o777);
    this.port = await freePort();
    this.run('initdb', ['-D', join(this.dir, 'data'), '-U', 'puente', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  }
  start(): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'log'), '-w', '-t', '60', '-o', `-h 127.0.0.1 -p ${this.port} -k ${this.dir} -c fsync=off`, 'start']);
  }
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }
  restart(): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'log'), '-m', 'fast', '-w', '-t', '60', '-o', `-h 127.0.0.1 -p ${this.port} -k ${this.dir} -c fsync=off`, 'restart']);
  }
  destroy(): void {
    try {
      this.stop('immediate');
    } catch {
      // Already stopped.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
  private run(cmd: string, args: string[]): void {
    const asRoot = process.getuid?.() === 0;
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', join(this.bin, cmd), ...args], { stdio: 'pipe' });
    else execFileSync(join(this.bin, cmd), args, { stdio: 'pipe' });
  }
}

function findPgBin(): string {
  const root = '/usr/lib/postgresql';
  for (const v of existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : []) {
    if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  }
  throw new Error('PostgreSQL binaries not found (apt-get install postgresql)');
}

/** Counts straight from the database (the server stopped): what was committed. */
export async function countRows(databaseUrl: string, tables: string[]): Promise<Record<string, number>> {
  const { openDatabase } = await import('../../src/platform/db/index.js');
  const db = await openDatabase(databaseUrl);
  try {
    const out: Record<string, number> = {};
    for (const t of tables) {
      const row = await db.kysely.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      out[t] = Number(row.n);
    }
    return out;
  } finally {
    await db.close();
  }
}
