import { describe, it, expect } from 'vitest';
import {
  CRUX_BUCKETS,
  FLOW_CLASSES,
  MIN_PAIRS,
  averageRanks,
  bestBucket,
  biRegionalIntensity,
  cagr,
  correlate,
  crossBorderShare,
  domesticShare,
  flowClass,
  flowMix,
  hhi,
  isCruxBucket,
  leastSquares,
  monthsCovered,
  originsAbove,
  pearson,
  reach,
  reachFromPresence,
  shareSumError,
  sharesSumOk,
  spearman,
  sumVisits,
  topNShare,
  topOrigins,
  yoyGrowth,
  yoySeries,
  type Region,
} from './compute.js';

// A few real FEALAC members (shared/data/countries/fealac_members.csv); USA and DEU are not members.
const REGIONS: Record<string, Region> = {
  PER: 'Latin America', CHL: 'Latin America', BRA: 'Latin America', MEX: 'Latin America',
  JPN: 'East Asia', CHN: 'East Asia', KOR: 'East Asia', AUS: 'East Asia',
};
const regionOf = (iso3: string): Region | null => REGIONS[iso3] ?? null;

describe('flowClass', () => {
  it('lists the five classes in the documented order', () => {
    expect(FLOW_CLASSES).toEqual(['domestic', 'intra-east-asia', 'intra-latin-america', 'bi-regional', 'extra-fealac']);
  });

  it('classifies the five kinds of flow', () => {
    expect(flowClass('PER', 'PER', regionOf)).toBe('domestic');
    expect(flowClass('CHL', 'PER', regionOf)).toBe('intra-latin-america');
    expect(flowClass('JPN', 'PER', regionOf)).toBe('bi-regional');
    expect(flowClass('USA', 'PER', regionOf)).toBe('extra-fealac');
    expect(flowClass('CHN', 'KOR', regionOf)).toBe('intra-east-asia');
    // bi-regional both ways, and Oceania counts as East Asia in FEALAC
    expect(flowClass('BRA', 'AUS', regionOf)).toBe('bi-regional');
    expect(flowClass('AUS', 'JPN', regionOf)).toBe('intra-east-asia');
  });

  it('accepts a Map lookup that returns undefined for non-members', () => {
    const m = new Map<string, Region>(Object.entries(REGIONS));
    expect(flowClass('DEU', 'MEX', (c) => m.get(c))).toBe('extra-fealac');
    expect(flowClass('MEX', 'MEX', (c) => m.get(c))).toBe('domestic');
  });

  it('refuses a destination outside FEALAC instead of forcing a class on it', () => {
    expect(() => flowClass('PER', 'USA', regionOf)).toThrow(/destination USA is not a FEALAC economy/);
    expect(() => flowClass('USA', 'USA', regionOf)).toThrow(RangeError);
  });

  it('refuses codes that are not upper-case ISO3, which would otherwise be misfiled as extra-FEALAC', () => {
    expect(() => flowClass('per', 'PER', regionOf)).toThrow(/upper-case ISO3/);
    expect(() => flowClass('PE', 'PER', regionOf)).toThrow(RangeError);
    expect(() => flowClass('OTHER', 'PER', regionOf)).toThrow(RangeError);
    expect(() => flowClass('PER', '', regionOf)).toThrow(RangeError);
  });

  it('refuses a lookup returning something that is not a region', () => {
    expect(() => flowClass('JPN', 'PER', () => 'Asia' as unknown as Region)).toThrow(/not a FEALAC region/);
  });
});

describe('sumVisits and monthsCovered', () => {
  it('sums the known months and counts them', () => {
    // 100 + 250 + 50 = 400 over 3 of 4 months (the missing month is not filled in)
    const months = [100, null, 250, 50];
    expect(sumVisits(months)).toBe(400);
    expect(monthsCovered(months)).toBe(3);
  });

  it('is null, not 0, when every month is missing or there are none', () => {
    expect(sumVisits([null, null])).toBeNull();
    expect(sumVisits([])).toBeNull();
    expect(monthsCovered([null, null])).toBe(0);
  });

  it('keeps a known zero as zero (distinct from unknown)', () => {
    expect(sumVisits([0, null])).toBe(0);
    expect(monthsCovered([0, null])).toBe(1);
  });

  it('refuses negative and non-finite visits', () => {
    expect(() => sumVisits([10, -1])).toThrow(/sumVisits\[1\]/);
    expect(() => sumVisits([NaN])).toThrow(RangeError);
    expect(() => monthsCovered([Infinity])).toThrow(RangeError);
  });
});

describe('yoyGrowth', () => {
  it('is (current / previous - 1) x 100', () => {
    // 150 / 120 = 1.25 -> +25 %; 90 / 120 = 0.75 -> -25 %
    expect(yoyGrowth(150, 120)).toBeCloseTo(25, 12);
    expect(yoyGrowth(90, 120)).toBeCloseTo(-25, 12);
    expect(yoyGrowth(0, 120)).toBe(-100); // a known fall to zero is -100 %
  });

  it('is null when either side is unknown: a missing previous month is not -100 % or +inf', () => {
    expect(yoyGrowth(150, null)).toBeNull();
    expect(yoyGrowth(null, 120)).toBeNull();
  });

  it('is null from a zero or negative base and for a negative current value', () => {
    expect(yoyGrowth(150, 0)).toBeNull();
    expect(yoyGrowth(150, -10)).toBeNull();
    expect(yoyGrowth(-5, 10)).toBeNull();
  });

  it('refuses NaN', () => {
    expect(() => yoyGrowth(NaN, 10)).toThrow(RangeError);
  });
});

describe('cagr', () => {
  it('compounds: 100 -> 121 over 2 years is 10 % a year', () => {
    // (121 / 100)^(1/2) = 1.1 -> 10 %
    expect(cagr(100, 121, 2)).toBeCloseTo(10, 10);
    // not the simple average (21 % / 2 = 10.5 %)
    expect(cagr(100, 121, 2)).not.toBeCloseTo(10.5, 3);
  });

  it('handles falls and one-year periods', () => {
    // (64 / 100)^(1/2) = 0.8 -> -20 %
    expect(cagr(100, 64, 2)).toBeCloseTo(-20, 10);
    // one year: plain growth, 100 -> 130 = 30 %
    expect(cagr(100, 130, 1)).toBeCloseTo(30, 10);
    expect(cagr(100, 0, 3)).toBe(-100);
  });

  it('is null when first <= 0, either value is unknown, last < 0 or years <= 0', () => {
    expect(cagr(0, 121, 2)).toBeNull();
    expect(cagr(-100, 121, 2)).toBeNull();
    expect(cagr(null, 121, 2)).toBeNull();
    expect(cagr(100, null, 2)).toBeNull();
    expect(cagr(100, -1, 2)).toBeNull();
    expect(cagr(100, 121, 0)).toBeNull();
    expect(cagr(100, 121, -2)).toBeNull();
  });

  it('refuses non-finite years', () => {
    expect(() => cagr(100, 121, NaN)).toThrow(/years/);
  });
});

describe('yoySeries', () => {
  it('compares each month with the same month a year earlier, sorted chronologically', () => {
    const out = yoySeries([
      { month: '2024-02', visits: 300 },
      { month: '2023-01', visits: 100 },
      { month: '2024-01', visits: 150 },
      { month: '2023-02', visits: null },
      { month: '2023-12', visits: 120 },
    ]);
    expect(out).toEqual([
      { month: '2023-01', visits: 100, yoy: null }, // nothing a year earlier
      { month: '2023-02', visits: null, yoy: null },
      { month: '2023-12', visits: 120, yoy: null }, // 2022-12 absent; 2023-11 is NOT used
      { month: '2024-01', visits: 150, yoy: 50 }, // 150 / 100 = 1.5 -> +50 %
      { month: '2024-02', visits: 300, yoy: null }, // 2023-02 unknown: null, not -100 % or +inf
    ]);
  });

  it('does not compare with the previous month', () => {
    // 2024-01 has 2023-12 right before it (120) but no 2023-01: yoy null, not 150/120 - 1 = 25 %
    const out = yoySeries([{ month: '2023-12', visits: 120 }, { month: '2024-01', visits: 150 }]);
    expect(out[1].yoy).toBeNull();
  });

  it('refuses malformed and duplicate months and negative visits', () => {
    expect(() => yoySeries([{ month: '2024-13', visits: 1 }])).toThrow(/YYYY-MM/);
    expect(() => yoySeries([{ month: '2024-1', visits: 1 }])).toThrow(RangeError);
    expect(() => yoySeries([{ month: '2024-01', visits: 1 }, { month: '2024-01', visits: 2 }])).toThrow(/twice/);
    expect(() => yoySeries([{ month: '2024-01', visits: -3 }])).toThrow(RangeError);
  });
});

describe('origin shares', () => {
  // A website serving Peru: 600 domestic, 200 from Chile, 100 from Japan, 50 from China,
  // 50 from the USA; total 1000.
  const visits = { PER: 600, CHL: 200, JPN: 100, CHN: 50, USA: 50 };

  it('domestic share = home visits / all visits; cross-border = 1 - that', () => {
    expect(domesticShare(visits, 'PER')).toBeCloseTo(0.6, 12); // 600 / 1000
    expect(crossBorderShare(visits, 'PER')).toBeCloseTo(0.4, 12); // 400 / 1000
    expect(domesticShare(visits, 'CHL')).toBeCloseTo(0.2, 12); // the same map seen from Chile
  });

  it('gives 0 domestic share when the complete breakdown has no home visits', () => {
    expect(domesticShare({ CHL: 5, JPN: 5 }, 'PER')).toBe(0);
    expect(crossBorderShare({ CHL: 5, JPN: 5 }, 'PER')).toBe(1);
  });

  it('is null, not 0, when there are no visits', () => {
    expect(domesticShare({}, 'PER')).toBeNull();
    expect(domesticShare({ PER: 0, CHL: 0 }, 'PER')).toBeNull();
    expect(crossBorderShare({}, 'PER')).toBeNull();
  });

  it('refuses unknown (null) values, negative values and non-ISO3 keys such as a residual "Other"', () => {
    expect(() => domesticShare({ PER: 1, CHL: null } as unknown as Record<string, number>, 'PER')).toThrow(/CHL/);
    expect(() => domesticShare({ PER: -1 }, 'PER')).toThrow(RangeError);
    expect(() => domesticShare({ PER: 1, Other: 1 }, 'PER')).toThrow(/upper-case ISO3/);
    expect(() => domesticShare({ PER: 1 }, 'pe')).toThrow(RangeError);
  });

  it('splits visits by flow class, summing to 1', () => {
    const mix = flowMix(visits, 'PER', regionOf)!;
    expect(Object.keys(mix)).toEqual([...FLOW_CLASSES]);
    expect(mix.domestic).toBeCloseTo(0.6, 12); // PER 600
    expect(mix['intra-latin-america']).toBeCloseTo(0.2, 12); // CHL 200
    expect(mix['bi-regional']).toBeCloseTo(0.15, 12); // JPN 100 + CHN 50
    expect(mix['extra-fealac']).toBeCloseTo(0.05, 12); // USA 50
    expect(mix['intra-east-asia']).toBe(0); // known zero: a Latin American destination
    expect(Object.values(mix).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('classifies the same origins differently for an East Asian destination', () => {
    // Seen as a website serving Japan: JPN 100 domestic, CHN 50 intra-East-Asia,
    // PER 600 + CHL 200 bi-regional, USA 50 extra-FEALAC.
    const mix = flowMix(visits, 'JPN', regionOf)!;
    expect(mix.domestic).toBeCloseTo(0.1, 12);
    expect(mix['intra-east-asia']).toBeCloseTo(0.05, 12);
    expect(mix['bi-regional']).toBeCloseTo(0.8, 12);
    expect(mix['intra-latin-america']).toBe(0);
    expect(biRegionalIntensity(visits, 'JPN', regionOf)).toBeCloseTo(0.8, 12);
  });

  it('bi-regional intensity counts only the OTHER FEALAC region', () => {
    // Serving Peru: JPN 100 + CHN 50 = 150 / 1000; neither CHL (same region) nor USA (outside)
    expect(biRegionalIntensity(visits, 'PER', regionOf)).toBeCloseTo(0.15, 12);
    expect(biRegionalIntensity({ PER: 10, USA: 90 }, 'PER', regionOf)).toBe(0);
  });

  it('has no mix or intensity when there are no visits, and refuses a non-FEALAC destination', () => {
    expect(flowMix({}, 'PER', regionOf)).toBeNull();
    expect(biRegionalIntensity({ CHL: 0 }, 'PER', regionOf)).toBeNull();
    expect(() => flowMix({}, 'USA', regionOf)).toThrow(/not a FEALAC economy/);
    expect(() => flowMix({ PER: 1 }, 'USA', regionOf)).toThrow(RangeError);
  });

  it('lists top origins by visits, ties by code, with their share of ALL visits', () => {
    // JPN and KOR tie at 100; JPN first by code. Total 200 + 100 + 100 + 50 + 0 = 450.
    const v = { KOR: 100, PER: 200, JPN: 100, CHL: 50, MEX: 0 };
    const top = topOrigins(v, 3);
    expect(top.map((t) => t.origin)).toEqual(['PER', 'JPN', 'KOR']);
    expect(top.map((t) => t.visits)).toEqual([200, 100, 100]);
    expect(top[0].share).toBeCloseTo(200 / 450, 12); // not 200/400 (share of the top 3)
    expect(top[2].share).toBeCloseTo(100 / 450, 12);
  });

  it('leaves zero-visit origins out of the top and handles small n', () => {
    const v = { KOR: 100, PER: 200, JPN: 100, CHL: 50, MEX: 0 };
    expect(topOrigins(v, 10).map((t) => t.origin)).toEqual(['PER', 'JPN', 'KOR', 'CHL']);
    expect(topOrigins(v, 0)).toEqual([]);
    expect(topOrigins({}, 5)).toEqual([]);
    expect(() => topOrigins(v, 1.5)).toThrow(RangeError);
    expect(() => topOrigins(v, -1)).toThrow(RangeError);
  });
});

describe('concentration', () => {
  it('HHI of shares 50/30/20 = 2500 + 900 + 400 = 3800', () => {
    expect(hhi({ a: 50, b: 30, c: 20 })).toBeCloseTo(3800, 9);
    // The same shares from raw visits: 5000/3000/2000 of 10 000
    expect(hhi({ a: 5000, b: 3000, c: 2000 })).toBeCloseTo(3800, 9);
  });

  it('HHI is 10 000 for a monopoly and 10 000 / n for n equal marketplaces', () => {
    expect(hhi({ only: 123 })).toBeCloseTo(10000, 9);
    // 4 x 25² = 2500
    expect(hhi({ a: 1, b: 1, c: 1, d: 1 })).toBeCloseTo(2500, 9);
    // a marketplace with 0 visits adds nothing
    expect(hhi({ a: 1, b: 1, c: 1, d: 1, e: 0 })).toBeCloseTo(2500, 9);
  });

  it('HHI is null with no visits', () => {
    expect(hhi({})).toBeNull();
    expect(hhi({ a: 0 })).toBeNull();
    expect(() => hhi({ a: -1, b: 2 })).toThrow(RangeError);
  });

  it('top-n share takes the n largest whatever the input order', () => {
    const v = { c: 20, a: 50, d: 10, b: 20 }; // total 100
    expect(topNShare(v, 1)).toBeCloseTo(0.5, 12); // a
    expect(topNShare(v, 3)).toBeCloseTo(0.9, 12); // 50 + 20 + 20
    expect(topNShare(v, 10)).toBeCloseTo(1, 12);
    expect(topNShare({}, 3)).toBeNull();
    expect(() => topNShare(v, 0)).toThrow(RangeError);
  });
});

describe('reach', () => {
  const shares = { PER: 0.7, CHL: 0.1, BOL: 0.05, JPN: 0.049, USA: 0.111 };

  it('counts foreign economies with a share >= threshold (edge included, home excluded)', () => {
    // >= 0.05: PER (home, excluded), CHL, BOL (exactly 0.05), USA -> 3; JPN 0.049 is below
    expect(originsAbove(shares, 0.05)).toEqual(['BOL', 'CHL', 'PER', 'USA']);
    expect(reach(shares, 'PER', 0.05)).toBe(3);
    expect(reach(shares, 'PER', 0.11)).toBe(1); // USA only
    expect(reach(shares, 'PER', 0.8)).toBe(0);
    // seen from Chile, Peru is foreign
    expect(reach(shares, 'CHL', 0.05)).toBe(3);
  });

  it('refuses a threshold outside (0, 1] and shares above 1', () => {
    expect(() => reach(shares, 'PER', 0)).toThrow(/threshold/);
    expect(() => reach(shares, 'PER', 1.5)).toThrow(RangeError);
    expect(() => reach({ PER: 70 }, 'PER', 0.05)).toThrow(/not a share/);
  });

  it('counts distinct foreign economies from presence lists', () => {
    // a marketplace whose websites appear in PER, CHL, CHL (two sites), MEX and its home ARG
    expect(reachFromPresence(['PER', 'CHL', 'CHL', 'MEX', 'ARG'], 'ARG')).toBe(3);
    expect(reachFromPresence([], 'ARG')).toBe(0);
    expect(() => reachFromPresence(['pe'], 'ARG')).toThrow(RangeError);
  });
});

describe('correlation', () => {
  it('pearson: a perfect line is 1, its mirror -1', () => {
    expect(pearson([1, 2, 3, 4], [3, 5, 7, 9])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [9, 7, 5, 3])).toBeCloseTo(-1, 12);
  });

  it('pearson, worked by hand', () => {
    // xs 1,2,3 (mean 2, dx -1,0,1); ys 1,3,2 (mean 2, dy -1,1,0)
    // Sxy = 1 + 0 + 0 = 1; Sxx = 2; Syy = 2 -> r = 1 / sqrt(4) = 0.5
    expect(pearson([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 12);
  });

  it('spearman uses average ranks for ties', () => {
    // x 10,20,20,40 -> ranks 1, 2.5, 2.5, 4 ; y 1,2,3,4 -> ranks 1,2,3,4
    expect(averageRanks([10, 20, 20, 40])).toEqual([1, 2.5, 2.5, 4]);
    // mean rank 2.5: dx -1.5,0,0,1.5 ; dy -1.5,-0.5,0.5,1.5
    // Sxy = 2.25 + 0 + 0 + 2.25 = 4.5 ; Sxx = 4.5 ; Syy = 2.25+0.25+0.25+2.25 = 5
    // rho = 4.5 / sqrt(4.5 x 5) = 4.5 / sqrt(22.5) = 0.948683...
    expect(spearman([10, 20, 20, 40], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
    // The no-ties shortcut 1 - 6Σd²/(n(n²-1)) would give 1 - 6 x 0.5 / 60 = 0.95: different.
    expect(spearman([10, 20, 20, 40], [1, 2, 3, 4])).not.toBeCloseTo(0.95, 4);
  });

  it('spearman sees a monotone but non-linear relation as perfect where pearson does not', () => {
    const xs = [1, 2, 3, 4, 5];
    const ys = [1, 10, 100, 1000, 10000];
    expect(spearman(xs, ys)).toBeCloseTo(1, 12);
    expect(pearson(xs, ys)!).toBeLessThan(0.9);
  });

  it('is null for a zero-variance variable, even one that floating point would not see as constant', () => {
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNull();
    expect(pearson([0.1, 0.1, 0.1], [1, 2, 3])).toBeNull();
    expect(spearman([7, 7, 7, 7], [1, 2, 3, 4])).toBeNull();
    expect(leastSquares([2, 2, 2], [1, 2, 3])).toBeNull();
  });

  it(`is null below ${MIN_PAIRS} pairs`, () => {
    expect(MIN_PAIRS).toBe(3);
    expect(pearson([1, 2], [3, 4])).toBeNull();
    expect(spearman([1, 2], [3, 4])).toBeNull();
    expect(leastSquares([1, 2], [3, 4])).toBeNull();
  });

  it('least squares, worked by hand', () => {
    // xs 1,2,3 ; ys 2,4,5 : mean x 2, mean y 11/3
    // Sxy = (-1)(2 - 11/3) + 0 + (1)(5 - 11/3) = 5/3 + 4/3 = 3 ; Sxx = 2
    // slope 1.5, intercept 11/3 - 1.5 x 2 = 2/3
    const line = leastSquares([1, 2, 3], [2, 4, 5])!;
    expect(line.slope).toBeCloseTo(1.5, 12);
    expect(line.intercept).toBeCloseTo(2 / 3, 12);
  });

  it('least squares of a constant y is a horizontal line', () => {
    expect(leastSquares([1, 2, 3], [4, 4, 4])).toEqual({ slope: 0, intercept: 4 });
  });

  it('refuses unequal lengths and non-finite values', () => {
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(() => spearman([1, NaN, 3], [1, 2, 3])).toThrow(RangeError);
    expect(() => leastSquares([1, 2, 3], [1, Infinity, 3])).toThrow(RangeError);
  });

  describe('correlate', () => {
    it('uses only pairs where both values are known and reports n', () => {
      const r = correlate([
        { key: 'PER', x: 1, y: 2 },
        { key: 'CHL', x: 2, y: 4 },
        { key: 'BRA', x: null, y: 100 }, // x unknown: left out, not treated as 0
        { key: 'JPN', x: 3, y: 5 },
        { key: 'KOR', x: 50, y: null },
      ]);
      expect(r.n).toBe(3);
      // Same three pairs as the hand-worked line above: slope 1.5, intercept 2/3
      expect(r.slope).toBeCloseTo(1.5, 12);
      expect(r.intercept).toBeCloseTo(2 / 3, 12);
      // xs 1,2,3 ; ys 2,4,5 -> dy -5/3, 1/3, 4/3 ; Syy = (25+1+16)/9 = 42/9 ; r = 3 / sqrt(2 x 42/9)
      expect(r.pearson).toBeCloseTo(3 / Math.sqrt((2 * 42) / 9), 12);
      expect(r.spearman).toBeCloseTo(1, 12); // strictly increasing
    });

    it('gives null coefficients when fewer than 3 pairs are known', () => {
      const r = correlate([
        { key: 'PER', x: 1, y: 2 },
        { key: 'CHL', x: 2, y: null },
        { key: 'JPN', x: 3, y: 5 },
      ]);
      expect(r).toEqual({ n: 2, pearson: null, spearman: null, slope: null, intercept: null });
    });

    it('gives null coefficients when a variable has zero variance', () => {
      const r = correlate([
        { key: 'PER', x: 4, y: 1 },
        { key: 'CHL', x: 4, y: 2 },
        { key: 'JPN', x: 4, y: 3 },
      ]);
      expect(r).toEqual({ n: 3, pearson: null, spearman: null, slope: null, intercept: null });
    });

    it('refuses the same key twice and NaN values', () => {
      expect(() => correlate([{ key: 'PER', x: 1, y: 1 }, { key: 'PER', x: 2, y: 2 }])).toThrow(/twice/);
      expect(() => correlate([{ key: 'PER', x: NaN, y: 1 }])).toThrow(RangeError);
    });
  });
});

describe('share-sum validation', () => {
  it('accepts sums within the tolerance, edges included despite binary rounding', () => {
    expect(sharesSumOk([0.5, 0.3, 0.2], 0)).toBe(true);
    // 0.5 + 0.48 = 0.98: exactly 1 - 0.02, though 1 - 0.98 = 0.020000000000000018 in binary
    expect(sharesSumOk([0.5, 0.48], 0.02)).toBe(true);
    // 0.5 + 0.52 = 1.02: the upper edge
    expect(sharesSumOk([0.5, 0.52], 0.02)).toBe(true);
    expect(shareSumError([0.5, 0.48], 0.02)).toBeNull();
  });

  it('rejects sums just outside the tolerance, with a readable message', () => {
    expect(sharesSumOk([0.5, 0.479], 0.02)).toBe(false); // 0.979
    expect(sharesSumOk([0.5, 0.521], 0.02)).toBe(false); // 1.021
    // 0.6 + 0.33 = 0.93 (0.9299999999999999 in binary, shown as 0.93)
    expect(shareSumError([0.6, 0.33], 0.02)).toBe('shares sum to 0.93, not 1 (tolerance 0.02)');
    expect(shareSumError([0.6, 0.5], 0.05)).toBe('shares sum to 1.1, not 1 (tolerance 0.05)');
    expect(shareSumError([], 0.02)).toBe('shares sum to 0, not 1 (tolerance 0.02)');
  });

  it('rejects a share outside [0, 1] even when the sum is fine', () => {
    // -0.1 + 1.1 = 1
    expect(shareSumError([-0.1, 1.1], 0.02)).toBe('share 1 is -0.1, not a number between 0 and 1');
    expect(shareSumError([1.1, -0.1], 0.02)).toBe('share 1 is 1.1, not a number between 0 and 1');
    expect(sharesSumOk([0.5, NaN, 0.5], 0.02)).toBe(false);
  });

  it('refuses an invalid tolerance', () => {
    expect(() => sharesSumOk([1], -0.01)).toThrow(RangeError);
    expect(() => shareSumError([1], NaN)).toThrow(/tolerance/);
  });
});

describe('CrUX buckets', () => {
  it('knows the seven buckets', () => {
    expect([...CRUX_BUCKETS]).toEqual([1000, 5000, 10000, 50000, 100000, 500000, 1000000]);
    expect(isCruxBucket(10000)).toBe(true);
    expect(isCruxBucket(10001)).toBe(false);
    expect(isCruxBucket(2000)).toBe(false);
    expect(isCruxBucket('1000')).toBe(false);
  });

  it('keeps the best (smallest) bucket', () => {
    expect(bestBucket([50000, 1000, 10000])).toBe(1000);
    expect(bestBucket([1000000])).toBe(1000000);
  });

  it('refuses an empty list and non-bucket ranks instead of treating them as positions', () => {
    expect(() => bestBucket([])).toThrow(RangeError);
    expect(() => bestBucket([1000, 1234])).toThrow(/1234 is not a CrUX bucket/);
  });
});
