import { describe, expect, it } from 'vitest';
import { checkObservations, fealacMedian, median, rankYear, wideRows } from './compute.js';
import { STRI_AREAS, type StriObservation } from './schema.js';

/** An economy-year whose five contributions are `areas` and whose index is their sum (or `total`). */
function year(iso3: string, y: number, areas: number[], total?: number): StriObservation[] {
  return [
    { iso3, year: y, measure: 'STRI', value: total ?? areas.reduce((a, b) => a + b, 0) },
    ...STRI_AREAS.map((measure, i) => ({ iso3, year: y, measure, value: areas[i] })),
  ];
}

describe('checkObservations', () => {
  it('accepts complete economy-years whose contributions add up (within float32 noise)', () => {
    const obs = [...year('CHL', 2024, [0.2, 0.02, 0.02, 0, 0.0224965906]), ...year('PER', 2024, [0.1, 0.05, 0, 0, 0.05], 0.20000002)];
    expect(checkObservations(obs)).toEqual([]);
  });

  it('names the overall index when the contributions do not add up to it', () => {
    const obs = year('CHL', 2024, [0.2, 0.02, 0.02, 0, 0.02], 0.3);
    expect(checkObservations(obs)).toEqual([{ index: 0, field: 'value', message: expect.stringMatching(/CHL 2024: the five area contributions add up to 0\.26.*not to the overall index 0\.3/) }]);
  });

  it('names a missing measure, a repeated one and a value outside 0..1', () => {
    const incomplete = year('CHL', 2024, [0.2, 0.02, 0.02, 0, 0.02]).filter((o) => o.measure !== 'CLAS1_8');
    expect(checkObservations(incomplete)).toEqual([{ index: 0, field: 'measure', message: expect.stringContaining('CHL 2024 lacks CLAS1_8') }]);

    const repeated = [...year('CHL', 2024, [0.2, 0.02, 0.02, 0, 0.02]), { iso3: 'CHL', year: 2024, measure: 'CLAS1_9' as const, value: 0 }];
    expect(checkObservations(repeated)).toEqual([{ index: 6, field: 'measure', message: expect.stringContaining('CLAS1_9 of CHL 2024 appears twice (first at record 5)') }]);

    const outside = year('CHL', 2024, [1.2, 0, 0, 0, 0]);
    const problems = checkObservations(outside);
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [0, 'value'], // 1.2 overall
      [1, 'value'], // 1.2 contribution
    ]);
  });
});

describe('wideRows', () => {
  it('puts the index and the five contributions side by side; a missing one stays null', () => {
    const rows = wideRows([...year('PER', 2021, [0.1, 0, 0, 0, 0.05]), { iso3: 'CHL', year: 2020, measure: 'STRI', value: 0.26 }]);
    expect(rows).toEqual([
      { iso3: 'CHL', year: 2020, stri: 0.26, infrastructure: null, electronic_transactions: null, payment_systems: null, intellectual_property: null, other_barriers: null },
      { iso3: 'PER', year: 2021, stri: 0.15000000000000002, infrastructure: 0.1, electronic_transactions: 0, payment_systems: 0, intellectual_property: 0, other_barriers: 0.05 },
    ]);
  });
});

describe('median and the FEALAC median gate', () => {
  it('is the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('is given only with at least min_n values, and says so either way', () => {
    expect(fealacMedian([0.1, 0.2, 0.3], 3)).toEqual({ median: 0.2, n: 3, min_n: 3, enough_data: true });
    expect(fealacMedian([0.1, 0.2], 3)).toEqual({ median: null, n: 2, min_n: 3, enough_data: false });
  });
});

describe('rankYear', () => {
  const members = ['CHL', 'MNG', 'PER', 'SGP', 'VEN'];
  const values = [
    ...year('CHL', 2024, [0.2, 0.02, 0.02, 0, 0.02]),
    ...year('PER', 2024, [0.1, 0.05, 0, 0, 0.05]),
    ...year('SGP', 2024, [0.1, 0.05, 0, 0, 0.05]),
    ...year('CHL', 2023, [0.5, 0, 0, 0, 0]),
    ...year('XXX', 2024, [0, 0, 0, 0, 0]), // not a member: left out
  ];

  it('ranks least restrictive first, ties share a rank, and lists the members not covered apart, with no value', () => {
    const { rows, median: m } = rankYear(values, members, 2024, 2);
    expect(rows.map((r) => [r.rank, r.iso3, r.coverage])).toEqual([
      [1, 'PER', 'covered'],
      [1, 'SGP', 'covered'],
      [3, 'CHL', 'covered'],
      [null, 'MNG', 'not_covered'],
      [null, 'VEN', 'not_covered'],
    ]);
    expect(rows[3].stri).toBeNull();
    expect(rows[2]).toMatchObject({ stri: 0.26, infrastructure: 0.2 });
    expect(m).toEqual({ median: 0.2, n: 3, min_n: 2, enough_data: true });
  });

  it('gives no median below the gate, but still the values', () => {
    const { rows, median: m } = rankYear(values, members, 2023, 2);
    expect(rows.filter((r) => r.coverage === 'covered').map((r) => r.iso3)).toEqual(['CHL']);
    expect(m).toEqual({ median: null, n: 1, min_n: 2, enough_data: false });
  });
});
