import { describe, expect, it } from 'vitest';
import { FOCUS_COLOR, HIGHLIGHTED, MEDIAN_COLOR, OVERFLOW_GREY, SERIES_COLORS, seriesColor } from './palette';

describe('series colours', () => {
  it('never repeat within a chart while the palette lasts, and are not the focus, median or grey colours', () => {
    for (let n = 1; n <= SERIES_COLORS.length; n++) {
      const colors = Array.from({ length: n }, (_, i) => seriesColor(i, n));
      expect(new Set(colors).size).toBe(n);
      for (const c of colors) expect([FOCUS_COLOR, MEDIAN_COLOR, OVERFLOW_GREY]).not.toContain(c);
    }
  });

  it('beyond the palette: the first few highlighted in distinct colours, the rest grey', () => {
    const n = SERIES_COLORS.length + 5;
    const colors = Array.from({ length: n }, (_, i) => seriesColor(i, n));
    const coloured = colors.filter((c) => c !== OVERFLOW_GREY);
    expect(coloured).toHaveLength(HIGHLIGHTED);
    expect(new Set(coloured).size).toBe(HIGHLIGHTED);
    expect(colors.slice(HIGHLIGHTED).every((c) => c === OVERFLOW_GREY)).toBe(true);
  });
});
