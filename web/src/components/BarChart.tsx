import * as Plot from '@observablehq/plot';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { BarState } from '../charts/bar-state';
import { BAR_COLOR, FOCUS_COLOR, GROUP_HIGHLIGHT, MEDIAN_COLOR } from '../charts/palette';
import { formatNumber } from '../lib/format';
import type { ChartShare } from '../charts/export';
import { PlotFigure } from './PlotFigure';


/** Horizontal ranked bars; each bar is a <rect data-iso3>. An optional reference line (median). */
export function BarChart({
  state,
  label,
  xLabel,
  reference,
  referenceLabel,
  domainMax,
  testid = 'bar-chart',
  share,
}: {
  state: BarState;
  label: string;
  xLabel: string;
  reference?: number | null;
  referenceLabel?: string;
  domainMax?: number;
  testid?: string;
  /** Title, subtitle and sources for the chart's downloads and embed code (as the page shows them). */
  share?: ChartShare | null;
}) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const render = useCallback(
    (width: number) => {
      const { bars } = state;
      const labels = new Map(bars.map((b) => [b.key, b.label]));
      const narrow = width < 520;
      const maxChars = narrow ? 14 : 26;
      const short = (s: string) => (s.length > maxChars ? `${s.slice(0, maxChars - 1)}…` : s);
      const longest = Math.max(4, ...bars.map((b) => short(b.label).length));
      // ~6.8 px per character at 12 px (wide letters included) plus the tick padding.
      const marginLeft = Math.min(narrow ? 120 : 200, 16 + longest * 6.8);
      const rowH = narrow ? 20 : 19;
      const colorOf = (role: string | null) => (role === 'focus' ? FOCUS_COLOR : role === 'peer' ? GROUP_HIGHLIGHT : BAR_COLOR);
      const marks: Plot.Markish[] = [
        Plot.barX(bars, {
          y: 'key',
          x: 'value',
          fill: (b: (typeof bars)[number]) => colorOf(b.role),
          title: (b: (typeof bars)[number]) => `${b.label}: ${formatNumber(b.value, lang, 1)}`,
          render(index, scales, values, dimensions, context, next) {
            const g = next!(index, scales, values, dimensions, context);
            const rects = g?.querySelectorAll(':scope > rect') ?? [];
            index.forEach((i, k) => {
              rects[k]?.setAttribute('data-iso3', bars[i].key);
              rects[k]?.setAttribute('data-rank', String(k + 1));
            });
            return g;
          },
        }),
        Plot.text(bars, {
          y: 'key',
          x: 'value',
          text: (b: (typeof bars)[number]) => formatNumber(b.value, lang, 1),
          dx: 4,
          textAnchor: 'start',
          fontSize: 10,
          fill: '#333',
        }),
        Plot.ruleX([0], { stroke: '#888' }),
      ];
      if (reference !== null && reference !== undefined) {
        marks.push(Plot.ruleX([reference], { stroke: MEDIAN_COLOR, strokeDasharray: '4 3' }));
        if (referenceLabel)
          marks.push(
            Plot.text([reference], {
              x: (d: number) => d,
              frameAnchor: 'top',
              dy: -14,
              text: () => referenceLabel,
              fontSize: 11,
              fill: MEDIAN_COLOR,
            }),
          );
      }
      return Plot.plot({
        width,
        height: bars.length * rowH + 70,
        marginLeft,
        marginRight: 36,
        marginTop: 30,
        marginBottom: 40,
        style: { fontSize: '11px', background: 'transparent' },
        x: {
          domain: [0, domainMax ?? Math.max(1, state.max)],
          label: xLabel,
          labelAnchor: 'center',
          labelArrow: 'none',
          labelOffset: 34,
          grid: true,
          tickFormat: (v: number) => formatNumber(v, lang, 0),
        },
        y: { domain: bars.map((b) => b.key), tickFormat: (k: string) => short(labels.get(k) ?? k), label: null, tickSize: 0 },
        marks,
      });
    },
    [state, lang, reference, referenceLabel, xLabel, domainMax],
  );
  return (
    <div className="bar-chart" data-testid={testid}>
      <PlotFigure render={state.bars.length ? render : null} label={label} testid={`${testid}-figure`} share={share} />
    </div>
  );
}
