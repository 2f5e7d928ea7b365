import * as Plot from '@observablehq/plot';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { STRI_AREA_COLORS, STRI_AREA_COLUMNS, type StackSegment, type StackState } from '../charts/stri-state';
import { FOCUS_COLOR, MEDIAN_COLOR } from '../charts/palette';
import { formatNumber } from '../lib/format';
import type { ChartShare } from '../charts/export';
import { PlotFigure } from './PlotFigure';

/**
 * Horizontal stacked bars of the Digital STRI's five policy-area contributions. Each segment is a
 * <rect data-key data-area data-value> (the value unrounded, as in the CSV); the optional
 * reference line is the FEALAC median. The HTML legend names the areas.
 */
export function StriStackedChart({
  state,
  label,
  xLabel,
  reference,
  referenceLabel,
  testid = 'stri-stacked',
  share,
}: {
  state: StackState;
  label: string;
  xLabel: string;
  reference?: number | null;
  referenceLabel?: string;
  testid?: string;
  /** Title, subtitle and sources for the chart's downloads and embed code (as the page shows them). */
  share?: ChartShare | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const render = useCallback(
    (width: number) => {
      const { bars, segments } = state;
      const labels = new Map(bars.map((b) => [b.key, b.label]));
      const highlight = new Set(bars.filter((b) => b.highlight).map((b) => b.key));
      const narrow = width < 520;
      const maxChars = narrow ? 14 : 26;
      const short = (s: string) => (s.length > maxChars ? `${s.slice(0, maxChars - 1)}…` : s);
      const longest = Math.max(4, ...bars.map((b) => short(b.label).length));
      const marginLeft = Math.min(narrow ? 110 : 190, 12 + longest * 6.4);
      const rowH = narrow ? 20 : 19;
      const areaName = (a: string) => t(`stri.area.${a}`);
      const marks: Plot.Markish[] = [
        Plot.barX(segments, {
          y: 'key',
          x1: 'x1',
          x2: 'x2',
          fill: (s: StackSegment) => STRI_AREA_COLORS[s.area],
          stroke: (s: StackSegment) => (highlight.has(s.key) ? FOCUS_COLOR : 'white'),
          strokeWidth: (s: StackSegment) => (highlight.has(s.key) ? 1.5 : 0.5),
          title: (s: StackSegment) => `${labels.get(s.key) ?? s.key}\n${areaName(s.area)}: ${formatNumber(s.value, lang, 3)}`,
          render(index, scales, values, dimensions, context, next) {
            const g = next!(index, scales, values, dimensions, context);
            const rects = g?.querySelectorAll(':scope > rect') ?? [];
            index.forEach((i, k) => {
              rects[k]?.setAttribute('data-key', segments[i].key);
              rects[k]?.setAttribute('data-area', segments[i].area);
              rects[k]?.setAttribute('data-value', String(segments[i].value));
            });
            return g;
          },
        }),
        Plot.text(bars, {
          y: 'key',
          x: 'total',
          text: (b: (typeof bars)[number]) => formatNumber(b.total, lang, 2),
          dx: 4,
          textAnchor: 'start',
          fontSize: 10,
          fill: '#333',
        }),
        Plot.ruleX([0], { stroke: '#888' }),
      ];
      if (reference !== null && reference !== undefined) {
        marks.push(Plot.ruleX([reference], { stroke: MEDIAN_COLOR, strokeDasharray: '4 3', strokeWidth: 1.5 }));
        if (referenceLabel)
          marks.push(Plot.text([reference], { x: (d: number) => d, frameAnchor: 'top', dy: -14, text: () => referenceLabel, fontSize: 11, fill: MEDIAN_COLOR }));
      }
      // The index runs 0..1; the axis stops a little past the largest bar so small values stay legible.
      const top = Math.min(1, Math.max(0.1, Math.ceil((state.max + 0.05) * 10) / 10));
      return Plot.plot({
        width,
        height: bars.length * rowH + 70,
        marginLeft,
        marginRight: 40,
        marginTop: 30,
        marginBottom: 40,
        style: { fontSize: '11px', background: 'transparent' },
        x: { domain: [0, top], label: xLabel, labelAnchor: 'center', labelArrow: 'none', labelOffset: 34, grid: true, tickFormat: (v: number) => formatNumber(v, lang, 2) },
        y: { domain: bars.map((b) => b.key), tickFormat: (k: string) => short(labels.get(k) ?? k), label: null, tickSize: 0 },
        marks,
      });
    },
    [state, lang, reference, referenceLabel, xLabel, t],
  );
  if (!state.bars.length) {
    return (
      <p className="empty-note" data-testid={`${testid}-empty`}>
        {t('chart.noData')}
      </p>
    );
  }
  return (
    <div className="bar-chart" data-testid={testid}>
      <ul className="legend__list" aria-label={t('chart.legend')}>
        {STRI_AREA_COLUMNS.map(({ area }) => (
          <li key={area} className="legend__item" data-area={area}>
            <svg width="14" height="12" aria-hidden="true">
              <rect width="14" height="12" fill={STRI_AREA_COLORS[area]} />
            </svg>
            {t(`stri.area.${area}`)}
          </li>
        ))}
        {reference !== null && reference !== undefined && referenceLabel && (
          <li className="legend__item">
            <svg width="22" height="12" aria-hidden="true">
              <line x1="11" y1="0" x2="11" y2="12" stroke={MEDIAN_COLOR} strokeDasharray="3 2" strokeWidth="1.5" />
            </svg>
            {referenceLabel}
          </li>
        )}
      </ul>
      <PlotFigure render={render} label={label} testid={`${testid}-figure`} share={share} />
    </div>
  );
}
