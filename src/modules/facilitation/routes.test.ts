import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appsPerEngine, get, json } from '../../../test/support/app.js';
import { csvRecords } from '../../../test/support/csv.js';
import { engines } from '../../../test/support/engines.js';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import { importFiles } from '../../bootstrap.js';
import { listAudit } from '../../platform/audit.js';
import { ImportError } from '../../platform/ingest/report.js';
import { precise } from '../../platform/http/render.js';
import { MEMBERS } from '../countries/index.js';
import { economyScores, economyStatuses, tfMeasureName, tfMeasures, tfNextMeasures } from './index.js';
import { isSecondary } from './ingest.js';

// The trade facilitation API in process over ../shared/data/facilitation and the low-value export
// channels, on DuckDB and PostgreSQL (the store's SQL on both); expectations come from the files.
const TF = join(SHARED_DATA, 'facilitation');
const CHANNELS = join(SHARED_DATA, 'processes', 'low_value_export_channels.csv');
const scores = csvRecords(readFileSync(join(TF, 'tf_scores.csv'), 'utf8'));
const measures = csvRecords(readFileSync(join(TF, 'tf_measures.csv'), 'utf8'));
const channels = csvRecords(readFileSync(CHANNELS, 'utf8'));
const TOKEN = 'tf-editor-token-0123456789';
const NOW = new Date('2026-02-01T10:00:00Z');

const setup = appsPerEngine(NOW, async (ctx) => {
  ctx.config.PUENTE_EDITOR_TOKEN = TOKEN;
  await importFiles(ctx, [TF, CHANNELS]);
});

const post = (app: { fetch: (r: Request) => Response | Promise<Response> }, path: string, body: unknown, token: string | null = TOKEN) =>
  app.fetch(new Request(`http://puente.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), 'x-puente-actor': 'focal.point@pry' }, body: JSON.stringify(body) }));

describe.each(engines)('trade facilitation on %s', (engine) => {
  it('imports every score, status and channel of the shared files', async () => {
    const { ctx } = await setup(engine);
    const health = await json(await (await setup(engine)).app, '/api/-/health');
    expect(health.counts.tf_scores).toBe(scores.length);
    expect(health.counts.tf_statuses).toBe(measures.length);
    expect(health.counts.tf_channels).toBe(channels.length);
    expect(ctx).toBeDefined();
  });

  it('/api/facilitation/scores: published values as published, secondary labelled, conflicts kept', async () => {
    const { app } = await setup(engine);
    const mex = await json(app, '/api/facilitation/scores?country=MEX&round=2025');
    const overall = mex.rows.find((r: { group: string }) => r.group === 'overall');
    const file = scores.find((r) => r.iso3 === 'MEX' && r.round === '2025' && r.group === 'overall')!;
    expect(overall.score_pct).toBe(precise(Number(file.score_pct)));
    // The five published group scores give 74 of 93 points: the arithmetic check agrees.
    expect(overall.computed_from).toBe('group_scores');
    expect(overall.computed_pct).toBe(79.57);
    expect(overall.disagreement).toBe(false);

    const pry = await json(app, '/api/facilitation/scores?country=PRY&round=2021');
    const o = pry.rows.find((r: { group: string }) => r.group === 'overall');
    const official = scores.find((r) => r.iso3 === 'PRY' && r.round === '2021' && r.group === 'overall' && r.source_url.includes('untfsurvey.org'))!;
    const quoted = scores.find((r) => r.iso3 === 'PRY' && r.round === '2021' && r.group === 'overall' && !r.source_url.includes('untfsurvey.org'))!;
    expect(o.score_pct).toBe(Number(official.score_pct));
    expect(o.secondary).toBe(false);
    expect(o.other_values).toContain(quoted.score_pct);
    expect(o.other_values).toContain('secondary');

    // Every secondary row of the file is secondary in the API (the value shown is secondary only when no official one exists).
    const all = await json(app, '/api/facilitation/scores?_size=max');
    for (const r of scores.filter((x) => isSecondary(x.source_url, x.notes))) {
      const hasOfficial = scores.some((x) => x.iso3 === r.iso3 && x.round === r.round && x.group === r.group && !isSecondary(x.source_url, x.notes));
      if (hasOfficial) continue;
      const row = all.rows.find((x: { iso3: string; round: number; group: string }) => x.iso3 === r.iso3 && x.round === Number(r.round) && x.group === r.group);
      expect(row?.secondary, `${r.iso3} ${r.round} ${r.group}`).toBe(true);
    }
  });

  it('a complete group of statuses is computed and compared with the published score', async () => {
    const { app } = await setup(engine);
    const rows = (await json(app, '/api/facilitation/scores?country=HND&round=2023')).rows;
    const transparency = rows.find((r: { group: string }) => r.group === 'transparency');
    const st = measures.filter((m) => m.iso3 === 'HND' && m.round === '2023' && m.measure.startsWith('transparency:'));
    expect(st).toHaveLength(5);
    const expected = Math.round((st.reduce((s, m) => s + Number(m.status_0to3), 0) / 15) * 100 * 100) / 100;
    expect(transparency.computed_pct).toBe(expected);
    expect(transparency.computed_from).toBe('statuses');
    expect(transparency.disagreement).toBe(Math.abs(transparency.published_pct - expected) > 0.005);
  });

  it('/api/facilitation/comparison: one round, averages pooled with n, and the gate', async () => {
    const { app } = await setup(engine);
    const c = await json(app, '/api/facilitation/comparison?round=2025');
    const withScore = new Set(scores.filter((r) => r.round === '2025').map((r) => r.iso3));
    expect(c.rows.map((r: { iso3: string }) => r.iso3).sort()).toEqual([...withScore].sort());
    expect(c.without_score.length + c.rows.length).toBe(Object.keys(MEMBERS).length);
    const overall = c.rows.map((r: { overall: number | null }) => r.overall).filter((v: number | null) => v !== null);
    const avg = c.averages.fealac.overall;
    expect(avg.n).toBe(overall.length);
    if (avg.n >= avg.min_n) expect(avg.value).toBeCloseTo(overall.reduce((s: number, v: number) => s + v, 0) / overall.length, 9);
    else expect(avg.value).toBeNull();
    // East Asia with few scores: "not enough data", its n still given.
    const ea = c.averages.east_asia.overall;
    expect(ea.enough_data).toBe(ea.n >= ea.min_n);
    const res = await get(app, '/api/facilitation/comparison?round=2016');
    expect(res.status).toBe(404);
  });

  it('an economy: averages by round with n, next measures, gaps, channels; CSV twins equal the rows', async () => {
    const { app } = await setup(engine);
    const av = await json(app, '/api/facilitation/economies/PRY/averages?group=mercosur');
    const rounds = [...new Set(scores.filter((r) => r.iso3 === 'PRY' && r.group === 'overall').map((r) => Number(r.round)))].sort();
    expect(av.rows.filter((r: { group: string; economy: number | null }) => r.group === 'overall' && r.economy !== null).map((r: { round: number }) => r.round)).toEqual(rounds);
    expect(av.region).toBe('Latin America');

    const next = await json(app, '/api/facilitation/economies/PRY/next');
    expect(next.rows.length).toBeGreaterThan(0);
    const stages = next.rows.map((r: { stage: string }) => r.stage);
    expect([...stages].sort()).toEqual(stages);
    for (const r of next.rows) expect(r.status === null || r.status < next.implemented_min).toBe(true);
    const csv = csvRecords(await (await get(app, '/api/facilitation/economies/PRY/next.csv')).text());
    expect(csv.map((r) => r.measure)).toEqual(next.rows.map((r: { measure: string }) => r.measure));

    const ch = await json(app, '/api/facilitation/economies/ARG/channels');
    expect(ch.rows).toHaveLength(channels.filter((r) => r.iso3 === 'ARG').length);
    expect(ch.sources.length).toBeGreaterThan(0);
    expect((await get(app, '/api/facilitation/economies/XXX/next')).status).toBe(404);
    expect((await get(app, '/api/facilitation/economies/PRY/next?peers=ARG~ZZZ')).status).toBe(400);
  });

  it('index.ts gives other modules the measures, an economy\'s scores and statuses, and the next measures', async () => {
    const { app, ctx } = await setup(engine);
    expect(tfMeasures().map((m) => m.id)).toContain('single_window');
    expect(tfMeasureName('risk_management')).toBe('Risk management');
    expect(tfMeasureName('nope')).toBeNull();
    const rows = await economyScores(ctx.db.kysely, 'MEX');
    expect(rows.find((r) => r.round === 2025 && r.group === 'overall')?.score_pct).toBe(79.57);
    const st = await economyStatuses(ctx.db.kysely, 'PRY');
    const latest = measures.filter((m) => m.iso3 === 'PRY' && m.measure.startsWith('transparency: Publication')).sort((a, b) => Number(b.round) - Number(a.round))[0];
    expect(st.get('publication_online')).toEqual({ status: Number(latest.status_0to3), round: Number(latest.round) });
    const api = await json(app, '/api/facilitation/economies/PRY/next');
    const mine = await tfNextMeasures(ctx.db.kysely, 'PRY', { prereqMin: api.prereq_min, implementedMin: api.implemented_min, peerMin: api.peer_min_n });
    expect(mine.map((r) => [r.measure, r.peer_share === null ? null : precise(r.peer_share)])).toEqual(api.rows.map((r: { measure: string; peer_share: number | null }) => [r.measure, r.peer_share]));
  });

  it('the framework and the sequence are served as data', async () => {
    const { app } = await setup(engine);
    const fw = await json(app, '/api/facilitation/framework');
    expect(fw.rows.filter((m: { core: boolean }) => m.core)).toHaveLength(32); // 31 scored + the unverified tenth paperless measure
    expect(fw.framework.rules.core_measures).toBe(31);
    const seq = await json(app, '/api/facilitation/sequence');
    expect(seq.rows.map((r: { stage: string }) => r.stage)).toContain('A');
    expect(seq.sequence.links.every((l: { source: string }) => l.source.length > 0)).toBe(true);
  });

  it('edits: token first, then the body; all or nothing; every write in the audit log', async () => {
    const { app, ctx } = await setup(engine);
    const body = { statuses: [{ iso3: 'PRY', round: 2025, measure: 'appeal_mechanism', status: 2, source_url: 'https://example.org/pry' }] };
    expect((await post(app, '/api/facilitation/statuses', body, null)).status).toBe(401);
    expect((await post(app, '/api/facilitation/statuses', body, 'wrong')).status).toBe(401);
    const bad = await post(app, '/api/facilitation/statuses', { statuses: [...body.statuses, { iso3: 'PRY', round: 2025, measure: 'no_such', status: 1 }] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toContain('statuses[1].measure');
    expect((await json(app, '/api/facilitation/statuses?country=PRY&round=2025')).rows.some((r: { measure: string }) => r.measure === 'appeal_mechanism')).toBe(false);

    const ok = await post(app, '/api/facilitation/statuses', body);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ written: 1, deleted: 0 });
    const st = (await json(app, '/api/facilitation/statuses?country=PRY&round=2025')).rows.find((r: { measure: string }) => r.measure === 'appeal_mechanism');
    expect(st).toMatchObject({ status: 2, entered_by: 'focal.point@pry' });
    const audit = await listAudit(ctx.db.kysely, { entity: 'tf_statuses', entityId: 'PRY/2025/appeal_mechanism' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'focal.point@pry', action: 'create' });

    // The whole transparency group of PRY 2025 is now known: computed beside the published score.
    const t = (await json(app, '/api/facilitation/scores?country=PRY&round=2025')).rows.find((r: { group: string }) => r.group === 'transparency');
    const known = measures.filter((m) => m.iso3 === 'PRY' && m.round === '2025' && m.measure.startsWith('transparency:'));
    if (known.length === 4) {
      const sum = known.reduce((s, m) => s + Number(m.status_0to3), 0) + 2;
      expect(t.computed_pct).toBe(Math.round((sum / 15) * 10000) / 100);
      expect(t.disagreement).toBe(Math.abs(t.published_pct - t.computed_pct) > 0.005);
    }

    const del = await post(app, '/api/facilitation/statuses', { statuses: [{ iso3: 'PRY', round: 2025, measure: 'appeal_mechanism', status: null }] });
    expect(await del.json()).toMatchObject({ written: 0, deleted: 1 });
    const log = await json(app, '/api/facilitation/audit');
    expect(log.rows.filter((r: { entity_id: string }) => r.entity_id === 'PRY/2025/appeal_mechanism').map((r: { action: string }) => r.action).sort()).toEqual(['create', 'delete']);
  });
});

describe('bad files', () => {
  const broken = (edit: (lines: string[]) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-bad-'));
    const lines = readFileSync(join(TF, 'tf_measures.csv'), 'utf8').replace(/\r\n/g, '\n').trimEnd().split('\n');
    edit(lines);
    writeFileSync(join(dir, 'tf_measures.csv'), lines.join('\n') + '\n');
    return dir;
  };
  const setupBad = appsPerEngine(NOW, async () => {});

  it('a bad status or an unknown measure names file, line and field, and nothing is written', async () => {
    const { ctx, app } = await setupBad('duckdb');
    for (const [dir, where] of [
      [broken((l) => (l[3] = l[3].replace(/,(\d),(https?:)/, ',7,$2'))), '4:status_0to3'],
      [broken((l) => (l[5] = l[5].replace('transparency:', 'transparency: Not a measure'))), '6:measure'],
      [broken((l) => (l[6] = l[6].replace('transparency:', 'customs:'))), '7:measure'],
    ] as const) {
      const err = await importFiles(ctx, [dir]).catch((e) => e);
      expect(err, String(err)).toBeInstanceOf(ImportError);
      expect(String(err)).toContain('tf_measures.csv');
      expect((err as ImportError).issues.map((i) => `${i.line}:${i.field}`)).toEqual([where]);
    }
    expect((await json(app, '/api/-/health')).counts.tf_statuses).toBe(0);
  });
});
