// Issue #23 row 11 and item 6 (a restart changes nothing), and #16 item 5 (kill -9 of an import,
// then the next import), on both engines.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { REFERENCE_AS_OF } from '../../src/modules/countries/reference.js';
import { countRows, DATA, freshPostgresUrl, killLeftovers, runPuente, spawnPuente, startServer, tempDir } from './support.js';

const engines = ['duckdb', 'postgres'] as const;
const dirs: string[] = [];
afterAll(async () => {
  await killLeftovers();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function database(engine: (typeof engines)[number]): Promise<{ url: string; cwd: string; file: string | null }> {
  const cwd = tempDir('restart');
  dirs.push(cwd);
  const file = join(cwd, 'p.duckdb');
  return engine === 'duckdb' ? { url: `duckdb:${file}`, cwd, file } : { url: await freshPostgresUrl(), cwd, file: null };
}

const ROUTES = ['/api/-/sources', '/api/-/sources.csv', '/api/countries', '/api/countries.csv', '/api/-/health', '/api/openapi.json'];

async function answers(url: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const r of ROUTES) {
    const res = await fetch(url + r);
    out[r] = `${res.status} ${res.headers.get('etag') ?? ''}\n${await res.text()}`;
  }
  return out;
}

describe.each(engines)('restarts on %s', (engine) => {
  it('two starts in a row give byte-identical answers; built-in sources carry their own as-of date', async () => {
    const { url, cwd } = await database(engine);
    const seen: Record<string, string>[] = [];
    for (let round = 0; round < 3; round++) {
      const server = await startServer({ DATABASE_URL: url }, cwd);
      seen.push(await answers(server.url));
      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
    }
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    const sources = JSON.parse(seen[0]['/api/-/sources'].split('\n').slice(1).join('\n')).rows;
    for (const publisher of ['FEALAC', 'ASEAN Secretariat', 'Alianza del Pacífico', 'MERCOSUR', 'Comunidad Andina', 'SICA', 'United Nations Statistics Division']) {
      expect(sources.find((s: any) => s.publisher === publisher)?.retrieved_at, publisher).toBe(REFERENCE_AS_OF);
    }
    expect(sources.find((s: any) => /ISO 3166/.test(s.publisher)).retrieved_at).toBe(REFERENCE_AS_OF);
  });

  it('a start with nothing new writes nothing (the DuckDB file and its journal are unchanged)', async () => {
    if (engine !== 'duckdb') {
      // PostgreSQL: the seeds' fingerprints are compared; nothing is rewritten (checked through pg_stat).
      const { url, cwd } = await database(engine);
      const first = await startServer({ DATABASE_URL: url }, cwd);
      first.child.kill('SIGTERM');
      await first.exited;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const writes = async () =>
        Number((await client.query("select sum(n_tup_ins + n_tup_upd + n_tup_del)::int as n from pg_stat_user_tables")).rows[0].n);
      await client.query('select pg_stat_clear_snapshot()');
      const before = await writes();
      const second = await startServer({ DATABASE_URL: url }, cwd);
      second.child.kill('SIGTERM');
      await second.exited;
      // Statistics reach the collector when a session ends; the server's sessions have ended.
      await client.query('select pg_stat_clear_snapshot()');
      await client.query('select pg_stat_force_next_flush()').catch(() => {});
      expect(await writes()).toBe(before);
      await client.end();
      return;
    }
    const { url, cwd, file } = await database(engine);
    const first = await startServer({ DATABASE_URL: url }, cwd);
    first.child.kill('SIGTERM');
    await first.exited;
    const { statSync, readFileSync } = await import('node:fs');
    const before = readFileSync(file!);
    const mtime = statSync(file!).mtimeMs;
    const second = await startServer({ DATABASE_URL: url }, cwd);
    expect(existsSync(`${file}.wal`) ? statSync(`${file}.wal`).size : 0).toBe(0);
    second.child.kill('SIGTERM');
    await second.exited;
    expect(readFileSync(file!).equals(before)).toBe(true);
    expect(statSync(file!).mtimeMs).toBe(mtime);
  });

  it('kill -9 of an import, then the next import: the database holds all or nothing of the first, and the second is not blocked (twice)', async () => {
    const { url, cwd, file } = await database(engine);
    // The database exists before the import starts (its schema and seed are not what is tested).
    expect((await runPuente(['export', '/api/-/health', '-o', join(cwd, 'h.json')], { DATABASE_URL: url }, cwd)).code).toBe(0);
    const full = join(DATA, 'indicators');
    for (let round = 0; round < 2; round++) {
      const base = (await countRows(url, ['import_runs'])).import_runs;
      const importer = spawnPuente(['import', full], { DATABASE_URL: url }, cwd);
      // Kill it while its transaction is open: the DuckDB journal is being written, or the
      // PostgreSQL session holds the import lock.
      if (engine === 'duckdb') {
        await importer.waitFor(/Reading files/);
        while (!existsSync(`${file}.wal`) && importer.child.exitCode === null) await new Promise((r) => setImmediate(r));
      } else {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        for (;;) {
          const { rows } = await client.query("select count(*)::int as n from pg_locks where locktype = 'advisory' and granted");
          if (rows[0].n > 0 || importer.child.exitCode !== null) break;
        }
        await client.end();
      }
      importer.child.kill('SIGKILL');
      const killed = await importer.exited;
      const after = await countRows(url, ['import_runs', 'indicator_values']);
      // All or nothing: either no trace of this round's import, or the whole of it.
      expect([base, base + 1], `${JSON.stringify(killed)} ${importer.text()}`).toContain(after.import_runs);
      const again = await runPuente(['import', full], { DATABASE_URL: url }, cwd);
      expect(again.code, again.out).toBe(0);
      expect(again.out).toMatch(/files, \d+ rows imported/);
      const now = await countRows(url, ['import_runs', 'indicator_values']);
      expect(now.import_runs).toBe(after.import_runs + 1);
      expect(now.indicator_values).toBeGreaterThan(1000);
    }
  });
});

describe('the PostgreSQL import lock', () => {
  it('an import blocked by another session says which session holds the lock and how to end it; nothing is written (twice)', async () => {
    const { url, cwd } = await database('postgres');
    expect((await runPuente(['export', '/api/-/health', '-o', join(cwd, 'h.json')], { DATABASE_URL: url }, cwd)).code).toBe(0);
    // A session that took the import lock and hangs (as a killed client's session does until
    // the server notices it is gone).
    const holder = new pg.Client({ connectionString: url, application_name: 'stuck importer' });
    await holder.connect();
    await holder.query('begin');
    await holder.query(`select pg_advisory_xact_lock(${0x70756e74})`);
    const pid = (await holder.query('select pg_backend_pid() as pid')).rows[0].pid;
    for (let round = 0; round < 2; round++) {
      const r = await runPuente(['import', join(DATA, 'countries')], { DATABASE_URL: url, PUENTE_IMPORT_LOCK_TIMEOUT_MS: '300' }, cwd);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`Another import holds the import lock: PostgreSQL session ${pid} (stuck importer`);
      expect(r.out).toContain(`select pg_terminate_backend(${pid})`);
      expect(r.out).not.toMatch(/statement timeout/);
    }
    await holder.query('rollback');
    await holder.end();
    expect((await countRows(url, ['import_runs'])).import_runs).toBe(0);
    const ok = await runPuente(['import', join(DATA, 'countries')], { DATABASE_URL: url }, cwd);
    expect(ok.code, ok.out).toBe(0);
  });
});
