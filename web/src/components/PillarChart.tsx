import * as Plot from '@observablehq/plot';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { PillarBar, PillarState } from '../charts/pillar-state';
import { BAR_COLOR, FOCUS_COLOR, NO_DATA_LINE } from '../charts/palette';
import { formatNumber } from '../lib/format';
import type { ChartShare } from '../charts/export';
import { PlotFigure } from './PlotFigure';

// A bar scored on too little of its weights: drawn, but greyed (the gate's colour).
const NO_DATA_BASE_BAR = '#d5d9dd';

/**
 * Pillar restrictiveness 0..1 as bars with their coverage; an unknown pillar is a labelled
 * "unknown" row, not a bar. A score of 0 is a real answer: every known pillar gets a dot at its
 * score, so 0.00 is visibly drawn (not mistaken for unknown). With `minCoverage`, pillars scored on
 * less than that share of their weights are drawn grey and say so. With `after` values, a dark
 * tick shows the simulated score.
 */
export function PillarChart({
  state,
  label,
  xLabel,
  unknownLabel,
  coverageLabel,
  minCoverage,
  lowCoverageLabel,
  testid = 'pillar-chart',
  share,
}: {
  state: PillarState;
  label: string;
  xLabel: string;
  unknownLabel: string;
  coverageLabel: string;
  minCoverage?: number;
  lowCoverageLabel?: string;
  testid?: string;
  /** Title, subtitle and sources for the chart's downloads and embed code (as the page shows them). */
  share?: ChartShare | null;
}) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const render = useCallback(
    (width: number) => {
      // On a phone the pillar names go above their bars, full width, instead of being cut to fit
      // a left margin.
      const narrow = width < 520;
      const maxChars = narrow ? Math.floor((width - 16) / 6.2) : 30;
      const short = (s: string) => (s.length > maxChars ? `${s.slice(0, maxChars - 1)}…` : s);
      const labels = new Map(state.rows.map((r) => [r.id, r.label]));
      const known = state.rows.filter((r) => !r.missing);
      const missing = state.rows.filter((r) => r.missing);
      const pct = (r: PillarBar) => `${coverageLabel} ${formatNumber(r.coverage * 100, lang, 0)}%`;
      const withAfter = known.filter((r) => r.after !== undefined && r.after !== null);
      const low = (r: PillarBar) => minCoverage !== undefined && r.coverage < minCoverage;
      const fill = (r: PillarBar) => (low(r) ? NO_DATA_BASE_BAR : BAR_COLOR);
      const valueText = (r: PillarBar) => `${formatNumber(r.score, lang, 2)} · ${pct(r)}${low(r) && lowCoverageLabel && !narrow ? ` · ${lowCoverageLabel}` : ''}`;
      // Room right of the bars for the longest "0.00 · cov. 100% · below the gate" (11 px text).
      const valueRoom = Math.ceil(Math.max(0, ...known.map((r) => valueText(r).length)) * 6.6) + 14;
      return Plot.plot({
        width,
        height: state.rows.length * (narrow ? 40 : 24) + 48,
        marginLeft: narrow ? 8 : 210,
        marginRight: narrow ? 104 : Math.max(120, valueRoom),
        marginTop: 10,
        marginBottom: 28,
        style: { fontSize: '11px', background: 'transparent' },
        // The axis title is HTML under the chart: a long title wraps there instead of being cut.
        x: { domain: [0, 1], label: null, grid: true, ticks: narrow ? 3 : 5, tickFormat: (v: number) => formatNumber(v, lang, 1) },
        y: narrow
          ? { domain: state.rows.map((r) => r.id), axis: null, padding: 0.5 }
          : { domain: state.rows.map((r) => r.id), tickFormat: (k: string) => short(labels.get(k) ?? k), label: null, tickSize: 0 },
        marks: [
          ...(narrow ? [Plot.text(state.rows, { y: 'id', x: 0, text: (r: PillarBar) => short(r.label), dy: -15, textAnchor: 'start', fill: '#333' })] : []),
          Plot.barX(known, {
            y: 'id',
            x: 'score',
            fill: fill,
            title: (r: PillarBar) => `${r.label}: ${formatNumber(r.score, lang, 2)} (${pct(r)})`,
            render(index, scales, values, dimensions, context, next) {
              const g = next!(index, scales, values, dimensions, context);
              const rects = g?.querySelectorAll(':scope > rect') ?? [];
              index.forEach((i, k) => {
                rects[k]?.setAttribute('data-pillar', known[i].id);
                rects[k]?.setAttribute('data-score', String(known[i].score));
                if (low(known[i])) rects[k]?.setAttribute('data-low-coverage', 'true');
              });
              return g;
            },
          }),
          Plot.dot(known, { y: 'id', x: 'score', r: 3.5, fill: (r: PillarBar) => (low(r) ? NO_DATA_LINE : FOCUS_COLOR), stroke: 'white' }),
          Plot.tickX(withAfter, { y: 'id', x: 'after', stroke: FOCUS_COLOR, strokeWidth: 3 }),
          Plot.text(known, { y: 'id', x: 1, text: valueText, dx: 6, textAnchor: 'start', fill: (r: PillarBar) => (low(r) ? NO_DATA_LINE : '#333') }),
          Plot.text(missing, { y: 'id', x: 0, text: () => `— ${unknownLabel}`, dx: 4, textAnchor: 'start', fill: NO_DATA_LINE, fontStyle: 'italic' }),
          Plot.ruleX([0], { stroke: '#888' }),
        ],
      });
    },
    [state, lang, xLabel, unknownLabel, coverageLabel, minCoverage, lowCoverageLabel],
  );
  return (
    <div className="pillar-chart" data-testid={testid}>
      <PlotFigure render={state.rows.length ? render : null} label={label} testid={`${testid}-figure`} share={share} />
      {state.rows.length > 0 && <p className="chart-axis-title">{xLabel}</p>}
    </div>
  );
}
