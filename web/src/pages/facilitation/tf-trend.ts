// The economy's score trend (overall and group scores by survey round), drawn by its page and by
// its chart-only route (/embed/facilitation/:iso3) alike.
import type { TFunction } from 'i18next';
import { lineState, type LineState, type SeriesSpec } from '../../charts/line-state';
import { FOCUS_COLOR, seriesColor } from '../../charts/palette';
import type { ScoreRow } from './tf-api';
import { SCORE_GROUPS } from './tf-parts';

export function trendState(scoreRows: readonly ScoreRow[], t: TFunction): LineState {
  const groups = SCORE_GROUPS.filter((g) => scoreRows.some((r) => r.group === g));
  const others = groups.filter((g) => g !== 'overall');
  const specs: SeriesSpec[] = groups.map((g) => ({
    key: g,
    label: t(`facilitation.group.${g}`),
    color: g === 'overall' ? FOCUS_COLOR : seriesColor(others.indexOf(g), others.length),
    kind: g === 'overall' ? 'focus' : 'peer',
  }));
  const state = lineState(
    scoreRows.map((r) => ({ series: r.group, year: r.round, value: r.score_pct, note: r.secondary ? t('facilitation.secondary') : r.basis === 'computed' ? t('facilitation.computed') : undefined })),
    specs,
  );
  return { ...state, values: [0, 100] };
}

/** Title and subtitle of the trend chart: the economy, the scale, the rounds shown. */
export function trendTitles(t: TFunction, name: string, years: [number, number] | null): { title: string; subtitle: string } {
  const rounds = years ? (years[0] === years[1] ? String(years[0]) : `${years[0]}–${years[1]}`) : null;
  return { title: t('facilitation.trendLabel', { name }), subtitle: [t('facilitation.axisPct'), name, rounds].filter(Boolean).join(' · ') };
}
