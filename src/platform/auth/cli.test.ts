import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli.js';

// `puente users ...` and `puente tokens ...` as a user runs them, on a DuckDB file (no server
// running: the accounts API in-process, the same checks and audit as through the server).

const tmp = mkdtempSync(join(tmpdir(), 'puente-users-cli-'));
const env = { DATABASE_URL: `duckdb:${join(tmp, 'puente.duckdb')}`, PUENTE_LOG_LEVEL: 'silent', PUENTE_SYNC_ON_START: 'never' };
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function puente(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'puente', ...args], { out: (s) => out.push(s), err: (s) => err.push(s) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('puente users and tokens', () => {
  it('adds, lists, changes roles, disables; creates and revokes tokens', { timeout: 120_000 }, async () => {
    const added = await puente('users', 'add', 'ana', '--name', 'Ana Pérez', '--role', 'focal_point', '--economy', 'per,chl');
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/Created ana \(focal_point\)[\s\S]*http:\/\/localhost:8080\/account\/invitation#\S{40,}/);
    expect((await puente('users', 'add', 'ana', '--name', 'Again', '--role', 'reviewer')).code).toBe(1);
    expect((await puente('users', 'add', 'bo', '--name', 'Bo', '--role', 'boss')).code).toBe(2);

    const listed = await puente('users', 'list');
    expect(listed.out).toMatch(/^ana\s+Ana Pérez\s+focal_point \[PER, CHL\] \(invited\)$/m);

    expect((await puente('users', 'role', 'ana', '--role', 'focal_point,reviewer', '--economy', 'PER')).out).toMatch(/focal_point,reviewer \[PER\]/);

    const token = await puente('tokens', 'create', '--user', 'ana', '--name', 'nightly');
    expect(token.code).toBe(0);
    expect(token.out).toMatch(/^pnt_\S{40,}$/);
    const id = /Token (tok-\S+)/.exec(token.err)![1];
    expect((await puente('tokens', 'list')).out).toContain(`${id}  ${token.out.slice(0, 12)}…`);
    expect((await puente('tokens', 'revoke', id)).out).toMatch(/Revoked tok-/);
    expect((await puente('tokens', 'list')).out).toMatch(/REVOKED/);

    expect((await puente('users', 'disable', 'ana')).out).toMatch(/\(disabled\)/);
    expect((await puente('users', 'disable', 'nobody')).err).toMatch(/No account nobody/);
    const audit = await puente('export', '/api/-/sources.csv');
    expect(audit.code).toBe(0);
  });
});
