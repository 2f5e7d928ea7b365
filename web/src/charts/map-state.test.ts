import { describe, expect, it } from 'vitest';
import { NO_DATA, binOf, choroplethState, equalIntervalBins } from './map-state';

describe('map-state', () => {
  it('builds nice bins that cover the data', () => {
    const bins = equalIntervalBins([3.2, 47, 99.1]);
    expect(bins[0].from).toBeLessThanOrEqual(3.2);
    expect(bins[bins.length - 1].to).toBeGreaterThanOrEqual(99.1);
    for (const v of [3.2, 47, 99.1]) expect(binOf(v, bins)).toBeDefined();
  });
  it('never colours a missing value as zero', () => {
    const s = choroplethState(
      ['ARG', 'BRA', 'VEN'],
      [
        { iso3: 'ARG', value: 0, year: 2020 },
        { iso3: 'BRA', value: 80, year: 2022 },
        { iso3: 'VEN', value: null, year: null },
      ],
      (iso3, d) => `${iso3}:${d?.value ?? 'no data'}`,
    );
    expect(s.items.find((i) => i.iso3 === 'VEN')?.fill).toBe(NO_DATA);
    expect(s.items.find((i) => i.iso3 === 'ARG')?.fill).not.toBe(NO_DATA);
    expect(s.missing).toEqual(['VEN']);
  });
  it('handles a single value', () => {
    expect(equalIntervalBins([5, 5])).toHaveLength(1);
    expect(equalIntervalBins([])).toHaveLength(0);
  });
});
