import { describe, it, expect } from 'vitest';
import {
  competitionRank,
  computeReadiness,
  gatedMedian,
  latestWithinWindow,
  median,
  normaliseMinMax,
  percentile,
  weightedMean,
  type ComponentSpec,
  type Observation,
  type ReadinessOptions,
} from './compute.js';

const USERS = 'IT.NET.USER.ZS';
const ACCOUNT = 'FX.OWN.TOTL.ZS';
const SERVERS = 'IT.NET.SECR.P6';
const LPI = 'LP.LPI.OVRL.XQ';
const ONLINE = 'FINDEX.fin26b';

function obs(iso3: string, indicator_code: string, year: number, value: number): Observation {
  return { iso3, indicator_code, year, value };
}

function closeAll(actual: Array<number | null>, expected: Array<number | null>) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i];
    if (e === null) expect(a).toBeNull();
    else expect(a).toBeCloseTo(e, 9);
  });
}

describe('latestWithinWindow', () => {
  const series = [
    { year: 2017, value: 1 },
    { year: 2018, value: 2 },
    { year: 2024, value: 3 },
  ];

  it('takes the latest year in (year - window, year]: 2018 is inside a 6-year window ending 2023', () => {
    // 2023 - 6 = 2017 is excluded, 2018 included, 2024 is after the reference year.
    expect(latestWithinWindow(series, 2023, 6)).toEqual({ year: 2018, value: 2 });
  });

  it('excludes the year exactly `window` years back', () => {
    expect(latestWithinWindow([{ year: 2017, value: 1 }], 2023, 6)).toBeNull();
    expect(latestWithinWindow([{ year: 2017, value: 1 }], 2023, 7)).toEqual({ year: 2017, value: 1 });
  });

  it('includes the reference year itself and ignores later years', () => {
    expect(latestWithinWindow([{ year: 2023, value: 9 }, { year: 2024, value: 10 }], 2023, 1)).toEqual({ year: 2023, value: 9 });
    expect(latestWithinWindow([{ year: 2022, value: 9 }], 2023, 1)).toBeNull();
  });

  it('prefers the latest year whatever the input order, and skips non-finite values', () => {
    expect(
      latestWithinWindow([{ year: 2021, value: 5 }, { year: 2023, value: NaN }, { year: 2022, value: 7 }, { year: 2020, value: 8 }], 2023, 6),
    ).toEqual({ year: 2022, value: 7 });
  });

  it('refuses two different values for the chosen year', () => {
    expect(() => latestWithinWindow([{ year: 2022, value: 1 }, { year: 2022, value: 2 }], 2023, 6)).toThrow(RangeError);
    expect(latestWithinWindow([{ year: 2022, value: 1 }, { year: 2022, value: 1 }], 2023, 6)).toEqual({ year: 2022, value: 1 });
  });
});

describe('normaliseMinMax', () => {
  it('maps min to 0 and max to 100 linearly, keeping nulls', () => {
    // min 10, max 90, range 80: 50 -> 40/80 = 50, 30 -> 20/80 = 25
    closeAll(normaliseMinMax([10, 50, null, 90, 30]), [0, 50, null, 100, 25]);
  });

  it('log-scales with log10 before normalising', () => {
    // log10: 0, 1, 2, 3 -> /3 -> 0, 33.33, 66.67, 100
    // (linear: (x - 1) / 999 * 100 -> 0, 900/999, 9900/999, 100, i.e. 0, 0.90, 9.91, 100)
    closeAll(normaliseMinMax([1, 10, 100, 1000], true), [0, 100 / 3, 200 / 3, 100]);
    closeAll(normaliseMinMax([1, 10, 100, 1000], false), [0, 900 / 999, 9900 / 999, 100]);
  });

  it('treats non-positive values as missing under log, without letting them move the min', () => {
    // 0 and -5 have no log; the remaining logs 1 and 2 set the range.
    closeAll(normaliseMinMax([0, 10, 100, -5, null], true), [null, 0, 100, null, null]);
    // Linear scaling keeps zero as a real value.
    closeAll(normaliseMinMax([0, 10, 100], false), [0, 10, 100]);
  });

  it('gives 100 to every present value when max === min', () => {
    closeAll(normaliseMinMax([7, null, 7]), [100, null, 100]);
    closeAll(normaliseMinMax([42]), [100]);
  });

  it('returns all nulls when nothing is present', () => {
    expect(normaliseMinMax([null, null])).toEqual([null, null]);
  });
});

describe('weightedMean', () => {
  it('weights the values', () => {
    // (80*3 + 40*1) / 4 = 280 / 4 = 70
    expect(weightedMean([80, 40], [3, 1])).toBeCloseTo(70, 12);
  });

  it('renormalises weights over the available values: missing is not zero', () => {
    // weights 0.5, 0.25, 0.25; the 0.25 one missing -> (60*0.5 + 90*0.25) / 0.75 = 52.5/0.75 = 70
    // (treating missing as 0 would give 52.5)
    expect(weightedMean([60, null, 90], [0.5, 0.25, 0.25])).toBeCloseTo(70, 12);
  });

  it('is null when nothing present carries weight', () => {
    expect(weightedMean([null, null], [1, 1])).toBeNull();
    expect(weightedMean([50, null], [0, 1])).toBeNull();
  });

  it('rejects mismatched lengths', () => {
    expect(() => weightedMean([1, 2], [1])).toThrow(RangeError);
  });
});

describe('median', () => {
  it('takes the middle of an odd count and the mean of the middle two of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5); // sorted 1 3 4 10 -> (3+4)/2
  });
  it('ignores nulls and is null for no values', () => {
    expect(median([null, 2, null, 8])).toBe(5);
    expect(median([])).toBeNull();
    expect(median([null])).toBeNull();
  });
});

describe('competitionRank', () => {
  it('ranks 1 = highest and ties share a rank with a gap after ("1,2,2,4")', () => {
    expect(competitionRank([90, 70, 70, 10])).toEqual([1, 2, 2, 4]);
  });
  it('handles ties at the top, nulls and input order', () => {
    expect(competitionRank([50, 80, null, 80, 20])).toEqual([3, 1, null, 1, 4]);
  });
});

describe('percentile', () => {
  it('is the share of OTHER scored countries strictly below, x100', () => {
    // 4 scored, 3 others each: 90 beats 3 -> 100; 70 beats only 10 -> 33.33; 10 beats none -> 0
    closeAll(percentile([90, 70, 70, 10, null]), [100, 100 / 3, 100 / 3, 0, null]);
  });
  it('gives 100 to a lone scored country', () => {
    expect(percentile([null, 55, null])).toEqual([null, 100, null]);
  });
  it('gives equal top scores less than 100 (the other top one is not below)', () => {
    // 3 scored: each 80 has 1 of 2 others strictly lower -> 50
    closeAll(percentile([80, 80, 20]), [50, 50, 0]);
  });
});

describe('computeReadiness', () => {
  // Five components with deliberately unequal weights (sum 1).
  const components: ComponentSpec[] = [
    { code: USERS, weight: 0.3, log: false },
    { code: ACCOUNT, weight: 0.2, log: false },
    { code: SERVERS, weight: 0.1, log: true },
    { code: LPI, weight: 0.2, log: false },
    { code: ONLINE, weight: 0.2, log: false },
  ];
  const countries = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE'];
  const base: ReadinessOptions = { components, year: 2023, window: 6, maxMissing: 1 };

  // Raw values (DDD lacks ACCOUNT and LPI; EEE lacks LPI):
  //            USERS ACCOUNT SERVERS  LPI  ONLINE
  //   AAA        90     80    10000    4     50
  //   BBB        50     20        1    3     10
  //   CCC        70     50      100    2     30
  //   DDD        10      -       10    -     20
  //   EEE        30     35     1000    -     40
  // Normalised:
  //   USERS  min 10 max 90 (80):   AAA 100, BBB 50, CCC 75, DDD 0, EEE 25
  //   ACCOUNT min 20 max 80 (60):  AAA 100, BBB 0,  CCC 50,        EEE 25
  //   SERVERS log10 4,0,2,1,3 (4): AAA 100, BBB 0,  CCC 50, DDD 25, EEE 75
  //   LPI    min 2 max 4 (2):      AAA 100, BBB 50, CCC 0
  //   ONLINE min 10 max 50 (40):   AAA 100, BBB 0,  CCC 50, DDD 25, EEE 75
  // Scores (weights .3 .2 .1 .2 .2):
  //   AAA = 100
  //   BBB = .3*50 + .2*0 + .1*0 + .2*50 + .2*0 = 15 + 10 = 25
  //   CCC = .3*75 + .2*50 + .1*50 + .2*0 + .2*50 = 22.5 + 10 + 5 + 0 + 10 = 47.5
  //   EEE (LPI missing, weights renormalised over .8) = (.3*25 + .2*25 + .1*75 + .2*75) / .8
  //       = (7.5 + 5 + 7.5 + 15) / .8 = 35 / .8 = 43.75   (no renormalising: 35; equal weights: 50)
  //   DDD missing 2 of 5 -> no score
  // Median of 100, 47.5, 43.75, 25 = (47.5 + 43.75) / 2 = 45.625
  const observations: Observation[] = [
    obs('AAA', USERS, 2023, 90), obs('AAA', ACCOUNT, 2021, 80), obs('AAA', SERVERS, 2023, 10000), obs('AAA', LPI, 2023, 4), obs('AAA', ONLINE, 2021, 50),
    obs('BBB', USERS, 2022, 50), obs('BBB', ACCOUNT, 2021, 20), obs('BBB', SERVERS, 2023, 1), obs('BBB', LPI, 2018, 3), obs('BBB', ONLINE, 2021, 10),
    obs('CCC', USERS, 2023, 70), obs('CCC', ACCOUNT, 2021, 50), obs('CCC', SERVERS, 2023, 100), obs('CCC', LPI, 2023, 2), obs('CCC', ONLINE, 2021, 30),
    obs('DDD', USERS, 2023, 10), obs('DDD', SERVERS, 2023, 10), obs('DDD', ONLINE, 2021, 20),
    obs('EEE', USERS, 2023, 30), obs('EEE', ACCOUNT, 2021, 35), obs('EEE', SERVERS, 2023, 1000), obs('EEE', ONLINE, 2021, 40),
    // Outside the window (2017) or after the reference year (2024): must not be used,
    // or they would change the min/max of USERS and LPI.
    obs('BBB', USERS, 2024, 99), obs('DDD', LPI, 2017, 1), obs('EEE', LPI, 2017, 5),
    // Not in the comparison set, and not a component: ignored.
    obs('ZZZ', USERS, 2023, 1000), obs('AAA', 'NOT.A.COMPONENT', 2023, -1),
  ];

  it('scores the hand-worked example', () => {
    const r = computeReadiness(countries, observations, base);
    const by = Object.fromEntries(r.rows.map((row) => [row.iso3, row]));
    expect(by.AAA.score).toBeCloseTo(100, 9);
    expect(by.BBB.score).toBeCloseTo(25, 9);
    expect(by.CCC.score).toBeCloseTo(47.5, 9);
    expect(by.EEE.score).toBeCloseTo(43.75, 9);
    expect(by.DDD.score).toBeNull();
    expect(r.median).toBeCloseTo(45.625, 9);
  });

  it('orders rows by rank then iso3 with unscored last, and gives ranks, percentiles and distance to median', () => {
    const r = computeReadiness(countries, observations, base);
    expect(r.rows.map((x) => x.iso3)).toEqual(['AAA', 'CCC', 'EEE', 'BBB', 'DDD']);
    expect(r.rows.map((x) => x.rank)).toEqual([1, 2, 3, 4, null]);
    // 4 scored -> 3 others: 3/3, 2/3, 1/3, 0/3
    closeAll(r.rows.map((x) => x.percentile), [100, 200 / 3, 100 / 3, 0, null]);
    // score - 45.625
    closeAll(r.rows.map((x) => x.vs_median), [54.375, 1.875, -1.875, -20.625, null]);
    expect(r.rows.every((x) => x.vs_peers === null)).toBe(true);
    expect(r.peersMedian).toBeNull();
  });

  it('shows each component with its value, year and normalised value', () => {
    const r = computeReadiness(countries, observations, base);
    const bbb = r.rows.find((x) => x.iso3 === 'BBB')!;
    // 2018 is the edge of the (2017, 2023] window: still used.
    expect(bbb.components[LPI]).toEqual({ value: 3, year: 2018, normalised: 50 });
    // 2024 is after the reference year: the 2022 value is used.
    expect(bbb.components[USERS]).toEqual({ value: 50, year: 2022, normalised: 50 });
    expect(bbb.components[SERVERS]).toEqual({ value: 1, year: 2023, normalised: 0 });
    expect(bbb.available).toBe(5);
    expect(bbb.missing).toEqual([]);
    expect(bbb.reason).toBeNull();
  });

  it('gives no score, with the reason, to a country missing 2 of 5 components; missing stays null, never 0', () => {
    const r = computeReadiness(countries, observations, base);
    const ddd = r.rows.find((x) => x.iso3 === 'DDD')!;
    expect(ddd.score).toBeNull();
    expect(ddd.rank).toBeNull();
    expect(ddd.percentile).toBeNull();
    expect(ddd.vs_median).toBeNull();
    expect(ddd.available).toBe(3);
    expect(ddd.missing).toEqual([ACCOUNT, LPI]);
    expect(ddd.reason).toBe(`missing 2 of 5 components: ${ACCOUNT}, ${LPI}`);
    // The 2017 LPI value is outside the window: unknown, not 0 and not the stale value.
    expect(ddd.components[LPI]).toEqual({ value: null, year: null, normalised: null });
    expect(ddd.components[ACCOUNT]).toEqual({ value: null, year: null, normalised: null });
  });

  it('scores a country missing 1 of 5 on the other 4 with renormalised weights', () => {
    const r = computeReadiness(countries, observations, base);
    const eee = r.rows.find((x) => x.iso3 === 'EEE')!;
    expect(eee.available).toBe(4);
    expect(eee.missing).toEqual([LPI]);
    expect(eee.reason).toBeNull();
    expect(eee.components[LPI].normalised).toBeNull();
    expect(eee.score).toBeCloseTo(43.75, 9); // not 35 (missing as 0) nor 50 (equal weights)
  });

  it('scores more incomplete countries when maxMissing allows it', () => {
    // DDD on USERS 0 (.3), SERVERS 25 (.1), ONLINE 25 (.2): (0 + 2.5 + 5) / .6 = 12.5
    const r = computeReadiness(countries, observations, { ...base, maxMissing: 2 });
    const ddd = r.rows.find((x) => x.iso3 === 'DDD')!;
    expect(ddd.score).toBeCloseTo(12.5, 9);
    expect(ddd.rank).toBe(5);
    expect(ddd.percentile).toBe(0);
    // New median of 100, 47.5, 43.75, 25, 12.5 is 43.75
    expect(r.median).toBeCloseTo(43.75, 9);
  });

  it('never scores a country with no components, however lenient maxMissing is', () => {
    const r = computeReadiness(['AAA', 'BBB', 'NUL'], observations, { ...base, maxMissing: 5 });
    const nul = r.rows.find((x) => x.iso3 === 'NUL')!;
    expect(nul.score).toBeNull();
    expect(nul.reason).toBe(`missing 5 of 5 components: ${USERS}, ${ACCOUNT}, ${SERVERS}, ${LPI}, ${ONLINE}`);
    expect(r.rows[r.rows.length - 1].iso3).toBe('NUL');
  });

  it('measures distance to the median of the scored peers', () => {
    // Peers BBB 25 and CCC 47.5 (DDD has no score and is left out): median 36.25
    const r = computeReadiness(countries, observations, { ...base, peers: ['BBB', 'CCC', 'DDD'] });
    expect(r.peersMedian).toBeCloseTo(36.25, 9);
    const by = Object.fromEntries(r.rows.map((row) => [row.iso3, row]));
    expect(by.AAA.vs_peers).toBeCloseTo(63.75, 9);
    expect(by.EEE.vs_peers).toBeCloseTo(7.5, 9);
    expect(by.BBB.vs_peers).toBeCloseTo(-11.25, 9);
    expect(by.DDD.vs_peers).toBeNull();
    // The FEALAC-wide median is unchanged by choosing peers.
    expect(r.median).toBeCloseTo(45.625, 9);
  });

  it('gives the FEALAC median only when enough economies have a score, and always says how many (issue #16.7)', () => {
    const scored = computeReadiness(countries, observations, base).rows.filter((x) => x.score !== null).length;
    const at = computeReadiness(countries, observations, { ...base, minEconomies: scored });
    expect(at.medianN).toBe(scored);
    expect(at.median).toBeCloseTo(45.625, 9);
    const below = computeReadiness(countries, observations, { ...base, minEconomies: scored + 1, peers: ['BBB', 'CCC', 'DDD'] });
    expect(below.medianN).toBe(scored);
    expect(below.median).toBeNull();
    // No median to compare with: no distance to it, while scores, ranks and the peers' median stay.
    expect(below.rows.every((x) => x.vs_median === null)).toBe(true);
    expect(below.rows.filter((x) => x.score !== null).length).toBe(scored);
    expect(below.peersMedian).toBeCloseTo(36.25, 9);
    expect(below.peersMedianN).toBe(2);
  });

  it('gatedMedian: the value at or above the minimum, null below it', () => {
    expect(gatedMedian(68.7, 30, 18)).toBe(68.7);
    expect(gatedMedian(49, 3, 18)).toBeNull();
    expect(gatedMedian(49, 18, 18)).toBe(49);
    expect(gatedMedian(null, 30, 18)).toBeNull();
  });

  it('has a null peers median when no peer is scored', () => {
    const r = computeReadiness(countries, observations, { ...base, peers: ['DDD'] });
    expect(r.peersMedian).toBeNull();
    expect(r.rows.every((x) => x.vs_peers === null)).toBe(true);
  });

  it('normalises only over the comparison set', () => {
    // Without AAA the USERS max is 70 (CCC): CCC USERS -> 100, BBB -> (50-10)/60 = 66.67
    const r = computeReadiness(['BBB', 'CCC', 'DDD'], observations, base);
    const ccc = r.rows.find((x) => x.iso3 === 'CCC')!;
    const bbb = r.rows.find((x) => x.iso3 === 'BBB')!;
    expect(ccc.components[USERS].normalised).toBeCloseTo(100, 9);
    expect(bbb.components[USERS].normalised).toBeCloseTo(200 / 3, 9);
  });

  describe('log scaling', () => {
    const two: ComponentSpec[] = [
      { code: USERS, weight: 1, log: false },
      { code: SERVERS, weight: 1, log: true },
    ];
    const o = [
      obs('AAA', USERS, 2023, 0), obs('AAA', SERVERS, 2023, 1),
      obs('BBB', USERS, 2023, 100), obs('BBB', SERVERS, 2023, 10),
      obs('CCC', USERS, 2023, 50), obs('CCC', SERVERS, 2023, 10000),
    ];

    it('uses log10 of the component marked log', () => {
      // SERVERS log10 0, 1, 4 -> 0, 25, 100 (linear would be 0, 0.09, 100)
      // BBB = (100 + 25) / 2 = 62.5; CCC = (50 + 100) / 2 = 75; AAA = (0 + 0) / 2 = 0
      const r = computeReadiness(['AAA', 'BBB', 'CCC'], o, { components: two, year: 2023, window: 6, maxMissing: 1 });
      expect(r.rows.map((x) => [x.iso3, x.score])).toEqual([['CCC', 75], ['BBB', 62.5], ['AAA', 0]]);
    });

    it('treats a non-positive value of a log component as missing and says so', () => {
      const withZero = [...o, obs('DDD', USERS, 2023, 40), obs('DDD', SERVERS, 2023, 0)];
      const r = computeReadiness(['AAA', 'BBB', 'CCC', 'DDD'], withZero, { components: two, year: 2023, window: 6, maxMissing: 0 });
      const ddd = r.rows.find((x) => x.iso3 === 'DDD')!;
      // The raw value is known (0) and kept; only its normalised value is missing.
      expect(ddd.components[SERVERS]).toEqual({ value: 0, year: 2023, normalised: null });
      expect(ddd.missing).toEqual([SERVERS]);
      expect(ddd.score).toBeNull();
      expect(ddd.reason).toBe(`missing 1 of 2 components: ${SERVERS} (not log-scalable, value <= 0: ${SERVERS} = 0)`);
      // The zero did not pull the log minimum down for the others: BBB still 62.5.
      expect(r.rows.find((x) => x.iso3 === 'BBB')!.score).toBeCloseTo(62.5, 9);
    });
  });

  describe('ties', () => {
    it('gives equal scores the same rank ("1,2,2,4") and orders tied rows by iso3', () => {
      const c: ComponentSpec[] = [{ code: USERS, weight: 1, log: false }];
      const o = [obs('AAA', USERS, 2023, 10), obs('ZZZ', USERS, 2023, 60), obs('MMM', USERS, 2023, 60), obs('TOP', USERS, 2023, 90)];
      // min 10 max 90: TOP 100, MMM/ZZZ 62.5, AAA 0
      const r = computeReadiness(['AAA', 'ZZZ', 'MMM', 'TOP'], o, { components: c, year: 2023, window: 6, maxMissing: 1 });
      expect(r.rows.map((x) => [x.iso3, x.rank, x.score])).toEqual([
        ['TOP', 1, 100], ['MMM', 2, 62.5], ['ZZZ', 2, 62.5], ['AAA', 4, 0],
      ]);
      // Each 62.5 has only AAA (1 of 3 others) strictly below.
      closeAll(r.rows.map((x) => x.percentile), [100, 100 / 3, 100 / 3, 0]);
    });

    it('keeps mathematically equal scores tied despite floating-point summation order', () => {
      // MIN/MAX pin every component to 0..100, so XXX normalises to [.1, .2, .3] and YYY to
      // [.3, .2, .1]. With equal weights both scores are .6 / 3 = .2 exactly, but in binary
      // floating point .1+.2+.3 = .6000000000000001 while .3+.2+.1 = .6: unsnapped, XXX would
      // outrank YYY by one ulp.
      const codes = ['C1', 'C2', 'C3'];
      const c: ComponentSpec[] = codes.map((code) => ({ code, weight: 1, log: false }));
      const vals: Record<string, number[]> = { MIN: [0, 0, 0], MAX: [100, 100, 100], XXX: [0.1, 0.2, 0.3], YYY: [0.3, 0.2, 0.1] };
      const o = Object.entries(vals).flatMap(([iso3, vs]) => vs.map((v, i) => obs(iso3, codes[i], 2023, v)));
      expect(0.1 + 0.2 + 0.3).not.toBe(0.3 + 0.2 + 0.1); // the premise of this test
      const r = computeReadiness(['MIN', 'MAX', 'XXX', 'YYY'], o, { components: c, year: 2023, window: 6, maxMissing: 1 });
      const by = Object.fromEntries(r.rows.map((row) => [row.iso3, row]));
      expect(by.XXX.rank).toBe(2);
      expect(by.YYY.rank).toBe(2);
      expect(by.XXX.score).toBe(by.YYY.score);
      expect(by.XXX.score).toBeCloseTo(0.2, 9);
    });
  });

  it('lets the weights change the ranking', () => {
    const c = (wUsers: number, wAccount: number): ComponentSpec[] => [
      { code: USERS, weight: wUsers, log: false },
      { code: ACCOUNT, weight: wAccount, log: false },
    ];
    // PPP leads on USERS, QQQ on ACCOUNT: normalised PPP [100, 0], QQQ [0, 100]
    const o = [obs('PPP', USERS, 2023, 10), obs('PPP', ACCOUNT, 2023, 0), obs('QQQ', USERS, 2023, 0), obs('QQQ', ACCOUNT, 2023, 10)];
    const opts = { year: 2023, window: 6, maxMissing: 1 };
    // weights 3:1 -> PPP 300/4 = 75, QQQ 100/4 = 25
    const a = computeReadiness(['PPP', 'QQQ'], o, { ...opts, components: c(3, 1) });
    expect(a.rows.map((x) => [x.iso3, x.score])).toEqual([['PPP', 75], ['QQQ', 25]]);
    // weights 1:3 -> PPP 25, QQQ 75
    const b = computeReadiness(['PPP', 'QQQ'], o, { ...opts, components: c(1, 3) });
    expect(b.rows.map((x) => [x.iso3, x.score])).toEqual([['QQQ', 75], ['PPP', 25]]);
  });

  it('gives a lone scored country rank 1, percentile 100 and distance 0 to the median', () => {
    const c: ComponentSpec[] = [{ code: USERS, weight: 1, log: false }];
    const r = computeReadiness(['AAA', 'BBB'], [obs('AAA', USERS, 2023, 37)], { components: c, year: 2023, window: 6, maxMissing: 0 });
    expect(r.rows[0]).toMatchObject({ iso3: 'AAA', score: 100, rank: 1, percentile: 100, vs_median: 0 });
    expect(r.rows[1]).toMatchObject({ iso3: 'BBB', score: null, rank: null, percentile: null });
    expect(r.median).toBe(100);
  });

  it('reports a zero-weight-only country as unscored with a reason', () => {
    const c: ComponentSpec[] = [{ code: USERS, weight: 1, log: false }, { code: ACCOUNT, weight: 0, log: false }];
    const r = computeReadiness(['AAA'], [obs('AAA', ACCOUNT, 2023, 5)], { components: c, year: 2023, window: 6, maxMissing: 1 });
    expect(r.rows[0].score).toBeNull();
    expect(r.rows[0].reason).toMatch(/zero weight/);
  });

  it('rejects conflicting observations with a message naming country and indicator', () => {
    const c: ComponentSpec[] = [{ code: USERS, weight: 1, log: false }];
    expect(() =>
      computeReadiness(['AAA'], [obs('AAA', USERS, 2023, 1), obs('AAA', USERS, 2023, 2)], { components: c, year: 2023, window: 6, maxMissing: 1 }),
    ).toThrow(/AAA IT\.NET\.USER\.ZS/);
  });

  describe('invalid options', () => {
    const ok: ComponentSpec[] = [{ code: USERS, weight: 1, log: false }];
    const run = (patch: Partial<ReadinessOptions>, cs = ['AAA']) =>
      () => computeReadiness(cs, [], { components: ok, year: 2023, window: 6, maxMissing: 1, ...patch });

    it('accepts valid options', () => {
      expect(run({})).not.toThrow();
    });
    it('rejects a negative weight', () => {
      expect(run({ components: [{ code: USERS, weight: -1, log: false }, { code: LPI, weight: 2, log: false }] })).toThrow(/weight of IT\.NET\.USER\.ZS/);
    });
    it('rejects weights summing to zero', () => {
      expect(run({ components: [{ code: USERS, weight: 0, log: false }] })).toThrow(RangeError);
    });
    it('rejects a non-finite weight', () => {
      expect(run({ components: [{ code: USERS, weight: NaN, log: false }] })).toThrow(RangeError);
    });
    it('rejects window < 1 and non-integer windows', () => {
      expect(run({ window: 0 })).toThrow(/window/);
      expect(run({ window: 2.5 })).toThrow(RangeError);
    });
    it('rejects duplicate component codes', () => {
      expect(run({ components: [...ok, { code: USERS, weight: 2, log: true }] })).toThrow(/listed twice/);
    });
    it('rejects no components, bad maxMissing, bad year', () => {
      expect(run({ components: [] })).toThrow(RangeError);
      expect(run({ maxMissing: -1 })).toThrow(/maxMissing/);
      expect(run({ year: 2023.5 })).toThrow(/year/);
    });
    it('rejects peers outside the comparison set and duplicate countries', () => {
      expect(run({ peers: ['XXX'] })).toThrow(/peer XXX/);
      expect(run({}, ['AAA', 'AAA'])).toThrow(/twice/);
    });
  });
});
