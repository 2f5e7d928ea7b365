// A marketplace's visits by sex, age group and device: one small bar chart per dimension, the
// table, the sources and the download of /api/marketplaces/{id}/audience.
import * as Plot from '@observablehq/plot';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIENCE_DIMENSIONS, useAudience, type ApiRequest, type AudienceRow } from '../../api';
import { audienceState, type AudiencePanel } from '../../charts/audience-state';
import { BAR_COLOR } from '../../charts/palette';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import type { ChartShare } from '../../charts/export';
import { PlotFigure } from '../../components/PlotFigure';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { compact, percent } from './marketplace-view';

const ROW_HEIGHT = 24;

function categoryLabel(t: TFunction, category: string): string {
  return t(`marketplaces.audience.category.${category}`, { defaultValue: category });
}

function AudienceChart({ panel, label, share }: { panel: AudiencePanel; label: string; share?: ChartShare | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const height = panel.bars.length * ROW_HEIGHT + 44;
  const render = useCallback(
    (width: number) => {
      const { bars } = panel;
      const pct = (v: number) => percent(v, lang, 0);
      // Translated categories vary in length ("Computadora"): the margin follows the longest.
      const longest = Math.max(4, ...bars.map((b) => categoryLabel(t, b.key).length));
      return Plot.plot({
        width,
        height,
        marginLeft: Math.min(140, 14 + longest * 6.4),
        marginRight: 44,
        marginTop: 8,
        marginBottom: 28,
        style: { fontSize: '11px', background: 'transparent' },
        x: { domain: [0, Math.max(0.5, ...bars.map((b) => b.value))], grid: true, ticks: 4, tickFormat: pct, label: null },
        y: { domain: bars.map((b) => b.key), tickFormat: (k: string) => categoryLabel(t, k), label: null, tickSize: 0 },
        marks: [
          Plot.barX(bars, {
            y: 'key',
            x: 'value',
            fill: BAR_COLOR,
            title: (b: (typeof bars)[number]) => `${categoryLabel(t, b.key)}: ${percent(b.value, lang)}`,
            render(index, scales, values, dimensions, context, next) {
              const g = next!(index, scales, values, dimensions, context);
              const rects = g?.querySelectorAll(':scope > rect') ?? [];
              index.forEach((i, k) => rects[k]?.setAttribute('data-category', bars[i].key));
              return g;
            },
          }),
          Plot.text(bars, { y: 'key', x: 'value', text: (b: (typeof bars)[number]) => percent(b.value, lang), dx: 4, textAnchor: 'start', fontSize: 10, fill: '#333' }),
          Plot.ruleX([0], { stroke: '#888' }),
        ],
      });
    },
    [panel, height, lang, t],
  );
  return <PlotFigure render={render} label={label} testid={`audience-${panel.dimension}-figure`} minHeight={height} share={share} />;
}

export function Audience({ request, filename }: { request: ApiRequest; filename: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const audience = useAudience(request);
  const panels = useMemo(() => audienceState(audience.data?.rows ?? []), [audience.data]);
  const columns = useMemo<ColumnDef<AudienceRow, unknown>[]>(
    () => [
      { id: 'dimension', header: t('marketplaces.audience.col.dimension'), accessorFn: (r) => t(`marketplaces.audience.${r.dimension}`) },
      { id: 'category', header: t('marketplaces.audience.col.category'), accessorFn: (r) => categoryLabel(t, r.category) },
      { id: 'share', header: t('marketplaces.audience.col.share'), accessorFn: (r) => r.share ?? undefined, meta: { numeric: true }, cell: (c) => percent(c.getValue() as number | undefined, lang) },
      { id: 'visits', header: t('marketplaces.audience.col.visits'), accessorKey: 'visits', meta: { numeric: true }, cell: (c) => compact(c.getValue() as number, lang) },
      {
        id: 'synthetic',
        header: t('marketplaces.col.data'),
        accessorFn: (r) => (r.synthetic ? 1 : 0),
        cell: (c) => (c.row.original.synthetic ? <strong className="badge badge--synthetic">{t('synthetic.badge')}</strong> : t('marketplaces.observed')),
      },
    ],
    [t, lang],
  );
  const synthetic = panels.some((p) => p.synthetic);

  return (
    <section className="card" aria-labelledby="mp-audience-h" data-testid="marketplace-audience">
      <div className="card__head">
        <h2 id="mp-audience-h" className="card__title">
          {t('marketplaces.audience.title')} {synthetic && <strong className="badge badge--synthetic">{t('synthetic.badge')}</strong>}
        </h2>
        <DownloadMenu request={request} filename={filename} />
      </div>
      <p className="muted small">{t('marketplaces.audience.intro')}</p>
      {audience.isPending && <Loading />}
      {audience.isError && <ErrorBox error={audience.error} onRetry={() => audience.refetch()} />}
      {audience.data && panels.length === 0 && (
        <p className="empty-note" data-testid="audience-empty">
          {t('marketplaces.audience.empty')}
        </p>
      )}
      {panels.length > 0 && (
        <>
          <div className="audience-grid">
            {AUDIENCE_DIMENSIONS.map((dimension) => {
              const panel = panels.find((p) => p.dimension === dimension);
              const title = t(`marketplaces.audience.${dimension}`);
              return (
                <div key={dimension} className="audience-panel" data-testid={`audience-${dimension}`} data-known={panel ? 'true' : 'false'}>
                  <h3 className="audience-panel__title">{title}</h3>
                  {panel ? (
                    <>
                      <AudienceChart panel={panel} label={title} share={{ meta: { title: `${t('marketplaces.audience.title')}: ${title}`, subtitle: panel.coverage === null ? t('marketplaces.audience.coveredVisits', { visits: compact(panel.visits, lang) }) : t('marketplaces.audience.covered', { visits: compact(panel.visits, lang), coverage: percent(panel.coverage, lang, 0) }), sources: audience.data?.sources } }} />
                      <p className="muted small">
                        {panel.coverage === null
                          ? t('marketplaces.audience.coveredVisits', { visits: compact(panel.visits, lang) })
                          : t('marketplaces.audience.covered', { visits: compact(panel.visits, lang), coverage: percent(panel.coverage, lang, 0) })}
                      </p>
                    </>
                  ) : (
                    <p className="muted small">{t('marketplaces.audience.none')}</p>
                  )}
                </div>
              );
            })}
          </div>
          <details className="map-values">
            <summary>{t('tabs.table')}</summary>
            <DataTable
              data={audience.data?.rows ?? []}
              columns={columns}
              caption={t('marketplaces.audience.title')}
              captionHidden
              getRowId={(r) => `${r.dimension}-${r.category}`}
              pageSize={0}
              testid="audience-table"
            />
          </details>
        </>
      )}
      <SourceLine sources={audience.data?.sources} />
    </section>
  );
}
