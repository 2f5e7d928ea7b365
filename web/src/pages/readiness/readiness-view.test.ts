import { describe, expect, it } from 'vitest';
import { componentCell, currentWeights, formatLog, orderRows, parseReason, setWeight } from './readiness-view';

describe('readiness-view', () => {
  it('prefers URL weights over API defaults', () => {
    expect(currentWeights('A:2~B:0', [{ code: 'A', name: 'a', weight: 1, log: false }])).toEqual([
      { code: 'A', weight: 2 },
      { code: 'B', weight: 0 },
    ]);
    expect(currentWeights(null, [{ code: 'A', name: 'a', weight: 1, log: false }])).toEqual([{ code: 'A', weight: 1 }]);
  });
  it('clamps weights', () => {
    expect(setWeight([{ code: 'A', weight: 1 }], 'A', -3)).toEqual([{ code: 'A', weight: 0 }]);
  });
  it('puts unscored countries last', () => {
    const base = { name: '', missing: [], percentile: null, vs_median: null, vs_peers: null, available: 0, reason: null };
    const rows = orderRows([
      { ...base, iso3: 'BRN', score: null, rank: null, reason: 'missing 2 components' },
      { ...base, iso3: 'CHL', score: 50, rank: 2 },
      { ...base, iso3: 'KOR', score: 90, rank: 1 },
    ]);
    expect(rows.map((r) => r.iso3)).toEqual(['KOR', 'CHL', 'BRN']);
  });
  it('reads component fields', () => {
    const row = { iso3: 'X', name: 'X', missing: [], score: 1, rank: 1, percentile: 1, vs_median: 0, vs_peers: 0, available: 1, reason: null, 'A.value': 3, 'A.year': 2020, 'A.norm': null };
    expect(componentCell(row, 'A')).toEqual({ value: 3, year: 2020, norm: null });
  });
});

describe('reasons and log', () => {
  it('parses the API reason', () => {
    expect(parseReason('missing 2 of 5 components: FINDEX.account_t_d, FINDEX.fin26b')).toEqual({
      missing: 2,
      of: 5,
      codes: ['FINDEX.account_t_d', 'FINDEX.fin26b'],
    });
    expect(parseReason('something else')).toBeNull();
  });
  it('writes log=none when nothing is logged', () => {
    expect(formatLog([])).toBe('none');
    expect(formatLog(['A', 'B'])).toBe('A~B');
  });
});
