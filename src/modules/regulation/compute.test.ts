import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS_DIR, loadFramework, type Framework, type Indicator } from './framework.js';
import {
  distanceMatrix,
  heterogeneity,
  jaccard,
  levelGap,
  pillarDispersion,
  rankReforms,
  scoreEconomy,
  scoreIndicator,
  simulate,
  treatyAlignment,
  type Answers,
} from './compute.js';

// A two-pillar toy framework small enough to work every number by hand.
//   Pillar 1 (W 1): 1.1 ordinal w 0.6 [a 1, b 0.5, c 0.5, d 0] (b and c: equally strict, different)
//                   escalation 2 × b => a; absence => d
//                   1.2 binary w 0.4 [a 1 "no framework", b 0 "framework"], least restrictive; absence => a
//   Pillar 2 (W 1): 2.1 count w 0.5 [a 1, b .75, c .5, d .25, e 0], 0.25 per measure cap 1; absence => e
//                   2.2 formula w 0.25, f(x) = 0.1x
//                   2.3 binary w 0.25, non-regulatory [a 1, b 0]; absence => a
const TOY = loadFramework({
  id: 'toy',
  version: '1.0',
  title: 'Toy framework',
  polarity: '0 = open, 1 = restricted',
  aggregation: 'mean of pillars',
  provenance: { sources: ['hand-made for tests'], retrieved: '2026-01-01' },
  scoring: { indicator: '', pillar: '', overall: { method: 'weighted_mean_of_pillars', confirmed: false, source: 'test' } },
  pillars: [
    {
      pillar: 1, id: '1', name: 'Data', weight: 1, weightConfirmed: false, weightSource: 'test', weightsSource: 'test', indicatorWeightsConfirmed: true,
      indicators: [
        {
          id: '1.1', name: 'Local processing', type: 'ordinal', weight: 0.6, weightConfirmed: true,
          options: [
            { id: '1.1.a', criterion: 'all sectors, or >1 category-2', score: 1 },
            { id: '1.1.b', criterion: 'one sector', score: 0.5 },
            { id: '1.1.c', criterion: 'non-personal data', score: 0.5 },
            { id: '1.1.d', criterion: 'none', score: 0 },
          ],
          rules: [
            { kind: 'escalate', from: '1.1.b', minCount: 2, to: '1.1.a', text: '>1 category-2' },
            { kind: 'absence', categoryId: '1.1.d', text: 'no measure' },
          ],
        },
        {
          id: '1.2', name: 'Lack of data protection framework', type: 'binary', weight: 0.4, weightConfirmed: true, select: 'least_restrictive',
          options: [
            { id: '1.2.a', criterion: 'no framework', score: 1 },
            { id: '1.2.b', criterion: 'framework', score: 0 },
          ],
          rules: [{ kind: 'absence', categoryId: '1.2.a', text: 'no framework' }],
        },
      ],
    },
    {
      pillar: 2, id: '2', name: 'Trade', weight: 1, weightConfirmed: false, weightSource: 'test', weightsSource: 'test', indicatorWeightsConfirmed: false,
      indicators: [
        {
          id: '2.1', name: 'Trade defence measures', type: 'count', weight: 0.5, weightConfirmed: false,
          options: [
            { id: '2.1.a', criterion: '>3', score: 1 },
            { id: '2.1.b', criterion: '3', score: 0.75 },
            { id: '2.1.c', criterion: '2', score: 0.5 },
            { id: '2.1.d', criterion: '1', score: 0.25 },
            { id: '2.1.e', criterion: 'none', score: 0 },
          ],
          rules: [
            { kind: 'per_measure', step: 0.25, cap: 1, text: '0.25 per measure, cap 1' },
            { kind: 'absence', categoryId: '2.1.e', text: 'none' },
          ],
        },
        {
          id: '2.2', name: 'Tariff', type: 'formula', weight: 0.25, weightConfirmed: false,
          options: [{ id: '2.2.a', criterion: 'f(x)=0.1x capped at 1', score: null }],
          rules: [{ kind: 'linear', variable: 'x = tariff %', slope: 0.1, intercept: 0, domainMin: 0, text: 'f(x)=0.1x' }],
        },
        {
          id: '2.3', name: 'Not in treaty', type: 'binary', weight: 0.25, weightConfirmed: false, nonRegulatory: true,
          options: [
            { id: '2.3.a', criterion: 'not party', score: 1 },
            { id: '2.3.b', criterion: 'party', score: 0 },
          ],
          rules: [{ kind: 'absence', categoryId: '2.3.a', text: 'not party' }],
        },
      ],
    },
  ],
});

const REAL = loadFramework(JSON.parse(readFileSync(`${FRAMEWORKS_DIR}/rdtii-2.1.json`, 'utf8')));
const ind = (fw: Framework, id: string): Indicator => fw.pillars.flatMap((p) => p.indicators).find((i) => i.id === id)!;
const cat = (categoryId: string) => ({ categoryId, score: null });
const inForce = (categoryId: string | null) => ({ categoryId, status: 'in_force' as const });
const pending = (categoryId: string | null) => ({ categoryId, status: 'pending' as const });

// Economy X: 1.1 b (0.5), 1.2 a (1), 2.1 c (0.5), 2.2 score 0.3, 2.3 unknown.
const X: Answers = { '1.1': cat('1.1.b'), '1.2': cat('1.2.a'), '2.1': cat('2.1.c'), '2.2': { categoryId: null, score: 0.3 } };

describe('scoreIndicator', () => {
  it('takes the most restrictive category among measures in force', () => {
    const r = scoreIndicator(ind(TOY, '1.1'), { measures: [inForce('1.1.d'), inForce('1.1.b')] });
    expect(r).toMatchObject({ score: 0.5, categoryId: '1.1.b', kind: 'measures' });
  });

  it('never scores pending measures', () => {
    // The pending 1.1.a would make it 1 if it were scored.
    const r = scoreIndicator(ind(TOY, '1.1'), { measures: [pending('1.1.a'), inForce('1.1.d')] });
    expect(r).toMatchObject({ score: 0, categoryId: '1.1.d' });
    expect(r.basis).toContain('1 pending');
    // Only pending measures: still unknown, not 0 and not 1.
    expect(scoreIndicator(ind(TOY, '1.1'), { measures: [pending('1.1.a')] })).toMatchObject({ score: null, categoryId: null, kind: 'unknown' });
  });

  it('is unknown, not 0, when nothing is in force and absence is not confirmed', () => {
    expect(scoreIndicator(ind(TOY, '1.1'), {})).toMatchObject({ score: null, categoryId: null, kind: 'unknown' });
    expect(scoreIndicator(ind(REAL, '6.1'), { measures: [] })).toMatchObject({ score: null, kind: 'unknown' });
  });

  it('escalates two category-2 measures to the top category, but not two different 0.5 categories', () => {
    expect(scoreIndicator(ind(TOY, '1.1'), { measures: [inForce('1.1.b'), inForce('1.1.b')] })).toMatchObject({ score: 1, categoryId: '1.1.a', kind: 'escalated' });
    // b + c are both 0.5 but only one is category b: no escalation.
    expect(scoreIndicator(ind(TOY, '1.1'), { measures: [inForce('1.1.b'), inForce('1.1.c')] })).toMatchObject({ score: 0.5, kind: 'measures' });
    // A pending second b does not count towards the escalation.
    expect(scoreIndicator(ind(TOY, '1.1'), { measures: [inForce('1.1.b'), pending('1.1.b')] })).toMatchObject({ score: 0.5, categoryId: '1.1.b' });
    // Real framework: RDTII 2.1 "or >1 measure of category 2"; 3.4 escalates c (0.25) to b (0.5).
    expect(scoreIndicator(ind(REAL, '2.1'), { measures: [inForce('2.1.b'), inForce('2.1.b')] })).toMatchObject({ score: 1, categoryId: '2.1.a' });
    expect(scoreIndicator(ind(REAL, '3.4'), { measures: [inForce('3.4.c'), inForce('3.4.c')] })).toMatchObject({ score: 0.5, categoryId: '3.4.b' });
    expect(scoreIndicator(ind(REAL, '2.2'), { measures: [inForce('2.2.b'), inForce('2.2.b')] })).toMatchObject({ score: 0.5, categoryId: '2.2.b' });
  });

  it('applies the absence rule: "Lack of ..." scores 1, a restriction scores its "none" category', () => {
    expect(scoreIndicator(ind(REAL, '7.1'), { absenceConfirmed: true })).toMatchObject({ score: 1, categoryId: '7.1.a', kind: 'absence' });
    expect(scoreIndicator(ind(REAL, '12.10'), { absenceConfirmed: true })).toMatchObject({ score: 1, categoryId: '12.10.a' });
    expect(scoreIndicator(ind(REAL, '6.1'), { absenceConfirmed: true })).toMatchObject({ score: 0, categoryId: '6.1.c', kind: 'absence' });
    expect(() => scoreIndicator(ind(REAL, '6.1'), { absenceConfirmed: true, measures: [inForce('6.1.b')] })).toThrow(RangeError);
  });

  it('lets the strongest framework in force decide a "Lack of ..." indicator', () => {
    // Sectoral (0.5) and comprehensive (0) data-protection laws: the comprehensive one decides.
    expect(scoreIndicator(ind(REAL, '7.1'), { measures: [inForce('7.1.b'), inForce('7.1.c')] })).toMatchObject({ score: 0, categoryId: '7.1.c' });
  });

  it('counts measures for 1.4: 0.25 each, capped at 1', () => {
    const i14 = ind(REAL, '1.4');
    expect(scoreIndicator(i14, { value: 2 })).toMatchObject({ score: 0.5, categoryId: '1.4.c', kind: 'count' });
    // 5 × 0.25 = 1.25 -> cap 1 -> ">3 measures"
    expect(scoreIndicator(i14, { value: 5 })).toMatchObject({ score: 1, categoryId: '1.4.a' });
    // 3 in force (+1 pending not counted) = 0.75; the measures' own categories are ignored
    expect(scoreIndicator(i14, { measures: [inForce(null), inForce('1.4.e'), inForce(null), pending(null)] })).toMatchObject({ score: 0.75, categoryId: '1.4.b' });
    expect(scoreIndicator(i14, { absenceConfirmed: true })).toMatchObject({ score: 0, categoryId: '1.4.e', kind: 'absence' });
    expect(scoreIndicator(i14, {})).toMatchObject({ score: null, kind: 'unknown' });
    expect(() => scoreIndicator(i14, { value: 2, measures: [inForce(null)] })).toThrow(/disagrees/);
    expect(() => scoreIndicator(i14, { value: 1.5 })).toThrow(RangeError);
  });

  it('computes the tariff formulas of 1.1 and 1.2, clamped to [0, 1]', () => {
    expect(scoreIndicator(ind(REAL, '1.1'), { value: 4 }).score).toBeCloseTo(0.4, 10); // 0.1 × 4
    expect(scoreIndicator(ind(REAL, '1.1'), { value: 15 }).score).toBe(1); // 1.5 capped
    // 1.2: -0.025x + 1.75 with x = % duty-free lines: 30 -> 1, 50 -> 0.5, 70 -> 0, 80 -> -0.25 -> 0
    expect(scoreIndicator(ind(REAL, '1.2'), { value: 30 }).score).toBe(1);
    expect(scoreIndicator(ind(REAL, '1.2'), { value: 50 }).score).toBeCloseTo(0.5, 10);
    expect(scoreIndicator(ind(REAL, '1.2'), { value: 70 }).score).toBe(0);
    expect(scoreIndicator(ind(REAL, '1.2'), { value: 80 }).score).toBe(0);
    expect(scoreIndicator(ind(REAL, '1.2'), {})).toMatchObject({ score: null, kind: 'unknown' });
    expect(() => scoreIndicator(ind(REAL, '1.2'), { value: 120 })).toThrow(RangeError);
    expect(() => scoreIndicator(ind(REAL, '1.1'), { absenceConfirmed: true })).toThrow(RangeError);
  });

  it('refuses categories of another indicator and numbers for ordinal indicators', () => {
    expect(() => scoreIndicator(ind(REAL, '6.1'), { measures: [inForce('6.2.a')] })).toThrow(/not a category of indicator 6.1/);
    expect(() => scoreIndicator(ind(REAL, '6.1'), { value: 1 })).toThrow(RangeError);
  });
});

describe('scoreEconomy', () => {
  it('works the toy economy X by hand', () => {
    const s = scoreEconomy(TOY, X);
    // P1 = (0.6×0.5 + 0.4×1) / (0.6 + 0.4) = 0.7, coverage 1
    expect(s.pillars['1'].score).toBeCloseTo(0.7, 10);
    expect(s.pillars['1'].coverage).toBe(1);
    // P2 = (0.5×0.5 + 0.25×0.3) / (0.5 + 0.25) = 0.325 / 0.75 = 0.4333..., coverage 0.75 (2.3 unknown)
    expect(s.pillars['2'].score).toBeCloseTo(0.325 / 0.75, 10);
    expect(s.pillars['2'].coverage).toBeCloseTo(0.75, 10);
    expect(s.pillars['2']).toMatchObject({ known: 2, total: 3 });
    // overall = (0.7 + 0.4333) / 2 = 0.5667; coverage = (1 + 0.75) / 2 = 0.875
    expect(s.overall.score).toBeCloseTo((0.7 + 0.325 / 0.75) / 2, 10);
    expect(s.overall.coverage).toBeCloseTo(0.875, 10);
    // contributions W'_p · w'_k · s_k: 1.1 0.5×0.6×0.5 = 0.15; 1.2 0.5×0.4×1 = 0.2;
    // 2.1 0.5×(0.5/0.75)×0.5 = 0.1667; 2.2 0.5×(0.25/0.75)×0.3 = 0.05; they sum to the overall
    expect(s.indicators['1.1'].contribution).toBeCloseTo(0.15, 10);
    expect(s.indicators['1.2'].contribution).toBeCloseTo(0.2, 10);
    expect(s.indicators['2.1'].contribution).toBeCloseTo(1 / 6, 10);
    expect(s.indicators['2.2'].contribution).toBeCloseTo(0.05, 10);
    expect(s.indicators['2.3'].contribution).toBeNull();
    const sum = Object.values(s.indicators).reduce((t, r) => t + (r.contribution ?? 0), 0);
    expect(sum).toBeCloseTo(s.overall.score!, 10);
  });

  it('keeps a pillar with nothing known unknown (null, coverage 0), never 0', () => {
    const s = scoreEconomy(TOY, { '1.1': cat('1.1.b'), '1.2': cat('1.2.a') });
    expect(s.pillars['2'].score).toBeNull();
    expect(s.pillars['2'].coverage).toBe(0);
    // The overall is P1 alone (0.7), not (0.7 + 0) / 2 = 0.35; coverage = (1 + 0) / 2
    expect(s.overall.score).toBeCloseTo(0.7, 10);
    expect(s.overall.coverage).toBeCloseTo(0.5, 10);
    expect(s.overall.pillarsKnown).toBe(1);
    const none = scoreEconomy(TOY, {});
    expect(none.overall).toMatchObject({ score: null, coverage: 0, pillarsKnown: 0 });
  });

  it('takes configurable pillar weights and can leave out non-regulatory items', () => {
    // (3×0.7 + 1×0.4333) / 4 = 0.6333
    expect(scoreEconomy(TOY, X, { pillarWeights: { '1': 3, '2': 1 } }).overall.score).toBeCloseTo((3 * 0.7 + 0.325 / 0.75) / 4, 10);
    const withTreaty = { ...X, '2.3': cat('2.3.a') };
    // With 2.3 = 1: P2 = (0.25 + 0.075 + 0.25) / 1 = 0.575; without non-regulatory items it is 0.4333 again.
    expect(scoreEconomy(TOY, withTreaty).pillars['2'].score).toBeCloseTo(0.575, 10);
    const ex = scoreEconomy(TOY, withTreaty, { excludeNonRegulatory: true });
    expect(ex.pillars['2'].score).toBeCloseTo(0.325 / 0.75, 10);
    expect(ex.indicators['2.3']).toMatchObject({ excluded: true, contribution: null });
    expect(() => scoreEconomy(TOY, X, { pillarWeights: { '1': 1 } })).toThrow(/no weight for pillar 2/);
  });

  it('refuses answers that do not fit the framework', () => {
    expect(() => scoreEconomy(TOY, { '9.9': cat('9.9.a') })).toThrow(/not an indicator/);
    expect(() => scoreEconomy(TOY, { '1.1': cat('1.2.a') })).toThrow(/not a category/);
    expect(() => scoreEconomy(TOY, { '1.1': { categoryId: '1.1.b', score: 1 } })).toThrow(/scores 0.5/);
    expect(() => scoreEconomy(TOY, { '2.2': { categoryId: null, score: 1.2 } })).toThrow(RangeError);
  });

  it('scores the real framework: 7.1 alone, and 12.4 sub-items sharing 12.4\'s weight', () => {
    const s = scoreEconomy(REAL, { '7.1': cat('7.1.a') });
    expect(s.pillars['7']).toMatchObject({ score: 1, known: 1, total: 5 });
    expect(s.pillars['7'].coverage).toBeCloseTo(0.31, 10); // 0.31 of 1.00
    expect(s.overall.score).toBe(1);
    expect(s.overall.coverage).toBeCloseTo(0.31 / 12, 10);
    const p124: Answers = {};
    for (let k = 1; k <= 7; k++) p124[`12.4.${k}`] = cat(`12.4.${k}.a`);
    const t = scoreEconomy(REAL, p124);
    expect(t.pillars['12'].score).toBe(1);
    // 7 × 0.01 = 0.07 of pillar 12's 0.99
    expect(t.pillars['12'].coverage).toBeCloseTo(0.07 / 0.99, 10);
  });
});

describe('heterogeneity and level gap', () => {
  const B: Answers = { '1.1': cat('1.1.b'), '1.2': cat('1.2.b'), '2.1': cat('2.1.c'), '2.2': { categoryId: null, score: 0.5 }, '2.3': cat('2.3.a') };

  it('works H(X, B) by hand', () => {
    const h = heterogeneity(TOY, X, B);
    // P1: 1.1 same, 1.2 differs (w 0.4) -> 0.4 / 1 = 0.4, coverage 1
    // P2: 2.1 same, 2.2 differs (w 0.25), 2.3 unknown for X -> 0.25 / 0.75 = 1/3, coverage 0.75
    expect(h.pillars['1']).toMatchObject({ value: 0.4, coverage: 1, compared: 2 });
    expect(h.pillars['2'].value).toBeCloseTo(1 / 3, 10);
    expect(h.pillars['2'].coverage).toBeCloseTo(0.75, 10);
    // H = (0.4 + 1/3) / 2 = 0.3667, coverage (1 + 0.75) / 2 = 0.875
    expect(h.value).toBeCloseTo((0.4 + 1 / 3) / 2, 10);
    expect(h.coverage).toBeCloseTo(0.875, 10);
    expect(h.compared).toBe(4);
  });

  it('counts different answers as different even when their scores are equal (D does not)', () => {
    const a = { '1.1': cat('1.1.b') };
    const b = { '1.1': cat('1.1.c') }; // both 0.5
    expect(heterogeneity(TOY, a, b).value).toBe(1);
    expect(levelGap(TOY, scoreEconomy(TOY, a), scoreEconomy(TOY, b)).value).toBe(0);
    expect(heterogeneity(TOY, a, { '1.1': cat('1.1.b') }).value).toBe(0);
  });

  it('is unknown when the two economies share no answered item', () => {
    const h = heterogeneity(TOY, { '1.1': cat('1.1.b') }, { '1.2': cat('1.2.a') });
    expect(h).toMatchObject({ value: null, coverage: 0, compared: 0 });
  });

  it('works D(X, B) by hand and renormalises over pillars known for both', () => {
    // X: P1 0.7, P2 0.4333; B: P1 0.6×0.5 + 0.4×0 = 0.3, P2 0.5×0.5 + 0.25×0.5 + 0.25×1 = 0.625
    // D = (|0.7 − 0.3| + |0.4333 − 0.625|) / 2 = (0.4 + 0.191667) / 2 = 0.295833
    const d = levelGap(TOY, scoreEconomy(TOY, X), scoreEconomy(TOY, B));
    expect(d.value).toBeCloseTo((0.4 + (0.625 - 0.325 / 0.75)) / 2, 10);
    expect(d.coverage).toBe(1);
    // Plain pillar records: pillar 2 unknown for one side -> D = |0.2 − 0.5| = 0.3 over half the weight
    const e = levelGap(TOY, { '1': 0.2, '2': null }, { '1': 0.5, '2': 0.9 });
    expect(e.value).toBeCloseTo(0.3, 10);
    expect(e).toMatchObject({ coverage: 0.5, compared: 1 });
    expect(e.pillars['2'].value).toBeNull();
  });

  it('builds a symmetric matrix with coverage, null where nothing is shared', () => {
    const m = distanceMatrix(TOY, { X, B, E: {} }, 'H');
    expect(m.economies).toEqual(['X', 'B', 'E']);
    expect(m.value[0][1]).toBeCloseTo((0.4 + 1 / 3) / 2, 10);
    expect(m.value[1][0]).toBe(m.value[0][1]);
    expect(m.value[0][0]).toBe(0);
    expect(m.value[0][2]).toBeNull();
    expect(m.coverage[0][2]).toBe(0);
    expect(m.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['X-B', 'X-E', 'B-E']);
    const d = distanceMatrix(TOY, { X, B }, 'D');
    expect(d.value[0][1]).toBeCloseTo((0.4 + (0.625 - 0.325 / 0.75)) / 2, 10);
    expect(() => distanceMatrix(TOY, { X }, 'Z' as 'H')).toThrow(RangeError);
  });

  it('measures per-pillar dispersion as the mean pairwise H_p', () => {
    const E: Answers = { '1.1': cat('1.1.c'), '1.2': cat('1.2.a') };
    const d = pillarDispersion(TOY, { X, B, E });
    // P1: H(X,B) = 0.4 (1.2), H(X,E) = 0.6 (1.1: b vs c), H(B,E) = 1.0 -> mean 2/3
    expect(d[0].dispersion).toBeCloseTo(2 / 3, 10);
    expect(d[0]).toMatchObject({ pairs: 3, totalPairs: 3, coverage: 1 });
    // mean P1 score: X 0.7, B 0.3, E 0.6×0.5 + 0.4×1 = 0.7 -> 0.5667
    expect(d[0].meanScore).toBeCloseTo(1.7 / 3, 10);
    // P2: only X-B share items (1/3); E has none -> coverage (0.75 + 0 + 0) / 3 = 0.25
    expect(d[1].dispersion).toBeCloseTo(1 / 3, 10);
    expect(d[1]).toMatchObject({ pairs: 1, totalPairs: 3, coverage: 0.25, scored: 2 });
  });
});

describe('treaty alignment', () => {
  it('is Jaccard of adopted sets, null when both are empty', () => {
    // {ITA, PCT, WCT} vs {PCT, WCT, WPPT}: 2 shared of 4 -> 0.5
    expect(jaccard(['ita', 'pct', 'wct'], ['pct', 'wct', 'wppt'])).toBe(0.5);
    expect(jaccard([], [])).toBeNull();
    expect(jaccard(['pct'], [])).toBe(0);
  });

  it('leaves out instruments unknown for either side and reports coverage', () => {
    const a = { pct: true, wct: true, ita: null, gpa: false };
    const b = { pct: true, wct: false, ita: true, gpa: false };
    // Known for both: pct, wct, gpa -> A {pct, wct}, B {pct} -> 1/2. Reading a's unknown ITA as
    // "no" would give 1/3 instead.
    expect(treatyAlignment(a, b)).toEqual({ value: 0.5, coverage: 0.75, compared: 3, total: 4, shared: ['pct'] });
  });
});

describe('simulator', () => {
  // A: 1.1 a (1), 1.2 b (0), 2.1 c (0.5). Partners: P1 1.1 d, 1.2 a, 2.1 c; P2 1.1 d, 1.2 a, 2.1 e.
  // H(A,P1) = (H1 (0.6 + 0.4)/1 = 1, H2 0) / 2 = 0.5; H(A,P2) = (1 + 1) / 2 = 1 -> mean 0.75
  const A: Answers = { '1.1': cat('1.1.a'), '1.2': cat('1.2.b'), '2.1': cat('2.1.c') };
  const partners: Record<string, Answers> = {
    P1: { '1.1': cat('1.1.d'), '1.2': cat('1.2.a'), '2.1': cat('2.1.c') },
    P2: { '1.1': cat('1.1.d'), '1.2': cat('1.2.a'), '2.1': cat('2.1.e') },
  };

  it('recomputes scores, contributions and distances after an edit', () => {
    const s = simulate(TOY, A, { '1.1': { categoryId: '1.1.d' } }, partners);
    // before: P1 = 0.6×1 + 0.4×0 = 0.6, P2 = 0.5 -> 0.55; after: P1 = 0 -> 0.25
    expect(s.before.overall.score).toBeCloseTo(0.55, 10);
    expect(s.after.overall.score).toBeCloseTo(0.25, 10);
    expect(s.after.indicators['1.1'].contribution).toBe(0);
    expect(s.after.indicators['2.1'].contribution).toBeCloseTo(0.25, 10); // 0.5 × 1 × 0.5
    expect(s.changes).toEqual([{ indicatorId: '1.1', from: { categoryId: '1.1.a', score: 1 }, to: { categoryId: '1.1.d', score: 0 }, raisesRestrictiveness: false }]);
    // after: H(A',P1) = (0.4 + 0) / 2 = 0.2; H(A',P2) = (0.4 + 1) / 2 = 0.7 -> mean 0.45
    const p1 = s.partners.find((p) => p.economy === 'P1')!;
    expect(p1.before.value).toBeCloseTo(0.5, 10);
    expect(p1.after.value).toBeCloseTo(0.2, 10);
    expect(p1.change).toBeCloseTo(-0.3, 10);
    expect(s.meanDistance.before).toBeCloseTo(0.75, 10);
    expect(s.meanDistance.after).toBeCloseTo(0.45, 10);
    // D to P1 (P1 pillars 0.4, 0.5) goes UP: before (0.2 + 0) / 2 = 0.1, after (0.4 + 0) / 2 = 0.2
    expect(p1.levelGapBefore.value).toBeCloseTo(0.1, 10);
    expect(p1.levelGapAfter.value).toBeCloseTo(0.2, 10);
    // The input answers are not modified.
    expect(A['1.1'].categoryId).toBe('1.1.a');
  });

  it('can make an answer unknown, which shrinks coverage rather than scoring 0', () => {
    const s = simulate(TOY, A, { '1.2': null }, partners);
    expect(s.after.pillars['1']).toMatchObject({ score: 1, known: 1 }); // 1.1 alone
    expect(s.changes[0].raisesRestrictiveness).toBeNull();
    expect(() => simulate(TOY, A, { '7.7': { categoryId: '7.7.a' } }, partners)).toThrow(RangeError);
  });

  it('ranks single-answer reforms; the best is known by hand and one raises restrictiveness', () => {
    const r = rankReforms(TOY, A, partners);
    // 1.1 -> 3 others, 1.2 -> 1, 2.1 -> 4, 2.3 (unknown) -> 2 hypotheses; 2.2 (formula) is not reformed.
    expect(r).toHaveLength(10);
    // 1.1 a -> d: mean (0.2 + 0.7) / 2 = 0.45, cut 0.3
    expect(r[0]).toMatchObject({ indicatorId: '1.1', fromCategoryId: '1.1.a', toCategoryId: '1.1.d', raisesRestrictiveness: false, fromUnknown: false });
    expect(r[0].reduction).toBeCloseTo(0.3, 10);
    expect(r[0].overallAfter).toBeCloseTo(0.25, 10);
    // 1.2 b -> a: H1 = 0.6 for both -> (0.3 + 0.8) / 2 = 0.55, cut 0.2, but 0 -> 1 raises restrictiveness
    expect(r[1]).toMatchObject({ indicatorId: '1.2', toCategoryId: '1.2.a', raisesRestrictiveness: true });
    expect(r[1].reduction).toBeCloseTo(0.2, 10);
    // Cut 0: 2.1 -> e (1.0 + 0.5) / 2 = 0.75, 1.1 -> b, c (still unlike both partners), and the two
    // hypotheses for 2.3, which no partner answers (not compared; nothing to raise against).
    // Ties: lower new score first, then framework order.
    expect(r.slice(2, 7).map((x) => x.toCategoryId)).toEqual(['2.1.e', '2.3.b', '1.1.b', '1.1.c', '2.3.a']);
    expect(r.slice(2, 7).every((x) => x.reduction === 0)).toBe(true);
    expect(r.filter((x) => x.fromUnknown).map((x) => [x.toCategoryId, x.fromCategoryId, x.fromScore, x.raisesRestrictiveness])).toEqual([
      ['2.3.b', null, null, false],
      ['2.3.a', null, null, false],
    ]);
    // Moving away: 2.1 -> a, b, d make pillar 2 unlike both partners: mean 1.0, cut -0.25
    expect(r.slice(7).map((x) => x.toCategoryId)).toEqual(['2.1.d', '2.1.b', '2.1.a']);
    expect(r[7].reduction).toBeCloseTo(-0.25, 10);
    expect(r.slice(7).map((x) => x.raisesRestrictiveness)).toEqual([false, true, true]);
  });

  it('ranks hypotheses for unknown answers with the others: an item all partners answer "a" comes first', () => {
    // 1.2 unknown for B; the three partners all answer 1.2.a and 2.1.c, and differ on 1.1.
    const B: Answers = { '1.1': cat('1.1.a'), '2.1': cat('2.1.c') };
    const three: Record<string, Answers> = {
      P1: { '1.1': cat('1.1.d'), '1.2': cat('1.2.a'), '2.1': cat('2.1.c') },
      P2: { '1.1': cat('1.1.b'), '1.2': cat('1.2.a'), '2.1': cat('2.1.c') },
      P3: { '1.1': cat('1.1.c'), '1.2': cat('1.2.a'), '2.1': cat('2.1.c') },
    };
    const r = rankReforms(TOY, B, three);
    // Before: pillar 1 compares 1.1 only (differs from all) = 1, pillar 2 = 0 -> H = 0.5 each, mean 0.5.
    // 1.2 := a: pillar 1 = 0.6 / (0.6 + 0.4) = 0.6 -> H = 0.3 each, mean 0.3: cut 0.2.
    expect(r[0]).toMatchObject({ indicatorId: '1.2', fromUnknown: true, fromCategoryId: null, fromScore: null, toCategoryId: '1.2.a', toScore: 1 });
    expect(r[0].meanDistanceBefore).toBeCloseTo(0.5, 10);
    expect(r[0].meanDistanceAfter).toBeCloseTo(0.3, 10);
    expect(r[0].reduction).toBeCloseTo(0.2, 10);
    // Scores 1 like the partners' mean (1): not stricter than the partners.
    expect(r[0].raisesRestrictiveness).toBe(false);
    // Overall: pillar 1 goes from 1 (1.1 alone) to 1; unchanged at (1 + 0.5) / 2.
    expect(r[0].overallAfter).toBeCloseTo(0.75, 10);
    // Next, the known 1.1 moves: each matches one partner of three: mean (0 + 0.5 + 0.5) / 3, cut 1/6;
    // ties by the lower new score, then framework order.
    expect(r.slice(1, 4).map((x) => x.toCategoryId)).toEqual(['1.1.d', '1.1.b', '1.1.c']);
    for (const x of r.slice(1, 4)) expect(x.reduction).toBeCloseTo(1 / 6, 10);
    // Cut 0: 1.2 := b (pillar 1 still unlike all), the 2.3 hypotheses (no partner answers 2.3).
    expect(r.slice(4, 7).map((x) => x.toCategoryId)).toEqual(['1.2.b', '2.3.b', '2.3.a']);
    // Moving away: any 2.1 change, cut -0.5.
    expect(r.slice(7).map((x) => x.toCategoryId)).toEqual(['2.1.e', '2.1.d', '2.1.b', '2.1.a']);
    expect(r[7].reduction).toBeCloseTo(-0.5, 10);

    // Against partners that answer 1.2.b (score 0), the hypothesis 1.2 := a is stricter than they are.
    const open = Object.fromEntries(Object.entries(three).map(([k, v]) => [k, { ...v, '1.2': cat('1.2.b') }]));
    const h = rankReforms(TOY, B, open).find((x) => x.indicatorId === '1.2' && x.toCategoryId === '1.2.a')!;
    expect(h).toMatchObject({ fromUnknown: true, raisesRestrictiveness: true });
  });
});
