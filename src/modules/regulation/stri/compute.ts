// Pure calculations on the Digital STRI: the checks every import and sync passes, the wide rows per
// economy and year, the ranking and the FEALAC median with its coverage gate. No I/O.
import {
  STRI_AREAS,
  STRI_COLUMNS,
  STRI_MEASURES,
  type StriEconomyRow,
  type StriMeasure,
  type StriMedian,
  type StriObservation,
  type StriRankingRow,
} from './schema.js';

/**
 * The OECD publishes the five area contributions so that they add up to the overall index; the
 * values are stored as 32-bit floats, so sums differ by up to ~2e-8. A larger gap means a file or
 * a response that is not what it claims to be.
 */
export const SUM_TOLERANCE = 1e-6;

export interface StriProblem {
  /** Index of the observation the problem is about (its line, for a file). */
  index: number;
  field: 'iso3' | 'year' | 'measure' | 'value';
  message: string;
}

export function isMeasure(code: string): code is StriMeasure {
  return (STRI_MEASURES as readonly string[]).includes(code);
}

/**
 * Every economy-year needs the overall index and all five contributions, once each, within 0..1,
 * with the contributions adding up to the index. Problems name the observation they are about.
 */
export function checkObservations(obs: StriObservation[]): StriProblem[] {
  const problems: StriProblem[] = [];
  const groups = new Map<string, Map<StriMeasure, number>>();
  obs.forEach((o, index) => {
    if (!Number.isFinite(o.value) || o.value < 0 || o.value > 1) {
      problems.push({ index, field: 'value', message: `${o.value} is outside the index range 0 (open) .. 1 (closed)` });
    }
    const key = `${o.iso3}|${o.year}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = new Map()));
    const first = g.get(o.measure);
    if (first !== undefined) {
      problems.push({ index, field: 'measure', message: `${o.measure} of ${o.iso3} ${o.year} appears twice (first at record ${first + 1})` });
      return;
    }
    g.set(o.measure, index);
  });
  for (const [key, g] of groups) {
    const [iso3, year] = key.split('|');
    const first = Math.min(...g.values());
    const missing = STRI_MEASURES.filter((m) => !g.has(m));
    if (missing.length) {
      problems.push({ index: first, field: 'measure', message: `${iso3} ${year} lacks ${missing.join(', ')} (the overall index and all five area contributions are needed)` });
      continue;
    }
    const total = obs[g.get('STRI')!].value;
    const sum = STRI_AREAS.reduce((s, a) => s + obs[g.get(a)!].value, 0);
    if (Math.abs(sum - total) > SUM_TOLERANCE) {
      problems.push({
        index: g.get('STRI')!,
        field: 'value',
        message: `${iso3} ${year}: the five area contributions add up to ${sum}, not to the overall index ${total}`,
      });
    }
  }
  return problems.sort((a, b) => a.index - b.index);
}

/** One row per economy and year, the overall index and the five contributions as columns. */
export function wideRows(values: StriObservation[]): StriEconomyRow[] {
  const rows = new Map<string, StriEconomyRow>();
  for (const v of values) {
    const key = `${v.iso3}|${v.year}`;
    let row = rows.get(key);
    if (!row) {
      row = { iso3: v.iso3, year: v.year, stri: null, infrastructure: null, electronic_transactions: null, payment_systems: null, intellectual_property: null, other_barriers: null };
      rows.set(key, row);
    }
    (row as unknown as Record<string, number | null>)[STRI_COLUMNS[v.measure]] = v.value;
  }
  return [...rows.values()].sort((a, b) => a.iso3.localeCompare(b.iso3) || a.year - b.year);
}

/** The median of the values; null for none. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The FEALAC median of the overall index, given only with at least `minN` economies. */
export function fealacMedian(overall: number[], minN: number): StriMedian {
  const enough = overall.length >= minN && overall.length > 0;
  return { median: enough ? median(overall) : null, n: overall.length, min_n: minN, enough_data: enough };
}

export function latestYear(values: Pick<StriObservation, 'year'>[]): number | null {
  return values.length ? Math.max(...values.map((v) => v.year)) : null;
}

/**
 * The ranking of one year: the economies with a value, least restrictive first (ties share a
 * rank), then every member the OECD does not cover, unranked and with empty values.
 */
export function rankYear(values: StriObservation[], members: string[], year: number, minN: number): { rows: StriRankingRow[]; median: StriMedian } {
  const wide = wideRows(values.filter((v) => v.year === year && members.includes(v.iso3))).filter((r) => r.stri !== null);
  wide.sort((a, b) => a.stri! - b.stri! || a.iso3.localeCompare(b.iso3));
  const rows: StriRankingRow[] = [];
  wide.forEach((r, i) => {
    const prior = rows[i - 1];
    const rank = prior && prior.stri === r.stri ? prior.rank : i + 1;
    const { year: _year, iso3, ...areas } = r;
    rows.push({ rank, iso3, coverage: 'covered', ...areas });
  });
  const covered = new Set(wide.map((r) => r.iso3));
  for (const iso3 of [...members].sort()) {
    if (covered.has(iso3)) continue;
    rows.push({ rank: null, iso3, coverage: 'not_covered', stri: null, infrastructure: null, electronic_transactions: null, payment_systems: null, intellectual_property: null, other_barriers: null });
  }
  return { rows, median: fealacMedian(wide.map((r) => r.stri!), minN) };
}
