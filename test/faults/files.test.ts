// Issue #23 rows 7-8 and item 4: Puente marks its databases and refuses, naming the file, the
// cause and what to do, any file or database it should not take over or cannot use.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPostgresUrl, killLeftovers, runPuente, startServer, tempDir } from './support.js';
import { execFileSync } from 'node:child_process';

const cwd = tempDir('files');
afterAll(async () => {
  await killLeftovers();
  rmSync(cwd, { recursive: true, force: true });
});

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const env = (file: string) => ({ DATABASE_URL: `duckdb:${file}`, PORT: '1', PUENTE_ADMIN_TOKEN: 'x'.repeat(20) });

async function otherProgramsFile(file: string): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const conn = await instance.connect();
  await conn.run('create table invoices (id integer, total double)');
  await conn.run('insert into invoices select range, range * 1.5 from range(1000)');
  conn.closeSync();
  instance.closeSync();
}

describe('database files', () => {
  it("another program's DuckDB file is refused, unchanged byte for byte (twice)", async () => {
    const file = join(cwd, 'other.duckdb');
    await otherProgramsFile(file);
    const before = sha(file);
    for (let round = 0; round < 2; round++) {
      const r = await runPuente(['serve'], env(file), cwd);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`The file ${file} holds another program's tables (invoices) and is not a Puente database: Puente will not touch it.`);
      expect(r.out).toMatch(/Set DATABASE_URL to a new or empty database/);
      expect(sha(file)).toBe(before);
    }
  });

  it("a PostgreSQL database with another program's tables is refused, its tables untouched", async () => {
    const url = await freshPostgresUrl();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('create table invoices (id integer)');
    const r = await runPuente(['serve'], { ...env('x'), DATABASE_URL: url }, cwd);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/holds another program's tables \(invoices\) and is not a Puente database/);
    const { rows } = await client.query("select table_name from information_schema.tables where table_schema = 'public'");
    await client.end();
    expect(rows.map((x) => x.table_name)).toEqual(['invoices']);
  });

  it('a new or empty file becomes a Puente database, marked with its name and schema version', async () => {
    const file = join(cwd, 'empty.duckdb');
    writeFileSync(file, '');
    const server = await startServer({ DATABASE_URL: `duckdb:${file}` }, cwd);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    const instance = await DuckDBInstance.create(file);
    const conn = await instance.connect();
    const rows = (await conn.runAndReadAll('select key, value from puente_meta order by key')).getRowObjectsJS();
    conn.closeSync();
    instance.closeSync();
    expect(rows).toContainEqual({ key: 'app', value: 'puente' });
    expect(rows).toContainEqual({ key: 'schema_version', value: expect.stringMatching(/^\d{4}_/) });
  });

  it('a file that is not DuckDB, a truncated one, and one from a newer Puente: each refused with its cause and what to do', async () => {
    const garbage = join(cwd, 'garbage.duckdb');
    writeFileSync(garbage, 'PK\u0003\u0004 this is a zip file, not a database'.repeat(100));
    let r = await runPuente(['serve'], env(garbage), cwd);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`The file ${garbage} is not a DuckDB database (another program's file, or damaged). Puente will not touch it`);

    const good = join(cwd, 'good.duckdb');
    const server = await startServer({ DATABASE_URL: `duckdb:${good}` }, cwd);
    server.child.kill('SIGTERM');
    await server.exited;
    const truncated = join(cwd, 'truncated.duckdb');
    copyFileSync(good, truncated);
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2));
    r = await runPuente(['serve'], env(truncated), cwd);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`The database file ${truncated} is truncated or damaged`);
    expect(r.out).toMatch(/Restore it from a backup/);

    const instance = await DuckDBInstance.create(good);
    const conn = await instance.connect();
    await conn.run("insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01')");
    conn.closeSync();
    instance.closeSync();
    r = await runPuente(['serve'], env(good), cwd);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`The file ${good} has a newer schema than this Puente knows (migration 9999_from_the_future)`);
  });

  it('a database on a read-only file system: named, with the cause and what to do (skipped where mounting is not allowed)', async (t) => {
    const mnt = tempDir('ro');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mnt], { stdio: 'pipe' });
    } catch (err) {
      t.skip(`cannot mount a tmpfs here (${(err as Error).message.split('\n')[0]}); CI runs as root and can`);
      return;
    }
    try {
      const file = join(mnt, 'p.duckdb');
      const server = await startServer({ DATABASE_URL: `duckdb:${file}` }, cwd);
      server.child.kill('SIGTERM');
      await server.exited;
      execFileSync('mount', ['-o', 'remount,ro', mnt]);
      for (let round = 0; round < 2; round++) {
        const r = await runPuente(['serve'], env(file), cwd);
        expect(r.code).toBe(1);
        expect(r.out).toContain(`The folder ${mnt} of the database ${file} is on a read-only file system (EROFS)`);
        expect(r.out).not.toMatch(/cannot rollback|TransactionContext/);
      }
      expect(existsSync(file)).toBe(true);
    } finally {
      execFileSync('umount', [mnt]);
      rmSync(mnt, { recursive: true, force: true });
    }
  });
});
