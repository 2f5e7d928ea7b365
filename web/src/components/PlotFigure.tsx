import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * The stateless render layer: measures its width and mounts whatever `render(width)` returns
 * (an SVG or figure from Observable Plot). `render` must be memoised by the caller; it is called
 * again only when it or the width changes.
 */
export function PlotFigure({
  render,
  label,
  testid,
  minHeight = 200,
  children,
}: {
  render: ((width: number) => Element | null) | null;
  label: string;
  testid: string;
  minHeight?: number;
  children?: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

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
    // The canvas is the image (role="img" with the label); Plot's own aria-labels on its groups
    // are not allowed there, so its SVG is hidden from assistive technology.
    node?.setAttribute('aria-hidden', 'true');
    el.replaceChildren(...(node ? [node] : []));
    return () => {
      node?.remove();
    };
  }, [render, width]);

  return (
    <figure className="plot-figure" data-testid={testid}>
      <div ref={box} className="plot-figure__canvas" role="img" aria-label={label} style={{ minHeight }} />
      {children}
    </figure>
  );
}
