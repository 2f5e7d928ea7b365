import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../../../../test/support/csv.js';
import { main } from '../../../cli.js';
import { STRI_DATAFLOW } from './schema.js';

// `puente sync oecd-stri` as a user runs it, against a stand-in for the OECD SDMX API on a
// loopback port (PUENTE_OECD_SDMX_URL) that serves the shared fixture.
const FIXTURE = fileURLToPath(new URL('../../../../../shared/fixtures/oecd-sdmx/digital-stri-fealac.csv', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'puente-stri-cli-'));
let server: Server;
let base = '';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    // The first request fails, as a busy API does: the CLI retries.
    if (requests.length === 1) {
      res.writeHead(503, { 'retry-after': '0' }).end('busy');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/vnd.sdmx.data+csv; charset=utf-8' }).end(readFileSync(FIXTURE));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}/public/rest`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(tmp, { recursive: true, force: true });
});

async function puente(env: Record<string, string>, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'puente', ...args], { out: (s) => out.push(s), err: (s) => err.push(s) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('puente sync oecd-stri', () => {
  it('reads the dataflow with progress and a retry, writes the values, and names the members not covered', async () => {
    const env = { DATABASE_URL: `duckdb:${join(tmp, 'p.duckdb')}`, PUENTE_LOG_LEVEL: 'silent', PUENTE_OECD_SDMX_URL: base };
    const r = await puente(env, 'sync', 'oecd-stri', '--from', '2020');
    expect(r.code, r.err).toBe(0);
    const rows = csvRecords(readFileSync(FIXTURE, 'utf8'));
    const economies = new Set(rows.map((x) => x.REF_AREA)).size;
    expect(requests).toHaveLength(2);
    expect(requests[1]).toBe(`/public/rest/data/${STRI_DATAFLOW}/A.......?startPeriod=2020&format=csv`);
    expect(r.out).toMatch(/request \(attempt 1\/4\)/);
    expect(r.out).toMatch(/HTTP 503.*retrying/);
    expect(r.out).toContain(`${rows.length} values for ${economies} economies (2020–2024) written.`);
    expect(r.out).toMatch(/Not covered by the OECD Digital STRI: .*CUB.*MMR.*MNG.*SUR.*VEN/);

    const file = join(tmp, 'stri.csv');
    const exported = await puente(env, 'export', '/api/regulation/digital-stri.csv', '-o', file);
    expect(exported.code, exported.err).toBe(0);
    expect(csvRecords(readFileSync(file, 'utf8'))).toHaveLength(rows.length);
  });
});
