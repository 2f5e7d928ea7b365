// Which series a profile chart shows, in what colour and under what name.
import type { TFunction } from 'i18next';
import { FEALAC_MEDIAN, type ProfileRow } from '../../api';
import { lineState, type LineState, type SeriesSpec } from '../../charts/line-state';
import { FOCUS_COLOR, MEDIAN_COLOR, seriesColor } from '../../charts/palette';
import { countryName } from '../../lib/country-names';

export function profileSeries(iso3: string, peers: readonly string[], lang: string, t: TFunction): SeriesSpec[] {
  return [
    { key: iso3, label: countryName(iso3, lang), color: FOCUS_COLOR, kind: 'focus' },
    { key: FEALAC_MEDIAN, label: t('profile.median'), color: MEDIAN_COLOR, kind: 'median' },
    ...peers.map(
      (p, i): SeriesSpec => ({ key: p, label: countryName(p, lang), color: seriesColor(i, peers.length), kind: 'peer' }),
    ),
  ];
}

/** `noteOf` labels a point (e.g. the median's n); a median row with no value is a gap in its line. */
export function profileLineState(rows: readonly ProfileRow[], code: string, specs: readonly SeriesSpec[], noteOf?: (r: ProfileRow) => string | undefined): LineState {
  return lineState(
    rows.filter((r) => r.indicator_code === code).map((r) => ({ series: r.series, year: Number(r.year), value: r.value, note: noteOf?.(r) })),
    specs,
  );
}

/** Key of the median's n in a wide row. */
export const MEDIAN_N = `${FEALAC_MEDIAN}.n`;

/** Wide table: one row per year, one column per series. */
export interface WideRow {
  year: number;
  [series: string]: number | null;
}
export function profileWide(rows: readonly ProfileRow[], code: string, specs: readonly SeriesSpec[]): WideRow[] {
  const byYear = new Map<number, WideRow>();
  for (const r of rows) {
    if (r.indicator_code !== code) continue;
    const y = Number(r.year);
    let row = byYear.get(y);
    if (!row) {
      row = { year: y };
      for (const s of specs) row[s.key] = null;
      byYear.set(y, row);
    }
    row[r.series] = r.value;
    if (r.series === FEALAC_MEDIAN) row[MEDIAN_N] = r.n ?? null;
  }
  return [...byYear.values()].sort((a, b) => b.year - a.year);
}
