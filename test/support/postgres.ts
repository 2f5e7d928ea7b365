// Vitest global setup: a real PostgreSQL on 127.0.0.1 for the store tests, started from Debian's
// initdb/pg_ctl in a throw-away directory, unless PUENTE_TEST_POSTGRES_URL points at one already.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { findPgBin, freePort } from '../../scripts/cluster/local.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's PostgreSQL, or a clear error saying what to install (or which URL to give instead). */
function pgBin(): string {
  try {
    return findPgBin();
  } catch {
    throw new Error(
      'The store tests need PostgreSQL: install Debian\'s postgresql (`apt-get install postgresql`) ' +
        'or set PUENTE_TEST_POSTGRES_URL=postgres://user:pass@127.0.0.1:5432/db',
    );
  }
}

/** A port nothing listens on now, on 127.0.0.1 (the tests' servers and clusters). */
export { freePort };

export default async function setup(): Promise<(() => void) | void> {
  if (process.env.PUENTE_TEST_POSTGRES_URL) return;
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), 'puente-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  // PostgreSQL refuses to run as root; CI runs as root, so hand the cluster to the postgres user.
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  run('initdb', ['-D', data, '-U', 'puente', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  run('pg_ctl', [
    '-D', data, '-l', join(dir, 'log'), '-w', '-t', '60',
    '-o', `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off -c synchronous_commit=off`,
    'start',
  ]);
  process.env.PUENTE_TEST_POSTGRES_URL = `postgres://puente@127.0.0.1:${port}/postgres`;
  return () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
