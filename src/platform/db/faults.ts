// The faults a deployment meets at the database, recognised once here so that the HTTP layer,
// the CLI and start-up all say the same plain thing (and never a native message or a 500).

/** The database cannot be reached right now (PostgreSQL down or restarting): retry later. */
export class DatabaseUnavailableError extends Error {
  readonly status = 503;
  constructor(readonly target: string, readonly reason: string) {
    super(`The database${target ? ` at ${target}` : ''} cannot be reached (${reason}); it may be restarting. Try again in a few seconds.`);
  }
}

/** The disk holding the database is full. */
export class DiskFullError extends Error {
  readonly status = 507;
  constructor(readonly location: string) {
    super(`No space left on device for the database${location ? ` ${location}` : ''}: nothing was written. Free space on that disk, then try again.`);
  }
}

/** Another session holds the import lock (another import, or one whose client died). */
export class ImportBusyError extends Error {
  readonly status = 409;
}

/** A database file Puente will not open (another program's, damaged, newer, unreadable). */
export class DatabaseFileError extends Error {}

const PG_UNAVAILABLE = new Set([
  '57P01', // admin_shutdown (terminating connection due to administrator command)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up / shutting down)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // too_many_connections
]);
const NET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; errors?: unknown[] };
  if (typeof e?.code === 'string') return e.code;
  // AggregateError (a host that resolves to several addresses) carries the codes inside.
  if (Array.isArray(e?.errors)) for (const inner of e.errors) if (typeof (inner as { code?: unknown }).code === 'string') return (inner as { code: string }).code;
  return undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Is this error "the database is not there right now"? */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  const code = codeOf(err);
  if (code && (PG_UNAVAILABLE.has(code) || NET_UNAVAILABLE.has(code))) return true;
  return /Connection terminated|connection timeout|terminating connection|the database system is (starting up|shutting down|in recovery mode)/i.test(messageOf(err));
}

export function isDiskFull(err: unknown): boolean {
  if (err instanceof DiskFullError) return true;
  const code = codeOf(err);
  // 53100 is PostgreSQL's disk_full.
  return code === 'ENOSPC' || code === '53100' || /No space left on device|could not extend file|disk is full/i.test(messageOf(err));
}

/** A short cause for an unreachable database, e.g. "connection refused". */
export function unavailableCause(err: unknown): string {
  const code = codeOf(err);
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found';
  if (code === '57P01') return 'the server ended the connection: administrator command';
  if (code === '57P03') return 'the server is starting up or shutting down';
  return (messageOf(err).split('\n')[0] || code || 'unreachable').replace(/postgres(ql)?:\/\/[^\s]*/gi, '[url]');
}

/** The host and port of a DATABASE_URL, never its user or password. */
export function databaseHost(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return 'the DATABASE_URL host';
  }
}

/**
 * Turns an engine error into one of the faults above, or returns it unchanged. `target` is what to
 * name: the file (DuckDB) or the host (PostgreSQL); '' over HTTP, where no local path or internal
 * host is shown.
 */
export function classifyFault(err: unknown, target: string): unknown {
  if (err instanceof DatabaseUnavailableError || err instanceof DiskFullError || err instanceof ImportBusyError) return err;
  if (isDiskFull(err)) return new DiskFullError(target);
  if (isUnavailable(err)) return new DatabaseUnavailableError(target, unavailableCause(err));
  return err;
}
