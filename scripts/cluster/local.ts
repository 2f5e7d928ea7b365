// The pieces of a local cluster (scripts/cluster.ts): PostgreSQL from Debian's packages
// (initdb, pg_ctl, pg_basebackup), nginx, and ports on 127.0.0.1. PostgreSQL refuses to run as
// root, so as root its commands run as the `postgres` user (runuser), as the tests do.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';

export class MissingPackageError extends Error {
  constructor(what: string, pkg: string) {
    super(`${what} is not installed: install Debian's ${pkg} (apt-get install ${pkg})`);
  }
}

/** The newest PostgreSQL's bin folder of Debian's postgresql package. */
export function findPgBin(root = '/usr/lib/postgresql'): string {
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_basebackup'))) return bin;
  }
  throw new MissingPackageError('PostgreSQL (initdb, pg_ctl, pg_basebackup)', 'postgresql');
}

export function findNginx(candidates = ['/usr/sbin/nginx', '/usr/bin/nginx']): string {
  for (const p of candidates) if (existsSync(p)) return p;
  throw new MissingPackageError('nginx', 'nginx');
}

/** A port nothing listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Whether something listens on 127.0.0.1:port. */
export function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL command (as `postgres` when we are root); its stderr becomes the error. */
export function pg(bin: string, cmd: string, args: string[]): string {
  try {
    const out = asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
    return out.toString();
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    throw new Error(`${cmd} failed: ${(e.stderr?.toString() || e.message).trim().split('\n').slice(-3).join(' | ')}`);
  }
}

/** A folder PostgreSQL (running as `postgres`) can own. */
export function openToPostgres(dir: string): void {
  if (asRoot) chmodSync(dir, 0o777);
}

export interface PgNode {
  role: 'primary' | 'replica';
  dir: string;
  port: number;
  url: string;
}

const SETTINGS = [
  '-c', 'wal_level=replica', '-c', 'max_wal_senders=10', '-c', 'hot_standby=on',
  // A standby's queries are not cancelled by the primary's vacuum while they run.
  '-c', 'hot_standby_feedback=on',
];

function start(bin: string, node: { dir: string; port: number }, sockets: string): void {
  pg(bin, 'pg_ctl', ['-D', node.dir, '-l', `${node.dir}.log`, '-w', '-t', '60', '-o', [`-h 127.0.0.1 -p ${node.port} -k ${sockets}`, ...SETTINGS].join(' '), 'start']);
}

/** A primary in `dir/primary`: trust on 127.0.0.1 (a local trial; docs/deployment.md says what production needs). */
export async function startPrimary(bin: string, dir: string, database: string): Promise<PgNode> {
  const data = join(dir, 'primary');
  const port = await freePort();
  pg(bin, 'initdb', ['-D', data, '-U', 'puente', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  // Replication connections from 127.0.0.1 (initdb's default pg_hba allows them for local trust).
  start(bin, { dir: data, port }, dir);
  pg(bin, 'createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'puente', database]);
  return { role: 'primary', dir: data, port, url: `postgres://puente@127.0.0.1:${port}/${database}` };
}

/** A hot standby of the primary, made with `pg_basebackup -R` (streaming replication). */
export async function startReplica(bin: string, dir: string, primary: PgNode, n: number, database: string): Promise<PgNode> {
  const data = join(dir, `replica${n}`);
  const port = await freePort();
  pg(bin, 'pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'puente', '-D', data, '-R', '-X', 'stream', '-c', 'fast']);
  start(bin, { dir: data, port }, dir);
  return { role: 'replica', dir: data, port, url: `postgres://puente@127.0.0.1:${port}/${database}` };
}

export function stopPg(bin: string, dataDir: string, mode: 'fast' | 'immediate' = 'fast'): void {
  if (!existsSync(join(dataDir, 'postmaster.pid'))) return;
  pg(bin, 'pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
}

export function startPgAgain(bin: string, node: PgNode, sockets: string): void {
  start(bin, node, sockets);
}
