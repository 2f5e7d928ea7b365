// Issue #23 rows 1-3 and item 1: stop signals under load, during an import, SIGHUP, a second
// signal; on both engines. Not timed: every step waits for a line, an answer or an exit.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, countRows, getFresh, DATA, freshPostgresUrl, startServer, tempDir, waitForJob, type Server } from './support.js';
import { killLeftovers } from './support.js';

const engines = ['duckdb', 'postgres'] as const;
const dirs: string[] = [];
afterAll(async () => {
  await killLeftovers();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function database(engine: (typeof engines)[number]): Promise<{ url: string; cwd: string }> {
  const cwd = tempDir('shutdown');
  dirs.push(cwd);
  return { url: engine === 'duckdb' ? `duckdb:${join(cwd, 'p.duckdb')}` : await freshPostgresUrl(), cwd };
}

/** 50 clients asking in a loop until told to stop; every status seen is counted. */
function load(url: string) {
  const seen = new Map<number | string, number>();
  let stop = false;
  let answered!: () => void;
  const firstAnswers = new Promise<void>((r) => (answered = r));
  const paths = ['/api/-/health', '/api/countries', '/api/-/sources', '/api/countries.csv', '/api/openapi.json'];
  const clients = Array.from({ length: 50 }, async (_, i) => {
    for (let k = i; !stop; k++) {
      try {
        const res = await fetch(url + paths[k % paths.length]);
        const text = await res.text();
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        if (res.status === 503) expect(JSON.parse(text).error).toMatch(/draining/);
        if ((seen.get(200) ?? 0) >= 100) answered();
      } catch {
        // The port closed: the server is gone, which is what the test waits for.
        seen.set('refused', (seen.get('refused') ?? 0) + 1);
        return;
      }
    }
  });
  return { seen, firstAnswers, done: () => ((stop = true), Promise.all(clients)) };
}

describe.each(engines)('stop signals on %s', (engine) => {
  it('SIGTERM while 50 clients load the server: exit 0, only 200 and 503 "draining", and the next start serves (twice)', async () => {
    const { url, cwd } = await database(engine);
    for (let round = 0; round < 2; round++) {
      const server = await startServer({ DATABASE_URL: url }, cwd);
      const clients = load(server.url);
      await clients.firstAnswers;
      server.child.kill('SIGTERM');
      const { code, signal } = await server.exited;
      await clients.done();
      expect({ code, signal }, server.text()).toEqual({ code: 0, signal: null });
      expect(server.text()).toMatch(/SIGTERM: draining/);
      expect(server.text()).toMatch(/Stopped: database closed/);
      const statuses = [...clients.seen.keys()].filter((s) => s !== 'refused');
      expect(statuses.every((s) => s === 200 || s === 503), JSON.stringify([...clients.seen])).toBe(true);
    }
  });

  it('SIGINT during an import through the admin API: exit 0, the import committed whole within the grace', async () => {
    const { url, cwd } = await database(engine);
    const server = await startServer({ DATABASE_URL: url }, cwd);
    const { job } = await (await admin(server.url, '/api/-/admin/import', { paths: [join(DATA, 'indicators')], background: true })).json();
    await waitForJob(server.url, job.id, (j) => j.status === 'running');
    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.text()).toMatch(/SIGINT: draining/);
    const counts = await countRows(url, ['indicator_values', 'import_runs']);
    expect(counts.import_runs).toBe(1);
    expect(counts.indicator_values).toBeGreaterThan(1000);
  });

  it('a stop with no grace left cancels the import: rolled back, nothing of it kept, exit 0', async () => {
    const { url, cwd } = await database(engine);
    const server = await startServer({ DATABASE_URL: url, PUENTE_SHUTDOWN_GRACE_MS: '0' }, cwd);
    const { job } = await (await admin(server.url, '/api/-/admin/import', { paths: [DATA], background: true })).json();
    await waitForJob(server.url, job.id, (j) => j.status === 'running' && j.progress && j.progress.done >= 1);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(await countRows(url, ['indicator_values', 'import_runs', 'marketplaces'])).toEqual({ indicator_values: 0, import_runs: 0, marketplaces: 0 });
  });

  it('while draining, /api/-/health answers 503 "draining" with Retry-After; a second signal exits at once (143)', async () => {
    const { url, cwd } = await database(engine);
    const server: Server = await startServer({ DATABASE_URL: url, PUENTE_SHUTDOWN_GRACE_MS: '600000' }, cwd);
    const { job } = await (await admin(server.url, '/api/-/admin/import', { paths: [DATA], background: true })).json();
    await waitForJob(server.url, job.id, (j) => j.status === 'running');
    server.child.kill('SIGTERM');
    await server.waitFor(/SIGTERM: draining/);
    const health = await getFresh(`${server.url}/api/-/health`);
    expect(health.status).toBe(503);
    expect(health.headers['retry-after']).toBe('5');
    expect(JSON.parse(health.body)).toMatchObject({ ok: false, status: 503, error: expect.stringMatching(/^draining/) });
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 143, signal: null });
    expect(server.text()).toMatch(/SIGTERM again: exiting at once/);
    // What the import was writing was never committed: the database opens with none of it.
    expect((await countRows(url, ['import_runs'])).import_runs).toBe(0);
  });

  it('SIGHUP (the terminal closed) is logged and stops gracefully: exit 0 (twice)', async () => {
    const { url, cwd } = await database(engine);
    for (let round = 0; round < 2; round++) {
      const server = await startServer({ DATABASE_URL: url }, cwd);
      expect((await fetch(`${server.url}/api/-/health`)).status).toBe(200);
      server.child.kill('SIGHUP');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.text()).toMatch(/SIGHUP \(the terminal or session closed\): draining/);
    }
  });
});
