// Headline figures from the aggregates the store returns, through the formulas of compute.ts.
// Pure: no I/O. Shares of origin are of ATTRIBUTED visits (those with an origin breakdown);
// visits of websites without one count in totals only (METHODS.md §3).
import { cagr, FLOW_CLASSES, hhi, topNShare, topOrigins, yoyGrowth, type FlowClass } from './compute.js';
import type { Summary } from './schema.js';

export interface SummaryAggregates {
  overall: {
    visits: number;
    months: number;
    attributed: number;
    domestic: number;
    bi_regional: number;
    synthetic: boolean;
    first_month: string | null;
    last_month: string | null;
  };
  byFlow: Map<string, number>;
  byMarketplace: Map<string, number>;
  byOrigin: Map<string, number>;
  byYear: { year: number; visits: number; months: number }[];
}

const ISO3 = /^[A-Z]{3}$/;

export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Growth over full years only: a year with missing months is not compared with a full one. */
export function yearlyGrowth(byYear: SummaryAggregates['byYear']) {
  const full = byYear.filter((y) => y.months === 12).sort((a, b) => a.year - b.year);
  const last = full[full.length - 1];
  const prev = last ? full.find((y) => y.year === last.year - 1) : undefined;
  const first = full[0];
  return {
    yoy: last && prev ? yoyGrowth(last.visits, prev.visits) : null,
    yoy_year: last && prev ? last.year : null,
    cagr: first && last && last.year > first.year ? cagr(first.visits, last.visits, last.year - first.year) : null,
    cagr_from: first && last && last.year > first.year ? first.year : null,
    cagr_to: first && last && last.year > first.year ? last.year : null,
  };
}

export function summarise(a: SummaryAggregates): Summary {
  const known = a.overall.months > 0;
  const attributed = a.overall.attributed;
  const flow_mix =
    attributed > 0
      ? (Object.fromEntries(FLOW_CLASSES.map((c) => [c, (a.byFlow.get(c) ?? 0) / attributed])) as Record<FlowClass, number>)
      : null;
  const byMarketplace = Object.fromEntries(a.byMarketplace);
  const byOrigin = Object.fromEntries([...a.byOrigin].filter(([k]) => ISO3.test(k)));
  return {
    visits: known ? a.overall.visits : null,
    months: a.overall.months,
    first_month: a.overall.first_month,
    last_month: a.overall.last_month,
    attributed: known ? attributed : null,
    domestic_share: share(a.overall.domestic, attributed),
    cross_border_share: attributed > 0 ? (attributed - a.overall.domestic) / attributed : null,
    bi_regional_share: share(a.overall.bi_regional, attributed),
    flow_mix,
    ...yearlyGrowth(a.byYear),
    hhi: known ? hhi(byMarketplace) : null,
    top1_share: known ? topNShare(byMarketplace, 1) : null,
    top3_share: known ? topNShare(byMarketplace, 3) : null,
    marketplaces: [...a.byMarketplace.values()].filter((v) => v > 0).length,
    top_origins: topOrigins(byOrigin, 10),
    synthetic: a.overall.synthetic,
  };
}

/** YoY per row against the same period one year earlier (same series). */
export function withYoy<T extends { period: string; series: string; visits: number; months: number }>(rows: T[]): (T & { yoy: number | null })[] {
  const index = new Map(rows.map((r) => [`${r.series}|${r.period}`, r]));
  return rows.map((r) => {
    const prevPeriod = `${String(Number(r.period.slice(0, 4)) - 1).padStart(4, '0')}${r.period.slice(4)}`;
    const prev = index.get(`${r.series}|${prevPeriod}`);
    // Years are compared only when both are complete, months whenever both are known.
    const comparable = prev && (r.period.length === 7 || (r.months === 12 && prev.months === 12));
    return { ...r, yoy: comparable ? yoyGrowth(r.visits, prev.visits) : null };
  });
}
