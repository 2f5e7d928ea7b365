import { describe, expect, it } from 'vitest';
import { trafficState } from './traffic-state';

describe('trafficState', () => {
  it('orders series by total and leaves a gap for a missing month', () => {
    const s = trafficState(
      [
        { period: '2024-01', series: 'a', label: 'A', visits: 1 },
        { period: '2024-03', series: 'a', label: 'A', visits: 2 },
        { period: '2024-01', series: 'b', label: 'B', visits: 10 },
      ],
      () => '#000',
    );
    expect(s.series.map((x) => x.key)).toEqual(['b', 'a']);
    expect(s.points.filter((p) => p.series === 'a').map((p) => [p.period, p.value])).toEqual([
      ['2024-01', 1],
      ['2024-02', null],
      ['2024-03', 2],
    ]);
  });
});
