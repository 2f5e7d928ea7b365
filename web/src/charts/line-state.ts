// Pure state for line charts over years. Missing years become gaps, never zeros. What counts as
// "missing" depends on the data's cadence: annual series break at a skipped year, while survey
// indicators (Findex waves every 3-4 years) stay connected. The cadence is the median distance
// between consecutive observations in the chart; a longer step than 1.5 x cadence is a gap.

export interface LineRow {
  series: string;
  year: number;
  /** null inside a series' span is a known gap (e.g. a median with too few economies): the line breaks there. */
  value: number | null;
  /** Shown with the point (tooltip), e.g. a median's n. */
  note?: string;
}

export type SeriesKind = 'focus' | 'median' | 'peer' | 'other';

export interface SeriesSpec {
  key: string;
  label: string;
  color: string;
  kind: SeriesKind;
}

export interface LinePoint {
  series: string;
  year: number;
  value: number | null;
  note?: string;
}

export interface LineState {
  points: LinePoint[];
  series: SeriesSpec[];
  years: [number, number] | null;
  values: [number, number] | null;
  /** The last non-missing point of each series, for end labels. */
  last: LinePoint[];
}

function median(xs: number[]): number {
  if (!xs.length) return 1;
  const a = [...xs].sort((x, y) => x - y);
  const m = Math.floor(a.length / 2);
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

export function lineState(rows: readonly LineRow[], specs: readonly SeriesSpec[]): LineState {
  const bySeries = new Map<string, Map<number, number>>();
  const gaps = new Map<string, number[]>();
  const notes = new Map<string, string>();
  const allYears = new Set<number>();
  for (const r of rows) {
    if (r.note) notes.set(`${r.series}|${r.year}`, r.note);
    if (r.value === null || !Number.isFinite(r.value)) {
      gaps.set(r.series, [...(gaps.get(r.series) ?? []), r.year]);
      continue;
    }
    let m = bySeries.get(r.series);
    if (!m) bySeries.set(r.series, (m = new Map()));
    m.set(r.year, r.value);
    allYears.add(r.year);
  }
  const years = [...allYears].sort((a, b) => a - b);
  const series = specs.filter((s) => bySeries.has(s.key));
  const own = new Map(series.map((s) => [s.key, [...bySeries.get(s.key)!.keys()].sort((a, b) => a - b)]));
  const steps: number[] = [];
  for (const ys of own.values()) for (let i = 1; i < ys.length; i++) steps.push(ys[i] - ys[i - 1]);
  const cadence = Math.max(1, median(steps));
  const points: LinePoint[] = [];
  const last: LinePoint[] = [];
  let vmin = Infinity;
  let vmax = -Infinity;
  for (const s of series) {
    const m = bySeries.get(s.key)!;
    const ys = own.get(s.key)!;
    const known = gaps.get(s.key) ?? [];
    ys.forEach((y, i) => {
      // A null point between two observations too far apart, or around a year known to have no
      // value, breaks the line there.
      const gap = i > 0 ? known.find((g) => g > ys[i - 1] && g < y) : undefined;
      if (gap !== undefined) points.push({ series: s.key, year: gap, value: null });
      else if (i > 0 && y - ys[i - 1] > 1.5 * cadence) points.push({ series: s.key, year: ys[i - 1] + 1, value: null });
      const v = m.get(y)!;
      const note = notes.get(`${s.key}|${y}`);
      points.push({ series: s.key, year: y, value: v, ...(note ? { note } : {}) });
      vmin = Math.min(vmin, v);
      vmax = Math.max(vmax, v);
    });
    const end = ys[ys.length - 1];
    last.push({ series: s.key, year: end, value: m.get(end)! });
  }
  return {
    points,
    series,
    last,
    years: years.length ? [years[0], years[years.length - 1]] : null,
    values: Number.isFinite(vmin) ? [vmin, vmax] : null,
  };
}

/** Spread end labels apart vertically (in pixels) so they don't overlap. */
export function dodgeLabels(ys: readonly number[], minGap: number, lo: number, hi: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const out = new Array<number>(ys.length);
  let prev = -Infinity;
  for (const o of order) {
    const y = Math.max(o.y, prev + minGap);
    out[o.i] = y;
    prev = y;
  }
  // If we were pushed past the bottom, shift everything up.
  const overflow = Math.max(0, prev - hi);
  if (overflow > 0) for (let k = 0; k < out.length; k++) out[k] = Math.max(lo, out[k] - overflow);
  return out;
}
