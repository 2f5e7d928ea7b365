import { describe, expect, it } from 'vitest';
import { striStackState, type StackInput } from './stri-state';

const row = (key: string, stri: number | null, areas: (number | null)[] = [null, null, null, null, null]): StackInput => ({
  key,
  label: key,
  stri,
  infrastructure: areas[0],
  electronic_transactions: areas[1],
  payment_systems: areas[2],
  intellectual_property: areas[3],
  other_barriers: areas[4],
});

describe('striStackState', () => {
  it('stacks the five contributions end to end, least restrictive economy first', () => {
    const s = striStackState([row('CHL', 0.26, [0.2, 0.02, 0.02, 0, 0.02]), row('PER', 0.2, [0.1, 0.05, 0, 0, 0.05])]);
    expect(s.bars.map((b) => b.key)).toEqual(['PER', 'CHL']);
    const chl = s.segments.filter((g) => g.key === 'CHL');
    expect(chl.map((g) => g.area)).toEqual(['CLAS1_6', 'CLAS1_7', 'CLAS1_8', 'CLAS1_9', 'CLAS1_10']);
    expect(chl[0]).toMatchObject({ x1: 0, x2: 0.2 });
    expect(chl[4].x2).toBeCloseTo(0.26, 12);
    expect(s.max).toBe(0.26);
  });

  it('lists an economy without a value apart instead of drawing a zero bar', () => {
    const s = striStackState([row('VEN', null), row('CHL', 0.26, [0.2, 0.02, 0.02, 0, 0.02])]);
    expect(s.bars.map((b) => b.key)).toEqual(['CHL']);
    expect(s.omitted).toEqual(['VEN']);
    expect(s.segments.some((g) => g.key === 'VEN')).toBe(false);
  });

  it("keeps the input order for a country's years, and skips a missing contribution", () => {
    const s = striStackState([row('2020', 0.3, [0.3, 0, 0, 0, 0]), row('2021', 0.1, [0.1, null, 0, 0, 0])], 'input');
    expect(s.bars.map((b) => b.key)).toEqual(['2020', '2021']);
    expect(s.segments.filter((g) => g.key === '2021').map((g) => g.area)).toEqual(['CLAS1_6', 'CLAS1_8', 'CLAS1_9', 'CLAS1_10']);
  });
});
