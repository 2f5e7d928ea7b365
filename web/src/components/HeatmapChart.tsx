import * as Plot from '@observablehq/plot';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeatCell, HeatmapState } from '../charts/heatmap-state';
import { NO_DATA_BASE, NO_DATA_LINE } from '../charts/palette';
import { formatNumber } from '../lib/format';

/** A value resting on too little coverage: drawn grey, not as a colour of the scale. */
const GATED_FILL = '#d5d9dd';
import type { ChartShare } from '../charts/export';
import { PlotFigure } from './PlotFigure';

/**
 * Economy × economy cells (or economy × pillar with `state.colKeys`), as Plot `cell` marks. Each
 * cell carries `data-row`/`data-col`, its value and coverage; a missing cell is light grey with a
 * "?" and `data-missing`, never coloured as 0. The colour scale is fixed to 0–1 (the metric's whole
 * range), so the same colour means the same value on every page. With `minCoverage`, a cell whose
 * coverage is below it is grey with its coverage and `data-low-coverage`: not enough data to
 * colour it as a value (and never a "same rules" 0).
 */
export function HeatmapChart({
  state,
  label,
  labelOf,
  valueLabel,
  missingLabel,
  coverageLabel,
  minCoverage,
  colLabelOf,
  testid = 'heatmap',
  share,
}: {
  state: HeatmapState;
  label: string;
  labelOf: (key: string) => string;
  valueLabel: string;
  missingLabel: string;
  coverageLabel: string;
  minCoverage?: number;
  colLabelOf?: (key: string) => string;
  testid?: string;
  /** Title, subtitle and sources for the chart's downloads and embed code (as the page shows them). */
  share?: ChartShare | null;
}) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const render = useCallback(
    (width: number) => {
      const cols = state.colKeys ?? state.keys;
      const colName = colLabelOf ?? labelOf;
      const n = cols.length;
      const narrow = width < 520;
      const marginLeft = narrow ? 44 : 120;
      const marginTop = narrow ? 36 : state.colKeys ? 40 : 90;
      const size = Math.max(state.colKeys ? 24 : 28, Math.min(72, Math.floor((width - marginLeft - 8) / Math.max(1, n))));
      const rowH = state.colKeys ? Math.min(size, 30) : size;
      const short = (k: string) => (narrow ? k : labelOf(k).length > 16 ? `${labelOf(k).slice(0, 15)}…` : labelOf(k));
      const shortCol = state.colKeys ? (k: string) => colName(k) : short;
      const low = (c: HeatCell) => minCoverage !== undefined && c.value !== null && !c.diagonal && c.coverage < minCoverage;
      const known = state.cells.filter((c) => c.value !== null && !c.diagonal && !low(c));
      const gated = state.cells.filter(low);
      const diagonal = state.cells.filter((c) => c.value !== null && c.diagonal);
      const missing = state.cells.filter((c) => c.value === null);
      const pct = (c: HeatCell) => `${formatNumber(c.coverage * 100, lang, 0)}%`;
      const title = (c: HeatCell) =>
        `${labelOf(c.row)} – ${colName(c.col)}: ${c.value === null ? missingLabel : `${valueLabel} ${formatNumber(c.value, lang, 3)}`} (${coverageLabel} ${pct(c)})`;
      const tag = (cells: HeatCell[]): Plot.RenderFunction =>
        function (index, scales, values, dimensions, context, next) {
          const g = next!(index, scales, values, dimensions, context);
          const rects = g?.querySelectorAll(':scope > rect') ?? [];
          index.forEach((i, k) => {
            const c = cells[i];
            const r = rects[k];
            if (!r) return;
            r.setAttribute('data-row', c.row);
            r.setAttribute('data-col', c.col);
            r.setAttribute('data-coverage', String(c.coverage));
            if (c.value === null) r.setAttribute('data-missing', 'true');
            else r.setAttribute('data-value', String(c.value));
            if (low(c)) r.setAttribute('data-low-coverage', 'true');
          });
          return g;
        };
      const showText = size >= 40 && rowH >= 40;
      return Plot.plot({
        width: marginLeft + n * size + 8,
        height: marginTop + state.keys.length * rowH + 8,
        marginLeft,
        marginTop,
        marginRight: 8,
        marginBottom: 8,
        style: { fontSize: '11px', background: 'transparent' },
        x: { domain: cols, axis: 'top', label: null, tickFormat: shortCol, tickRotate: narrow || state.colKeys ? 0 : -40, tickSize: 0 },
        y: { domain: state.keys, label: null, tickFormat: short, tickSize: 0 },
        color: { type: 'linear', scheme: 'YlGnBu', domain: [0, 1], legend: true, label: `${valueLabel} (0–1)`, ...({ marginLeft: 16, marginRight: 16 } as object), // legend options ride on the scale: room for the end ticks
          tickFormat: (v: number) => formatNumber(v, lang, 1) },
        marks: [
          Plot.cell(missing, {
            x: 'col',
            y: 'row',
            fill: NO_DATA_BASE,
            stroke: NO_DATA_LINE,
            strokeDasharray: '3 2',
            inset: 1,
            title,
            render: tag(missing),
          }),
          Plot.text(missing, { x: 'col', y: 'row', text: () => '?', fill: NO_DATA_LINE, fontSize: 13 }),
          Plot.cell(gated, { x: 'col', y: 'row', fill: GATED_FILL, inset: 1, title, render: tag(gated) }),
          Plot.cell(diagonal, { x: 'col', y: 'row', fill: '#eef1f4', inset: 1, render: tag(diagonal) }),
          Plot.cell(known, { x: 'col', y: 'row', fill: 'value', inset: 1, title, render: tag(known) }),
          ...(showText
            ? [
                Plot.text(
                  known,
                  {
                    x: 'col',
                    y: 'row',
                    text: (c: HeatCell) => formatNumber(c.value, lang, 2),
                    dy: -6,
                    fontSize: 11,
                    fontWeight: 600,
                    fill: (c: HeatCell) => ((c.value ?? 0) > 0.55 ? 'white' : '#1b1f23'),
                  },
                ),
                Plot.text(
                  state.cells.filter((c) => !c.diagonal),
                  {
                    x: 'col',
                    y: 'row',
                    text: pct,
                    dy: 8,
                    fontSize: 9,
                    fill: (c: HeatCell) => (c.value !== null && !low(c) && c.value > 0.55 ? 'white' : '#56606b'),
                  },
                ),
              ]
            : []),
        ],
      });
    },
    [state, lang, labelOf, colLabelOf, valueLabel, missingLabel, coverageLabel, minCoverage],
  );
  return (
    <div className="heatmap" data-testid={testid}>
      <PlotFigure render={state.keys.length > 1 ? render : null} label={label} testid={`${testid}-figure`} share={share} />
    </div>
  );
}
