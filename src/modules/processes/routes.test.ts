import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../../../test/support/csv.js';
import { freshDatabase } from '../../../test/support/engines.js';
import { INDICATORS_DIR, SHARED_DATA } from '../../../test/support/shared-data.js';
import { importFiles } from '../../bootstrap.js';
import { loadConfig } from '../../platform/config.js';
import { silentLog } from '../../platform/log.js';
import type { AppContext } from '../../platform/module.js';
import { modules } from '../../modules.js';
import { createApp, type App } from '../../server.js';

// The processes API in process over the shared processes data and the official rates (DuckDB;
// the store tests cover both engines).
const PROCESSES = join(SHARED_DATA, 'processes');
const NOW = new Date('2025-09-01T10:00:00Z');
const TOKEN = 'b'.repeat(24);
const expected = JSON.parse(readFileSync(join(PROCESSES, 'synthetic-ecommerce-export.json'), 'utf8')).expected;
const partial = JSON.parse(readFileSync(join(PROCESSES, 'cases/bpa_cases_partial.json'), 'utf8'));

let ctx: AppContext;
let app: App;
let noEditing: App;

beforeAll(async () => {
  const db = await freshDatabase('duckdb');
  for (const m of modules) await m.seed?.(db.kysely, { clock: () => NOW });
  ctx = { db, config: loadConfig({ PUENTE_LOG_LEVEL: 'silent', PUENTE_EDITOR_TOKEN: TOKEN }), log: silentLog, clock: () => NOW, fetch: (() => Promise.reject(new Error('offline'))) as unknown as typeof fetch };
  await importFiles(ctx, [PROCESSES, join(INDICATORS_DIR, 'fx_official_fealac.csv')]);
  app = createApp(ctx);
  noEditing = createApp({ ...ctx, config: loadConfig({ PUENTE_LOG_LEVEL: 'silent' }) });
});
afterAll(async () => {
  await ctx?.db.close();
});

async function call(path: string, init?: RequestInit, on: App = app) {
  const res = await on.fetch(new Request(`http://puente.test${path}`, init));
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    // CSV
  }
  return { status: res.status, body, text, headers: res.headers };
}
const ok = async (path: string) => {
  const r = await call(path);
  expect(r.status, `${path}: ${r.text.slice(0, 300)}`).toBe(200);
  return r.body;
};
const post = (path: string, body: unknown, headers: Record<string, string> = {}, on: App = app) =>
  call(path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers }, body: JSON.stringify(body) }, on);

describe('reading cases', () => {
  it('lists every case with its label and totals; unknown totals are empty with the reason', async () => {
    const body = await ok('/api/processes/cases');
    const ids = body.rows.map((r: any) => r.id);
    for (const c of partial.cases) expect(ids).toContain(c.case_id);
    const arg = body.rows.find((r: any) => r.id === 'ARG-exporta-simple');
    expect(arg).toMatchObject({ label: 'PARTIAL', elapsed_days: null, sum_days: null, cost_usd: null, steps: 6 });
    expect(arg.incomplete).toMatch(/elapsed: time unknown for 6 of 6 steps/);
    const syn = body.rows.find((r: any) => r.id === 'synthetic-ecommerce-export');
    expect(syn).toMatchObject({ label: 'SYNTHETIC', elapsed_days: expected.elapsedTimeDays, sum_days: expected.sumOfDurationsDays, cost_usd: expected.totalCostUsd });
    expect((await ok('/api/processes/cases?economy=ARG')).rows.map((r: any) => r.id)).toEqual(['ARG-exporta-simple']);
    expect((await call('/api/processes/cases?economy=ZZZ')).status).toBe(400);
  });

  it('the synthetic case says SYNTHETIC in its header, metadata and zip readme', async () => {
    const r = await call('/api/processes/cases/synthetic-ecommerce-export.csv');
    expect(r.headers.get('x-puente-synthetic')).toBe('true');
    const meta = await ok('/api/processes/cases/synthetic-ecommerce-export.metadata.json');
    expect(meta.synthetic).toBe(true);
    expect(meta.title).toMatch(/SYNTHETIC/);
    const critical = csvRecords(r.text).filter((x) => x.critical === 'true').map((x) => x.step_id);
    expect(critical).toEqual(expected.criticalPath);
  });

  it('a partial case says PARTIAL in every download and what is missing', async () => {
    const body = await ok('/api/processes/cases/ARG-exporta-simple');
    expect(body.case.label).toBe('PARTIAL');
    expect(body.analysis.incomplete.map((i: any) => i.total)).toEqual(expect.arrayContaining(['elapsed', 'sum', 'cost']));
    expect(body.rows.every((r: any) => r.label === 'PARTIAL' && r.days === null)).toBe(true);
    // Doing Business context for the exporter (hours, and cost as scores)
    expect(body.benchmark.some((b: any) => b.iso3 === 'ARG' && b.unit === 'hours')).toBe(true);
    expect((await ok('/api/processes/cases/ARG-exporta-simple.metadata.json')).title).toMatch(/PARTIAL/);
    const zip = unzipSync(new Uint8Array(await (await app.fetch(new Request('http://puente.test/api/processes/cases/ARG-exporta-simple.zip'))).arrayBuffer()));
    const readme = Object.entries(zip).find(([name]) => /readme/i.test(name))!;
    expect(strFromU8(readme[1])).toMatch(/PARTIAL/);
    const csvName = Object.keys(zip).find((n) => n.endsWith('.csv'))!;
    expect(csvRecords(strFromU8(zip[csvName])).every((r) => r.label === 'PARTIAL')).toBe(true);
    const docs = await ok('/api/processes/cases/ARG-exporta-simple/documents');
    expect(docs.rows.map((d: any) => d.document).sort()).toEqual(['CUIT', 'Clave fiscal nivel 3']);
    const bottlenecks = await ok('/api/processes/cases/ARG-exporta-simple/bottlenecks');
    expect(bottlenecks.rows[0]).toMatchObject({ kind: 'MISSING_INFORMATION', label: 'PARTIAL' });
    expect(bottlenecks.rows[0].tf_measures).toMatch(/Publication of existing import-export regulations on the internet \[publication_online\]/);
    expect((await call('/api/processes/cases/nope')).status).toBe(404);
  });

  it('Doing Business context by economy; unknown economies are refused', async () => {
    const body = await ok('/api/processes/benchmarks?economy=PER');
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.rows.every((r: any) => r.iso3 === 'PER')).toBe(true);
    expect((await call('/api/processes/benchmarks?economy=XXX')).status).toBe(400);
  });
});

describe('editing cases', () => {
  it('writes need the editor token (403 when editing is off, 401 with a wrong token)', async () => {
    expect((await post('/api/processes/cases/ARG-exporta-simple/copy', { id: 'x1' }, {}, noEditing)).status).toBe(403);
    expect((await post('/api/processes/cases/ARG-exporta-simple/copy', { id: 'x1' }, { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
  });

  it('copy to a to-be case, remove a step, see the deltas, audit log', async () => {
    const copy = await post('/api/processes/cases/synthetic-ecommerce-export/copy', { id: 'syn-to-be' }, { 'x-puente-actor': 'ana' });
    expect(copy.status, copy.text).toBe(200);
    expect(copy.body.case).toMatchObject({ status: 'TO_BE', baselineCaseId: 'synthetic-ecommerce-export', label: 'SYNTHETIC' });
    expect((await post('/api/processes/cases/synthetic-ecommerce-export/copy', { id: 'syn-to-be' })).status).toBe(409);
    const doc = copy.body.case;
    // remove S2 and S3 (the invoice and the courier booking are done by the platform)
    doc.procedures = doc.procedures.filter((p: any) => p.id !== 'S2' && p.id !== 'S3');
    doc.procedures.find((p: any) => p.id === 'S4').steps[0].predecessors = ['S1'];
    const saved = await post('/api/processes/cases/syn-to-be', doc, { 'x-puente-actor': 'ana' });
    expect(saved.status, saved.text).toBe(200);
    const view = await ok('/api/processes/cases/syn-to-be');
    const deltas = Object.fromEntries(view.baseline.deltas.map((d: any) => [d.metric, d.delta]));
    expect(deltas).toMatchObject({ steps: -2, elapsed_days: 0, sum_days: -1, cost_usd: 0 });
    expect(view.baseline.removed_steps).toEqual(['S2', 'S3']);
    expect((await ok('/api/processes/cases/synthetic-ecommerce-export')).to_be).toEqual(['syn-to-be']);
    const audit = await ok('/api/processes/cases/syn-to-be/audit');
    expect(audit.rows.map((r: any) => `${r.action} ${r.actor}`)).toEqual(['update ana', 'create ana']);
    // the baseline cannot go while the to-be case needs it
    expect((await post('/api/processes/cases/synthetic-ecommerce-export/delete', {})).status).toBe(409);
  });

  it('a dependency cycle is refused with a clear error', async () => {
    const doc = (await ok('/api/processes/cases/syn-to-be')).case;
    doc.procedures.find((p: any) => p.id === 'B1').steps[0].predecessors = ['P1'];
    const r = await post('/api/processes/cases/syn-to-be', doc);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/cycle through .*B1/);
  });

  it('JSON export and import; CSV export and import round-trip', async () => {
    const exported = (await ok('/api/processes/cases/ARG-exporta-simple')).case;
    const created = await post('/api/processes/cases', { ...exported, id: 'arg-copy', title: 'Copy' });
    expect(created.status, created.text).toBe(200);
    const csv = (await call('/api/processes/cases/ARG-exporta-simple.csv')).text;
    const edited = csv.replace('Log in to the platform', 'Sign in to the platform');
    const r = await post('/api/processes/cases/arg-copy/steps', { csv: edited });
    expect(r.status, r.text).toBe(200);
    const back = (await ok('/api/processes/cases/arg-copy')).case;
    expect(back.procedures[0].steps[1].name).toMatch(/^Sign in to the platform/);
    expect(back.procedures).toEqual(JSON.parse(JSON.stringify(exported.procedures).replace('Log in to the platform', 'Sign in to the platform')));
    const bad = await post('/api/processes/cases/arg-copy/steps', { csv: 'procedure_id,procedure,step_id,step,time_avg\np,P,a,A,soon\n' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/line 2, column "time_avg": "soon" is not a number/);
    const gone = await post('/api/processes/cases/arg-copy/delete', {});
    expect(gone.status).toBe(200);
    expect((await call('/api/processes/cases/arg-copy')).status).toBe(404);
  });
});
