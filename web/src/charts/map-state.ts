// Pure state for choropleths: which colour each economy gets and what the legend says.
// No data is never a colour on the scale: it is a separate "no data" class.
import { pickSequential } from './palette';

export const NO_DATA = 'nodata' as const;

export interface MapItem {
  iso3: string;
  /** A CSS colour, or NO_DATA for a member with no value. */
  fill: string | typeof NO_DATA;
  /** Tooltip text (also the SVG <title>). */
  title: string;
  /** Drawn with a darker outline (e.g. the selected group or country). */
  emphasis?: boolean;
}

export interface LegendEntry {
  key: string;
  label: string;
  fill: string | typeof NO_DATA;
}

export interface Bin {
  from: number;
  to: number;
  color: string;
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  // Round to the nearest nice step (not up), so a 40–100 range gets ~6 classes, not 3.
  const nice = m < 1.5 ? 1 : m < 2.25 ? 2 : m < 3.5 ? 2.5 : m < 7.5 ? 5 : 10;
  return nice * p;
}

/** Equal-interval classes on nice boundaries covering [min, max]; about `n` of them. */
export function equalIntervalBins(values: readonly number[], n = 5): Bin[] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  let min = Math.min(...finite);
  let max = Math.max(...finite);
  if (min === max) {
    return [{ from: min, to: max, color: pickSequential(1)[0] }];
  }
  const step = niceStep((max - min) / n);
  min = Math.floor(min / step) * step;
  max = Math.ceil(max / step) * step;
  const count = Math.max(1, Math.round((max - min) / step));
  const colors = pickSequential(count);
  return colors.map((color, i) => ({ from: min + i * step, to: i === count - 1 ? max : min + (i + 1) * step, color }));
}

export function binOf(v: number, bins: readonly Bin[]): Bin | undefined {
  for (let i = 0; i < bins.length; i++) {
    const b = bins[i];
    if (v < b.to || i === bins.length - 1) return v >= b.from || i === 0 ? b : undefined;
  }
  return undefined;
}

export interface ValueDatum {
  iso3: string;
  value: number | null;
  year: number | null;
}

export interface ChoroplethState {
  items: MapItem[];
  bins: Bin[];
  missing: string[];
}

/**
 * `members` are all the economies that should appear; any of them without a value is "no data".
 * `describe` builds the tooltip from the datum (formatting is the caller's: it knows the language).
 */
export function choroplethState(
  members: readonly string[],
  data: readonly ValueDatum[],
  describe: (iso3: string, d: ValueDatum | undefined) => string,
  emphasis: ReadonlySet<string> = new Set(),
): ChoroplethState {
  const byIso = new Map<string, ValueDatum>();
  for (const d of data) if (d.value !== null && Number.isFinite(d.value)) byIso.set(d.iso3, d);
  const bins = equalIntervalBins([...byIso.values()].map((d) => d.value as number));
  const missing: string[] = [];
  const items = members.map((iso3): MapItem => {
    const d = byIso.get(iso3);
    if (!d) missing.push(iso3);
    return {
      iso3,
      fill: d ? (binOf(d.value as number, bins)?.color ?? NO_DATA) : NO_DATA,
      title: describe(iso3, data.find((x) => x.iso3 === iso3)),
      emphasis: emphasis.has(iso3),
    };
  });
  return { items, bins, missing };
}
