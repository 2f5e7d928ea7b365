import { DatabaseUnavailableError, DiskFullError, ImportBusyError } from '../db/faults.js';
import { formatIssue, ImportError } from '../ingest/report.js';
import { ApiError, UpstreamError } from './errors.js';
import { JobCancelledError } from './jobs.js';

/** A job ended badly; a synchronous admin route answers with the job's own status and reason. */
export class JobFailedError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: string[] = [],
  ) {
    super(message);
  }
}

export interface FaultAnswer {
  status: number;
  message: string;
  errors: string[];
  /** Seconds a client should wait before trying again (503). */
  retryAfter?: number;
}

/**
 * The answer for an error a client or an operator should understand; null for a bug (a plain 500,
 * logged). One table for the API, the jobs and the CLI.
 */
export function describeFault(err: unknown): FaultAnswer | null {
  if (err instanceof ApiError) return { status: err.status, message: err.message, errors: err.errors };
  if (err instanceof ImportError) return { status: 422, message: err.message.split('\n')[0], errors: err.issues.map(formatIssue) };
  if (err instanceof UpstreamError) return { status: 502, message: err.message, errors: [] };
  if (err instanceof DatabaseUnavailableError) return { status: 503, message: err.message, errors: [], retryAfter: 5 };
  if (err instanceof DiskFullError) return { status: 507, message: err.message, errors: [] };
  if (err instanceof ImportBusyError) return { status: 409, message: err.message, errors: [] };
  if (err instanceof JobCancelledError) return { status: 409, message: err.message, errors: [] };
  if (err instanceof JobFailedError) {
    // A bug inside the job was logged when it happened; the client sees the plain 500 text.
    return { status: err.status, message: err.message, errors: err.errors, ...(err.status === 503 ? { retryAfter: 5 } : {}) };
  }
  const status = (err as { status?: unknown })?.status;
  if (status === 503) return { status: 503, message: (err as Error).message, errors: [], retryAfter: 5 };
  return null;
}
