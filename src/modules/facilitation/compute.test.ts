import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../test/support/csv.js';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import {
  coreGroups,
  disagrees,
  groupFromStatuses,
  headline,
  latestStatuses,
  matchMeasure,
  nextMeasures,
  overallFromGroups,
  peerGaps,
  pooledAverage,
  scoreRows,
  type KnownStatus,
} from './compute.js';
import { frameworkFor, latestSequence, loadTfFiles, tfFiles } from './framework.js';
import type { ScoreRecord, Status, TfSequence } from './schema.js';

// Formulas of METHODS §5 against the hand-checkable cases of the shared files.
const files = tfFiles();
const fw = frameworkFor(files, 2025);
const seq = latestSequence(files)!;
const scores = csvRecords(readFileSync(join(SHARED_DATA, 'facilitation', 'tf_scores.csv'), 'utf8'));
const measures = csvRecords(readFileSync(join(SHARED_DATA, 'facilitation', 'tf_measures.csv'), 'utf8'));
const shared = JSON.parse(readFileSync(join(SHARED_DATA, '..', 'methods', 'un-tf-survey.json'), 'utf8'));

const published = (iso3: string, round: string) =>
  Object.fromEntries(scores.filter((r) => r.iso3 === iso3 && r.round === round && r.source_url.includes('untfsurvey.org')).map((r) => [r.group, Number(r.score_pct)]));

describe('the framework file', () => {
  it('carries the shared framework: every core measure, group sizes, scale', () => {
    const sharedCore = Object.values(shared.coreGroups as Record<string, string[]>).flat();
    const names = fw.measures.map((m) => m.name);
    for (const n of sharedCore) expect(names, n).toContain(n);
    expect(coreGroups(fw).map((g) => g.scored)).toEqual([5, 8, 3, 9, 6]);
    expect(Object.fromEntries(fw.scale.map((s) => [s.label, s.status]))).toEqual(Object.fromEntries(Object.entries(shared.implementationScale).filter(([k]) => k !== "Don't know")));
    expect(fw.verify.join(' ')).toMatch(/paperless/);
  });

  it('every measure label of the shared statuses file is a framework measure', () => {
    for (const r of measures) expect('measure' in matchMeasure(fw, r.measure), r.measure).toBe(true);
    expect(matchMeasure(fw, 'transparency: Something else')).toHaveProperty('problem');
    expect(matchMeasure(fw, 'no prefix here')).toHaveProperty('problem');
  });

  it('a new survey round is a new framework file: it is picked for its round, no code changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-round-'));
    writeFileSync(join(dir, 'un-tf-survey-2025.json'), JSON.stringify(fw));
    const next = { ...fw, version: '2027', rounds: [2027], measures: [...fw.measures, { id: 'e_commerce_parcels', group: 'other_2023', name: 'Simplified clearance of e-commerce parcels' }] };
    writeFileSync(join(dir, 'un-tf-survey-2027.json'), JSON.stringify(next));
    const loaded = loadTfFiles(dir);
    expect(frameworkFor(loaded, 2027).version).toBe('2027');
    expect(frameworkFor(loaded, 2025).version).toBe('2025');
    expect(matchMeasure(frameworkFor(loaded, 2027), 'e-commerce: Simplified clearance of e-commerce parcels')).toHaveProperty('measure');
    expect(matchMeasure(frameworkFor(loaded, 2025), 'e-commerce: Simplified clearance of e-commerce parcels')).toHaveProperty('problem');
  });

  it('a bad framework file fails the whole list, naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-fw-'));
    const broken = { ...fw, groups: fw.groups.map((g) => (g.id === 'formalities' ? { ...g, scored: 7 } : g)) };
    writeFileSync(join(dir, 'un-tf-survey-2027.json'), JSON.stringify({ ...broken, version: '2027' }));
    expect(() => loadTfFiles(dir)).toThrow(/un-tf-survey-2027\.json is not a valid framework file: groups: core groups score 30 measures, rules say 31/);
    const seqDir = mkdtempSync(join(tmpdir(), 'tf-seq-'));
    writeFileSync(join(seqDir, 'fw.json'), JSON.stringify(fw));
    writeFileSync(join(seqDir, 'seq.json'), JSON.stringify({ ...seq, links: [{ from: 'nope', to: 'ntfc', source: 'x', puente_reading: true, why: 'x' }] }));
    expect(() => loadTfFiles(seqDir)).toThrow(/links\.0: no measure "nope"/);
  });
});

describe('scores', () => {
  it('Mexico 2025 = 74/93 = 79.57 % from its five published group scores', () => {
    const mex = published('MEX', '2025');
    const r = overallFromGroups(fw, mex)!;
    expect(r.points).toBe(74);
    expect(Math.round(r.overall * 100) / 100).toBe(79.57);
    expect(mex.overall).toBe(79.57);
  });

  it('every official economy-round with five groups passes the arithmetic check of the README', () => {
    const keys = new Set(scores.filter((r) => r.source_url.includes('untfsurvey.org')).map((r) => `${r.iso3}|${r.round}`));
    let checked = 0;
    for (const k of keys) {
      const [iso3, round] = k.split('|');
      const p = published(iso3, round);
      const r = overallFromGroups(fw, p);
      if (!r || p.overall === undefined) continue;
      expect(disagrees(p.overall, r.overall), k).toBe(false);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('a group from statuses: Σ / 3n where complete; unknown where not; never for paperless (membership unverified)', () => {
    const transparency = coreGroups(fw)[0];
    const st = new Map<string, Status>([
      ['publication_online', 2],
      ['stakeholder_consultation', 3],
      ['advance_publication', 3],
      ['advance_ruling', 2],
    ]);
    expect(groupFromStatuses(fw, transparency, st)).toMatchObject({ pct: null, reason: 'incomplete', known: 4 });
    st.set('appeal_mechanism', 2);
    expect(groupFromStatuses(fw, transparency, st).pct).toBeCloseTo((12 / 15) * 100, 12);
    const paperless = coreGroups(fw).find((g) => g.id === 'paperless_trade')!;
    const all = new Map<string, Status>(fw.measures.filter((m) => m.group === 'paperless_trade').map((m) => [m.id, 3]));
    expect(groupFromStatuses(fw, paperless, all)).toMatchObject({ pct: null, reason: 'membership_unverified' });
  });

  it('the shared statuses agree with the published group where the group is complete (README: all consistent)', () => {
    const recs: ScoreRecord[] = scores.map((r) => ({ iso3: r.iso3, round: Number(r.round), grp: r.group, score_pct: Number(r.score_pct), secondary: !r.source_url.includes('untfsurvey.org'), note: r.notes, source_id: r.source_url }));
    const sts = measures.map((m) => {
      const found = matchMeasure(fw, m.measure);
      return { iso3: m.iso3, round: Number(m.round), measure: 'measure' in found ? found.measure.id : '', status: Number(m.status_0to3) as Status };
    });
    const rows = scoreRows(fw, recs, sts);
    const computed = rows.filter((r) => r.computed_from === 'statuses');
    expect(computed.length).toBeGreaterThan(5);
    for (const r of computed) expect(r.disagreement, `${r.iso3} ${r.round} ${r.group}`).toBe(false);
  });

  it('a disagreement between published and computed is reported, not resolved', () => {
    const recs: ScoreRecord[] = [{ iso3: 'XXX', round: 2025, grp: 'transparency', score_pct: 80, secondary: false, note: null, source_id: 's' }];
    const sts = ['publication_online', 'stakeholder_consultation', 'advance_publication', 'advance_ruling', 'appeal_mechanism'].map((measure) => ({ iso3: 'XXX', round: 2025, measure, status: 2 as Status }));
    const [row] = scoreRows(fw, recs, sts);
    expect(row).toMatchObject({ score_pct: 80, published_pct: 80, computed_pct: 66.67, disagreement: true, basis: 'published' });
  });

  it('headline: untfsurvey.org before a secondary figure; a conflict is flagged', () => {
    const base = { iso3: 'PRY', round: 2021, grp: 'overall', note: null };
    const h = headline([
      { ...base, score_pct: 69.89, secondary: true, source_id: 'a' },
      { ...base, score_pct: 67.74, secondary: false, source_id: 'b' },
    ])!;
    expect(h.value.score_pct).toBe(67.74);
    expect(h.conflict).toBe(true);
  });

  it('pooled averages: Σ points / (3 × measures × economies), with n, and none below the gate', () => {
    // APTA-like check: two complete economies pool to the mean of their percentages.
    const a = pooledAverage([{ pct: 79.57, measures: 31, secondary: false }, { pct: 60.22, measures: 31, secondary: true }], 2);
    expect(a.value).toBeCloseTo((79.57 + 60.22) / 2, 9);
    expect(a).toMatchObject({ n: 2, secondary_n: 1, enough_data: true });
    expect(pooledAverage([{ pct: 79.57, measures: 31, secondary: false }], 2)).toMatchObject({ value: null, n: 1, enough_data: false });
  });
});

describe('sequencing', () => {
  const known = (o: Record<string, [Status, number]>) => new Map<string, KnownStatus>(Object.entries(o).map(([k, [status, round]]) => [k, { status, round }]));
  const opts = { prereqMin: 2, implementedMin: 3, peerMin: 2 };

  it('the sequence file: every step in stage A, B or C; each link has a source; Puente\'s readings are marked', () => {
    expect(seq.steps.map((s) => s.stage)).toEqual([...seq.steps.map((s) => s.stage)].sort());
    expect(seq.steps.find((s) => s.id === 'ntfc')!.stage).toBe('A');
    expect(seq.steps.find((s) => s.id === 'single_window')!.stage).toBe('C');
    for (const l of seq.links) expect(l.source.length).toBeGreaterThan(0);
    expect(seq.links.every((l) => l.puente_reading)).toBe(true);
  });

  it('proposes measures whose prerequisites are met, ordered by stage then peer share; holds back the others', () => {
    const own = known({ publication_online: [2, 2025], risk_management: [1, 2023], ntfc: [3, 2023] });
    const peers = new Map([
      ['P1', known({ appeal_mechanism: [3, 2025], risk_management: [3, 2025], publication_online: [2, 2025] })],
      ['P2', known({ appeal_mechanism: [3, 2025], risk_management: [2, 2025], publication_online: [3, 2025] })],
    ]);
    const { rows, held_back } = nextMeasures(fw, seq, own, peers, opts);
    const ids = rows.map((r) => r.measure);
    // ntfc is fully implemented: not proposed.
    expect(ids).not.toContain('ntfc');
    // Pre-arrival processing waits for risk management (status 1 < 2): held back, with what it waits for.
    expect(ids).not.toContain('pre_arrival_processing');
    expect(held_back.find((h) => h.measure === 'pre_arrival_processing')!.waiting_for).toEqual([{ measure: 'risk_management', status: 1 }]);
    // Advance ruling's prerequisite (publication, 2) is met.
    expect(ids).toContain('advance_ruling');
    // Stage order, then peer share: within B, appeal (2/2 peers) before risk management (1/2) and publication (1/2).
    const stages = rows.map((r) => r.stage);
    expect(stages).toEqual([...stages].sort());
    const b = rows.filter((r) => r.stage === 'B');
    expect(b[0].measure).toBe('appeal_mechanism');
    expect(b[0].peer_share).toBe(1);
    // Unknown own status: proposed with "status not known", never read as 0.
    expect(b[0].status).toBeNull();
    expect(b[0].why).toMatch(/not known/);
    // Ranks are 1..n.
    expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));
  });

  it('a prerequisite with no known status is not met', () => {
    const { rows, held_back } = nextMeasures(fw, seq, new Map(), new Map(), opts);
    expect(rows.map((r) => r.measure)).not.toContain('single_window');
    expect(held_back.find((h) => h.measure === 'single_window')!.waiting_for.map((w) => w.status)).toEqual([null, null]);
    // Steps without prerequisites are proposed; peer share unknown below the gate.
    expect(rows.find((r) => r.measure === 'ntfc')!.peer_share).toBeNull();
  });

  it('a sequence is data: another file changes the proposal without code', () => {
    const alt: TfSequence = { ...seq, links: [{ from: 'appeal_mechanism', to: 'ntfc', source: 'test', puente_reading: true, why: 'test' }] };
    const { rows } = nextMeasures(fw, alt, new Map(), new Map(), opts);
    expect(rows.map((r) => r.measure)).not.toContain('ntfc');
    expect(rows.map((r) => r.measure)).toContain('single_window');
  });

  it('peer gaps: most peers implement, the economy is known not to; unknown own statuses are counted apart', () => {
    const own = known({ risk_management: [2, 2025] });
    const peers = new Map([
      ['P1', known({ risk_management: [3, 2025], appeal_mechanism: [3, 2025] })],
      ['P2', known({ risk_management: [3, 2023], appeal_mechanism: [3, 2025] })],
      ['P3', known({ risk_management: [1, 2025] })],
    ]);
    const { rows, unknown_own } = peerGaps(fw, own, peers, { implementedMin: 3, peerMin: 2 });
    expect(rows.map((r) => [r.measure, r.peers_implementing, r.peers_known])).toEqual([['risk_management', 2, 3]]);
    expect(unknown_own).toBe(1);
  });

  it('latest statuses: a later round replaces an earlier one, up to the round asked', () => {
    const recs = [
      { measure: 'm', round: 2019, status: 1 as Status },
      { measure: 'm', round: 2023, status: 3 as Status },
    ];
    expect(latestStatuses(recs).get('m')).toEqual({ status: 3, round: 2023 });
    expect(latestStatuses(recs, 2021).get('m')).toEqual({ status: 1, round: 2019 });
  });
});
