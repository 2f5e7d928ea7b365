import * as Plot from '@observablehq/plot';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dodgeLabels } from '../charts/line-state';
import type { TrafficPoint, TrafficState } from '../charts/traffic-state';
import { formatTick, formatValue } from '../lib/format';
import type { ChartShare } from '../charts/export';
import { PlotFigure } from './PlotFigure';

/** Visits over months: one <g data-series> per series, an HTML legend, gaps for unknown months. */
export function TrafficChart({ state, label, testid = 'traffic-chart', share }: { state: TrafficState; label: string; testid?: string; share?: ChartShare | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const render = useCallback(
    (width: number) => {
      const labels = new Map(state.series.map((s) => [s.key, s.label]));
      const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: '#c8cdd2' })];
      for (const s of state.series) {
        marks.push(
          Plot.lineY(
            state.points.filter((p) => p.series === s.key),
            {
              x: 'date',
              y: 'value',
              stroke: s.color,
              strokeWidth: 2,
              render(index, scales, values, dimensions, context, next) {
                const g = next!(index, scales, values, dimensions, context);
                g?.setAttribute('data-series', s.key);
                return g;
              },
            },
          ),
        );
      }
      marks.push(
        Plot.dot(
          state.points.filter((p) => p.value !== null),
          Plot.pointerX({
            x: 'date',
            y: 'value',
            r: 3,
            fill: (p: TrafficPoint) => state.series.find((s) => s.key === p.series)?.color ?? '#333',
            title: (p: TrafficPoint) => `${labels.get(p.series) ?? p.series}\n${p.period}: ${formatValue(p.value, lang)}`,
            tip: true,
          }),
        ),
      );
      // Direct labels at each line's last known month, nudged apart where they would overlap (in
      // pixels, after the scales); on a phone the legend above does that job.
      const endLabels = width >= 560;
      const marginRight = endLabels ? Math.min(150, Math.round(width * 0.2)) : 20;
      if (endLabels) {
        const last = state.series
          .map((s) => state.points.filter((p) => p.series === s.key && p.value !== null).at(-1))
          .filter((p): p is TrafficPoint => p !== undefined);
        marks.push(
          Plot.text(last, {
            x: 'date',
            y: 'value',
            text: (p: TrafficPoint) => labels.get(p.series) ?? p.series,
            fill: (p: TrafficPoint) => state.series.find((s) => s.key === p.series)?.color ?? '#333',
            dx: 8,
            textAnchor: 'start',
            fontSize: 11,
            lineWidth: Math.max(5, ((marginRight - 8) / 11) * 0.8),
            clip: false,
            render(index, scales, values, dimensions, context, next) {
              // The scaled y positions are moved in place: a copy of Plot's values object (or an
              // index.map, which keeps the index's integer type) loses what the text mark needs and
              // draws every label at the frame's corner.
              const ys = values.y as unknown as number[];
              const moved = dodgeLabels(
                Array.from(index, (i) => ys[i]),
                13,
                dimensions.marginTop,
                dimensions.height - dimensions.marginBottom,
              );
              Array.from(index).forEach((i, k) => (ys[i] = moved[k]));
              const g = next!(index, scales, values, dimensions, context);
              g?.setAttribute('data-end-labels', '');
              return g;
            },
          }),
        );
      }
      return Plot.plot({
        width,
        height: Math.round(Math.min(360, Math.max(220, width * 0.42))),
        marginLeft: 56,
        marginRight,
        marginTop: 20,
        // Month ticks carry the year on a second line ("Jan / 2022"): room for both.
        marginBottom: 40,
        style: { fontSize: '12px', background: 'transparent' },
        x: { type: 'utc', label: null },
        y: { grid: true, label: t('marketplaces.visits'), tickFormat: (v: number) => formatTick(v, lang), zero: true },
        marks,
      });
    },
    [state, lang, t],
  );
  const withLegend = useMemo(
    () => share && { ...share, meta: { ...share.meta, legend: share.meta.legend ?? state.series.map((s) => ({ label: s.label, color: s.color, mark: 'line' as const })) } },
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
      <ul className="legend__list legend__list--lines" aria-label={t('chart.legend')}>
        {state.series.map((s) => (
          <li key={s.key} className="legend__item" data-series={s.key}>
            <svg width="22" height="10" aria-hidden="true">
              <line x1="1" y1="5" x2="21" y2="5" stroke={s.color} strokeWidth={2} />
            </svg>
            <span>{s.label}</span>
          </li>
        ))}
      </ul>
      <PlotFigure render={render} label={label} testid={`${testid}-figure`} share={withLegend} />
    </div>
  );
}
