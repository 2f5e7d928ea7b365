import * as Plot from '@observablehq/plot';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeatCell, HeatmapState } from '../charts/heatmap-state';
import { NO_DATA_BASE, NO_DATA_LINE } from '../charts/palette';
import { formatNumber } from '../lib/format';
import { PlotFigure } from './PlotFigure';

/**
 * Economy × economy cells (Plot `cell` marks). Each cell carries `data-row`/`data-col`, its value
 * and coverage; a missing cell is light grey with a "?" and `data-missing`, never coloured as 0.
 */
export function HeatmapChart({
  state,
  label,
  labelOf,
  valueLabel,
  missingLabel,
  coverageLabel,
  testid = 'heatmap',
}: {
  state: HeatmapState;
  label: string;
  labelOf: (key: string) => string;
  valueLabel: string;
  missingLabel: string;
  coverageLabel: string;
  testid?: string;
}) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const render = useCallback(
    (width: number) => {
      const n = state.keys.length;
      const narrow = width < 520;
      const marginLeft = narrow ? 44 : 120;
      const marginTop = narrow ? 36 : 90;
      const size = Math.max(28, Math.min(72, Math.floor((width - marginLeft - 8) / Math.max(1, n))));
      const short = (k: string) => (narrow ? k : labelOf(k).length > 16 ? `${labelOf(k).slice(0, 15)}…` : labelOf(k));
      const known = state.cells.filter((c) => c.value !== null && !c.diagonal);
      const diagonal = state.cells.filter((c) => c.value !== null && c.diagonal);
      const missing = state.cells.filter((c) => c.value === null);
      const pct = (c: HeatCell) => `${formatNumber(c.coverage * 100, lang, 0)}%`;
      const title = (c: HeatCell) =>
        `${labelOf(c.row)} – ${labelOf(c.col)}: ${c.value === null ? missingLabel : `${valueLabel} ${formatNumber(c.value, lang, 3)}`} (${coverageLabel} ${pct(c)})`;
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
          });
          return g;
        };
      const showText = size >= 40;
      return Plot.plot({
        width: marginLeft + n * size + 8,
        height: marginTop + n * size + 8,
        marginLeft,
        marginTop,
        marginRight: 8,
        marginBottom: 8,
        style: { fontSize: '11px', background: 'transparent' },
        x: { domain: state.keys, axis: 'top', label: null, tickFormat: short, tickRotate: narrow ? 0 : -40, tickSize: 0 },
        y: { domain: state.keys, label: null, tickFormat: short, tickSize: 0 },
        color: { type: 'linear', scheme: 'YlGnBu', domain: [0, Math.max(0.05, state.max)], legend: true, label: valueLabel, ...({ marginLeft: 16, marginRight: 16 } as object), // legend options ride on the scale: room for the end ticks
          tickFormat: (v: number) => formatNumber(v, lang, 2) },
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
                    fill: (c: HeatCell) => ((c.value ?? 0) > state.max * 0.55 ? 'white' : '#1b1f23'),
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
                    fill: (c: HeatCell) => (c.value !== null && c.value > state.max * 0.55 ? 'white' : '#56606b'),
                  },
                ),
              ]
            : []),
        ],
      });
    },
    [state, lang, labelOf, valueLabel, missingLabel, coverageLabel],
  );
  return (
    <div className="heatmap" data-testid={testid}>
      <PlotFigure render={state.keys.length > 1 ? render : null} label={label} testid={`${testid}-figure`} />
    </div>
  );
}
