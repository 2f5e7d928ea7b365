// Layout: turns line state into an Observable Plot specification for a given width.
import * as Plot from '@observablehq/plot';
import { dodgeLabels, type LinePoint, type LineState } from './line-state';

export interface LineLayoutOptions {
  width: number;
  yLabel: string | null;
  formatY: (v: number) => string;
  formatTick: (v: number) => string;
  describe: (p: LinePoint) => string;
}

export function lineLayout(state: LineState, o: LineLayoutOptions): Plot.PlotOptions {
  const { width } = o;
  const endLabels = width >= 560 && state.series.length <= 12;
  const height = Math.round(Math.min(380, Math.max(240, width * 0.5)));
  const marginTop = 28;
  const marginBottom = 30;
  // Half of a year tick label ("2024", ~30 px at 12 px) hangs past the last year: keep room for it.
  const marginRight = endLabels ? Math.min(150, Math.round(width * 0.22)) : 20;
  const spec = new Map(state.series.map((s) => [s.key, s]));
  const [y0, y1] = state.values ?? [0, 1];
  const pad = (y1 - y0) * 0.05 || Math.abs(y0) * 0.05 || 1;
  const yDomain: [number, number] = [y0 >= 0 && y0 - pad < 0 ? 0 : y0 - pad, y1 + pad];
  const [x0, x1] = state.years ?? [0, 1];
  const span = Math.max(1, x1 - x0);
  const xTicks = Math.max(2, Math.min(span, Math.floor((width - 60 - marginRight) / 56)));

  const marks: Plot.Markish[] = [Plot.ruleY([yDomain[0]], { stroke: '#c8cdd2' })];
  // Draw "other" series first, the median next, peers then the focus country on top.
  const order = ['other', 'median', 'peer', 'focus'];
  const ordered = [...state.series].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  for (const s of ordered) {
    const pts = state.points.filter((p) => p.series === s.key);
    marks.push(
      Plot.lineY(pts, {
        x: 'year',
        y: 'value',
        stroke: s.color,
        strokeWidth: s.kind === 'focus' ? 3 : s.kind === 'other' ? 1.2 : 2,
        strokeOpacity: s.kind === 'other' ? 0.75 : 1,
        strokeDasharray: s.kind === 'median' ? '6 4' : undefined,
        render(index, scales, values, dimensions, context, next) {
          const g = next!(index, scales, values, dimensions, context);
          g?.setAttribute('data-series', s.key);
          return g;
        },
      }),
    );
  }
  const defined = state.points.filter((p) => p.value !== null);
  marks.push(
    Plot.dot(defined, {
      x: 'year',
      y: 'value',
      r: (p: LinePoint) => (spec.get(p.series)?.kind === 'other' ? 1.6 : 2.6),
      fill: (p: LinePoint) => spec.get(p.series)?.color ?? '#333',
      title: o.describe,
      tip: { fontSize: 12 },
    }),
  );

  if (endLabels) {
    // Dodge in pixel space: convert the value range to the plot's inner height.
    const inner = height - marginTop - marginBottom;
    const toPx = (v: number) => marginTop + ((yDomain[1] - v) / (yDomain[1] - yDomain[0])) * inner;
    const fromPx = (px: number) => yDomain[1] - ((px - marginTop) / inner) * (yDomain[1] - yDomain[0]);
    const labelled = state.last.filter((p) => spec.get(p.series)?.kind !== 'other');
    const ys = dodgeLabels(labelled.map((p) => toPx(p.value as number)), 13, marginTop, height - marginBottom);
    const labelData = labelled.map((p, i) => ({ ...p, labelY: fromPx(ys[i]) }));
    for (const bold of [false, true]) {
      marks.push(
        Plot.text(
          labelData.filter((p) => (spec.get(p.series)?.kind === 'focus') === bold),
          {
            x: () => x1,
            y: 'labelY',
            text: (p: LinePoint) => spec.get(p.series)?.label ?? p.series,
            fill: (p: LinePoint) => spec.get(p.series)?.color ?? '#333',
            dx: 8,
            textAnchor: 'start',
            // Wrap within the right margin (in ems of 11 px, after the 8 px offset): a long name such
            // as "People's Republic of China" breaks into lines instead of running off the chart.
            lineWidth: Math.max(5, ((marginRight - 8) / 11) * 0.8), // Plot's line breaking underestimates glyph widths by up to ~15 %
            fontSize: 11,
            fontWeight: bold ? 700 : 400,
            clip: false,
            render(index, scales, values, dimensions, context, next) {
              const g = next!(index, scales, values, dimensions, context);
              g?.setAttribute('data-end-labels', '');
              return g;
            },
          },
        ),
      );
    }
  }

  return {
    width,
    height,
    marginTop,
    marginBottom,
    marginRight,
    marginLeft: 48,
    style: { fontSize: '12px', background: 'transparent', overflow: 'visible' },
    x: { domain: [x0, x1], ticks: xTicks, tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : ''), label: null },
    y: { domain: yDomain, grid: true, label: o.yLabel, tickFormat: o.formatTick, ticks: Math.max(3, Math.floor(height / 60)) },
    marks,
  };
}
