import { accessSync, chmodSync, constants, existsSync, statSync, unlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Kysely } from 'kysely';
import { DatabaseLockedError, type Database } from '../database.js';
import { DatabaseFileError, DiskFullError } from '../faults.js';
import { DuckDbDialect, InFlight } from './dialect.js';
import { readDataVersion, trackDataVersions } from '../data-version.js';
import { ensurePrivateDir } from '../../private-file.js';

export async function openDuckDb(file: string, options: { queryTimeoutMs?: number } = {}): Promise<Database> {
  const inMemory = file === ':memory:';
  const path = inMemory ? file : resolve(file);
  if (!inMemory) {
    checkFile(path);
    // The database and the WAL DuckDB creates beside it hold the data: owner-only (0600). The
    // umask covers the files DuckDB creates later; the chmod a file made before this rule.
    process.umask(process.umask() | 0o077);
  }
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (err) {
    throw openError(path, err);
  }
  if (!inMemory) for (const f of [path, `${path}.wal`]) if (existsSync(f)) chmodSync(f, 0o600);
  const inFlight = new InFlight();
  // One process owns a DuckDB file: every write goes through this object, so the version it
  // knows is never stale (no read per request).
  const tracked = trackDataVersions(new DuckDbDialect({ instance, queryTimeoutMs: options.queryTimeoutMs, inFlight }), () => Infinity);
  const kysely = new Kysely<any>({ dialect: tracked.dialect });
  tracked.bind(() => readDataVersion(kysely));
  let closed = false;
  return {
    engine: 'duckdb',
    location: path,
    kysely,
    versions: tracked.versions,
    async close({ graceMs = 0 } = {}) {
      if (closed) return;
      closed = true;
      await inFlight.drain(graceMs);
      await kysely.destroy();
      instance.closeSync();
    },
  };
}

/** Before DuckDB sees the file: what can be said plainly about it is said here, naming it. */
function checkFile(path: string): void {
  const dir = dirname(path);
  try {
    ensurePrivateDir(dir);
  } catch (err) {
    throw new DatabaseFileError(`Cannot create the folder ${dir} for the database ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): fix its permissions or set DATABASE_URL to another place.`);
  }
  let size: number | null = null;
  try {
    size = statSync(path).size;
  } catch {
    // A new file: DuckDB creates it.
  }
  try {
    // DuckDB writes its journal (<file>.wal) beside the file.
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DatabaseFileError(
      `The folder ${dir} of the database ${path} is ${code === 'EROFS' ? 'on a read-only file system' : 'not writable'} (${code}): ` +
        'DuckDB writes its journal beside the file. Fix the folder\'s permissions or mount, or move the database to a writable folder.',
    );
  }
  if (size !== null) {
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
    } catch (err) {
      throw new DatabaseFileError(`The database file ${path} cannot be read and written by this user (${(err as NodeJS.ErrnoException).code}): fix its permissions (chown/chmod) or run Puente as its owner.`);
    }
  }
  // An empty file is a new database (e.g. made by `touch` or mktemp); DuckDB refuses empty files.
  if (size === 0) unlinkSync(path);
}

function openError(path: string, err: unknown): Error {
  const message = (err as Error).message ?? String(err);
  const first = message.split('\n')[0];
  if (/lock/i.test(message)) return new DatabaseLockedError(path, first);
  if (/No space left on device/i.test(message)) return new DiskFullError(path);
  if (/not a valid DuckDB database file/i.test(message)) {
    return new DatabaseFileError(
      `The file ${path} is not a DuckDB database (another program's file, or damaged). Puente will not touch it: ` +
        'set DATABASE_URL to a new file, or restore your backup of this one.',
    );
  }
  if (/Could not read enough bytes|Corrupt|checksum|truncat/i.test(message)) {
    return new DatabaseFileError(`The database file ${path} is truncated or damaged (${first.replace(/^IO Error: /, '')}). Restore it from a backup, or set DATABASE_URL to a new file.`);
  }
  if (/Read-only file system/i.test(message)) {
    return new DatabaseFileError(`The database ${path} is on a read-only file system: remount it writable, or move the database to a writable folder.`);
  }
  if (/Permission denied/i.test(message)) {
    return new DatabaseFileError(`Permission denied opening the database ${path}: fix the permissions of the file and its folder, or run Puente as their owner.`);
  }
  if (/version|newer|storage format/i.test(message)) {
    return new DatabaseFileError(`The database file ${path} was written by another DuckDB version (${first}). Use the Puente version that wrote it, or restore a backup.`);
  }
  return new DatabaseFileError(`Cannot open the database file ${path}: ${first}. Check the file and its folder, or restore a backup.`);
}
