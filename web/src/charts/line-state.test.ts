import { describe, expect, it } from 'vitest';
import { dodgeLabels, lineState } from './line-state';

const specs = [
  { key: 'ARG', label: 'Argentina', color: '#000', kind: 'focus' as const },
  { key: 'FEALAC_MEDIAN', label: 'Median', color: '#888', kind: 'median' as const },
];

describe('line-state', () => {
  it('turns a missing year into a gap, not a zero', () => {
    const s = lineState(
      [
        { series: 'ARG', year: 2010, value: 40 },
        { series: 'ARG', year: 2012, value: 50 },
        { series: 'FEALAC_MEDIAN', year: 2010, value: 30 },
        { series: 'FEALAC_MEDIAN', year: 2011, value: 35 },
        { series: 'FEALAC_MEDIAN', year: 2012, value: 38 },
      ],
      specs,
    );
    const arg = s.points.filter((p) => p.series === 'ARG');
    expect(arg.map((p) => p.value)).toEqual([40, null, 50]);
    expect(arg.map((p) => p.year)).toEqual([2010, 2011, 2012]);
    expect(s.values).toEqual([30, 50]);
  });
  it('breaks a line at a year known to have no value (a median below its minimum), even between survey waves, and keeps notes', () => {
    const s = lineState(
      [
        { series: 'FEALAC_MEDIAN', year: 2017, value: 60, note: 'n = 31' },
        { series: 'FEALAC_MEDIAN', year: 2021, value: 68.7, note: 'n = 30' },
        { series: 'FEALAC_MEDIAN', year: 2022, value: null, note: 'n = 3' },
        { series: 'FEALAC_MEDIAN', year: 2024, value: 70, note: 'n = 32' },
        { series: 'FEALAC_MEDIAN', year: 2025, value: null, note: 'n = 1' },
      ],
      specs,
    );
    const median = s.points.filter((p) => p.series === 'FEALAC_MEDIAN');
    expect(median.map((p) => [p.year, p.value])).toEqual([
      [2017, 60],
      [2021, 68.7],
      [2022, null],
      [2024, 70],
    ]);
    expect(median.find((p) => p.year === 2021)?.note).toBe('n = 30');
    expect(s.last).toEqual([{ series: 'FEALAC_MEDIAN', year: 2024, value: 70 }]);
    // Without the known gap, the waves 2021 and 2024 stay connected (3 years = the cadence).
    const joined = lineState([2017, 2021, 2024].map((year) => ({ series: 'FEALAC_MEDIAN', year, value: 1 })), specs);
    expect(joined.points.map((p) => p.value)).toEqual([1, 1, 1]);
  });

  it('keeps survey waves connected, even when another series has an extra wave', () => {
    const s = lineState(
      [
        { series: 'ARG', year: 2011, value: 1 },
        { series: 'ARG', year: 2014, value: 2 },
        { series: 'ARG', year: 2017, value: 3 },
        { series: 'ARG', year: 2021, value: 4 },
        { series: 'ARG', year: 2024, value: 5 },
        { series: 'FEALAC_MEDIAN', year: 2021, value: 4 },
        { series: 'FEALAC_MEDIAN', year: 2022, value: 4 },
        { series: 'FEALAC_MEDIAN', year: 2024, value: 5 },
      ],
      specs,
    );
    expect(s.points.filter((p) => p.series === 'ARG').map((p) => p.value)).toEqual([1, 2, 3, 4, 5]);
  });
  it('drops series without values', () => {
    const s = lineState([{ series: 'ARG', year: 2011, value: null }], specs);
    expect(s.series).toEqual([]);
    expect(s.years).toBeNull();
  });
  it('dodges labels', () => {
    expect(dodgeLabels([10, 12, 50], 10, 0, 100)).toEqual([10, 20, 50]);
  });
});
