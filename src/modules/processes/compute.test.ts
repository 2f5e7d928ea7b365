import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import { analyseCase, compareCases, copyToBe, CycleError, GraphError, removeStep, schedule, topologicalOrder, type Node, type Rate } from './compute.js';
import { singleCase } from './ingest.js';
import { caseSchema, type BpaCase } from './schema.js';
import { tfMeasures } from '../facilitation/index.js';
import tfLinks from './tf-links.json' with { type: 'json' };

const SYNTHETIC = join(SHARED_DATA, 'processes/synthetic-ecommerce-export.json');
const raw = JSON.parse(readFileSync(SYNTHETIC, 'utf8'));
const expected = raw.expected;
const USD = new Map<string, Rate>([['USD', { currency: 'USD', lcuPerUsd: 1, rateYear: null, missing: null }]]);

function synthetic(): BpaCase {
  const read = singleCase(raw, SYNTHETIC);
  expect(read.issues).toEqual([]);
  return read.rows[0].doc as BpaCase;
}

const node = (id: string, duration: number | null, predecessors: string[] = []): Node => ({ id, duration, predecessors });

describe('the SYNTHETIC case reproduces the totals its file expects', () => {
  const c = synthetic();
  const a = analyseCase(c, { rates: USD });

  it('is labelled SYNTHETIC', () => {
    expect(c.label).toBe('SYNTHETIC');
  });

  it('elapsed time is the critical path, the sum is beside it, cost is a sum', () => {
    expect(a.elapsedDays).toBe(expected.elapsedTimeDays);
    expect(a.sumDays).toBe(expected.sumOfDurationsDays);
    expect(a.elapsedDays).toBeLessThan(a.sumDays!);
    expect(a.costUsd).toBe(expected.totalCostUsd);
    expect(a.criticalPath).toEqual(expected.criticalPath);
    expect(a.incomplete).toEqual([expect.objectContaining({ total: 'range' })]);
  });

  it('counts procedures, distinct actors and documents', () => {
    expect(a.counts.procedures).toBe(expected.procedureCount);
    expect(a.counts.actors).toBe(expected.distinctActorCount);
    expect(a.counts.documents).toBe(expected.distinctDocumentCount);
  });

  it('slack per step and the breakdown by Buy-Ship-Pay area', () => {
    for (const [id, slack] of Object.entries(expected.slackDays)) expect(a.steps.get(id)!.slack).toBeCloseTo(slack as number, 9);
    for (const [area, want] of Object.entries(expected.byArea) as [string, { count: number; sumDays: number; costUsd: number }][]) {
      const got = a.byArea.find((b) => b.key === area)!;
      expect({ count: got.steps, sumDays: got.sumDays, costUsd: got.costUsd }).toEqual(want);
    }
    // shares add up to one
    expect(a.byArea.reduce((s, b) => s + b.timeShare!, 0)).toBeCloseTo(1, 9);
    expect(a.byArea.reduce((s, b) => s + b.costShare!, 0)).toBeCloseTo(1, 9);
    expect(a.byArea.reduce((s, b) => s + b.elapsedShare!, 0)).toBeCloseTo(1, 9);
  });

  it('ranks the longest critical step first, linked to facilitation measures', () => {
    expect(a.bottlenecks[0]).toMatchObject({ kind: 'LONG_CRITICAL', stepIds: [expected.longestCriticalStep], rank: 1 });
    expect(a.bottlenecks[0].tfMeasures.length).toBeGreaterThan(0);
    // a three-party step is flagged (many actors)
    expect(a.bottlenecks.filter((b) => b.kind === 'MANY_ACTORS').map((b) => b.stepIds[0]).sort()).toEqual(['B1', 'P1']);
  });

  it('a to-be copy without a step shows the deltas', () => {
    const toBe = removeStep(copyToBe(c, 'tobe'), 'S1');
    expect(toBe.status).toBe('TO_BE');
    expect(toBe.baselineCaseId).toBe(c.id);
    // S4 waited for S1 and S3: it now waits for what S1 waited for (B1) and S3.
    expect(toBe.procedures.flatMap((p) => p.steps).find((s) => s.id === 'S4')!.predecessors!.sort()).toEqual(['B1', 'S3']);
    const b = analyseCase(toBe, { rates: USD });
    const deltas = Object.fromEntries(compareCases(a, b).map((d) => [d.metric, d.delta]));
    expect(deltas.steps).toBe(-1);
    expect(deltas.cost_usd).toBe(-35);
    // without the 3-day certificate, the critical path runs B1-S2-S3-S4-S5-P1 = 14.5 days
    expect(b.elapsedDays).toBe(14.5);
    expect(deltas.elapsed_days).toBe(-2);
    expect(deltas.sum_days).toBe(-3);
  });
});

describe('critical path on hand-made graphs', () => {
  it('a chain: elapsed = sum, everything critical', () => {
    const s = schedule([node('a', 1), node('b', 2, ['a']), node('c', 3, ['b'])]);
    expect(s.elapsed).toBe(6);
    expect(s.sum).toBe(6);
    expect(s.criticalPath).toEqual(['a', 'b', 'c']);
  });

  it('a diamond: the longer branch is critical, the other has slack', () => {
    const s = schedule([node('a', 1), node('b', 5, ['a']), node('c', 2, ['a']), node('d', 1, ['b', 'c'])]);
    expect(s.elapsed).toBe(7);
    expect(s.sum).toBe(9);
    expect(s.criticalPath).toEqual(['a', 'b', 'd']);
    expect(s.steps.find((x) => x.id === 'c')!.slack).toBe(3);
  });

  it('two independent starts run in parallel', () => {
    const s = schedule([node('a', 4), node('b', 2)]);
    expect(s.elapsed).toBe(4);
    expect(s.criticalPath).toEqual(['a']);
  });

  it('an unknown duration makes elapsed and sum unknown (never zero) and propagates downstream', () => {
    const s = schedule([node('a', 1), node('b', null, ['a']), node('c', 2, ['b']), node('d', 3, ['a'])]);
    expect(s.elapsed).toBeNull();
    expect(s.sum).toBeNull();
    expect(s.knownSum).toBe(6);
    expect(s.unknown).toEqual(['b']);
    const by = new Map(s.steps.map((x) => [x.id, x]));
    expect(by.get('d')!.ef).toBe(4); // a known branch still has its times
    expect(by.get('c')!.es).toBeNull(); // after the unknown: unknown
    expect(s.criticalPath).toEqual([]);
  });

  it('a cycle is refused with a clear error naming its steps', () => {
    const nodes = [node('a', 1), node('b', 1, ['a', 'd']), node('c', 1, ['b']), node('d', 1, ['c'])];
    expect(() => topologicalOrder(nodes)).toThrow(CycleError);
    expect(() => schedule(nodes)).toThrow(/cycle through b → c → d → b|cycle through c → d → b → c|cycle through d → b → c → d/);
    expect(() => schedule([node('a', 1, ['a'])])).toThrow(/a → a/);
  });

  it('an unknown predecessor or a repeated id is refused', () => {
    expect(() => schedule([node('a', 1, ['zz'])])).toThrow(GraphError);
    expect(() => schedule([node('a', 1), node('a', 2)])).toThrow(/appears twice/);
  });
});

describe('cases with unknowns', () => {
  const base = caseSchema.parse({
    id: 'x',
    title: 'x',
    exporter: 'HND',
    asOf: '2020',
    procedures: [
      {
        id: 'p',
        name: 'p',
        area: 'SHIP',
        steps: [
          { id: 'a', name: 'a', actors: ['Exporter'], time: { avg: 2 }, cost: { amount: 250, currency: 'HNL' } },
          { id: 'b', name: 'b', actors: ['Customs'], time: { avg: 12, unit: 'HOUR' }, cost: { amount: null, text: 'by weight' } },
          { id: 'c', name: 'c', actors: ['Exporter'], time: { avg: null, text: '24–48 working hours' } },
          { id: 'd', name: 'd', actors: ['Exporter'], time: { avg: 1 }, cost: { amount: 5, currency: 'USD' }, oneTime: true },
        ],
      },
    ],
  });
  const rates = new Map<string, Rate>([
    ['USD', { currency: 'USD', lcuPerUsd: 1, rateYear: null, missing: null }],
    ['HNL', { currency: 'HNL', lcuPerUsd: 25, rateYear: 2020, missing: null }],
  ]);

  it('reports which totals are incomplete and why; known values keep their place', () => {
    const a = analyseCase(base, { rates });
    expect(a.elapsedDays).toBeNull();
    expect(a.sumDays).toBeNull();
    expect(a.knownSumDays).toBe(3.5); // 2 + 12h/24 + 1
    expect(a.steps.get('a')!.usd).toBe(10); // 250 HNL at 25 per US$
    expect(a.costUsd).toBeNull();
    expect(a.oneTimeCostUsd).toBe(5);
    const why = Object.fromEntries(a.incomplete.map((i) => [i.total, i.reason]));
    expect(why.elapsed).toMatch(/1 of 4 steps \(c\)/);
    expect(why.cost).toMatch(/2 of 3 per-shipment steps \(b, c\).*"by weight"/);
    expect(a.bottlenecks.find((b) => b.kind === 'MISSING_INFORMATION')!.stepIds).toEqual(['c']);
  });

  it('a missing rate leaves the cost unknown and says so', () => {
    const a = analyseCase(base, { rates: new Map([...rates, ['HNL', { currency: 'HNL', lcuPerUsd: null, rateYear: null, missing: 'no HNL rate in or before 2020' }]]) });
    expect(a.steps.get('a')!.usd).toBeNull();
    expect(a.steps.get('a')!.costProblem).toMatch(/no HNL rate/);
  });

  it('8 working hours a day when the study counts working days', () => {
    const a = analyseCase({ ...base, hoursPerDay: 8 }, { rates });
    expect(a.steps.get('b')!.days).toBe(1.5);
  });
});

describe('the facilitation links', () => {
  const known = new Set(tfMeasures().map((m) => m.id));

  it('every measure id in the mapping is a measure of the trade facilitation module', () => {
    const ids = Object.values(tfLinks.links).flat();
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.filter((id) => !known.has(id))).toEqual([]);
  });

  it('a paper document leads to electronic submission; many agencies to a single window', () => {
    expect(tfLinks.links.PAPER_OR_VISIT).toContain('e_customs_declaration');
    expect(tfLinks.links.MANY_ACTORS).toContain('single_window');
  });
});
