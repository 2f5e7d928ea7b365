// Pure state for a marketplace's audience charts: one panel per dimension (sex, age group, device)
// with its bars in the categories' natural order. A dimension without rows has no panel, so an
// unknown breakdown is never drawn as zeros.
import type { AudienceDimension, AudienceRow } from '../api';

const ORDER: Record<AudienceDimension, readonly string[]> = {
  sex: ['female', 'male'],
  age: ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'],
  device: ['desktop', 'mobile'],
};

export interface AudienceBar {
  key: string;
  /** Share of the visits covered, 0-1. */
  value: number;
}

export interface AudiencePanel {
  dimension: AudienceDimension;
  bars: AudienceBar[];
  /** Visits the shares are weighted by, and their share of all the marketplace's visits. */
  visits: number;
  coverage: number | null;
  synthetic: boolean;
}

export function audienceState(rows: readonly AudienceRow[]): AudiencePanel[] {
  return (Object.keys(ORDER) as AudienceDimension[]).flatMap((dimension) => {
    const mine = rows.filter((r) => r.dimension === dimension && r.share !== null && Number.isFinite(r.share));
    if (!mine.length) return [];
    const rank = (c: string) => {
      const i = ORDER[dimension].indexOf(c);
      return i < 0 ? ORDER[dimension].length : i;
    };
    const bars = mine
      .map((r) => ({ key: r.category, value: r.share as number }))
      .sort((a, b) => rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return [{ dimension, bars, visits: mine[0].visits, coverage: mine[0].coverage, synthetic: mine.some((r) => r.synthetic) }];
  });
}
