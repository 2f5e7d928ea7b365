import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { ChartShare } from '../charts/export';
import { ChartActions } from './ChartActions';

/**
 * Observable Plot writes `aria-label` on mark groups (`<g aria-label="bar">`) without a role,
 * which ARIA forbids. Inside the figure's role="img" those groups are presentational anyway (the
 * figure carries the label, its data table the values), so their labels go; an SVG that carries
 * a label of its own keeps it with role="img".
 */
export function tidyPlotAria(node: Element): void {
  for (const el of [node, ...node.querySelectorAll('[aria-label], [aria-description]')]) {
    if (!el.hasAttribute('aria-label') && !el.hasAttribute('aria-description')) continue;
    if (el.hasAttribute('role')) continue;
    if (el.tagName.toLowerCase() === 'svg' && el.getAttribute('aria-label')) {
      el.setAttribute('role', 'img');
      continue;
    }
    // Plot names its marks' groups ("dot", "y-axis tick label"): the name stays as data, not as
    // an accessible name a group without a role may not carry.
    const mark = el.getAttribute('aria-label');
    if (mark) el.setAttribute('data-plot-mark', mark);
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
}

/**
 * The stateless render layer: measures its width and mounts whatever `render(width)` returns
 * (an SVG or figure from Observable Plot). `render` must be memoised by the caller; it is called
 * again only when it or the width changes.
 *
 * Until it has drawn, the canvas keeps the room the chart will take, so nothing below it moves
 * when it appears: `minHeight`, or `aspectRatio` (width / height, of the measured width, for maps)
 * when the height follows from the width. `placeholder` (a loading state) is laid over that room
 * until the chart is drawn.
 *
 * With `share` (the chart's title, subtitle and sources, as the page shows them), the figure offers
 * SVG and PNG downloads with those drawn in, and an embed code when it has a chart-only route.
 */
export function PlotFigure({
  render,
  label,
  testid,
  minHeight = 200,
  aspectRatio,
  placeholder,
  share,
  children,
}: {
  render: ((width: number) => Element | null) | null;
  label: string;
  testid: string;
  minHeight?: number;
  aspectRatio?: number | ((width: number) => number);
  placeholder?: ReactNode;
  share?: ChartShare | null;
  children?: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [drawn, setDrawn] = useState(false);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      const w = Math.floor(el.clientWidth);
      // Ignore sub-16px jitter (scrollbars appearing) to avoid redraw loops.
      setWidth((old) => (Math.abs(old - w) >= 16 || old === 0 ? w : old));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !render || width <= 0) return;
    const node = render(width);
    if (node) tidyPlotAria(node);
    el.replaceChildren(...(node ? [node] : []));
    setDrawn(node !== null);
    return () => {
      node?.remove();
    };
  }, [render, width]);

  const ratio = typeof aspectRatio === 'function' ? (width > 0 ? aspectRatio(width) : undefined) : aspectRatio;
  const reserved = !drawn && ratio && width > 0 ? Math.max(minHeight, Math.round(width / ratio)) : minHeight;
  return (
    <figure className="plot-figure" data-testid={testid}>
      <div ref={box} className="plot-figure__canvas" role="img" aria-label={label} style={{ minHeight: reserved }} />
      {!drawn && placeholder && <div className="plot-figure__placeholder">{placeholder}</div>}
      {children}
      {share && <ChartActions canvas={box} share={share} testid={testid} drawn={drawn} />}
    </figure>
  );
}
