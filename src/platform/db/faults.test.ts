import { describe, expect, it } from 'vitest';
import { classifyFault, databaseHost, DatabaseUnavailableError, DiskFullError, isUnavailable } from './faults.js';

describe('database faults', () => {
  it('names the host of a DATABASE_URL, never its user or password', () => {
    expect(databaseHost('postgres://puente:s3cret@db.example:6543/obs')).toBe('db.example:6543/obs');
    expect(databaseHost('postgresql://u:p@10.0.0.5/puente')).toBe('10.0.0.5:5432/puente');
    expect(databaseHost('postgres://u:s3cret@db')).not.toContain('s3cret');
  });

  it('recognises an unreachable PostgreSQL (refused, terminated by a restart, starting up)', () => {
    expect(isUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }))).toBe(false);
    const fault = classifyFault(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'db:5432/p');
    expect(fault).toBeInstanceOf(DatabaseUnavailableError);
    expect((fault as Error).message).toBe('The database at db:5432/p cannot be reached (connection refused); it may be restarting. Try again in a few seconds.');
  });

  it('recognises a full disk on both engines, and leaves other errors alone', () => {
    expect(classifyFault(new Error('IO Error: Could not write file "x.wal": No space left on device'), '/d/p.duckdb')).toBeInstanceOf(DiskFullError);
    expect(classifyFault(Object.assign(new Error('could not extend file "base/1/2": No space left on device'), { code: '53100' }), 'db')).toBeInstanceOf(DiskFullError);
    const other = new Error('syntax error');
    expect(classifyFault(other, 'db')).toBe(other);
  });
});
