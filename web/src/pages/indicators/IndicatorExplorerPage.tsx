import type { ColumnDef } from '@tanstack/react-table';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  ApiError,
  indicatorValuesRequest,
  useCountries,
  useIndicatorCatalog,
  useIndicatorValues,
  type IndicatorEnvelope,
  type IndicatorValue,
  type Source,
} from '../../api';
import { explorerLines } from '../../charts/explorer-lines';
import { choroplethState, NO_DATA, type LegendEntry } from '../../charts/map-state';
import { REGION_COLORS } from '../../charts/palette';
import { ContentText } from '../../components/ContentText';
import { CountryPicker } from '../../components/CountryPicker';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { LineChart } from '../../components/LineChart';
import { Map } from '../../components/Map';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { SyntheticBanner } from '../../components/SyntheticBanner';
import { Tabs } from '../../components/Tabs';
import { YearRangeField } from '../../components/YearRangeField';
import { INDICATOR_DEFINITION } from '../../lib/content';
import { countryName } from '../../lib/country-names';
import { formatValue } from '../../lib/format';
import { indicatorLabel, regionLabel, topicLabel, unitLabel } from '../../lib/labels';
import { formatYearRange, parseIsoList, parseYear, parseYearRange } from '../../lib/query-string';
import { embedPath } from '../../lib/embed';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';
import NotFoundPage from '../NotFoundPage';

type View = 'map' | 'chart' | 'table';
const VIEWS: View[] = ['map', 'chart', 'table'];
const API_SORTABLE = new Set(['iso3', 'year', 'value']);

function useSourceIndex(data: IndicatorEnvelope | undefined) {
  return useMemo(() => new globalThis.Map<string, Source>((data?.sources ?? []).map((s) => [s.id, s])), [data]);
}

function ValueCell({ v }: { v: number | null | undefined }) {
  const { i18n } = useTranslation();
  return v === null || v === undefined ? <MissingValue /> : <>{formatValue(v, i18n.language)}</>;
}

export default function IndicatorExplorerPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { code = '' } = useParams();
  const url = useUrlState();
  const yearId = useId();

  const view: View = VIEWS.find((v) => v === url.get('view')) ?? 'map';
  const range = parseYearRange(url.get('time'));
  const time = formatYearRange(range);
  const year = parseYear(url.get('year'));
  const selected = parseIsoList(url.get('country'));
  const sort = url.get('sort');

  const catalogue = useIndicatorCatalog();
  const entry = catalogue.data?.rows.find((r) => r.code === code);
  const members = useCountries();
  const memberCodes = useMemo(() => members.data?.rows.map((c) => c.iso3) ?? [], [members.data]);
  const regionOf = useMemo(() => new globalThis.Map(members.data?.rows.map((c) => [c.iso3, c.fealac_region]) ?? []), [members.data]);

  // One request per view: the download menu links to its twins.
  const mapReq = indicatorValuesRequest(code, { time: year ? `${year}..${year}` : time, latest: true });
  const seriesReq = indicatorValuesRequest(code, {
    country: selected,
    time,
    sort: view === 'table' && sort && API_SORTABLE.has(sort.replace(/^-/, '')) ? sort : null,
  });
  const req = view === 'map' ? mapReq : seriesReq;
  const values = useIndicatorValues(req);
  const data = values.data;
  const meta = data?.indicator ?? entry;
  const title = indicatorLabel(meta, code, lang);
  const unit = unitLabel(meta, lang);
  const sourceIndex = useSourceIndex(data);
  useDocumentTitle(title);

  const minYear = entry?.min_year ?? 2000;
  const maxYear = entry?.max_year ?? new Date().getFullYear();
  const years = Array.from({ length: Math.max(0, maxYear - minYear + 1) }, (_, i) => minYear + i);

  // ---- map ----
  const map = useMemo(() => {
    if (view !== 'map' || !data) return null;
    const allCodes = memberCodes.length ? memberCodes : data.rows.map((r) => r.iso3);
    const s = choroplethState(
      allCodes,
      data.rows,
      (iso3, d) =>
        d && d.value !== null
          ? `${countryName(iso3, lang)}: ${formatValue(d.value, lang)}${unit ? ` ${unit}` : ''} (${d.year ?? '?'})`
          : `${countryName(iso3, lang)}: ${t('common.noData')}`,
      new Set(selected),
    );
    const legend: LegendEntry[] = [
      ...s.bins.map((b, i) => ({
        key: `bin-${i}`,
        label: `${formatValue(b.from, lang)}–${formatValue(b.to, lang)}`,
        fill: b.color,
      })),
      { key: 'nodata', label: t('common.noData'), fill: NO_DATA },
    ];
    return { ...s, legend };
  }, [view, data, memberCodes, lang, unit, t, selected]);

  // ---- chart ----
  const chart = useMemo(() => {
    if (view !== 'chart' || !data) return null;
    return explorerLines(data.rows, selected, lang, regionOf);
  }, [view, data, selected, lang, regionOf]);

  // ---- table ----
  const columns = useMemo<ColumnDef<IndicatorValue, unknown>[]>(
    () => [
      {
        id: 'name',
        header: t('table.country'),
        accessorFn: (r) => countryName(r.iso3, lang),
        sortingFn: (a, b, id) => String(a.getValue(id)).localeCompare(String(b.getValue(id)), lang),
        cell: (c) => (
          <LangLink to={`/countries/${c.row.original.iso3}?indicator=${code}`}>{String(c.getValue())}</LangLink>
        ),
      },
      { id: 'iso3', header: t('countries.col.iso3'), accessorKey: 'iso3' },
      {
        id: 'year',
        header: t('table.year'),
        accessorFn: (r) => r.year ?? undefined,
        meta: { numeric: true },
        cell: (c) => (c.getValue() === undefined ? <MissingValue /> : String(c.getValue())),
      },
      {
        id: 'value',
        header: unit ? `${t('table.value')} (${unit})` : t('table.value'),
        accessorFn: (r) => r.value ?? undefined,
        meta: { numeric: true },
        cell: (c) => <ValueCell v={c.getValue() as number | undefined} />,
      },
      {
        id: 'source',
        header: t('table.source'),
        accessorFn: (r) => (r.source_id ? (sourceIndex.get(r.source_id)?.publisher ?? r.source_id) : undefined),
        enableSorting: false,
        cell: (c) => (c.getValue() ? String(c.getValue()) : <MissingValue />),
      },
    ],
    [t, lang, unit, code, sourceIndex],
  );

  const mapTable = view === 'map' && data ? data.rows : [];
  // What the downloaded images and the embed say beside the chart: the page's heading, the
  // selection and period as subtitle, and the sources of the SourceLine under it.
  const chartYears = chart?.years ? (chart.years[0] === chart.years[1] ? String(chart.years[0]) : `${chart.years[0]}–${chart.years[1]}`) : null;
  const chartShare = {
    meta: {
      title: t('explorer.chartLabel', { indicator: title }),
      subtitle: [unit, selected.length ? selected.map((c) => countryName(c, lang)).join(', ') : t('chart.export.allEconomies'), chartYears].filter(Boolean).join(' · '),
      sources: data?.sources,
    },
    embed: embedPath(`/indicators/${code}`, url.params),
  };
  const windowText =
    year !== null
      ? t('explorer.mapYear', { year })
      : range.from || range.to
        ? t('explorer.mapWindow', { from: range.from ?? minYear, to: range.to ?? maxYear })
        : t('explorer.mapLatest');

  // An unknown indicator: a not-found page, without the controls and downloads of a view of nothing.
  if (values.error instanceof ApiError && values.error.status === 404) {
    return <NotFoundPage what={t('web16.notFound.indicator', { code })} back={{ to: '/indicators', label: t('nav.indicators') }} />;
  }

  // The heading, definition and controls come from the catalogue (small, shared by every page):
  // the page appears when they are known, so they do not move what is below them (issue #20).
  if (!meta && catalogue.isPending) return <Loading />;

  return (
    <div className="page" data-testid="page-explorer">
      <p className="breadcrumb">
        <LangLink to="/indicators">{t('nav.indicators')}</LangLink> /
      </p>
      <h1 data-testid="explorer-title">{title}</h1>
      <p className="muted">
        {[unit, topicLabel(meta?.topic, lang), code].filter(Boolean).join(' · ')}
      </p>
      {meta?.definition && (
        <p className="definition">
          <ContentText k={INDICATOR_DEFINITION} id={meta.code} source={meta.definition} />
        </p>
      )}

      <div className="controls controls--wrap">
        <YearRangeField range={range} years={years} onChange={(r) => url.set({ time: formatYearRange(r), year: null })} />
        {view === 'map' && (
          <div className="field">
            <label htmlFor={yearId} className="field-label">
              {t('explorer.mapYearLabel')}
            </label>
            <select id={yearId} value={year ?? ''} onChange={(e) => url.set({ year: e.target.value || null })} data-testid="map-year">
              <option value="">{t('explorer.latest')}</option>
              {years
                .filter((y) => (!range.from || y >= range.from) && (!range.to || y <= range.to))
                .map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
            </select>
          </div>
        )}
        <CountryPicker
          options={memberCodes}
          selected={selected}
          onChange={(next) => url.set({ country: next }, { push: true })}
          label={t('explorer.countries')}
          testid="country-picker"
        />
      </div>

      <SyntheticBanner sources={data?.sources} />

      <section className="card" aria-labelledby="explorer-view-h">
        <div className="card__head">
          <h2 id="explorer-view-h" className="card__title">
            {t(`explorer.viewTitle.${view}`)}
          </h2>
          <DownloadMenu request={req} filename={`${code}-${view}`} />
        </div>
        <Tabs
          tabs={VIEWS.map((v) => ({ id: v, label: t(`tabs.${v}`) }))}
          selected={view}
          onChange={(v) => url.set({ view: v === 'map' ? null : v }, { push: true })}
          label={t('explorer.viewLabel')}
        >
          {values.isPending && <Loading />}
          {values.isError && <ErrorBox error={values.error} onRetry={() => values.refetch()} />}
          {data && view === 'map' && map && (
            <>
              <p className="muted small">{windowText}</p>
              <Map
                items={map.items}
                legend={map.legend}
                legendTitle={unit ?? undefined}
                label={t('explorer.mapLabel', { indicator: title })}
                onSelect={(iso3) =>
                  url.set({ country: selected.includes(iso3) ? selected.filter((c) => c !== iso3) : [...selected, iso3] })
                }
                testid="indicator-map"
                share={{ meta: { title: t('chart.export.mapTitle', { what: title }), subtitle: [unit, windowText].filter(Boolean).join(' · '), sources: data?.sources } }}
              />
              <p className="muted small">{t('explorer.mapHint')}</p>
              {map.missing.length > 0 && (
                <p className="small" data-testid="map-missing">
                  {t('explorer.noDataFor', { list: map.missing.map((c) => countryName(c, lang)).join(', ') })}
                </p>
              )}
              <details className="map-values">
                <summary>{t('explorer.mapValues')}</summary>
                <DataTable
                  data={mapTable}
                  columns={columns}
                  caption={t('explorer.mapValues')}
                  captionHidden
                  getRowId={(r) => r.iso3}
                  pageSize={0}
                  testid="map-values-table"
                />
              </details>
            </>
          )}
          {data && view === 'chart' && chart && (
            <>
              {selected.length === 0 && (
                <div className="note-row">
                  <p className="muted small">{t('explorer.allLines')}</p>
                  <ul className="legend__list">
                    {Object.entries(REGION_COLORS).map(([r, color]) => (
                      <li key={r} className="legend__item">
                        <svg width="22" height="10" aria-hidden="true">
                          <line x1="1" y1="5" x2="21" y2="5" stroke={color} strokeWidth="2" />
                        </svg>
                        <span>{regionLabel(t, r)}</span>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <LineChart state={chart} label={t('explorer.chartLabel', { indicator: title })} yLabel={unit} testid="indicator-chart" share={chartShare} />
            </>
          )}
          {data && view === 'table' && (
            <DataTable
              data={data.rows}
              columns={columns}
              caption={t('explorer.tableCaption', { indicator: title })}
              captionHidden
              sort={sort}
              onSortChange={(s) => url.set({ sort: s })}
              getRowId={(r, i) => `${r.iso3}-${r.year ?? 'x'}-${i}`}
              testid="indicator-table"
            />
          )}
        </Tabs>
        <SourceLine sources={data?.sources} />
      </section>
    </div>
  );
}
