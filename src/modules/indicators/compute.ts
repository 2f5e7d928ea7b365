// Puente readiness index (docs: shared/methods/METHODS.md §2).
//
// Inspired by the UNCTAD B2C E-commerce Index but NOT that index: UNCTAD's postal-reliability
// component (UPU) is not open, so the components here are configurable open indicators. Never
// label the output with UNCTAD's name.
//
// Pure: no I/O, no clock, no imports. Every number a caller sees can be re-derived by hand from
// the observations and the options, which is what the unit tests do.

export interface ComponentSpec { code: string; weight: number; log: boolean }
export interface Observation { iso3: string; indicator_code: string; year: number; value: number }
export interface ReadinessOptions {
  components: ComponentSpec[];
  year: number;        // reference (last) year of the window
  window: number;      // years, default 6 => years (year-window, year]
  maxMissing: number;  // default 1: a country missing MORE than this many components has no score
  peers?: string[];    // iso3 list; vs_peers = score - median of the peers' scores
  /** Fewest scored economies for the FEALAC median (default 1: no gate); below it median and vs_median are null. */
  minEconomies?: number;
}
export interface ComponentValue { value: number | null; year: number | null; normalised: number | null }
export interface ReadinessRow {
  iso3: string; score: number | null; rank: number | null; percentile: number | null;
  vs_median: number | null; vs_peers: number | null;
  available: number; missing: string[]; reason: string | null;
  components: Record<string, ComponentValue>;
}
export interface ReadinessResult {
  rows: ReadinessRow[];
  median: number | null;
  /** Economies with a score: the n of the median, whether or not it reached the gate. */
  medianN: number;
  peersMedian: number | null;
  /** Peers with a score: the n of the peers' median. */
  peersMedianN: number;
}

/** Defaults from METHODS.md §2, for callers that let users leave these out. */
export const READINESS_DEFAULTS = { window: 6, maxMissing: 1 } as const;

/**
 * The latest finite value with year in (year - window, year]. Observations after `year` are
 * ignored so that a readiness "as of 2020" does not peek at later data.
 * Two different values for the chosen year are a data error, not something to pick between.
 */
export function latestWithinWindow(
  series: ReadonlyArray<{ year: number; value: number }>,
  year: number,
  window: number,
): { value: number; year: number } | null {
  let best: { value: number; year: number } | null = null;
  for (const o of series) {
    if (!Number.isFinite(o.value) || !Number.isFinite(o.year)) continue;
    if (o.year > year || o.year <= year - window) continue;
    if (best === null || o.year > best.year) {
      best = { value: o.value, year: o.year };
    } else if (o.year === best.year && o.value !== best.value) {
      throw new RangeError(`conflicting values for year ${o.year}: ${best.value} and ${o.value}`);
    }
  }
  return best;
}

/**
 * Min–max to 0–100 over the values given (the comparison set). null stays null.
 *
 * With `log`, values are log10-scaled first (the base cancels out in min–max; 10 keeps the
 * intermediate numbers readable as orders of magnitude). A value <= 0 has no logarithm;
 * substituting a floor (0, 1, epsilon) would invent a number whose normalised position depends
 * only on the arbitrary floor chosen, and -Infinity would wreck the min for everyone else. So
 * such values come back as null (missing), and the caller reports them as missing rather than
 * as "worst".
 *
 * When every present value is equal there is no spread to rank by; they all get 100 (nobody is
 * behind anyone), not 0 or NaN.
 */
export function normaliseMinMax(values: ReadonlyArray<number | null>, log = false): Array<number | null> {
  const scaled = values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    if (log) return v > 0 ? Math.log10(v) : null;
    return v;
  });
  let min = Infinity;
  let max = -Infinity;
  for (const v of scaled) {
    if (v === null) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return scaled.map((v) => {
    if (v === null) return null;
    if (max === min) return 100;
    return ((v - min) / (max - min)) * 100;
  });
}

/**
 * Weighted mean over the non-null values, weights renormalised over those present: a missing
 * component neither counts as 0 nor drags the others down. null when nothing present carries
 * weight.
 */
export function weightedMean(values: ReadonlyArray<number | null>, weights: ReadonlyArray<number>): number | null {
  if (values.length !== weights.length) {
    throw new RangeError(`weightedMean: ${values.length} values but ${weights.length} weights`);
  }
  let sum = 0;
  let wsum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || !Number.isFinite(v)) continue;
    sum += v * weights[i];
    wsum += weights[i];
  }
  return wsum > 0 ? sum / wsum : null;
}

/** Median of the finite values; null for none (unknown, not zero). */
export function median(values: ReadonlyArray<number | null>): number | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/**
 * A median across economies is a claim about FEALAC only when enough of them have a value: with
 * fewer than `min` it is null (a gap, "not enough data"), whatever the n. The n travels with it.
 */
export function gatedMedian(value: number | null, n: number, min: number): number | null {
  return n >= min ? value : null;
}

/**
 * Standard competition ranking ("1224"), 1 = highest. Tied scores share the better rank and the
 * next rank skips, so a rank always says "how many scored above me, plus one". null stays null.
 */
export function competitionRank(scores: ReadonlyArray<number | null>): Array<number | null> {
  return scores.map((s) => {
    if (s === null) return null;
    let above = 0;
    for (const t of scores) if (t !== null && t > s) above++;
    return above + 1;
  });
}

/**
 * Share of the OTHER scored countries with a strictly lower score, ×100. Excluding oneself keeps
 * the top country at 100 and the bottom at 0 whatever the set size; a lone scored country has
 * nobody to be compared with and is given 100 (nobody is ahead of it).
 */
export function percentile(scores: ReadonlyArray<number | null>): Array<number | null> {
  const scored = scores.filter((s): s is number => s !== null);
  const others = scored.length - 1;
  return scores.map((s) => {
    if (s === null) return null;
    if (others === 0) return 100;
    let below = 0;
    for (const t of scored) if (t < s) below++;
    return (below / others) * 100;
  });
}

function validateOptions(countries: string[], options: ReadinessOptions): { window: number; maxMissing: number } {
  const { components, year } = options;
  // `??` tolerates untyped (JS/JSON) callers that leave the defaults out.
  const window = options.window ?? READINESS_DEFAULTS.window;
  const maxMissing = options.maxMissing ?? READINESS_DEFAULTS.maxMissing;
  if (!Array.isArray(components) || components.length === 0) {
    throw new RangeError('readiness: at least one component is required');
  }
  const seen = new Set<string>();
  let total = 0;
  for (const c of components) {
    if (typeof c.code !== 'string' || c.code.trim() === '') throw new RangeError('readiness: a component has an empty code');
    if (seen.has(c.code)) throw new RangeError(`readiness: component ${c.code} is listed twice`);
    seen.add(c.code);
    if (!Number.isFinite(c.weight) || c.weight < 0) {
      throw new RangeError(`readiness: weight of ${c.code} must be a finite number >= 0, got ${c.weight}`);
    }
    total += c.weight;
  }
  if (!(total > 0)) throw new RangeError('readiness: component weights sum to 0; at least one must be positive');
  if (!Number.isInteger(year)) throw new RangeError(`readiness: year must be an integer, got ${year}`);
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`readiness: window must be an integer >= 1, got ${window}`);
  if (!Number.isInteger(maxMissing) || maxMissing < 0) {
    throw new RangeError(`readiness: maxMissing must be an integer >= 0, got ${maxMissing}`);
  }
  const set = new Set<string>();
  for (const c of countries) {
    if (set.has(c)) throw new RangeError(`readiness: country ${c} is listed twice`);
    set.add(c);
  }
  for (const p of options.peers ?? []) {
    // A peer outside the comparison set has no normalised score to take a median of.
    if (!set.has(p)) throw new RangeError(`readiness: peer ${p} is not in the comparison set`);
  }
  return { window, maxMissing };
}

// Weighted means of the same numbers summed in a different order can differ in the last bit;
// snapping to 1e-9 (far below any displayed precision) keeps such mathematically equal scores tied.
function snap(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/**
 * Puente readiness index for `countries` (the comparison set that min–max normalisation, the
 * median, ranks and percentiles are all relative to). Observations for other countries or
 * indicators are ignored.
 */
export function computeReadiness(
  countries: string[],
  observations: Observation[],
  options: ReadinessOptions,
): ReadinessResult {
  const { window, maxMissing } = validateOptions(countries, options);
  const { components, year } = options;

  const wanted = new Set(components.map((c) => c.code));
  const inSet = new Set(countries);
  const byKey = new Map<string, Observation[]>();
  for (const o of observations) {
    if (!inSet.has(o.iso3) || !wanted.has(o.indicator_code)) continue;
    const key = `${o.iso3}\u0000${o.indicator_code}`;
    const list = byKey.get(key);
    if (list) list.push(o);
    else byKey.set(key, [o]);
  }

  // latest[c][i] is the value used for component c and country i.
  const latest = components.map((c) =>
    countries.map((iso3) => {
      try {
        return latestWithinWindow(byKey.get(`${iso3}\u0000${c.code}`) ?? [], year, window);
      } catch (e) {
        throw new RangeError(`readiness: ${iso3} ${c.code}: ${(e as Error).message}`);
      }
    }),
  );
  const normalised = components.map((c, ci) => normaliseMinMax(latest[ci].map((l) => (l ? l.value : null)), c.log));
  const weights = components.map((c) => c.weight);

  const partial = countries.map((iso3, i) => {
    const comps: Record<string, ComponentValue> = {};
    const missing: string[] = [];
    const notLoggable: string[] = [];
    const norm: Array<number | null> = [];
    components.forEach((c, ci) => {
      const l = latest[ci][i];
      const n = normalised[ci][i];
      comps[c.code] = { value: l ? l.value : null, year: l ? l.year : null, normalised: n };
      norm.push(n);
      if (n === null) {
        missing.push(c.code);
        if (l) notLoggable.push(`${c.code} = ${fmt(l.value)}`);
      }
    });
    let score: number | null = null;
    let reason: string | null = null;
    if (missing.length > maxMissing || missing.length === components.length) {
      reason = `missing ${missing.length} of ${components.length} components: ${missing.join(', ')}`;
      if (notLoggable.length) reason += ` (not log-scalable, value <= 0: ${notLoggable.join(', ')})`;
    } else {
      const mean = weightedMean(norm, weights);
      if (mean === null) {
        reason = `available components carry zero weight: ${components.filter((c) => !missing.includes(c.code)).map((c) => c.code).join(', ')}`;
      } else {
        score = snap(mean);
      }
    }
    return { iso3, score, missing, reason, comps, available: components.length - missing.length };
  });

  const scores = partial.map((p) => p.score);
  const ranks = competitionRank(scores);
  const pcts = percentile(scores);
  const medianN = scores.filter((s) => s !== null).length;
  const med = gatedMedian(median(scores), medianN, options.minEconomies ?? 1);
  const peerSet = new Set(options.peers ?? []);
  // The peers are the user's own set: their median is not gated, but says how many it spans.
  const peerScores = partial.filter((p) => peerSet.has(p.iso3)).map((p) => p.score);
  const peersMedian = peerSet.size ? median(peerScores) : null;
  const peersMedianN = peerScores.filter((s) => s !== null).length;

  const rows: ReadinessRow[] = partial.map((p, i) => ({
    iso3: p.iso3,
    score: p.score,
    rank: ranks[i],
    percentile: pcts[i],
    vs_median: p.score !== null && med !== null ? p.score - med : null,
    vs_peers: p.score !== null && peersMedian !== null ? p.score - peersMedian : null,
    available: p.available,
    missing: p.missing,
    reason: p.reason,
    components: p.comps,
  }));
  rows.sort((a, b) => {
    if (a.rank !== b.rank) {
      if (a.rank === null) return 1;
      if (b.rank === null) return -1;
      return a.rank - b.rank;
    }
    return a.iso3 < b.iso3 ? -1 : a.iso3 > b.iso3 ? 1 : 0;
  });
  return { rows, median: med, medianN, peersMedian, peersMedianN };
}
