// The indicator explorer's line chart (the page and its chart-only embed draw the same one):
// the chosen economies in distinct colours, or every economy coloured by its region.
import type { IndicatorValue } from '../api';
import { countryName } from '../lib/country-names';
import { lineState, type SeriesSpec } from './line-state';
import { REGION_COLORS, seriesColor } from './palette';

export function explorerLines(rows: readonly IndicatorValue[], selected: readonly string[], lang: string, regionOf: ReadonlyMap<string, string>) {
  const codes = selected.length ? [...selected] : [...new Set(rows.map((r) => r.iso3))];
  const specs: SeriesSpec[] = codes.map((c, i) =>
    selected.length
      ? { key: c, label: countryName(c, lang), color: seriesColor(i, codes.length), kind: 'peer' }
      : { key: c, label: countryName(c, lang), color: REGION_COLORS[regionOf.get(c) ?? ''] ?? '#888', kind: 'other' },
  );
  return lineState(
    rows.filter((r) => r.year !== null).map((r) => ({ series: r.iso3, year: r.year as number, value: r.value })),
    specs,
  );
}
