import * as Plot from '@observablehq/plot';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Topology } from 'topojson-specification';
import { layoutMap, PROJECTION, type MapLayout, type MapPanel } from '../charts/map-layout';
import { NO_DATA, type LegendEntry, type MapItem } from '../charts/map-state';
import { NON_MEMBER, NO_DATA_BASE, NO_DATA_LINE } from '../charts/palette';
import { Loading } from './QueryStatus';
import type { ChartShare } from '../charts/export';
import { PlotFigure } from './PlotFigure';

let topologyPromise: Promise<Topology> | null = null;
function loadTopology(): Promise<Topology> {
  topologyPromise ??= import('world-atlas/countries-110m.json').then((m) => m.default as unknown as Topology);
  return topologyPromise;
}

function useLayout(members: readonly string[]): MapLayout | null {
  const [topology, setTopology] = useState<Topology | null>(null);
  useEffect(() => {
    let live = true;
    loadTopology().then((t) => live && setTopology(t));
    return () => {
      live = false;
    };
  }, []);
  const key = members.join(',');
  const [layout, setLayout] = useState<{ key: string; layout: MapLayout } | null>(null);
  useEffect(() => {
    if (topology) setLayout({ key, layout: layoutMap(topology, key ? key.split(',') : []) });
  }, [topology, key]);
  return layout?.layout ?? null;
}

/** A hatch pattern for "no data", so a missing value can never be read as a light colour. */
export function HatchSwatch({ id }: { id: string }) {
  return (
    <svg width="18" height="14" aria-hidden="true" className="legend__swatch">
      <defs>
        <pattern id={id} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="5" height="5" fill={NO_DATA_BASE} />
          <line x1="0" y1="0" x2="0" y2="5" stroke={NO_DATA_LINE} strokeWidth="1.8" />
        </pattern>
      </defs>
      <rect width="18" height="14" fill={`url(#${id})`} stroke={NO_DATA_LINE} strokeWidth="0.5" />
    </svg>
  );
}

const NARROW = 560;
/**
 * Width / height of the whole map of the 36 members (equal-earth, fitted to them), and of the two
 * stacked panels below NARROW: the room kept while the world atlas loads, so the page does not
 * move when it is drawn (measured from the drawn maps; a map of fewer economies differs a little).
 */
const reservedAspect = (width: number) => (width < NARROW ? 0.375 : 1.767);
type Shape = MapLayout['members'][number];

/** One projected map (Plot). Each member is a <path data-iso3>, in the hatch pattern when it has no data. */
function renderPanel(
  width: number,
  shapes: Shape[],
  domain: MapLayout['domain'],
  others: MapLayout['others'],
  byIso: globalThis.Map<string, MapItem>,
  hatchId: string,
  onSelect?: (iso3: string) => void,
): Element {
  const fillOf = (iso3: string) => {
    const f = byIso.get(iso3)?.fill ?? NO_DATA;
    return f === NO_DATA ? `url(#${hatchId})` : f;
  };
  // Height follows from the projection's fit to the panel's members.
  const svg = Plot.plot({
    width,
    margin: 0,
    projection: { ...PROJECTION, domain, inset: 6 },
    style: { background: 'transparent', overflow: 'visible' },
    marks: [
      Plot.geo(others, { fill: NON_MEMBER, stroke: '#ffffff', strokeWidth: 0.5 }),
      Plot.geo(shapes, {
        geometry: (d: Shape) => d.geometry,
        fill: (d: Shape) => fillOf(d.iso3),
        // Emphasised economies get a dark outline; those without data a grey one, so the hatch
        // reads as "member, no data" and not as the plain grey of non-members.
        stroke: (d: Shape) => (byIso.get(d.iso3)?.emphasis ? '#1b1f23' : byIso.get(d.iso3)?.fill === NO_DATA ? NO_DATA_LINE : '#ffffff'),
        strokeWidth: (d: Shape) => (byIso.get(d.iso3)?.emphasis ? 1.4 : 0.7),
        r: 4,
        title: (d: Shape) => byIso.get(d.iso3)?.title ?? d.iso3,
        tip: true,
        render(index, scales, values, dimensions, context, next) {
          const g = next!(index, scales, values, dimensions, context);
          if (!g) return g;
          const paths = g.querySelectorAll(':scope > path');
          index.forEach((i, k) => {
            const p = paths[k];
            if (!p) return;
            const iso3 = shapes[i].iso3;
            p.setAttribute('data-iso3', iso3);
            p.setAttribute('data-nodata', String(byIso.get(iso3)?.fill === NO_DATA));
            p.setAttribute('class', 'map__country');
            if (onSelect) p.addEventListener('click', () => onSelect(iso3));
          });
          return g;
        },
      }),
    ],
  });
  // The pattern must live in the same SVG as the shapes that use it.
  const defs = document.createElementNS('http://www.w3.org/2000/svg', 'defs');
  defs.innerHTML = `<pattern id="${hatchId}" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="5" height="5" fill="${NO_DATA_BASE}"/><line x1="0" y1="0" x2="0" y2="5" stroke="${NO_DATA_LINE}" stroke-width="1.8"/></pattern>`;
  const root = svg.tagName.toLowerCase() === 'svg' ? svg : svg.querySelector('svg');
  root?.insertBefore(defs, root.firstChild);
  return svg;
}

/**
 * Choropleth of FEALAC economies. Each economy is one SVG <path data-iso3="..."> (Singapore a
 * dot); other countries are drawn plain for context. `items` carry the fill and tooltip.
 */
export function Map({
  items,
  legend,
  label,
  legendTitle,
  onSelect,
  testid = 'map',
  share,
}: {
  items: readonly MapItem[];
  legend: readonly LegendEntry[];
  label: string;
  legendTitle?: string;
  onSelect?: (iso3: string) => void;
  testid?: string;
  /** Title, subtitle and sources for the chart's downloads and embed code (as the page shows them). */
  share?: ChartShare | null;
}) {
  const { t } = useTranslation();
  const hatchId = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const layout = useLayout(items.map((i) => i.iso3));

  const render = useCallback(
    (width: number) => {
      if (!layout) return null;
      const byIso = new globalThis.Map(items.map((i) => [i.iso3, i]));
      const panels: MapPanel[] =
        width < NARROW ? layout.split : [{ key: 'all', members: layout.members, domain: layout.domain }];
      const wrap = document.createElement('div');
      wrap.className = `map__panels map__panels--${panels.length}`;
      panels.forEach((panel, n) => {
        const shapes = panel.members.filter((m) => byIso.has(m.iso3));
        if (!shapes.length) return;
        wrap.appendChild(renderPanel(width, shapes, panel.domain, layout.others, byIso, `${hatchId}-${n}`, onSelect));
      });
      return wrap;
    },
    [layout, items, hatchId, onSelect],
  );

  const withLegend = useMemo(
    () =>
      share && {
        ...share,
        meta: {
          ...share.meta,
          legendTitle: share.meta.legendTitle ?? legendTitle ?? null,
          legend: share.meta.legend ?? legend.map((e) => ({ label: e.label, color: e.fill, mark: e.fill === NO_DATA ? ('hatch' as const) : ('swatch' as const) })),
        },
      },
    [share, legend, legendTitle],
  );
  return (
    <div className="map" data-testid={testid}>
      <PlotFigure
        render={layout ? render : null}
        label={label}
        testid={`${testid}-figure`} share={withLegend}
        minHeight={0}
        aspectRatio={reservedAspect}
        placeholder={<Loading label={t('map.loading')} minHeight={0} />}
      />
      {legend.length > 0 && (
        <div className="legend" data-testid={`${testid}-legend`}>
          {legendTitle && <span className="legend__title">{legendTitle}</span>}
          <ul className="legend__list">
            {legend.map((e) => (
              <li key={e.key} className="legend__item" data-legend={e.key}>
                {e.fill === NO_DATA ? (
                  <HatchSwatch id={`${hatchId}-legend`} />
                ) : (
                  <svg width="18" height="14" aria-hidden="true" className="legend__swatch">
                    <rect width="18" height="14" fill={e.fill} />
                  </svg>
                )}
                <span>{e.label}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
