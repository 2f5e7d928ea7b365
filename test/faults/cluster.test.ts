// Issue #18: several stateless servers behind nginx over a PostgreSQL primary and a hot standby,
// started by the same code as `npm run cluster -- up` (scripts/cluster.ts), with a bounded read
// load running through nginx while faults happen. Not timed: each figure (requests sent, failed,
// stale) is printed and the assertions are about answers, not speed.
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterDown, clusterUp, type ClusterState } from '../../scripts/cluster.js';
import { findNginx, findPgBin, freePort, startPgAgain, stopPg } from '../../scripts/cluster/local.js';
import { SHARED_DATA as sharedData } from '../support/shared-data.js';

let cluster: ClusterState;

beforeAll(async () => {
  cluster = await clusterUp({ servers: 2, replicas: 1, port: await freePort(), env: { PUENTE_LOG_LEVEL: 'error' } });
}, 300_000);

afterAll(async () => {
  if (cluster) await clusterDown(cluster);
});

const READS = ['/api/countries', '/api/indicators', '/api/countries/PER', '/api/indicators/IT.NET.USER.ZS?country=PER~CHL', '/api/-/sources'];

interface Answer {
  status: number;
  version: number | null;
  upstream: string | null;
  at: number;
}

/** `clients` readers in a loop through nginx until `stop()`; every answer is kept. */
function readLoad(clients = 4) {
  const answers: Answer[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async (_, i) => {
    let n = i;
    while (running) {
      const path = READS[n++ % READS.length];
      try {
        const res = await fetch(cluster.url + path);
        await res.arrayBuffer();
        answers.push({ status: res.status, version: Number(res.headers.get('x-puente-data-version')) || null, upstream: res.headers.get('x-puente-upstream'), at: Date.now() });
      } catch {
        answers.push({ status: 0, version: null, upstream: null, at: Date.now() });
      }
    }
  });
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

async function health(url: string) {
  return (await (await fetch(`${url}/api/-/health`)).json()) as { data_version: number; replicas: { reachable: boolean; serving: boolean; version: number | null }[] };
}

async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await check().catch(() => false)) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

/** Sessions of one application_name on a PostgreSQL (pg_stat_activity). */
async function sessionsOn(url: string, applicationName: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where application_name = $1', [applicationName]);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

async function importThroughNginx(paths: string[]) {
  const res = await fetch(`${cluster.url}/api/-/admin/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cluster.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ paths }),
  });
  const body = await res.json();
  expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(200);
  return body;
}

describe('npm run cluster refuses clearly', () => {
  it('a port that is taken, naming it; down without a state file', async () => {
    const busy = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => busy.once('listening', r));
    const port = (busy.address() as { port: number }).port;
    try {
      await expect(clusterUp({ servers: 1, replicas: 0, port })).rejects.toThrow(`Port ${port} on 127.0.0.1 is taken`);
    } finally {
      busy.close();
    }
    const out = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cluster.ts', 'down', '--state', '/nonexistent/cluster.json'], { encoding: 'utf8' });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('No cluster state at /nonexistent/cluster.json: nothing to stop');
  });

  it('a missing Debian package, naming it', () => {
    expect(() => findNginx(['/nonexistent/nginx'])).toThrow("nginx is not installed: install Debian's nginx (apt-get install nginx)");
    expect(() => findPgBin('/nonexistent/postgresql')).toThrow("install Debian's postgresql");
    expect(findNginx()).toMatch(/nginx$/);
  });
});

describe('a local cluster: 2 servers, a primary and a hot standby, nginx', () => {
  it('an import through one server reaches every server and the standby; reads then come from the standby', async () => {
    await importThroughNginx([join(sharedData, 'countries'), join(sharedData, 'indicators')]);
    const primaryVersion = (await health(cluster.servers[0].url)).data_version;
    // Every server sees the new version (NOTIFY), and the standby replays it.
    for (const s of cluster.servers) {
      const ms = await until(`${s.url} sees version ${primaryVersion}`, async () => (await health(s.url)).data_version === primaryVersion);
      const serving = await until(`${s.url} reads from the standby`, async () => (await health(s.url)).replicas[0]?.serving === true);
      console.log(`server :${s.port} saw version ${primaryVersion} after ${ms} ms; the standby served it after ${serving} ms`);
    }
    const answers = await Promise.all(cluster.servers.map(async (s) => (await fetch(`${s.url}/api/countries/PER`)).text()));
    expect(answers[0]).toBe(answers[1]);
    expect(JSON.parse(answers[0]).country.iso3).toBe('PER');
    // The answers were read on the standby: its sessions of answers' reads (not only its polls).
    const standby = cluster.postgres.find((p) => p.role === 'replica')!;
    const reads = await sessionsOn(standby.url, 'puente-read');
    expect(reads, 'sessions reading answers on the standby').toBeGreaterThan(0);
  }, 180_000);

  it('reads through nginx survive kill -9 of one server (nginx retries on the other)', async () => {
    const load = readLoad();
    await new Promise((r) => setTimeout(r, 1500));
    const victim = cluster.servers[1];
    process.kill(victim.pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 3000));
    const answers = await load.stop();
    const failed = answers.filter((a) => a.status !== 200);
    console.log(`kill -9 of server :${victim.port}: ${answers.length} requests sent, ${failed.length} failed`);
    expect(answers.length).toBeGreaterThan(20);
    expect(failed).toEqual([]);
    expect(answers.slice(-10).every((a) => a.upstream?.endsWith(`:${cluster.servers[0].port}`))).toBe(true);
  }, 60_000);

  it('stopping the standby moves reads to the primary with no error, and back when it returns', async () => {
    const standby = cluster.postgres.find((p) => p.role === 'replica')!;
    const server = cluster.servers[0];
    const load = readLoad();
    await new Promise((r) => setTimeout(r, 1000));
    stopPg(cluster.pgBin, standby.dir, 'immediate');
    await until('the server sees the standby down', async () => (await health(server.url)).replicas[0]?.reachable === false);
    await new Promise((r) => setTimeout(r, 1500));
    startPgAgain(cluster.pgBin, standby, cluster.dir);
    const back = await until('reads go to the standby again', async () => (await health(server.url)).replicas[0]?.serving === true, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    const answers = await load.stop();
    const failed = answers.filter((a) => a.status !== 200);
    console.log(`standby stopped and started: ${answers.length} requests sent, ${failed.length} failed; serving again ${back} ms after its start`);
    expect(answers.length).toBeGreaterThan(20);
    expect(failed).toEqual([]);
  }, 120_000);

  it('an import during the read load: every answer after the new version was first served is of it (no going back)', async () => {
    const before = (await health(cluster.servers[0].url)).data_version;
    const load = readLoad();
    await new Promise((r) => setTimeout(r, 1000));
    await importThroughNginx([join(sharedData, 'pairs')]);
    const after = (await health(cluster.servers[0].url)).data_version;
    expect(after).toBeGreaterThan(before);
    await new Promise((r) => setTimeout(r, 2000));
    const answers = await load.stop();
    const failed = answers.filter((a) => a.status !== 200);
    const firstNew = answers.findIndex((a) => a.version === after);
    expect(firstNew, 'the new version was served').toBeGreaterThanOrEqual(0);
    // One server is left (the other was killed above): once it served the new version, never the old.
    const stale = answers.slice(firstNew).filter((a) => a.version !== after);
    console.log(`import during reads: ${answers.length} requests sent, ${failed.length} failed, ${stale.length} stale after the new version was first served (versions ${before} -> ${after})`);
    expect(failed).toEqual([]);
    expect(stale).toEqual([]);
  }, 180_000);
});
