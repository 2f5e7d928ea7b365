import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FRAMEWORKS_DIR, FrameworkError, findFramework, frameworkKey, indicatorsOf, listFrameworks, loadFramework } from './framework.js';

const RAW = JSON.parse(readFileSync(join(FRAMEWORKS_DIR, 'rdtii-2.1.json'), 'utf8'));
// The project's methods specification the product copy must carry faithfully (read by path, never copied).
const SPEC = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../shared/methods/rdtii-2.1.json', import.meta.url)), 'utf8'));
const clone = () => JSON.parse(JSON.stringify(RAW));

describe('the product copy of RDTII 2.1', () => {
  const fw = loadFramework(RAW);
  const items = indicatorsOf(fw);

  it('has 12 pillars and 75 scored items = 69 published indicators (12.4 counts once, with 7 sub-items)', () => {
    expect(frameworkKey(fw)).toBe('rdtii-2.1');
    expect(fw.pillars).toHaveLength(12);
    expect(fw.pillars.map((p) => p.indicators.length)).toEqual([4, 4, 5, 10, 7, 5, 5, 4, 4, 4, 4, 19]);
    expect(items).toHaveLength(75);
    // METHODS' "69 indicators": 75 − 7 sub-items of 12.4 + 12.4 itself = 69.
    expect(new Set(items.map(({ indicator }) => indicator.group ?? indicator.id)).size).toBe(69);
    expect(items.filter(({ indicator }) => indicator.group === '12.4').map(({ indicator }) => indicator.id)).toEqual(
      ['12.4.1', '12.4.2', '12.4.3', '12.4.4', '12.4.5', '12.4.6', '12.4.7'],
    );
  });

  it('keeps the specification\'s wording, scores, weights and flags', () => {
    expect(fw.title).toBe(SPEC.framework);
    expect(fw.provenance.sources).toEqual(SPEC.sources);
    expect(fw.aggregation).toBe(SPEC.aggregation);
    const specItems = SPEC.pillars.flatMap((p: { pillar: number; indicators: unknown[] }) => p.indicators.map((i) => ({ pillar: p.pillar, i })));
    expect(specItems).toHaveLength(items.length);
    specItems.forEach(({ pillar, i }: { pillar: number; i: any }, n: number) => {
      const mine = items[n];
      expect(mine.pillar.pillar).toBe(pillar);
      expect(mine.indicator).toMatchObject({ id: i.id, name: i.name, type: i.type, nonRegulatory: i.nonRegulatory ?? false });
      expect(mine.indicator.options.map((o) => [o.criterion, o.score])).toEqual(i.options.map((o: any) => [o.criterion, o.score]));
      if (i.weight !== undefined) expect(mine.indicator.weight).toBe(i.weight);
      expect(mine.indicator.note).toBe(i.note);
    });
    SPEC.pillars.forEach((p: any, k: number) => expect(fw.pillars[k]).toMatchObject({ name: p.name, weightsSource: p.weightsSource }));
  });

  it('gives every category a stable id "<indicator>.<letter>"', () => {
    for (const { indicator } of items) {
      indicator.options.forEach((o, k) => expect(o.id).toBe(`${indicator.id}.${'abcdefghij'[k]}`));
    }
  });

  it('flags only pillars 6 and 7 in-pillar weights as confirmed, and no pillar weight', () => {
    const confirmed = fw.pillars.filter((p) => p.indicatorWeightsConfirmed).map((p) => p.id);
    expect(confirmed).toEqual(['6', '7']);
    for (const { pillar, indicator } of items) expect(indicator.weightConfirmed).toBe(pillar.indicatorWeightsConfirmed);
    expect(fw.pillars.every((p) => p.weight === 1 && !p.weightConfirmed)).toBe(true);
    expect(fw.scoring.overall.confirmed).toBe(false);
  });

  it('fills the weights the sources lack, and says so: pillar 4 equal, 12.4 split 7 ways', () => {
    const p4 = fw.pillars[3].indicators;
    expect(p4.every((i) => i.weight === 0.1 && /verify/.test(i.weightNote ?? ''))).toBe(true);
    const sub = fw.pillars[11].indicators.filter((i) => i.group === '12.4');
    expect(sub.reduce((s, i) => s + i.weight, 0)).toBeCloseTo(0.07, 12); // groupWeights "12.4 ..." = 0.07
  });

  it('makes the notes\' rules explicit', () => {
    const byId = new Map(items.map(({ indicator }) => [indicator.id, indicator]));
    expect(byId.get('1.4')!.rules).toContainEqual(expect.objectContaining({ kind: 'per_measure', step: 0.25, cap: 1 }));
    expect(byId.get('1.2')!.rules).toContainEqual(expect.objectContaining({ kind: 'linear', slope: -0.025, intercept: 1.75 }));
    // Every criterion that says ">1 category-2" (or ">=2 category-2") has its escalation rule.
    const stated = items.filter(({ indicator }) => /(>1|>=2) (measure of )?category[- ]2/.test(indicator.options[0].criterion));
    expect(stated.map(({ indicator }) => indicator.id)).toEqual(['2.1', '2.3', '4.3', '4.9', '5.3', '6.1', '6.2', '9.4', '10.2', '10.3']);
    for (const { indicator } of stated) expect(indicator.rules.some((r) => r.kind === 'escalate'), indicator.id).toBe(true);
    // Every "Lack of ..." / "Not in ..." indicator: confirmed absence => a category scoring 1.
    const lackOrNotIn = items.filter(({ indicator }) => /^(Lack of|Not in) /.test(indicator.name));
    expect(lackOrNotIn).toHaveLength(22); // 11 "Lack of", 11 "Not in"
    for (const { indicator } of lackOrNotIn) {
      const rule = indicator.rules.find((r) => r.kind === 'absence');
      expect(rule, indicator.id).toBeDefined();
      const cat = indicator.options.find((o) => rule!.kind === 'absence' && o.id === rule!.categoryId);
      expect(cat?.score, indicator.id).toBe(1);
    }
    // Every non-formula indicator says what confirmed absence means.
    for (const { indicator } of items) {
      if (indicator.type !== 'formula') expect(indicator.rules.some((r) => r.kind === 'absence'), indicator.id).toBe(true);
    }
  });
});

describe('loadFramework', () => {
  const fails = (mutate: (j: any) => void, message: RegExp) => {
    const j = clone();
    mutate(j);
    let err: unknown;
    try {
      loadFramework(j, 'test.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FrameworkError);
    expect((err as FrameworkError).message).toMatch(message);
  };

  it('names the path of what is wrong', () => {
    fails((j) => delete j.id, /^test\.json is not a valid framework:\n  - id: /);
    fails((j) => (j.pillars[0].indicators[0].weight = -1), /pillars\.0\.indicators\.0\.weight/);
    fails((j) => (j.pillars[2].indicators[1].options[0].score = 1.5), /pillars\.2\.indicators\.1\.options\.0\.score/);
  });

  it('refuses what would break scoring or comparison', () => {
    fails((j) => (j.pillars[1].indicators[1].options[0].id = '2.1.a'), /category id 2\.1\.a is used twice/);
    fails((j) => (j.pillars[1].indicators[0].rules[0].to = '2.2.a'), /not a category of 2\.1/);
    fails((j) => (j.pillars[0].indicators[3].rules = []), /count indicator 1\.4 needs exactly one per_measure rule/);
    fails((j) => (j.pillars[5].indicators[0].options[1].score = null), /needs a score/);
    fails((j) => (j.scoring.overall.method = 'geometric_mean'), /scoring\.overall\.method/);
    fails((j) => (j.pillars[6].indicators[0].rules.unshift({ kind: 'escalate', from: '7.1.b', minCount: 2, to: '7.1.a', text: '' })), /escalation only makes sense/);
    fails((j) => (j.pillars[0].surprise = true), /surprise/);
  });
});

describe('listFrameworks', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('reads the shipped folder', () => {
    expect(listFrameworks().map(frameworkKey)).toContain('rdtii-2.1');
  });

  it('takes a new version as a new file, with no code change', () => {
    dir = mkdtempSync(join(tmpdir(), 'puente-fw-'));
    const next = clone();
    next.version = '2.10';
    next.pillars[0].indicators[0].weight = 0.5;
    writeFileSync(join(dir, 'rdtii-2.10.json'), JSON.stringify(next));
    writeFileSync(join(dir, 'rdtii-2.1.json'), JSON.stringify(RAW));
    writeFileSync(join(dir, 'README.txt'), 'not a framework');
    const list = listFrameworks(dir);
    expect(list.map(frameworkKey)).toEqual(['rdtii-2.1', 'rdtii-2.10']); // 2.10 after 2.1 (numeric)
    expect(findFramework(list, 'rdtii')!.version).toBe('2.10');
    expect(findFramework(list, 'rdtii-2.1')!.pillars[0].indicators[0].weight).toBe(0.4);
    expect(findFramework(list, 'stri')).toBeNull();
  });

  it('fails on a bad or duplicate file, naming it', () => {
    dir = mkdtempSync(join(tmpdir(), 'puente-fw-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(RAW));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(RAW));
    expect(() => listFrameworks(dir!)).toThrow(/b\.json and a\.json both define rdtii-2\.1/);
    writeFileSync(join(dir, 'b.json'), '{ not json');
    expect(() => listFrameworks(dir!)).toThrow(/b\.json is not valid JSON/);
  });
});
