import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, freshDatabase } from '../../../test/support/engines.js';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import type { Database, Engine } from '../../platform/db/index.js';
import { runImport } from '../../platform/ingest/run.js';
import { modules } from '../../modules.js';
import { loadAnswers } from './answers.js';
import { meetsCoverage, planReforms, scoreEconomy, type Answers } from './compute.js';
import { categoryForScore, inventoryIndicator, readCorrection, scoreFromEscap, splitUrls, type EscapMeasureScore } from './escap.js';
import { indicatorsOf, listFrameworks, type Indicator } from './framework.js';
import { importers } from './ingest.js';
import { listEscapMeasures, listLegalInventory, sourcesOf } from './store.js';

const fw = listFrameworks()[0];
const ind = (id: string): Indicator => indicatorsOf(fw).find((x) => x.indicator.id === id)!.indicator;
let n = 0;
const m = (score: number, corrected: number | null = score): EscapMeasureScore => ({ id: `m${n++}`, raw_score: score, corrected_score: corrected, correction: corrected === score ? null : corrected === null ? 'set_aside' : 'changed' });

describe('indicator scores from ESCAP measures (hand-worked)', () => {
  it('the category is the one the measure\'s score identifies', () => {
    expect(categoryForScore(ind('3.1'), 0.8)).toBe('3.1.b');
    expect(categoryForScore(ind('1.4'), 0.5)).toBe('1.4.c');
    expect(() => categoryForScore(ind('6.1'), 0.8)).toThrow(/0.8 is not a score of indicator 6.1 \(1, 0.5, 0\)/);
  });

  it('most restrictive measure decides (6.1: 0 and 0.5 => 0.5)', () => {
    expect(scoreFromEscap(ind('6.1'), [m(0), m(0.5)], 'recorded')).toMatchObject({ score: 0.5, categoryId: '6.1.b', kind: 'measures' });
    expect(scoreFromEscap(ind('6.1'), [m(0), m(0)], 'recorded')).toMatchObject({ score: 0, categoryId: '6.1.c' });
  });

  it('escalation: more than one category-2 measure => 1 (6.1: 0.5 and 0.5 => 1; 3.4: two 0.25 => 0.5)', () => {
    expect(scoreFromEscap(ind('6.1'), [m(0.5), m(0.5)], 'recorded')).toMatchObject({ score: 1, categoryId: '6.1.a', kind: 'escalated' });
    expect(scoreFromEscap(ind('3.4'), [m(0.25), m(0.25), m(0)], 'recorded')).toMatchObject({ score: 0.5, categoryId: '3.4.b', kind: 'escalated' });
    // 6.4 has no escalation rule: two 0.5 measures stay 0.5.
    expect(scoreFromEscap(ind('6.4'), [m(0.5), m(0.5)], 'recorded')).toMatchObject({ score: 0.5 });
  });

  it('"Lack of ..." indicators: the strongest framework in force decides (7.1: 1 and 0 => 0)', () => {
    expect(scoreFromEscap(ind('7.1'), [m(1), m(0)], 'recorded')).toMatchObject({ score: 0, categoryId: '7.1.c' });
    expect(scoreFromEscap(ind('7.1'), [m(1)], 'recorded')).toMatchObject({ score: 1 });
  });

  it('count rule 1.4: 0.25 per measure, a 0.5 row stands for two, cap 1, 0 = none', () => {
    expect(scoreFromEscap(ind('1.4'), [m(0.5)], 'recorded')).toMatchObject({ score: 0.5, categoryId: '1.4.c', kind: 'count' });
    expect(scoreFromEscap(ind('1.4'), [m(0.25), m(0.25)], 'recorded')).toMatchObject({ score: 0.5 });
    expect(scoreFromEscap(ind('1.4'), [m(0.5), m(0.5), m(0.25)], 'recorded')).toMatchObject({ score: 1, categoryId: '1.4.a' });
    expect(scoreFromEscap(ind('1.4'), [m(0)], 'recorded')).toMatchObject({ score: 0, kind: 'absence' });
  });

  it('with corrections: a changed score replaces the recorded one; a set-aside measure is not scored; all set aside => unknown', () => {
    expect(scoreFromEscap(ind('9.4'), [m(0.5, null), m(0)], 'recorded')).toMatchObject({ score: 0.5 });
    const corrected = scoreFromEscap(ind('9.4'), [m(0.5, null), m(0)], 'corrected');
    expect(corrected).toMatchObject({ score: 0 });
    expect(corrected.setAside).toHaveLength(1);
    expect(scoreFromEscap(ind('12.8'), [m(1, 0)], 'corrected')).toMatchObject({ score: 0 });
    expect(scoreFromEscap(ind('12.8'), [m(1, null)], 'corrected')).toMatchObject({ score: null, kind: 'unknown' });
  });

  it('reads the verification loop: "Change the score to 0.00", "Maintain ...", "TO CHECK" / no action', () => {
    expect(readCorrection('Correct', null, 1)).toEqual({ correction: null, correctedScore: 1 });
    expect(readCorrection('Not correct', 'Change the score to 0.00. Add clarifications', 1)).toEqual({ correction: 'changed', correctedScore: 0 });
    expect(readCorrection('Not correct', 'Maintain score & update text', 0.5)).toEqual({ correction: 'kept', correctedScore: 0.5 });
    expect(readCorrection('Not correct', 'TO CHECK', 0.5)).toEqual({ correction: 'set_aside', correctedScore: null });
    expect(readCorrection('Not correct', null, 1)).toEqual({ correction: 'set_aside', correctedScore: null });
  });

  it('maps the legal inventory\'s labels and splits reference URLs', () => {
    expect(inventoryIndicator('Lack of effective trade secrets legal framework')).toBe('4.10');
    expect(inventoryIndicator('Licensing scheme for e-commerce providers (B2B and B2C)\nException: ...')).toBe('12.3');
    expect(inventoryIndicator('Something else')).toBeNull();
    expect(splitUrls('https://a.org/x.pdf;\n\nhttps://b.org/y | https://c.org/z')).toEqual(['https://a.org/x.pdf', 'https://b.org/y', 'https://c.org/z']);
  });
});

describe('coverage gate and the reform planner', () => {
  it('gates at the minimum share of weights known', () => {
    expect(meetsCoverage(0.7, 0.7)).toBe(true);
    expect(meetsCoverage(0.6999, 0.7)).toBe(false);
  });

  // A: 6.1 none (0), 6.2 local storage (1). Partner: 6.1 ban (1), 6.2 none (0).
  // Matching the partner on 6.1 (weight 0.38, restricting) cuts H more than on 6.2 (0.12, liberalising).
  const A: Answers = { '6.1': { categoryId: '6.1.c', score: 0 }, '6.2': { categoryId: '6.2.a', score: 1 } };
  const P: Answers = { '6.1': { categoryId: '6.1.a', score: 1 }, '6.2': { categoryId: '6.2.c', score: 0 }, '6.3': { categoryId: '6.3.b', score: 0 } };

  it('by default no restricting reform ranks above a liberalising one; by gain alone the bigger cut comes first', () => {
    const plan = planReforms(fw, A, { P }, { goal: 'partners' });
    expect(plan.reforms[0]).toMatchObject({ indicatorId: '6.2', toCategoryId: '6.2.c', direction: 'liberalising' });
    const firstRestricting = plan.reforms.findIndex((r) => r.direction === 'restricting');
    const lastLiberalising = plan.reforms.map((r) => r.direction).lastIndexOf('liberalising');
    expect(firstRestricting).toBeGreaterThan(lastLiberalising);
    const byGain = planReforms(fw, A, { P }, { goal: 'partners', liberalisingFirst: false });
    expect(byGain.reforms[0]).toMatchObject({ indicatorId: '6.1', toCategoryId: '6.1.a', direction: 'restricting' });
    expect(byGain.reforms[0].gain!).toBeGreaterThan(byGain.reforms.find((r) => r.indicatorId === '6.2')!.gain!);
    // Unknown answers are hypotheses, listed apart.
    expect(plan.reforms.every((r) => !r.fromUnknown)).toBe(true);
    expect(plan.hypotheses.length).toBeGreaterThan(0);
    expect(plan.hypotheses.every((r) => r.fromUnknown)).toBe(true);
    expect(plan.hypotheses[0]).toMatchObject({ indicatorId: '6.3', toCategoryId: '6.3.b', partners: [{ economy: 'P', categoryId: '6.3.b', score: 0 }] });
  });

  it('best practice moves only toward the least restrictive partner answer; average toward the regional mean', () => {
    const Q: Answers = { '6.1': { categoryId: '6.1.b', score: 0.5 }, '6.2': { categoryId: '6.2.b', score: 0.5 } };
    const best = planReforms(fw, A, { P, Q }, { goal: 'best_practice' });
    // 6.2: best partner answer is 6.2.c (0): overall falls. 6.1: best is 6.1.c = A's own answer, nothing to do.
    expect(best.reforms.map((r) => `${r.indicatorId}:${r.toCategoryId}`)).toEqual(['6.2:6.2.c']);
    expect(best.reforms[0].gain!).toBeCloseTo(best.reforms[0].overallBefore! - best.reforms[0].overallAfter!, 12);
    const avg = planReforms(fw, A, { P, Q }, { goal: 'average', region: { P, Q, A } });
    // Regional mean on 6.2 = (0 + 0.5 + 1) / 3 = 0.5 => 6.2.b; on 6.1 = 0.5 => 6.1.b (restricting, ranked after).
    expect(avg.reforms.map((r) => `${r.indicatorId}:${r.toCategoryId}:${r.direction}`)).toEqual(['6.2:6.2.b:liberalising', '6.1:6.1.b:restricting']);
    expect(avg.reforms[0].target).toBeCloseTo(0.5, 12);
  });
});

// ------------------------------------------------------------------- the whole ESCAP file

const ESCAP_DIR = join(SHARED_DATA, 'regulation', 'escap-rdtii-2.1');
type Row = Record<string, string>;
const fileRows = parse(readFileSync(join(ESCAP_DIR, 'measures_fealac.csv')), { columns: true }) as Row[];
const inventoryRows = parse(readFileSync(join(ESCAP_DIR, 'legal_inventory_aus_mys_sgp.csv')), { columns: true }) as Row[];
const clock = () => new Date('2026-01-01T00:00:00Z');
const results: Partial<Record<Engine, string>> = {};

describe.each(engines)('ESCAP RDTII 2.1 import on %s', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(engine);
    for (const mod of modules) await mod.seed?.(db.kysely, { clock });
    await runImport(db, importers, [ESCAP_DIR], { now: clock() });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('lands every row whole, with its origin and every reference URL', async () => {
    const rows = await listEscapMeasures(db.kysely);
    expect(rows).toHaveLength(fileRows.length);
    const byOrigin = new Map(rows.map((r) => [`${r.iso3}|${r.sheet}|${r.sheet_row}`, r]));
    for (const f of fileRows) {
      const r = byOrigin.get(`${f.iso3}|${f.sheet}|${f.sheet_row}`)!;
      expect(r, `${f.iso3} row ${f.sheet_row}`).toBeDefined();
      expect(r.raw_score).toBe(Number(f.raw_score));
      expect(r.indicator_id).toBe(f.indicator_id_canonical || f.indicator_id);
      expect(r.indicator_id_source).toBe(f.indicator_id);
      expect(r.workbook).toBe(f.workbook);
      expect(r.act_or_practice).toBe(f.act_or_practice.trim());
      for (const u of f.references.match(/https?:\/\/[^\s|;]+[^\s|;.,)]/g) ?? []) expect(r.urls).toContain(u);
      expect(r.gov_feedback ?? '').toBe(f.gov_verification_feedback);
      expect(r.gov_question ?? '').toBe(f.gov_verification_question.trim());
    }
    expect(rows.filter((r) => r.indicator_id_source === '4.1').every((r) => r.indicator_id === '4.10')).toBe(true);
    expect(rows.filter((r) => r.indicator_id_source === '12.01').every((r) => r.indicator_id === '12.1')).toBe(true);
    expect(rows.filter((r) => r.gov_feedback === 'Not correct')).toHaveLength(fileRows.filter((f) => f.gov_verification_feedback === 'Not correct').length);
    const [src] = await sourcesOf(db.kysely, [rows[0].source_id]);
    expect(src).toMatchObject({ title: 'ESCAP RDTII 2.1 Regulatory Database', license: 'ESCAP; terms not stated; attribution' });
    const inv = await listLegalInventory(db.kysely);
    expect(inv).toHaveLength(inventoryRows.length);
    expect(new Set(inv.map((r) => r.iso3))).toEqual(new Set(inventoryRows.map((r) => r.iso3)));
  });

  it('scores every economy from its measures; Thailand\'s corrections change 9.4', async () => {
    const economies = [...new Set(fileRows.map((f) => f.iso3))].sort();
    const out: Record<string, unknown> = {};
    for (const mode of ['recorded', 'corrected'] as const) {
      const loaded = await loadAnswers(db.kysely, fw, economies, '2026-01-01', mode);
      for (const e of economies) {
        const escapIds = new Set(fileRows.filter((f) => f.iso3 === e).map((f) => f.indicator_id_canonical || f.indicator_id));
        const details = loaded.details[e];
        // Every indicator ESCAP coded for the economy is answered from ESCAP's measures.
        for (const id of escapIds) expect(details.find((d) => d.indicator_id === id)!.basis, `${e} ${id} ${mode}`).toMatch(/escap|unknown/);
        const s = scoreEconomy(fw, loaded.answers[e]);
        out[`${e}|${mode}`] = { overall: s.overall, pillars: Object.values(s.pillars).map((p) => [p.pillarId, p.score, p.coverage]), answers: loaded.answers[e] };
      }
      const tha94 = loaded.details.THA.find((d) => d.indicator_id === '9.4')!;
      expect(tha94.disputed.length).toBeGreaterThan(0);
      expect(tha94.score).toBe(mode === 'recorded' ? 0.5 : 0);
    }
    results[engine] = JSON.stringify(out);
  });
});

describe('ESCAP import: both engines', () => {
  it('give identical scores', () => {
    expect(results.duckdb).toBeDefined();
    expect(results.postgres).toBe(results.duckdb);
  });
});
