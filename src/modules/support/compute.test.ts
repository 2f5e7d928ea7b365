import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../test/support/csv.js';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import { classify, foldText, gapsOf, jaccard, mappingProblems, maturity, placeTerms, presence, programmeKey, similarities, splitTerms, termKey } from './compute.js';
import { loadVocabulary } from './vocabulary.js';

const shared = csvRecords(readFileSync(join(SHARED_DATA, 'support/support_measures.csv'), 'utf8'));

describe('the controlled vocabulary and the reviewed mapping', () => {
  it('are valid files whose every code is in the vocabulary', () => {
    const { vocab, mapping } = loadVocabulary();
    expect(mappingProblems(vocab, mapping)).toEqual([]);
    expect(vocab.areas.map((a) => a.code)).toEqual(['assessment_strategy', 'ict_infrastructure', 'trade_logistics', 'payments', 'legal_regulatory', 'skills', 'finance']);
    for (const t of ['msmes', 'first_time_exporters', 'digital_exporters', 'women', 'youth', 'rural_indigenous', 'artisans', 'sectors']) expect(vocab.targets.map((x) => x.code)).toContain(t);
    expect(vocab.stages.map((s) => s.code)).toEqual(['designed', 'implemented', 'monitored', 'evaluated']);
  });

  it('a mapping that names a code the vocabulary lacks, or one term twice, is refused with the term', () => {
    const { vocab } = loadVocabulary();
    const bad = { version: 'x', reviewed: { by: 'x', date: 'x', note: 'x' }, types: { grants: ['financng'] }, targets: { Women: ['women'], ' women ': ['women'] } };
    expect(mappingProblems(vocab, bad)).toEqual(['mapping: type term "grants" -> unknown type "financng"', 'mapping: targets terms "Women" and " women " are the same term']);
  });

  it('places every term of every shared row, or lists it as unplaced: nothing is dropped or guessed', () => {
    const { vocab, mapping } = loadVocabulary();
    let placedTerms = 0;
    let unplacedTerms = 0;
    for (const row of shared) {
      const c = classify({ type_text: row.type, target_text: row.target, cross_border: row.cross_border }, vocab, mapping);
      for (const [text, table, codes, unplaced] of [
        [row.type, mapping.types, c.types, c.unplaced_types],
        [row.target, mapping.targets, c.targets, c.unplaced_targets],
      ] as const) {
        for (const term of splitTerms(text)) {
          const mapped = Object.entries(table).find(([k]) => termKey(k) === termKey(term))?.[1];
          if (mapped?.length) {
            placedTerms++;
            for (const code of mapped) expect(codes, `${row.iso3} ${row.programme}: ${term}`).toContain(code);
            expect(unplaced).not.toContain(term);
          } else {
            unplacedTerms++;
            expect(unplaced, `${row.iso3} ${row.programme}: ${term}`).toContain(term);
          }
        }
      }
      // The scope is read from cross_border; "unknown" stays unknown.
      expect(c.border_scope).toBe({ yes: 'cross_border', partial: 'both', no: 'domestic' }[row.cross_border as 'yes'] ?? null);
    }
    expect(placedTerms).toBeGreaterThan(unplacedTerms * 5);
    // The mapping was reviewed against the shared file: no term of it is new to the mapping.
    const fresh = shared.flatMap((r) => [...placeTerms(r.type, mapping.types).unplaced, ...placeTerms(r.target, mapping.targets).unplaced]).filter((u) => u.reason === 'not_in_mapping');
    expect(fresh).toEqual([]);
  });

  it('a term the mapping has never seen is listed as not_in_mapping, not guessed from its words', () => {
    const { mapping } = loadVocabulary();
    expect(placeTerms('training; drone delivery pilots', mapping.types)).toEqual({ codes: ['training'], unplaced: [{ term: 'drone delivery pilots', reason: 'not_in_mapping' }] });
    expect(placeTerms('public procurement', mapping.types)).toEqual({ codes: [], unplaced: [{ term: 'public procurement', reason: 'reviewed' }] });
    expect(placeTerms(null, mapping.types)).toEqual({ codes: [], unplaced: [] });
  });

  it('splits on ; outside brackets only, and keys ignore case and spacing', () => {
    expect(splitTerms('SMEs (≥30% local; group ≤200 staff) entering;  women ')).toEqual(['SMEs (≥30% local; group ≤200 staff) entering', 'women']);
    expect(termKey('  MSMEs   Moving Online ')).toBe('msmes moving online');
    expect(foldText('Exportación ÁGIL')).toBe('exportacion agil');
  });

  it('gives every shared row its own stable id', () => {
    const ids = shared.map((r) => programmeKey(r.iso3, r.programme));
    expect(new Set(ids).size).toBe(shared.length);
    expect(programmeKey('PER', 'Ruta Exportadora')).toBe(programmeKey('PER', ' Ruta Exportadora '));
    expect(programmeKey('PER', 'Ruta Exportadora')).not.toBe(programmeKey('CHL', 'Ruta Exportadora'));
  });
});

describe('gaps and similarity (hand-worked)', () => {
  // Home H has training and finance; peers: A {training, portal}, B {portal, logistics}, C {portal, finance, logistics}, D {} (nothing recorded).
  const programmes = [
    { id: 'h1', iso3: 'H', types: ['training', 'financing'], targets: ['msmes'] },
    { id: 'a1', iso3: 'A', types: ['training', 'guidance_portal'], targets: ['women'] },
    { id: 'b1', iso3: 'B', types: ['guidance_portal'], targets: [] },
    { id: 'b2', iso3: 'B', types: ['logistics_postal'], targets: ['women', 'msmes'] },
    { id: 'c1', iso3: 'C', types: ['guidance_portal', 'financing', 'logistics_postal'], targets: [] },
  ];
  const types = presence(programmes, 'type');
  const peers = ['A', 'B', 'C', 'D'];

  it('a gap is a type in at least k peers and absent at home, with the peers that have it', () => {
    // portal: A, B, C (3); logistics: B, C (2); training and financing are at home.
    expect(gapsOf('H', peers, types, 2)).toEqual([
      { code: 'guidance_portal', peers: ['A', 'B', 'C'] },
      { code: 'logistics_postal', peers: ['B', 'C'] },
    ]);
    expect(gapsOf('H', peers, types, 3)).toEqual([{ code: 'guidance_portal', peers: ['A', 'B', 'C'] }]);
    expect(gapsOf('H', peers, types, 4)).toEqual([]);
    // Home among its own peers is ignored.
    expect(gapsOf('H', ['H', ...peers], types, 2)).toEqual(gapsOf('H', peers, types, 2));
    expect(() => gapsOf('H', peers, types, 0)).toThrow(RangeError);
  });

  it('gaps by target work the same way', () => {
    expect(gapsOf('H', peers, presence(programmes, 'target'), 2)).toEqual([{ code: 'women', peers: ['A', 'B'] }]);
  });

  it('Jaccard = |A ∩ B| / |A ∪ B|; two empty sets are unknown, not 0', () => {
    // H {training, financing} vs A {training, portal}: 1 / 3.
    expect(jaccard(types.get('H')!, types.get('A')!)).toBeCloseTo(1 / 3, 12);
    // H vs C {portal, financing, logistics}: 1 / 4.
    expect(jaccard(types.get('H')!, types.get('C')!)).toBe(0.25);
    expect(jaccard(types.get('H')!, new Set())).toBe(0);
    expect(jaccard(new Set(), new Set())).toBeNull();
    const sims = similarities('H', peers, types);
    expect(sims.map((s) => [s.peer, s.jaccard])).toEqual([
      ['A', 1 / 3],
      ['C', 0.25],
      ['B', 0],
      ['D', 0],
    ]);
    expect(sims[0]).toMatchObject({ shared: ['training'], home_only: ['financing'], peer_only: ['guidance_portal'] });
  });

  it('maturity per type is the highest stage reached; no stage stated stays null', () => {
    const { vocab } = loadVocabulary();
    const m = maturity(
      [
        { types: ['training'], stage: 'implemented' },
        { types: ['training', 'financing'], stage: 'evaluated' },
        { types: ['logistics_postal'], stage: null },
      ],
      vocab.stages,
    );
    expect(Object.fromEntries(m)).toEqual({ training: 'evaluated', financing: 'evaluated', logistics_postal: null });
  });
});
