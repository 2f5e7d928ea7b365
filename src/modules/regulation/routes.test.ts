import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/engines.js';
import { importFiles } from '../../bootstrap.js';
import { loadConfig } from '../../platform/config.js';
import { silentLog } from '../../platform/log.js';
import type { AppContext } from '../../platform/module.js';
import { modules } from '../../modules.js';
import { createApp, type App } from '../../server.js';

// The regulation API in process over the shared regulation data (DuckDB; the store tests cover
// both engines). The clock fixes which de minimis regime is in force.
const REG = fileURLToPath(new URL('../../../../shared/data/regulation/', import.meta.url));
const NOW = new Date('2025-09-01T10:00:00Z');
const TOKEN = 't'.repeat(24);

let ctx: AppContext;
let app: App;
let noEditing: App;
let dir: string;

beforeAll(async () => {
  const db = await freshDatabase('duckdb');
  for (const m of modules) await m.seed?.(db.kysely, { clock: () => NOW });
  ctx = { db, config: loadConfig({ PUENTE_LOG_LEVEL: 'silent', PUENTE_EDITOR_TOKEN: TOKEN }), log: silentLog, clock: () => NOW, fetch: (() => Promise.reject(new Error('offline'))) as unknown as typeof fetch };
  await importFiles(ctx, [REG]);
  app = createApp(ctx);
  noEditing = createApp({ ...ctx, config: loadConfig({ PUENTE_LOG_LEVEL: 'silent' }) });
  dir = mkdtempSync(join(tmpdir(), 'puente-reg-routes-'));
});
afterAll(async () => {
  await ctx?.db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(path: string, init?: RequestInit, on: App = app): Promise<{ status: number; body: any; text: string }> {
  const res = await on.fetch(new Request(`http://puente.test${path}`, init));
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    // CSV
  }
  return { status: res.status, body, text };
}
const ok = async (path: string) => {
  const r = await call(path);
  expect(r.status, `${path}: ${r.text.slice(0, 300)}`).toBe(200);
  return r.body;
};
const post = (path: string, body: unknown, headers: Record<string, string> = {}, on: App = app) =>
  call(path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers }, body: JSON.stringify(body) }, on);

/** No reform that raises restrictiveness is ranked above one that lowers it; within a direction, by gain. */
function expectLiberalisingFirst(reforms: any[]) {
  const rank: Record<string, number> = { liberalising: 0, neutral: 1, restricting: 2 };
  for (let i = 1; i < reforms.length; i++) {
    const [x, y] = [reforms[i - 1], reforms[i]];
    expect(rank[x.direction]).toBeLessThanOrEqual(rank[y.direction]);
    if (x.direction === y.direction && x.gain !== null && y.gain !== null) expect(x.gain).toBeGreaterThanOrEqual(y.gain);
  }
}

describe('read routes', () => {
  it('/api/regulation/frameworks lists RDTII 2.1 whole', async () => {
    const body = await ok('/api/regulation/frameworks');
    expect(body.rows).toEqual([expect.objectContaining({ id: 'rdtii', version: '2.1', pillars: 12 })]);
    expect(body.frameworks[0].pillars).toHaveLength(12);
  });

  it('/api/regulation/cyberlaw shows Singapore\'s consumer protection as the source gives it, flagged', async () => {
    const body = await ok('/api/regulation/cyberlaw?economy=SGP&area=Consumer%20Protection');
    expect(body.rows).toEqual([expect.objectContaining({ status: 'No Legislation', score: 0, flagged: expect.stringMatching(/Fair Trading/) })]);
    expect(body.sources[0].publisher).toBe('UNCTAD');
    expect((await ok('/api/regulation/cyberlaw')).rows).toHaveLength(180);
  });

  it('/api/regulation/treaties and /api/regulation/de-minimis filter and carry sources', async () => {
    const t = await ok('/api/regulation/treaties?economy=PER~CHL&instrument=wipo_pct~ita_i');
    expect(t.rows).toHaveLength(4);
    expect(t.sources.length).toBeGreaterThan(0);
    const d = await ok('/api/regulation/de-minimis?economy=IDN&kind=duty');
    expect(d.rows.map((r: any) => r.amount).sort()).toEqual(['3', '75']);
  });

  it('/api/regulation/economies/PER: derived answers with sources, unknown left empty (never 0), coverage reported', async () => {
    const body = await ok('/api/regulation/economies/PER');
    const by = new Map(body.rows.map((r: any) => [r.indicator_id, r]));
    expect(body.rows.length).toBeGreaterThan(60);
    expect(by.get('12.5')).toMatchObject({ score: 0, category_id: '12.5.c', basis: 'derived' });
    expect((by.get('12.5') as any).source_ids.length).toBe(1);
    expect(by.get('4.4')).toMatchObject({ score: 0, basis: 'derived' });
    // ITA I yes, ITA II not confirmed; UN ECC not confirmed for PER.
    expect(by.get('1.3')).toMatchObject({ score: null, basis: 'unknown' });
    expect(by.get('12.10')).toMatchObject({ score: null });
    expect(body.unknown).toContain('6.1');
    expect(body.known).toContain('12.5');
    expect(body.scores.overall.coverage).toBeGreaterThan(0);
    expect(body.scores.overall.coverage).toBeLessThan(0.2);
    expect(body.cyberlaw.statuses).toHaveLength(5);
    expect(body.de_minimis.length).toBeGreaterThan(0);
    expect(body.sources.length).toBeGreaterThan(2);
  });

  it('Singapore: 12.9 comes from ESCAP\'s measures (a consumer-protection law exists), not from the flagged tracker value', async () => {
    const body = await ok('/api/regulation/economies/SGP');
    const r = body.rows.find((x: any) => x.indicator_id === '12.9');
    expect(r).toMatchObject({ basis: 'escap', score: 0 });
    expect(body.cyberlaw.statuses.find((s: any) => s.area === 'Consumer Protection').flagged).toMatch(/Fair Trading/);
  });

  it('404 for a non-member, 400 for bad parameters', async () => {
    expect((await call('/api/regulation/economies/USA')).status).toBe(404);
    expect((await call('/api/regulation/compare?economies=PER')).status).toBe(400);
    expect((await call('/api/regulation/simulate?economy=PER&partners=CHL&edit=12.5')).status).toBe(400);
    expect((await call('/api/regulation/simulate?economy=PER&partners=CHL&edit=12.5:12.5.z')).status).toBe(400);
    expect((await call('/api/regulation/economies/PER?framework=nope-9')).status).toBe(404);
  });

  it('/api/regulation/compare: H and D with coverage, dispersion per pillar, treaty Jaccard', async () => {
    const body = await ok('/api/regulation/compare?economies=PER~CHL~MEX');
    expect(body.rows).toHaveLength(3);
    for (const r of body.rows) {
      expect(r.h_coverage).toBeGreaterThan(0);
      expect(r.treaty_coverage).toBeGreaterThan(0);
    }
    expect(body.h.value).toHaveLength(3);
    expect(body.h.value[0][0]).toBe(0);
    expect(body.dispersion).toHaveLength(12);
    const csv = await call('/api/regulation/compare.csv?economies=PER~CHL~MEX');
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n')[0]).toBe('a,b,h,h_coverage,d,d_coverage,treaty_jaccard,treaty_coverage,treaty_shared,enough_coverage');
  });

  it('/api/regulation/pair puts both answers side by side', async () => {
    const body = await ok('/api/regulation/pair?a=PER&b=CHL');
    const r = body.rows.find((x: any) => x.indicator_id === '4.4');
    expect(r).toMatchObject({ a_score: 0, b_score: 0, differ: false });
    expect(body.rows.find((x: any) => x.indicator_id === '6.1').differ).toBeNull();
    expect(body.h.coverage).toBeGreaterThan(0);
  });

  it('/api/regulation/simulate: scores before/after, contributions, distances, ranked reforms', async () => {
    const body = await ok('/api/regulation/simulate?economy=PER&partners=CHL~MEX~COL&edit=12.5:a');
    const r = body.rows.find((x: any) => x.indicator_id === '12.5');
    expect(r).toMatchObject({ edited: true, category_before: '12.5.c', score_before: 0, category_after: '12.5.a', score_after: 1 });
    expect(r.contribution_after).toBeGreaterThan(0);
    expect(body.overall.after.score).toBeGreaterThan(body.overall.before.score);
    expect(body.changes).toEqual([expect.objectContaining({ indicator_id: '12.5', raises_restrictiveness: true })]);
    expect(body.partners.map((p: any) => p.economy)).toEqual(['CHL', 'MEX', 'COL']);
    expect(body.reforms.length).toBeGreaterThan(0);
    expectLiberalisingFirst(body.reforms);
    // Reforms are ranked from the scenario: they start from the mean distance after the edits,
    // and 12.5 is offered from its edited answer (a), not from the unedited one (c).
    for (const x of body.reforms) expect(x.mean_distance_before).toBe(body.mean_distance.after);
    for (const x of body.reforms.filter((x: any) => x.indicator_id === '12.5')) expect(x).toMatchObject({ from: '12.5.a', from_unknown: false });
    expect(body.reforms.some((x: any) => x.indicator_id === '12.5' && x.to === '12.5.a')).toBe(false);
  });

  it('/api/regulation/simulate: hypotheses for unknown answers are listed apart; applying the top one moves the list on', async () => {
    const base = await ok('/api/regulation/simulate?economy=PER&partners=CHL~MEX~COL');
    expect(base.reforms.every((x: any) => !x.from_unknown)).toBe(true);
    const top = base.hypotheses[0];
    expect(top.gain).toBeGreaterThan(0);
    expect(top).toMatchObject({ from_unknown: true, from: null, from_score: null, mean_distance_before: base.mean_distance.before });
    expect(top.partners.map((p: any) => p.economy)).toEqual(['CHL', 'MEX', 'COL']);
    const to = top.to.slice(top.indicator_id.length + 1);
    const after = await ok(`/api/regulation/simulate?economy=PER&partners=CHL~MEX~COL&edit=${top.indicator_id}:${to}`);
    expect(after.mean_distance.before).toBe(base.mean_distance.before);
    expect(after.mean_distance.after).toBeCloseTo(top.mean_distance_after, 12);
    expect(after.changes).toEqual([expect.objectContaining({ indicator_id: top.indicator_id, raises_restrictiveness: null })]);
    expect(after.hypotheses.some((x: any) => x.indicator_id === top.indicator_id)).toBe(false);
    for (const x of after.reforms.filter((x: any) => x.indicator_id === top.indicator_id)) expect(x).toMatchObject({ from: top.to, from_unknown: false });
  });

  it('/api/regulation/simulate: each goal ranks liberalising reforms first; gain alone may not', async () => {
    for (const goal of ['partners', 'best_practice', 'average']) {
      const body = await ok(`/api/regulation/simulate?economy=THA&partners=MYS~SGP~AUS&goal=${goal}`);
      expect(body.goal).toBe(goal);
      expect(body.reforms.length, goal).toBeGreaterThan(0);
      expectLiberalisingFirst(body.reforms);
    }
    const byGain = await ok('/api/regulation/simulate?economy=THA&partners=MYS~SGP~AUS&order=gain');
    const gains = byGain.reforms.map((x: any) => x.gain);
    expect(gains).toEqual([...gains].sort((x: number, y: number) => y - x));
    const best = await ok('/api/regulation/simulate?economy=THA&partners=MYS~SGP~AUS&goal=best_practice');
    for (const r of best.reforms) {
      const partnerScores = r.partners.map((p: any) => p.score).filter((x: any) => x !== null);
      expect(r.to_score).toBe(Math.min(...partnerScores));
      expect(r.overall_after).toBeLessThan(r.overall_before);
    }
  });
});

describe('ESCAP measures, corrections and the coverage gate', () => {
  it('/api/regulation/economies/THA: a "Not correct" measure with its requested change; corrected scores differ', async () => {
    const rec = await ok('/api/regulation/economies/THA');
    expect(rec.scores_mode).toBe('recorded');
    const disputed = rec.escap_measures.filter((m: any) => m.gov_feedback === 'Not correct');
    expect(disputed.length).toBeGreaterThan(0);
    expect(disputed.some((m: any) => /Change the score/.test(m.gov_action ?? ''))).toBe(true);
    const cor = await ok('/api/regulation/economies/THA?scores=corrected');
    expect(cor.scores_mode).toBe('corrected');
    const a = rec.rows.find((r: any) => r.indicator_id === '9.4');
    const b = cor.rows.find((r: any) => r.indicator_id === '9.4');
    expect(a).toMatchObject({ basis: 'escap', score: 0.5 });
    expect(b.score).toBe(0);
    expect(b.set_aside.length).toBe(1);
    expect(rec.sources.some((s: any) => s.title === 'ESCAP RDTII 2.1 Regulatory Database' && s.license === 'ESCAP; terms not stated; attribution')).toBe(true);
    expect((await call('/api/regulation/economies/THA?scores=guessed')).status).toBe(400);
  });

  it('Lao PDR\'s questions and the legal inventory are served; CSV twins carry them', async () => {
    const lao = await ok('/api/regulation/escap-measures?economy=LAO');
    expect(lao.rows.filter((m: any) => m.gov_question).length).toBeGreaterThan(0);
    const inv = await ok('/api/regulation/legal-inventory?economy=SGP&indicator=7.1');
    expect(inv.rows.length).toBeGreaterThan(0);
    expect(inv.rows.every((r: any) => r.iso3 === 'SGP' && r.indicator_id === '7.1')).toBe(true);
    const csv = await call('/api/regulation/escap-measures.csv?economy=THA&feedback=Not%20correct');
    expect(csv.status).toBe(200);
    expect(csv.text.split('\n')[0]).toContain('gov_action');
    const meta = await ok('/api/regulation/escap-measures.metadata.json?economy=THA');
    expect(JSON.stringify(meta)).toContain('terms not stated');
  });

  it('/api/regulation/compare gates scores and pairs by coverage', async () => {
    const body = await ok('/api/regulation/compare?economies=THA~MYS~PER~CHL');
    const min = body.min_coverage;
    for (const s of body.scores) expect(s.enough_coverage).toBe(s.coverage >= min);
    expect(body.scores.find((s: any) => s.iso3 === 'THA').enough_coverage).toBe(true);
    expect(body.scores.find((s: any) => s.iso3 === 'PER').enough_coverage).toBe(false);
    for (const r of body.rows) expect(r.enough_coverage).toBe(r.h_coverage >= min && r.d_coverage >= min);
    expect(body.rows.find((r: any) => r.a === 'THA' && r.b === 'MYS').enough_coverage).toBe(true);
    expect(body.rows.find((r: any) => r.a === 'PER' && r.b === 'CHL').enough_coverage).toBe(false);
    // ESCAP's attribution leads the source line when its measures are among the values.
    expect(body.sources[0]).toMatchObject({ title: 'ESCAP RDTII 2.1 Regulatory Database', license: 'ESCAP; terms not stated; attribution' });
  });
});

describe('writes', () => {
  const measure = { iso3: 'PER', indicator_id: '6.1', category_id: '6.1.a', title: 'Ley X sobre datos', coverage: 'horizontal', urls: ['https://a.pe/x'] };

  it('without PUENTE_EDITOR_TOKEN, writes are disabled (403); a wrong token is 401', async () => {
    const off = await post('/api/regulation/measures', measure, {}, noEditing);
    expect(off.status).toBe(403);
    expect(off.body.error).toMatch(/editing is disabled/);
    expect((await post('/api/regulation/measures', measure, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await call('/api/regulation/measures', { method: 'POST', body: JSON.stringify(measure) })).status).toBe(401);
    expect((await ok('/api/regulation/measures')).rows).toEqual([]);
  });

  it('create, update, delete: each scored or not as its status says, each in the audit log with its actor', async () => {
    const created = await post('/api/regulation/measures', measure, { 'x-puente-actor': 'focal-point-PE' });
    expect(created.status).toBe(200);
    const id = created.body.measure.id;
    expect(created.body.measure).toMatchObject({ status: 'in_force', framework_version: 'rdtii-2.1' });
    let per = await ok('/api/regulation/economies/PER');
    expect(per.rows.find((r: any) => r.indicator_id === '6.1')).toMatchObject({ score: 1, basis: 'measures', measures: [id] });

    const dup = await post('/api/regulation/measures', { ...measure, id });
    expect(dup.status).toBe(409);
    const badCategory = await post('/api/regulation/measures', { ...measure, category_id: '7.1.a' });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.error).toMatch(/category_id/);

    const updated = await post(`/api/regulation/measures/${id}`, { status: 'pending' });
    expect(updated.status).toBe(200);
    per = await ok('/api/regulation/economies/PER');
    expect(per.rows.find((r: any) => r.indicator_id === '6.1')).toMatchObject({ score: null, pending: [id] });
    expect((await post('/api/regulation/measures/nope', { status: 'pending' })).status).toBe(404);
    expect((await post(`/api/regulation/measures/${id}`, { coverage: 'everywhere' })).status).toBe(400);

    const audit = await ok(`/api/regulation/audit?entity_id=${id}`);
    expect(audit.rows.map((r: any) => [r.action, r.actor])).toEqual([['update', 'editor token'], ['create', 'focal-point-PE']]);
    expect(JSON.parse(audit.rows[0].before).status).toBe('in_force');
    expect(JSON.parse(audit.rows[0].after).status).toBe('pending');

    const deleted = await post(`/api/regulation/measures/${id}/delete`, {});
    expect(deleted.status).toBe(200);
    expect((await ok('/api/regulation/measures')).rows).toEqual([]);
    expect((await ok(`/api/regulation/audit?entity_id=${id}`)).rows[0]).toMatchObject({ action: 'delete', after: null });
  });

  it('JSON export -> {"measures": [...]} import, and CSV export -> puente import, round trip', async () => {
    const many = [
      { ...measure, id: 'per-6-1' },
      { iso3: 'CHL', indicator_id: '12.5', category_id: '12.5.c', title: 'Ley 21.713', coverage: 'horizontal', urls: 'https://bcn.cl/1 https://bcn.cl/2', in_force_since: '2024-10' },
    ];
    const imported = await post('/api/regulation/measures', { measures: many });
    expect(imported.status).toBe(200);
    expect(imported.body.written).toBe(2);
    const exported = (await ok('/api/regulation/measures')).rows;
    expect(exported).toHaveLength(2);
    // The JSON rows post back unchanged: nothing new is written.
    expect((await post('/api/regulation/measures', { measures: exported })).body.written).toBe(0);
    const csv = await call('/api/regulation/measures.csv');
    expect(csv.status).toBe(200);
    const file = join(dir, 'measures-export.csv');
    writeFileSync(file, csv.text);
    const report = await importFiles(ctx, [file]);
    expect(report.files).toEqual([{ file, importer: 'regulation/measures', rows: 0 }]);
    expect((await ok('/api/regulation/measures')).rows).toEqual(exported);
    expect((await ok('/api/regulation/measures?economy=CHL&indicator=12.5&status=in_force')).rows.map((r: any) => r.urls)).toEqual([['https://bcn.cl/1', 'https://bcn.cl/2']]);
  });
});
