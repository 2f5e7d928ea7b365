// Marketplace Explorer formulas (docs: shared/methods/METHODS.md §1 flow classes, §3 explorer).
//
// Pure: no I/O, no clock, no imports. Visits come from partner files (a commercial web-analytics
// panel) or a labelled synthetic demo; open popularity lists (Chrome UX Report, Cloudflare Radar)
// only say that a site is used somewhere, never how much. Every number here can be re-derived by
// hand from its inputs, which is what compute.test.ts does.
//
// Conventions shared by every function:
// - Unknown is not zero. A missing monthly value is null and stays null; a result that cannot be
//   known (no visits at all, a growth rate from nothing, a correlation over two points) is null,
//   never 0 and never NaN.
// - Invalid input is a RangeError, not a guess: negative or non-finite visits, malformed codes or
//   months, duplicate keys. Silently coercing them would publish a wrong number.
// - Maps keyed by origin economy (`visitsByOrigin`) are the COMPLETE breakdown of the visits they
//   describe: an origin that is not listed had no visits. Sources that give only the top origins
//   plus a residual ("other") must be resolved by the caller first, because a residual is neither
//   domestic nor extra-FEALAC and has no ISO code, so it is rejected here rather than misfiled.
// - Shares are fractions in [0, 1]; growth rates are percentages.

// ---------------------------------------------------------------------------------------------
// Regions and flow classes (§1)

/** FEALAC region, as in the countries module (`fealac_region`). */
export type Region = 'East Asia' | 'Latin America';

/** The five flow classes of §1, in the order the Explorer lists them. */
export const FLOW_CLASSES = ['domestic', 'intra-east-asia', 'intra-latin-america', 'bi-regional', 'extra-fealac'] as const;
export type FlowClass = (typeof FLOW_CLASSES)[number];

/** Looks up the FEALAC region of an ISO3 code; null (or undefined, from a Map) for non-members. */
export type RegionOf = (iso3: string) => Region | null | undefined;

const ISO3 = /^[A-Z]{3}$/;

// Upper-case ISO 3166-1 alpha-3 only: a lower-case or two-letter code would not equal its
// canonical form, so 'per' -> 'PER' would be filed as extra-FEALAC instead of domestic.
function assertIso3(code: unknown, what: string): asserts code is string {
  if (typeof code !== 'string' || !ISO3.test(code)) {
    throw new RangeError(`${what} must be an upper-case ISO3 code, got ${JSON.stringify(code)}`);
  }
}

function regionOrNull(regionOf: RegionOf, iso3: string): Region | null {
  const r = regionOf(iso3) ?? null;
  if (r !== null && r !== 'East Asia' && r !== 'Latin America') {
    throw new RangeError(`regionOf(${iso3}) returned ${JSON.stringify(r)}, not a FEALAC region or null`);
  }
  return r;
}

/**
 * Flow class of visits from `originIso3` to a website serving `destinationIso3`.
 *
 * The destination must be a FEALAC economy: the classes are defined from the FEALAC side, and a
 * flow into a non-member (e.g. PER -> a site serving USA) fits none of them, so it is refused
 * rather than forced into one. Origin == destination is domestic; an origin outside FEALAC is
 * extra-FEALAC; otherwise the two regions decide.
 */
export function flowClass(originIso3: string, destinationIso3: string, regionOf: RegionOf): FlowClass {
  assertIso3(originIso3, 'flowClass: origin');
  assertIso3(destinationIso3, 'flowClass: destination');
  const dest = regionOrNull(regionOf, destinationIso3);
  if (dest === null) throw new RangeError(`flowClass: destination ${destinationIso3} is not a FEALAC economy`);
  if (originIso3 === destinationIso3) return 'domestic';
  const origin = regionOrNull(regionOf, originIso3);
  if (origin === null) return 'extra-fealac';
  if (origin !== dest) return 'bi-regional';
  return origin === 'East Asia' ? 'intra-east-asia' : 'intra-latin-america';
}

// ---------------------------------------------------------------------------------------------
// Visits over a period

function checkMonthlyValue(v: unknown, where: string): v is number {
  if (v === null || v === undefined) return false;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new RangeError(`${where}: visits must be a finite number >= 0 or null (unknown), got ${String(v)}`);
  }
  return true;
}

/**
 * Σ of the known monthly visits; null when no month is known (including an empty period).
 *
 * Partial periods are summed as they are: a year with 10 known months gives the sum of those 10,
 * not an extrapolation to 12, because any fill-in rule would be a modelling choice the source did
 * not make. The total is therefore a lower bound whenever months are missing, which is why it
 * must always be shown with `monthsCovered` of the same values.
 */
export function sumVisits(values: ReadonlyArray<number | null>): number | null {
  let sum = 0;
  let known = 0;
  values.forEach((v, i) => {
    if (checkMonthlyValue(v, `sumVisits[${i}]`)) {
      sum += v;
      known++;
    }
  });
  return known === 0 ? null : sum;
}

/** How many of the values are known (non-null): the coverage that qualifies `sumVisits`. */
export function monthsCovered(values: ReadonlyArray<number | null>): number {
  let known = 0;
  values.forEach((v, i) => {
    if (checkMonthlyValue(v, `monthsCovered[${i}]`)) known++;
  });
  return known;
}

// ---------------------------------------------------------------------------------------------
// Growth

function checkFiniteOrNull(v: unknown, what: string): v is number {
  if (v === null || v === undefined) return false;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${what} must be a finite number or null, got ${String(v)}`);
  return true;
}

/**
 * Year-on-year growth in percent: (current / previous − 1) × 100.
 *
 * null when either value is unknown: a missing previous month is "no comparison", not −100 % or
 * +∞. null when previous ≤ 0: growth from nothing (or from a negative level, which no count can
 * have) has no meaningful percentage. A negative current value is likewise null, not a number
 * below −100 %.
 */
export function yoyGrowth(current: number | null, previous: number | null): number | null {
  const hasCur = checkFiniteOrNull(current, 'yoyGrowth: current');
  const hasPrev = checkFiniteOrNull(previous, 'yoyGrowth: previous');
  if (!hasCur || !hasPrev) return null;
  if (previous! <= 0 || current! < 0) return null;
  return (current! / previous! - 1) * 100;
}

/**
 * Compound annual growth rate in percent: ((last / first)^(1 / years) − 1) × 100.
 *
 * null when first or last is unknown, first ≤ 0 (no rate compounds from nothing), last < 0 (no
 * real root) or years ≤ 0 (no period). `years` is the number of years BETWEEN the two values
 * (2019 -> 2024 is 5), not the number of years in the range; it may be fractional.
 */
export function cagr(first: number | null, last: number | null, years: number): number | null {
  const hasFirst = checkFiniteOrNull(first, 'cagr: first');
  const hasLast = checkFiniteOrNull(last, 'cagr: last');
  if (typeof years !== 'number' || !Number.isFinite(years)) throw new RangeError(`cagr: years must be a finite number, got ${String(years)}`);
  if (!hasFirst || !hasLast) return null;
  if (first! <= 0 || last! < 0 || years <= 0) return null;
  return (Math.pow(last! / first!, 1 / years) - 1) * 100;
}

export interface MonthlyVisits { month: string; visits: number | null }
export interface MonthlyGrowth { month: string; visits: number | null; yoy: number | null }

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * Each month's YoY growth against the same calendar month one year earlier (seasonality makes
 * month-on-month growth misleading for e-commerce: November is not December).
 *
 * Output is in chronological order whatever the input order. yoy is null when the month a year
 * earlier is absent from the series or unknown, or when `yoyGrowth` is null for the pair.
 */
export function yoySeries(monthly: ReadonlyArray<MonthlyVisits>): MonthlyGrowth[] {
  const byMonth = new Map<string, number | null>();
  for (const m of monthly) {
    if (typeof m.month !== 'string' || !MONTH.test(m.month)) {
      throw new RangeError(`yoySeries: month must be YYYY-MM, got ${JSON.stringify(m.month)}`);
    }
    if (byMonth.has(m.month)) throw new RangeError(`yoySeries: month ${m.month} is listed twice`);
    byMonth.set(m.month, checkMonthlyValue(m.visits, `yoySeries ${m.month}`) ? m.visits : null);
  }
  // YYYY-MM sorts chronologically as text.
  return [...byMonth.keys()].sort().map((month) => {
    const visits = byMonth.get(month)!;
    const year = Number(month.slice(0, 4));
    const previous = byMonth.get(`${String(year - 1).padStart(4, '0')}${month.slice(4)}`) ?? null;
    return { month, visits, yoy: yoyGrowth(visits, previous) };
  });
}

// ---------------------------------------------------------------------------------------------
// Origin shares (§3)

function readVisitsMap(map: Readonly<Record<string, number>>, what: string, iso3Keys: boolean): Array<[string, number]> {
  if (map === null || typeof map !== 'object' || Array.isArray(map)) throw new RangeError(`${what} must be an object`);
  const entries = Object.entries(map);
  for (const [k, v] of entries) {
    if (iso3Keys) assertIso3(k, `${what} key`);
    else if (k.trim() === '') throw new RangeError(`${what} has an empty key`);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      // An unknown value must be left out of the breakdown by the caller, who then knows the
      // shares are of the known part only; here it would silently count as 0.
      throw new RangeError(`${what}[${k}] must be a finite number >= 0, got ${String(v)}`);
    }
  }
  return entries;
}

function total(entries: ReadonlyArray<[string, number]>): number {
  let t = 0;
  for (const [, v] of entries) t += v;
  return t;
}

/**
 * Visits from the website's own economy / all visits. null when there are no visits: a share of
 * nothing is unknown, not 0 % domestic.
 */
export function domesticShare(visitsByOrigin: Readonly<Record<string, number>>, home: string): number | null {
  assertIso3(home, 'domesticShare: home');
  const entries = readVisitsMap(visitsByOrigin, 'domesticShare: visitsByOrigin', true);
  const t = total(entries);
  if (t === 0) return null;
  return (visitsByOrigin[home] ?? 0) / t;
}

/**
 * 1 − domestic share, computed as foreign visits / all visits so that it is exact rather than
 * carrying the rounding of a subtraction (1 − 0.7 = 0.30000000000000004). null when no visits.
 */
export function crossBorderShare(visitsByOrigin: Readonly<Record<string, number>>, home: string): number | null {
  assertIso3(home, 'crossBorderShare: home');
  const entries = readVisitsMap(visitsByOrigin, 'crossBorderShare: visitsByOrigin', true);
  const t = total(entries);
  if (t === 0) return null;
  let foreign = 0;
  for (const [k, v] of entries) if (k !== home) foreign += v;
  return foreign / t;
}

/**
 * Share of visits in each flow class (all five keys, summing to 1). null when there are no
 * visits. A class with no visits is 0 — known, because the breakdown is complete.
 */
export function flowMix(
  visitsByOrigin: Readonly<Record<string, number>>,
  destination: string,
  regionOf: RegionOf,
): Record<FlowClass, number> | null {
  assertIso3(destination, 'flowMix: destination');
  const entries = readVisitsMap(visitsByOrigin, 'flowMix: visitsByOrigin', true);
  // Classify before checking the total so a non-FEALAC destination is refused even with no visits.
  const sums = Object.fromEntries(FLOW_CLASSES.map((c) => [c, 0])) as Record<FlowClass, number>;
  flowClass(destination, destination, regionOf);
  for (const [origin, v] of entries) sums[flowClass(origin, destination, regionOf)] += v;
  const t = total(entries);
  if (t === 0) return null;
  for (const c of FLOW_CLASSES) sums[c] /= t;
  return sums;
}

/**
 * Visits from the OTHER FEALAC region / all visits (the bi-regional share of `flowMix`): for a
 * website serving Peru, the share coming from East Asia. null when there are no visits.
 */
export function biRegionalIntensity(
  visitsByOrigin: Readonly<Record<string, number>>,
  destination: string,
  regionOf: RegionOf,
): number | null {
  const mix = flowMix(visitsByOrigin, destination, regionOf);
  return mix === null ? null : mix['bi-regional'];
}

export interface OriginShare { origin: string; visits: number; share: number }

/**
 * The n origins with most visits, with their share of ALL visits (not of the top n), sorted by
 * visits descending and ties by code so the order is stable across runs. Origins with 0 visits
 * are not "top" origins and are left out, so fewer than n rows may come back.
 */
export function topOrigins(visitsByOrigin: Readonly<Record<string, number>>, n: number): OriginShare[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`topOrigins: n must be an integer >= 0, got ${n}`);
  const entries = readVisitsMap(visitsByOrigin, 'topOrigins: visitsByOrigin', true);
  const t = total(entries);
  return entries
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([origin, visits]) => ({ origin, visits, share: visits / t }));
}

// ---------------------------------------------------------------------------------------------
// Concentration of an economy's marketplace traffic (§3)

/**
 * Herfindahl–Hirschman index over marketplaces: Σ (share_i × 100)², from 10 000 / n (equal
 * shares) to 10 000 (one marketplace). Shares are of the visits given, i.e. of the TRACKED
 * marketplaces' traffic, not of all e-commerce in the economy. null when there are no visits.
 */
export function hhi(visitsByMarketplace: Readonly<Record<string, number>>): number | null {
  const entries = readVisitsMap(visitsByMarketplace, 'hhi: visitsByMarketplace', false);
  const t = total(entries);
  if (t === 0) return null;
  let sum = 0;
  for (const [, v] of entries) {
    const pct = (v / t) * 100;
    sum += pct * pct;
  }
  return sum;
}

/** Share of visits taken by the n largest marketplaces (top-1, top-3 share). null when no visits. */
export function topNShare(visitsByMarketplace: Readonly<Record<string, number>>, n: number): number | null {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`topNShare: n must be an integer >= 1, got ${n}`);
  const entries = readVisitsMap(visitsByMarketplace, 'topNShare: visitsByMarketplace', false);
  const t = total(entries);
  if (t === 0) return null;
  const top = entries.map(([, v]) => v).sort((a, b) => b - a).slice(0, n);
  return top.reduce((s, v) => s + v, 0) / t;
}

// ---------------------------------------------------------------------------------------------
// Reach (§3)

/**
 * Origins whose share is at least `threshold`, sorted. For a marketplace with several websites,
 * take the union of this over its websites and pass it to `reachFromPresence` with the
 * marketplace's home economy.
 */
export function originsAbove(originShares: Readonly<Record<string, number>>, threshold: number): string[] {
  // threshold 0 would count an origin listed with a 0 share as "used there".
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`reach: threshold must be a share in (0, 1], got ${String(threshold)}`);
  }
  const entries = readVisitsMap(originShares, 'reach: originShares', true);
  for (const [k, v] of entries) if (v > 1) throw new RangeError(`reach: originShares[${k}] = ${v} is not a share in [0, 1]`);
  return entries.filter(([, v]) => v >= threshold).map(([k]) => k).sort();
}

/**
 * Number of foreign economies where the marketplace is used: distinct codes other than `home`.
 * Country top lists use two-letter codes; map them to ISO3 first (a two-letter code is refused
 * rather than counted as a separate economy).
 */
export function reachFromPresence(countriesPresent: ReadonlyArray<string>, home: string): number {
  assertIso3(home, 'reachFromPresence: home');
  const foreign = new Set<string>();
  for (const c of countriesPresent) {
    assertIso3(c, 'reachFromPresence: country');
    if (c !== home) foreign.add(c);
  }
  return foreign.size;
}

/** Number of foreign economies (≠ home) with an origin share ≥ threshold. */
export function reach(originShares: Readonly<Record<string, number>>, home: string, threshold: number): number {
  assertIso3(home, 'reach: home');
  return reachFromPresence(originsAbove(originShares, threshold), home);
}

// ---------------------------------------------------------------------------------------------
// Correlation with indicators across economies (§3)

/**
 * Fewest pairs for which a coefficient or a line is reported. With two points any line fits
 * exactly and r is always ±1, which says nothing about the relationship.
 */
export const MIN_PAIRS = 3;

function checkPairs(xs: ReadonlyArray<number>, ys: ReadonlyArray<number>, what: string): void {
  if (xs.length !== ys.length) throw new RangeError(`${what}: ${xs.length} xs but ${ys.length} ys`);
  for (let i = 0; i < xs.length; i++) {
    if (typeof xs[i] !== 'number' || !Number.isFinite(xs[i]) || typeof ys[i] !== 'number' || !Number.isFinite(ys[i])) {
      throw new RangeError(`${what}: pair ${i} is not two finite numbers (${String(xs[i])}, ${String(ys[i])}); use correlate() to drop unknowns`);
    }
  }
}

// Compared exactly rather than by Σ(x − mean)² === 0: the mean of [0.1, 0.1, 0.1] is not
// exactly 0.1 in floating point, so a constant series would get a tiny non-zero variance and a
// meaningless r.
function isConstant(v: ReadonlyArray<number>): boolean {
  return v.every((x) => x === v[0]);
}

function mean(v: ReadonlyArray<number>): number {
  return v.reduce((s, x) => s + x, 0) / v.length;
}

/** Pearson's r. null when fewer than MIN_PAIRS pairs or either variable is constant. */
export function pearson(xs: ReadonlyArray<number>, ys: ReadonlyArray<number>): number | null {
  checkPairs(xs, ys, 'pearson');
  if (xs.length < MIN_PAIRS || isConstant(xs) || isConstant(ys)) return null;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Rounding can push a perfect correlation a hair past ±1.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** 1-based ranks, ties sharing the average of the ranks they span ([10, 20, 20, 30] -> 1, 2.5, 2.5, 4). */
export function averageRanks(values: ReadonlyArray<number>): number[] {
  const order = values.map((v, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = avg;
    i = j + 1;
  }
  return ranks;
}

/**
 * Spearman's ρ as Pearson's r of the average ranks. The shortcut 1 − 6Σd²/(n(n²−1)) is only
 * exact without ties, and indicator values (and bucketed data) tie often.
 */
export function spearman(xs: ReadonlyArray<number>, ys: ReadonlyArray<number>): number | null {
  checkPairs(xs, ys, 'spearman');
  if (xs.length < MIN_PAIRS) return null;
  return pearson(averageRanks(xs), averageRanks(ys));
}

/**
 * Ordinary least-squares line y = slope × x + intercept. null when fewer than MIN_PAIRS pairs or
 * x is constant (a vertical line has no slope). A constant y is a valid horizontal line (slope 0).
 */
export function leastSquares(xs: ReadonlyArray<number>, ys: ReadonlyArray<number>): { slope: number; intercept: number } | null {
  checkPairs(xs, ys, 'leastSquares');
  if (xs.length < MIN_PAIRS || isConstant(xs)) return null;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const slope = isConstant(ys) ? 0 : sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

export interface CorrelationPoint { key: string; x: number | null; y: number | null }
export interface CorrelationResult {
  n: number;
  pearson: number | null;
  spearman: number | null;
  slope: number | null;
  intercept: number | null;
}

/**
 * Pearson, Spearman and the least-squares line across economies, over the pairs where BOTH x and
 * y are known (an economy missing either is left out, never counted as 0). `n` is the number of
 * pairs used and must be shown with the coefficients. Duplicate keys are refused: the same
 * economy counted twice would weigh double.
 */
export function correlate(points: ReadonlyArray<CorrelationPoint>): CorrelationResult {
  const seen = new Set<string>();
  const xs: number[] = [];
  const ys: number[] = [];
  for (const p of points) {
    if (typeof p.key !== 'string' || p.key === '') throw new RangeError('correlate: a point has an empty key');
    if (seen.has(p.key)) throw new RangeError(`correlate: key ${p.key} is listed twice`);
    seen.add(p.key);
    const hasX = checkFiniteOrNull(p.x, `correlate: ${p.key} x`);
    const hasY = checkFiniteOrNull(p.y, `correlate: ${p.key} y`);
    if (hasX && hasY) {
      xs.push(p.x!);
      ys.push(p.y!);
    }
  }
  const line = leastSquares(xs, ys);
  return {
    n: xs.length,
    pearson: pearson(xs, ys),
    spearman: spearman(xs, ys),
    slope: line ? line.slope : null,
    intercept: line ? line.intercept : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Share validation for importers

// Decimal shares rarely sum exactly in binary (0.5 + 0.48 = 0.98 but 1 − 0.98 is
// 0.020000000000000018), so a sum exactly at the tolerance edge would be rejected without this
// slack. 1e-9 is far below the precision any source publishes shares with.
const SUM_SLACK = 1e-9;

function fmt(x: number): string {
  return String(Number(x.toPrecision(10)));
}

/**
 * null when the shares are each in [0, 1] and sum to 1 within ± tolerance (edges included);
 * otherwise a message for the validation report, e.g. "shares sum to 0.93, not 1 (tolerance 0.02)".
 */
export function shareSumError(shares: ReadonlyArray<number>, tolerance: number): string | null {
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0 || tolerance >= 1) {
    throw new RangeError(`shareSumError: tolerance must be a number in [0, 1), got ${String(tolerance)}`);
  }
  let sum = 0;
  for (let i = 0; i < shares.length; i++) {
    const s = shares[i];
    if (typeof s !== 'number' || !Number.isFinite(s) || s < 0 || s > 1) return `share ${i + 1} is ${String(s)}, not a number between 0 and 1`;
    sum += s;
  }
  if (Math.abs(sum - 1) > tolerance + SUM_SLACK) return `shares sum to ${fmt(sum)}, not 1 (tolerance ${fmt(tolerance)})`;
  return null;
}

/** True when `shareSumError` finds nothing to report. */
export function sharesSumOk(shares: ReadonlyArray<number>, tolerance: number): boolean {
  return shareSumError(shares, tolerance) === null;
}

// ---------------------------------------------------------------------------------------------
// Open popularity: Chrome UX Report rank buckets (§3)

/**
 * The ranks a CrUX country top list can carry. A rank is a bucket ("among the top 10 000 origins
 * in this country"), not a position: order within a bucket is meaningless, and the gaps between
 * buckets are not proportional to traffic. Buckets are therefore NEVER converted into visits or
 * visit estimates anywhere in Puente; they only establish presence (for `reachFromPresence`) and
 * a coarse popularity tier.
 */
export const CRUX_BUCKETS = [1_000, 5_000, 10_000, 50_000, 100_000, 500_000, 1_000_000] as const;
export type CruxBucket = (typeof CRUX_BUCKETS)[number];

export function isCruxBucket(n: unknown): n is CruxBucket {
  return typeof n === 'number' && (CRUX_BUCKETS as readonly number[]).includes(n);
}

/**
 * The best (smallest) bucket among the ranks seen for one (domain, country, month), e.g. when
 * several origins (www., m., https/http) match the same registry domain. Refuses an empty list
 * and anything that is not a bucket, so a change in the list format is noticed, not averaged.
 */
export function bestBucket(ranks: ReadonlyArray<number>): CruxBucket {
  if (ranks.length === 0) throw new RangeError('bestBucket: no ranks');
  let best: CruxBucket | null = null;
  for (const r of ranks) {
    if (!isCruxBucket(r)) throw new RangeError(`bestBucket: ${String(r)} is not a CrUX bucket (${CRUX_BUCKETS.join(', ')})`);
    if (best === null || r < best) best = r;
  }
  return best!;
}
