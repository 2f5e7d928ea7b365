// Pure state for monthly (or yearly) traffic lines: one series per group, a month without a row
// is a gap (unknown), never a zero.
export interface TrafficPoint {
  series: string;
  date: Date;
  period: string;
  value: number | null;
}
export interface TrafficSeries {
  key: string;
  label: string;
  color: string;
}
export interface TrafficState {
  points: TrafficPoint[];
  series: TrafficSeries[];
}

function nextPeriod(p: string): string {
  if (p.length === 4) return String(Number(p) + 1);
  const y = Number(p.slice(0, 4));
  const m = Number(p.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function periodDate(p: string): Date {
  return new Date(Date.UTC(Number(p.slice(0, 4)), p.length === 7 ? Number(p.slice(5, 7)) - 1 : 0, 1));
}

/** At most `max` series (largest total first); the rest are left out and counted. */
export function trafficState(
  rows: readonly { period: string; series: string; label: string; visits: number }[],
  colorOf: (key: string, i: number, count: number) => string,
  max = 10,
): TrafficState & { omitted: number } {
  const totals = new Map<string, { label: string; total: number; byPeriod: Map<string, number> }>();
  for (const r of rows) {
    const s = totals.get(r.series) ?? { label: r.label, total: 0, byPeriod: new Map() };
    s.total += r.visits;
    s.byPeriod.set(r.period, r.visits);
    totals.set(r.series, s);
  }
  const keys = [...totals.keys()].sort((a, b) => totals.get(b)!.total - totals.get(a)!.total || a.localeCompare(b));
  const shown = keys.slice(0, max);
  const points: TrafficPoint[] = [];
  for (const k of shown) {
    const s = totals.get(k)!;
    const periods = [...s.byPeriod.keys()].sort();
    periods.forEach((p, i) => {
      if (i > 0 && nextPeriod(periods[i - 1]) !== p) {
        const gap = nextPeriod(periods[i - 1]);
        points.push({ series: k, date: periodDate(gap), period: gap, value: null });
      }
      points.push({ series: k, date: periodDate(p), period: p, value: s.byPeriod.get(p)! });
    });
  }
  return {
    points,
    series: shown.map((k, i) => ({ key: k, label: totals.get(k)!.label, color: colorOf(k, i, shown.length) })),
    omitted: keys.length - shown.length,
  };
}
