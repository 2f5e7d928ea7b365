import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { writePrivateFile } from './private-file.js';

// What the CLI and the server share on one machine: the admin token file, the running server's
// address, progress bars.

export const ADMIN_TOKEN_FILE = resolve('var/admin-token');

export function ensureAdminToken(configured: string | undefined, file = ADMIN_TOKEN_FILE): string {
  if (configured) return configured;
  const token = randomBytes(24).toString('base64url');
  // Owner-only, and never through a symlink planted at the path.
  writePrivateFile(file, token + '\n');
  return token;
}

export function readAdminToken(configured: string | undefined): string | null {
  if (configured) return configured;
  return existsSync(ADMIN_TOKEN_FILE) ? readFileSync(ADMIN_TOKEN_FILE, 'utf8').trim() : null;
}

export interface Progress {
  start(total: number, label: string): void;
  update(value: number, label: string): void;
  stop(): void;
}

/** A bar on a terminal, plain lines otherwise (CI logs, pipes). */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) {
    // In logs a line per step is noise; say what starts and when it ends.
    let total = 0;
    return {
      start: (t, label) => {
        total = t;
        stream.write(`${label} (${t})...\n`);
      },
      update: () => {},
      stop: () => total && stream.write('  done\n'),
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream, format: '{bar} {value}/{total} {label}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total, label) => bar.start(total, 0, { label }),
    update: (value, label) => bar.update(value, { label }),
    stop: () => bar.stop(),
  };
}

/** Where a running server says where it listens: beside the DuckDB file, else in var/. */
export function serverRecordPath(databaseUrl: string): string | null {
  if (databaseUrl.startsWith('duckdb:')) {
    const file = databaseUrl.slice('duckdb:'.length);
    if (!file || file === ':memory:') return null;
    return resolve(file) + '.server.json';
  }
  return resolve('var/puente-server.json');
}

export interface ServerRecord {
  url: string;
  pid: number;
  version: string;
  database: string;
  started_at: string;
}

export function writeServerRecord(databaseUrl: string, record: ServerRecord): string | null {
  const path = serverRecordPath(databaseUrl);
  if (path) writePrivateFile(path, JSON.stringify(record, null, 2) + '\n');
  return path;
}

/** The running server's record; null when there is none or its process is gone (a crash left it). */
export function readServerRecord(databaseUrl: string): ServerRecord | null {
  const path = serverRecordPath(databaseUrl);
  if (!path) return null;
  try {
    if (!lstatSync(path).isFile()) return null;
    const record = JSON.parse(readFileSync(path, 'utf8')) as ServerRecord;
    if (typeof record.url !== 'string' || !Number.isInteger(record.pid)) return null;
    process.kill(record.pid, 0);
    return record;
  } catch {
    return null;
  }
}

/** Removes the record at exit, if it is still this process's. */
export function removeServerRecord(databaseUrl: string, pid = process.pid): void {
  const path = serverRecordPath(databaseUrl);
  if (!path) return;
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as ServerRecord;
    if (record.pid === pid) unlinkSync(path);
  } catch {
    // Already gone or replaced: nothing to do.
  }
}
