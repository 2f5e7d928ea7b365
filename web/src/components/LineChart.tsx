import * as Plot from '@observablehq/plot';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { lineLayout } from '../charts/line-layout';
import type { LinePoint, LineState } from '../charts/line-state';
import { formatTick, formatValue } from '../lib/format';
import type { ChartShare } from '../charts/export';
import { PlotFigure } from './PlotFigure';

/** Lines over years with an HTML legend (wraps on phones; readable by screen readers). */
export function LineChart({
  state,
  label,
  yLabel,
  testid = 'line-chart',
  share,
  showLegend = true,
}: {
  state: LineState;
  label: string;
  yLabel: string | null;
  testid?: string;
  /** Title, subtitle and sources for the chart's downloads and embed code (as the page shows them). */
  share?: ChartShare | null;
  showLegend?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const render = useCallback(
    (width: number) => {
      const labels = new Map(state.series.map((s) => [s.key, s.label]));
      return Plot.plot(
        lineLayout(state, {
          width,
          yLabel,
          formatY: (v) => formatValue(v, lang),
          formatTick: (v) => formatTick(v, lang),
          describe: (p: LinePoint) => `${labels.get(p.series) ?? p.series}\n${p.year}: ${formatValue(p.value, lang)}${p.note ? ` (${p.note})` : ''}`,
        }),
      );
    },
    [state, yLabel, lang],
  );
  // The image gets the legend too: on a phone the lines have no end labels.
  const withLegend = useMemo(
    () =>
      share && {
        ...share,
        meta: { ...share.meta, legend: share.meta.legend ?? state.series.filter((s) => s.kind !== 'other').map((s) => ({ label: s.label, color: s.color, mark: 'line' as const })) },
      },
    [share, state],
  );
  if (state.series.length === 0) {
    return (
      <p className="empty-note" data-testid={`${testid}-empty`}>
        {t('chart.noData')}
      </p>
    );
  }
  return (
    <div className="line-chart" data-testid={testid}>
      {showLegend && (
        <ul className="legend__list legend__list--lines" aria-label={t('chart.legend')}>
          {state.series
            .filter((s) => s.kind !== 'other')
            .map((s) => (
              <li key={s.key} className={`legend__item legend__item--${s.kind}`} data-series={s.key}>
                <svg width="22" height="10" aria-hidden="true">
                  <line x1="1" y1="5" x2="21" y2="5" stroke={s.color} strokeWidth={s.kind === 'focus' ? 3 : 2} strokeDasharray={s.kind === 'median' ? '5 3' : undefined} />
                </svg>
                <span>{s.label}</span>
              </li>
            ))}
        </ul>
      )}
      <PlotFigure render={render} label={label} testid={`${testid}-figure`} share={withLegend} />
    </div>
  );
}
