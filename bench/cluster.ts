// npm run bench:cluster [-- --scale 2 --duration 30 --connections 100]
// Issue #18: the crowd's mix (bench/crowd-mix.ts) through nginx against one server over one
// PostgreSQL, and against two servers over a primary and a hot standby, side by side in one run,
// with the ratio. Both clusters are made by scripts/cluster.ts (as `npm run cluster -- up`) and
// loaded with the shared data and the labelled synthetic demo at --scale through the admin API.
// Not a timed test: the figures go to docs/performance.md ("Scaling out") by hand, with the
// machine, whose cores every process here shares.
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { clusterDown, clusterUp, type ClusterState } from '../scripts/cluster.js';
import { freePort } from '../scripts/cluster/local.js';
import { ROUTES } from './crowd-mix.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '2' },
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '100' },
  },
});
const SCALE = Number(args.scale);
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));

const clusters: ClusterState[] = [];
async function cleanup() {
  for (const c of clusters.splice(0)) await clusterDown(c).catch(() => {});
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void cleanup().then(() => process.exit(130)));

async function admin(c: ClusterState, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${c.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${c.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
}

async function load(c: ClusterState): Promise<void> {
  const t = performance.now();
  await admin(c, '/api/-/admin/import', { paths: [join(DATA, 'countries'), join(DATA, 'pairs'), join(DATA, 'indicators'), join(DATA, 'marketplaces'), join(DATA, 'regulation')] });
  await admin(c, '/api/-/admin/demo', { scale: SCALE, seed: 1, from: '2019-01', to: '2024-12' });
  console.log(`  loaded the shared data + demo --scale ${SCALE} in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

async function crowd(c: ClusterState) {
  // Every standby has replayed the import (else reads go to the primary), seen by every server.
  for (const s of c.servers) {
    for (let i = 0; i < 600; i++) {
      const h = (await (await fetch(`${s.url}/api/-/health`)).json()) as { replicas: { serving: boolean }[] };
      if (h.replicas.every((r) => r.serving)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  // One pass on each server first: the answers of this data version are computed once per
  // server, as after any import (each server keeps its own answer cache).
  for (const s of c.servers) for (const path of ROUTES) await (await fetch(s.url + path)).arrayBuffer();
  const r = await autocannon({
    url: c.url,
    connections: CONNECTIONS,
    duration: DURATION,
    timeout: 30,
    requests: ROUTES.map((path) => ({ method: 'GET', path, headers: { 'accept-encoding': 'gzip' } })),
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts };
}

async function main() {
  console.log(`bench:cluster — ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}`);
  console.log(`${ROUTES.length} routes, ${CONNECTIONS} connections, ${DURATION} s each, gzip, through nginx\n`);
  const shapes = [
    { name: '1 server, primary only', servers: 1, replicas: 0 },
    { name: '2 servers, primary + 1 standby', servers: 2, replicas: 1 },
  ];
  const results = [];
  for (const shape of shapes) {
    console.log(`${shape.name}:`);
    const c = await clusterUp({ servers: shape.servers, replicas: shape.replicas, port: await freePort(), env: { PUENTE_LOG_LEVEL: 'error' } });
    clusters.push(c);
    await load(c);
    const f = await crowd(c);
    console.log(`  ${f.rps.toFixed(0)} req/s   p50 ${f.p50} ms   p99 ${f.p99} ms   ${f.requests} requests, ${f.non2xx} non-2xx, ${f.errors} errors, ${f.timeouts} timeouts\n`);
    results.push(f);
    await clusterDown(c);
    clusters.splice(clusters.indexOf(c), 1);
  }
  const [one, two] = results;
  console.log(`ratio (2 servers + standby / 1 server): req/s ${(two.rps / one.rps).toFixed(2)}x   p99 ${(two.p99 / Math.max(one.p99, 1)).toFixed(2)}x`);
  console.log(`All of it on ${cpus().length} cores: the servers, PostgreSQL, nginx and the load generator share them, so a second server adds no CPU here.`);
}

main().then(
  () => process.exit(0),
  async (err) => {
    console.error(err);
    await cleanup();
    process.exit(1);
  },
);
