// Issue #23 rows 5-6 and item 3: PostgreSQL restarted or stopped under a running server, and
// `serve` started before PostgreSQL. A cluster of the test's own, so that stopping it disturbs no
// other test.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, freePort, getFresh, spawnPuente, startServer, tempDir } from './support.js';
import { killLeftovers } from './support.js';

const cluster = new Cluster();
const cwd = tempDir('pg-outage');
beforeAll(async () => {
  await cluster.init();
  cluster.start();
});
afterAll(async () => {
  await killLeftovers();
  cluster.destroy();
  rmSync(cwd, { recursive: true, force: true });
});

/** Asks until an answer is 200 (each try is an answer, not a timer); returns what it saw before. */
async function untilHealthy(url: string): Promise<number[]> {
  const seen: number[] = [];
  for (;;) {
    const res = await getFresh(`${url}/api/-/health`).catch(() => ({ status: 0, headers: {}, body: '' }));
    if (res.status === 200) return seen;
    seen.push(res.status);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('PostgreSQL outages', () => {
  it('restart -m fast with requests in flight, twice: the server stays up, answers 503 + Retry-After meanwhile (never 500), and recovers by itself', async () => {
    const server = await startServer({ DATABASE_URL: cluster.url }, cwd);
    for (let round = 0; round < 2; round++) {
      const statuses: number[] = [];
      let stop = false;
      const readers = Array.from({ length: 10 }, async () => {
        while (!stop) {
          const res = await getFresh(`${server.url}/api/countries`);
          statuses.push(res.status);
          if (res.status === 503) {
            expect(res.headers['retry-after']).toBe('5');
            expect(JSON.parse(res.body)).toMatchObject({ ok: false, status: 503, error: expect.stringMatching(/cannot be reached/) });
          }
        }
      });
      while (statuses.length < 20) await new Promise((r) => setTimeout(r, 20));
      cluster.restart();
      await untilHealthy(server.url);
      stop = true;
      await Promise.all(readers);
      expect(statuses.filter((s) => s !== 200 && s !== 503), server.text()).toEqual([]);
      expect((await getFresh(`${server.url}/api/countries`)).status).toBe(200);
    }
    expect(server.child.exitCode).toBe(null);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('stopped: health answers 503 saying why, with Retry-After; the server recovers when PostgreSQL is back (twice)', async () => {
    const server = await startServer({ DATABASE_URL: cluster.url }, cwd);
    for (let round = 0; round < 2; round++) {
      expect((await getFresh(`${server.url}/api/-/health`)).status).toBe(200);
      cluster.stop('fast');
      const health = await getFresh(`${server.url}/api/-/health`);
      expect(health.status).toBe(503);
      expect(health.headers['retry-after']).toBe('5');
      const body = JSON.parse(health.body);
      expect(body.error).toMatch(/cannot be reached/);
      expect(body.error).not.toMatch(/not-this-password|127\.0\.0\.1/);
      cluster.start();
      await untilHealthy(server.url);
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.text()).not.toMatch(/not-this-password/);
  });

  it('`serve` before PostgreSQL is up gives up after PUENTE_DB_WAIT_MS naming the host (never the password), exit 1 (twice)', async () => {
    cluster.stop('fast');
    try {
      for (let round = 0; round < 2; round++) {
        const p = spawnPuente(['serve'], { DATABASE_URL: cluster.url, PUENTE_DB_WAIT_MS: '1200', PORT: '1', PUENTE_ADMIN_TOKEN: 'x'.repeat(20) }, cwd);
        expect((await p.exited).code).toBe(1);
        const text = p.text();
        expect(text).toContain(`127.0.0.1:${cluster.port}/postgres (PostgreSQL, DATABASE_URL) cannot be reached (connection refused after waiting 1 s (PUENTE_DB_WAIT_MS)`);
        expect(text).toMatch(/Waiting for 127\.0\.0\.1:\d+\/postgres \(PostgreSQL, DATABASE_URL\): connection refused; retrying in/);
        expect(text).not.toMatch(/not-this-password/);
        expect(text).not.toMatch(/Migration\s+failed/);
      }
    } finally {
      cluster.start();
    }
  });

  it('`serve` started before PostgreSQL waits with backoff and serves once it is up', async () => {
    cluster.stop('fast');
    const port = String(await freePort());
    const p = spawnPuente(['serve'], { DATABASE_URL: cluster.url, PUENTE_DB_WAIT_MS: '600000', HOST: '127.0.0.1', PORT: port, PUENTE_SYNC_ON_START: 'never', PUENTE_ADMIN_TOKEN: 'x'.repeat(20) }, cwd);
    await p.waitFor(/Waiting for 127\.0\.0\.1/);
    cluster.start();
    await p.waitFor(/is serving http/);
    expect((await getFresh(`http://127.0.0.1:${port}/api/-/health`)).status).toBe(200);
    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
  });

  it('a stop signal while `serve` waits for PostgreSQL exits 0 at once', async () => {
    cluster.stop('fast');
    try {
      const p = spawnPuente(['serve'], { DATABASE_URL: cluster.url, PUENTE_DB_WAIT_MS: '600000', PORT: '1', PUENTE_ADMIN_TOKEN: 'x'.repeat(20) }, cwd);
      await p.waitFor(/Waiting for/);
      p.child.kill('SIGTERM');
      expect(await p.exited).toEqual({ code: 0, signal: null });
      expect(p.text()).toMatch(/SIGTERM: stopping before the server started/);
    } finally {
      cluster.start();
    }
  });
});
