import { describe, expect, it } from 'vitest';
import { heatmapState } from './heatmap-state';

describe('heatmapState', () => {
  it('keeps missing cells as missing, not 0', () => {
    const s = heatmapState(['A', 'B', 'C'], [[0, 0.5, null], [0.5, 0, 0.25], [null, 0.25, 0]], [[1, 0.4, 0], [0.4, 1, 0.2], [0, 0.2, 1]]);
    expect(s.cells).toHaveLength(9);
    expect(s.cells.find((c) => c.row === 'A' && c.col === 'C')!.value).toBeNull();
    expect(s.missing).toBe(1);
    expect(s.max).toBe(0.5);
  });
});
