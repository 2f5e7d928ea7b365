import * as Plot from '@observablehq/plot';
import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { correlationRequest, useCorrelation, useIndicatorCatalog, type CorrelationRow } from '../../api';
import { REGION_COLORS } from '../../charts/palette';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { MissingValue } from '../../components/MissingValue';
import { PlotFigure } from '../../components/PlotFigure';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { SyntheticBanner } from '../../components/SyntheticBanner';
import { useCountries } from '../../api';
import { countryName } from '../../lib/country-names';
import { formatTick, formatNumber, formatValue } from '../../lib/format';
import { indicatorLabel, regionLabel } from '../../lib/labels';
import { parseYear } from '../../lib/query-string';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';
import { METRIC_VALUES } from './marketplace-view';

const sig = (v: number, lang: string) => new Intl.NumberFormat(lang, { maximumSignificantDigits: 3 }).format(v);
const SHARE_METRICS = new Set(['cross_border_share', 'domestic_share', 'bi_regional_share']);

/** Scatter of a marketplace metric against any indicator across economies, with r, ρ, n and the fitted line. */
export default function MarketplaceCorrelationPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const url = useUrlState();
  const ids = { indicator: useId(), metric: useId(), year: useId() };
  useDocumentTitle(t('marketplaces.correlation.title'));
  const indicator = url.get('indicator') ?? 'IT.NET.USER.ZS';
  const metric = (METRIC_VALUES as readonly string[]).includes(url.get('metric') ?? '') ? (url.get('metric') as string) : 'visits';
  const year = parseYear(url.get('year'));
  const catalogue = useIndicatorCatalog();
  const members = useCountries();
  const regionOf = useMemo(() => new globalThis.Map(members.data?.rows.map((c) => [c.iso3, c.fealac_region]) ?? []), [members.data]);
  const req = correlationRequest({ indicator, metric, year });
  const corr = useCorrelation(req);
  const d = corr.data;
  const fmtY = (v: number) => (SHARE_METRICS.has(metric) ? `${formatNumber(v * 100, lang, 1)} %` : formatValue(v, lang));

  const render = useCallback(
    (width: number) => {
      if (!d) return null;
      const pts = d.rows.filter((r) => r.x !== null && r.y !== null);
      if (!pts.length) return null;
      const xs = pts.map((p) => p.x as number);
      const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
      const marks: Plot.Markish[] = [
        Plot.dot(pts, {
          x: 'x',
          y: 'y',
          r: 5,
          fill: (p: CorrelationRow) => REGION_COLORS[regionOf.get(p.iso3) ?? ''] ?? '#888',
          title: (p: CorrelationRow) => `${countryName(p.iso3, lang)}\nx: ${formatValue(p.x, lang)} (${p.x_year ?? '?'})\ny: ${fmtY(p.y as number)}`,
          tip: true,
          render(index, scales, values, dimensions, context, next) {
            const g = next!(index, scales, values, dimensions, context);
            const circles = g?.querySelectorAll('circle') ?? [];
            index.forEach((i, k) => circles[k]?.setAttribute('data-iso3', pts[i].iso3));
            return g;
          },
        }),
        Plot.text(pts, { x: 'x', y: 'y', text: 'iso3', dy: -9, fontSize: 9, fill: '#444' }),
      ];
      if (d.slope !== null && d.intercept !== null) {
        marks.push(
          Plot.link([{ x1: x0, y1: d.slope * x0 + d.intercept, x2: x1, y2: d.slope * x1 + d.intercept }], {
            x1: 'x1',
            y1: 'y1',
            x2: 'x2',
            y2: 'y2',
            stroke: '#5f6b76',
            strokeWidth: 1.5,
            strokeDasharray: '6 4',
            ariaLabel: 'fitted line',
          }),
        );
      }
      return Plot.plot({
        width,
        height: Math.round(Math.min(420, Math.max(260, width * 0.55))),
        // Compact ticks ("1.2 B", "35 %") fit the margin; full values are in the tips and the table.
        marginLeft: 64,
        marginRight: 24,
        // Room for the x label below the ticks whatever the system font's line height (Noto, DejaVu).
        marginBottom: 40,
        grid: true,
        style: { fontSize: '12px', background: 'transparent' },
        x: { label: indicatorLabel(d.indicator, d.indicator.code, lang), labelOffset: 32, tickFormat: (v: number) => formatTick(v, lang), ticks: Math.max(3, Math.floor(width / 90)) },
        y: { label: t(`marketplaces.metric.${metric}`), tickFormat: (v: number) => (SHARE_METRICS.has(metric) ? `${formatNumber(v * 100, lang, 0)} %` : formatTick(v, lang)) },
        marks,
      });
    },
    [d, lang, metric, regionOf, t], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const columns = useMemo<ColumnDef<CorrelationRow, unknown>[]>(
    () => [
      { id: 'name', header: t('table.country'), accessorFn: (r) => countryName(r.iso3, lang) },
      { id: 'x', header: t('marketplaces.correlation.x'), accessorFn: (r) => r.x ?? undefined, meta: { numeric: true }, cell: (c) => (c.getValue() === undefined ? <MissingValue /> : formatValue(c.getValue() as number, lang)) },
      { id: 'x_year', header: t('table.year'), accessorFn: (r) => r.x_year ?? undefined, meta: { numeric: true }, cell: (c) => (c.getValue() === undefined ? <MissingValue /> : String(c.getValue())) },
      { id: 'y', header: t(`marketplaces.metric.${metric}`), accessorFn: (r) => r.y ?? undefined, meta: { numeric: true }, cell: (c) => (c.getValue() === undefined ? <MissingValue /> : fmtY(c.getValue() as number)) },
    ],
    [t, lang, metric], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const r2 = (v: number | null | undefined) => (v === null || v === undefined ? <MissingValue label={t('marketplaces.correlation.tooFew')} /> : formatNumber(v, lang, 2));

  return (
    <div className="page" data-testid="page-correlation">
      <p className="breadcrumb">
        <LangLink to="/marketplaces">{t('nav.marketplaces')}</LangLink> /
      </p>
      <h1>{t('marketplaces.correlation.title')}</h1>
      <p className="lead">{t('marketplaces.correlation.intro')}</p>
      <div className="controls controls--wrap controls--panel">
        <div className="field">
          <label htmlFor={ids.metric} className="field-label">
            {t('marketplaces.correlation.metric')}
          </label>
          <select id={ids.metric} value={metric} onChange={(e) => url.set({ metric: e.target.value === 'visits' ? null : e.target.value }, { push: true })} data-testid="correlation-metric">
            {METRIC_VALUES.map((m) => (
              <option key={m} value={m}>
                {t(`marketplaces.metric.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.indicator} className="field-label">
            {t('marketplaces.correlation.indicator')}
          </label>
          <select id={ids.indicator} value={indicator} onChange={(e) => url.set({ indicator: e.target.value }, { push: true })} data-testid="correlation-indicator">
            {(catalogue.data?.rows ?? [{ code: indicator, name: indicator }]).map((r) => (
              <option key={r.code} value={r.code}>
                {indicatorLabel(r, r.code, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.year} className="field-label">
            {t('table.year')}
          </label>
          <select id={ids.year} value={year ?? ''} onChange={(e) => url.set({ year: e.target.value || null })} data-testid="correlation-year">
            <option value="">{t('explorer.latest')}</option>
            {Array.from({ length: 12 }, (_, i) => 2026 - i).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>
      <SyntheticBanner sources={d?.sources} />
      <section className="card">
        <div className="card__head">
          <h2 className="card__title">
            {t(`marketplaces.metric.${metric}`)} × {d ? indicatorLabel(d.indicator, d.indicator.code, lang) : indicator} {d?.year ? `(${d.year})` : ''}
          </h2>
          <DownloadMenu request={req} filename={`correlation-${metric}-${indicator}`} />
        </div>
        {corr.isPending && <Loading />}
        {corr.isError && <ErrorBox error={corr.error} onRetry={() => corr.refetch()} />}
        {d && (
          <>
            {(d as { synthetic?: boolean }).synthetic && (
              <p className="small" data-testid="correlation-synthetic">
                <strong className="badge badge--synthetic">{t('synthetic.badge')}</strong> {t('web16.synthetic.statistics')}
              </p>
            )}
            <dl className="scatter-stats" data-testid="correlation-stats">
              <div>
                <dt>Pearson r</dt>
                <dd data-testid="correlation-pearson">{r2(d.pearson)}</dd>
              </div>
              <div>
                <dt>Spearman ρ</dt>
                <dd data-testid="correlation-spearman">{r2(d.spearman)}</dd>
              </div>
              <div>
                <dt>n</dt>
                <dd data-testid="correlation-n">{d.n}</dd>
              </div>
              <div>
                <dt>{t('marketplaces.correlation.line')}</dt>
                <dd>{d.slope === null ? <MissingValue label={t('marketplaces.correlation.tooFew')} /> : `y = ${sig(d.slope, lang)} x ${d.intercept! < 0 ? '−' : '+'} ${sig(Math.abs(d.intercept!), lang)}`}</dd>
              </div>
            </dl>
            <ul className="legend__list">
              {Object.entries(REGION_COLORS).map(([r, color]) => (
                <li key={r} className="legend__item">
                  <svg width="12" height="12" aria-hidden="true">
                    <circle cx="6" cy="6" r="5" fill={color} />
                  </svg>
                  <span>{regionLabel(t, r)}</span>
                </li>
              ))}
            </ul>
            <PlotFigure
              render={render}
              label={t('marketplaces.correlation.title')}
              testid="correlation-scatter"
              share={{
                meta: {
                  title: t('marketplaces.correlation.title'),
                  subtitle: `${t(`marketplaces.metric.${metric}`)} × ${indicatorLabel(d.indicator, d.indicator.code, lang)}${d.year ? ` (${d.year})` : ''}`,
                  sources: d.sources,
                  legend: Object.entries(REGION_COLORS).map(([r, color]) => ({ label: regionLabel(t, r), color, mark: 'swatch' as const })),
                },
              }}
            />
            <details>
              <summary>{t('tabs.table')}</summary>
              <DataTable data={d.rows} columns={columns} caption={t('marketplaces.correlation.title')} captionHidden getRowId={(r) => r.iso3} pageSize={0} testid="correlation-table" />
            </details>
          </>
        )}
        <SourceLine sources={d?.sources} />
      </section>
    </div>
  );
}
