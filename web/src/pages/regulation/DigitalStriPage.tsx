import type { ColumnDef } from '@tanstack/react-table';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountries } from '../../api';
import { choroplethState, NO_DATA, type LegendEntry } from '../../charts/map-state';
import { lineState, type SeriesSpec } from '../../charts/line-state';
import { REGION_COLORS, seriesColor } from '../../charts/palette';
import { STRI_AREA_COLUMNS, striStackState } from '../../charts/stri-state';
import { CountryPicker } from '../../components/CountryPicker';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { LineChart } from '../../components/LineChart';
import { Map } from '../../components/Map';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { StriStackedChart } from '../../components/StriStackedChart';
import { Tabs } from '../../components/Tabs';
import { countryName } from '../../lib/country-names';
import { formatNumber } from '../../lib/format';
import { parseIsoList, parseYear } from '../../lib/query-string';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';
import { RegulationSubnav } from './RegulationParts';
import { striRankingRequest, striRequest, useStri, useStriRanking, type StriRankingRow, type StriRow } from './stri-api';

const fmt = (v: number | null | undefined, lang: string) => (v === null || v === undefined ? null : formatNumber(v, lang, 3));

/** The OECD Digital STRI: a second lens beside the RDTII scores, its own dataset and scale. */
export default function DigitalStriPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const url = useUrlState();
  const yearId = useId();
  useDocumentTitle(t('stri.title'));

  const year = parseYear(url.get('year'));
  const selected = parseIsoList(url.get('country'));
  const rankView = url.get('view') === 'table' ? 'table' : 'chart';
  const mapView = url.get('mapView') === 'table' ? 'table' : 'map';
  const lineView = url.get('lineView') === 'table' ? 'table' : 'chart';

  const members = useCountries().data?.rows ?? [];
  const memberCodes = members.map((c) => c.iso3);
  const regionOf = new globalThis.Map(members.map((c) => [c.iso3, c.fealac_region]));

  const rankReq = striRankingRequest(year);
  const ranking = useStriRanking(rankReq);
  const rank = ranking.data;
  const rows = rank?.rows ?? [];
  const covered = rows.filter((r) => r.coverage === 'covered');
  const notCovered = rows.filter((r) => r.coverage === 'not_covered');
  const median = rank?.median;
  const shownYear = rank?.year ?? null;

  const seriesReq = striRequest({ country: selected, area: 'STRI' });
  const series = useStri(seriesReq);

  const stack = useMemo(
    () =>
      striStackState(
        rows.map((r) => ({ ...r, key: r.iso3, label: countryName(r.iso3, lang), highlight: selected.includes(r.iso3) })),
      ),
    [rows, lang, selected.join('~')], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const map = useMemo(() => {
    const s = choroplethState(
      memberCodes.length ? memberCodes : rows.map((r) => r.iso3),
      rows.map((r) => ({ iso3: r.iso3, value: r.stri, year: shownYear })),
      (iso3, d) => `${countryName(iso3, lang)}: ${d && d.value !== null ? formatNumber(d.value, lang, 3) : t('stri.notCovered')}`,
      new Set(selected),
    );
    const legend: LegendEntry[] = [
      ...s.bins.map((b, i) => ({ key: `bin-${i}`, label: `${formatNumber(b.from, lang, 2)}–${formatNumber(b.to, lang, 2)}`, fill: b.color })),
      { key: 'nodata', label: t('stri.notCovered'), fill: NO_DATA },
    ];
    return { ...s, legend };
  }, [rows, memberCodes.join(','), lang, t, selected.join('~'), shownYear]); // eslint-disable-line react-hooks/exhaustive-deps

  const lines = useMemo(() => {
    const data = series.data?.rows ?? [];
    const codes = selected.length ? selected.filter((c) => data.some((r) => r.iso3 === c)) : [...new Set(data.map((r) => r.iso3))];
    const specs: SeriesSpec[] = codes.map((c, i) =>
      selected.length
        ? { key: c, label: countryName(c, lang), color: seriesColor(i, codes.length), kind: 'peer' }
        : { key: c, label: countryName(c, lang), color: REGION_COLORS[regionOf.get(c) ?? ''] ?? '#888', kind: 'other' },
    );
    const state = lineState(data.map((r) => ({ series: r.iso3, year: r.year, value: r.value })), specs);
    // The index has a fixed floor: the axis starts at 0 (open), so small gaps are not blown up.
    return { ...state, values: state.values ? ([0, state.values[1]] as [number, number]) : null };
  }, [series.data, selected.join('~'), lang]); // eslint-disable-line react-hooks/exhaustive-deps

  const rankColumns = useMemo<ColumnDef<StriRankingRow, unknown>[]>(
    () => [
      { id: 'rank', header: t('stri.col.rank'), accessorFn: (r) => r.rank ?? undefined, meta: { numeric: true }, cell: (c) => (c.getValue() === undefined ? <MissingValue label={t('stri.notCovered')} /> : String(c.getValue())) },
      { id: 'country', header: t('table.country'), accessorFn: (r) => countryName(r.iso3, lang), cell: (c) => <LangLink to={`/countries/${c.row.original.iso3}`}>{String(c.getValue())}</LangLink> },
      { id: 'stri', header: t('stri.col.stri'), accessorFn: (r) => r.stri ?? undefined, meta: { numeric: true }, cell: (c) => fmt(c.getValue() as number, lang) ?? <MissingValue label={t('stri.notCovered')} /> },
      ...STRI_AREA_COLUMNS.map(
        ({ area, column }): ColumnDef<StriRankingRow, unknown> => ({
          id: column,
          header: t(`stri.area.${area}`),
          accessorFn: (r) => r[column] ?? undefined,
          meta: { numeric: true },
          cell: (c) => fmt(c.getValue() as number, lang) ?? <MissingValue />,
        }),
      ),
    ],
    [t, lang],
  );

  const seriesColumns = useMemo<ColumnDef<StriRow, unknown>[]>(
    () => [
      { id: 'country', header: t('table.country'), accessorFn: (r) => countryName(r.iso3, lang) },
      { id: 'year', header: t('table.year'), accessorFn: (r) => r.year, meta: { numeric: true } },
      { id: 'value', header: t('stri.col.stri'), accessorFn: (r) => r.value, meta: { numeric: true }, cell: (c) => fmt(c.getValue() as number, lang) },
    ],
    [t, lang],
  );

  const medianText = !median
    ? ''
    : median.enough_data && median.median !== null
      ? t('stri.medianIs', { value: formatNumber(median.median, lang, 3), n: median.n, total: rows.length })
      : t('stri.medianNotEnough', { n: median.n, min: median.min_n });

  return (
    <div className="page" data-testid="page-digital-stri">
      <h1>{t('stri.title')}</h1>
      <RegulationSubnav current="stri" />
      <p className="lead">{t('stri.lead')}</p>
      <details className="explainer" data-testid="stri-explainer">
        <summary>{t('stri.howTitle')}</summary>
        <ul>
          <li>{t('stri.how.scale')}</li>
          <li>{t('stri.how.areas')}</li>
          <li>{t('stri.how.differs')}</li>
          <li>{t('stri.how.missing')}</li>
        </ul>
      </details>

      <div className="controls controls--wrap" style={{ marginTop: '1rem' }}>
        <div className="field">
          <label htmlFor={yearId} className="field-label">
            {t('stri.year')}
          </label>
          <select id={yearId} value={year ?? ''} onChange={(e) => url.set({ year: e.target.value || null })} data-testid="stri-year">
            <option value="">{t('stri.latestYear', { year: rank?.years.at(-1) ?? '' })}</option>
            {(rank?.years ?? []).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <CountryPicker options={memberCodes} selected={selected} onChange={(next) => url.set({ country: next }, { push: true })} label={t('stri.compare')} testid="stri-picker" />
      </div>

      <div className="reg-stack" style={{ marginTop: '1rem' }}>
        <section className="card" aria-labelledby="stri-rank-h" aria-busy={ranking.isFetching} data-testid="stri-ranking">
          <div className="card__head">
            <div>
              <h2 id="stri-rank-h">{t('stri.rankingTitle', { year: shownYear ?? '' })}</h2>
              {rank && (
                <p className="muted small" data-testid="stri-median">
                  {medianText}
                </p>
              )}
            </div>
            <DownloadMenu request={rankReq} filename="puente-digital-stri-ranking" />
          </div>
          {ranking.isPending && <Loading />}
          {ranking.isError && <ErrorBox error={ranking.error} onRetry={() => ranking.refetch()} />}
          {rank && rows.length === 0 && <p className="empty-note">{t('stri.notLoaded')}</p>}
          {rank && rows.length > 0 && (
            <Tabs
              tabs={[
                { id: 'chart', label: t('tabs.chart') },
                { id: 'table', label: t('tabs.table') },
              ]}
              selected={rankView}
              onChange={(v) => url.set({ view: v === 'chart' ? null : v }, { push: true })}
              label={t('stri.rankingTitle', { year: shownYear ?? '' })}
            >
              {rankView === 'chart' ? (
                <StriStackedChart
                  state={stack}
                  label={t('stri.chartLabel', { year: shownYear ?? '' })}
                  xLabel={t('stri.axis')}
                  reference={median?.enough_data ? median.median : null}
                  referenceLabel={t('stri.median')}
                  testid="stri-chart"
                  share={{ meta: { title: t('stri.chartLabel', { year: shownYear ?? '' }), subtitle: t('stri.axis'), sources: rank?.sources } }}
                />
              ) : (
                <DataTable data={rows} columns={rankColumns} caption={t('stri.rankingTitle', { year: shownYear ?? '' })} captionHidden getRowId={(r) => r.iso3} rowHeaderId="country" pageSize={0} testid="stri-table" />
              )}
            </Tabs>
          )}
          {notCovered.length > 0 && (
            <div className="unscored" data-testid="stri-not-covered">
              <h3>{t('stri.notCoveredTitle', { count: notCovered.length })}</h3>
              <p className="muted small">{notCovered.map((r) => countryName(r.iso3, lang)).join(', ')}</p>
            </div>
          )}
          <SourceLine sources={rank?.sources} />
        </section>

        <section className="card" aria-labelledby="stri-map-h" data-testid="stri-map-section">
          <div className="card__head">
            <h2 id="stri-map-h">{t('stri.mapTitle', { year: shownYear ?? '' })}</h2>
            <DownloadMenu request={rankReq} filename="puente-digital-stri-map" />
          </div>
          {rank && covered.length > 0 && (
            <Tabs
              tabs={[
                { id: 'map', label: t('tabs.map') },
                { id: 'table', label: t('tabs.table') },
              ]}
              selected={mapView}
              onChange={(v) => url.set({ mapView: v === 'map' ? null : v }, { push: true })}
              label={t('stri.mapTitle', { year: shownYear ?? '' })}
            >
              {mapView === 'map' ? (
                <Map
                  items={map.items}
                  legend={map.legend}
                  legendTitle={t('stri.axis')}
                  label={t('stri.mapLabel', { year: shownYear ?? '' })}
                  share={{ meta: { title: t('stri.mapLabel', { year: shownYear ?? '' }), subtitle: t('stri.axis'), sources: rank?.sources, legendTitle: t('stri.axis') } }}
                  onSelect={(iso3) => url.set({ country: selected.includes(iso3) ? selected.filter((c) => c !== iso3) : [...selected, iso3] })}
                  testid="stri-map"
                />
              ) : (
                <DataTable data={rows} columns={rankColumns.slice(0, 3)} caption={t('stri.mapTitle', { year: shownYear ?? '' })} captionHidden getRowId={(r) => r.iso3} rowHeaderId="country" pageSize={0} testid="stri-map-table" />
              )}
            </Tabs>
          )}
          <SourceLine sources={rank?.sources} />
        </section>

        <section className="card" aria-labelledby="stri-lines-h" aria-busy={series.isFetching} data-testid="stri-lines">
          <div className="card__head">
            <div>
              <h2 id="stri-lines-h">{t('stri.linesTitle')}</h2>
              <p className="muted small">{selected.length ? t('stri.linesSelected') : t('stri.linesAll')}</p>
            </div>
            <DownloadMenu request={seriesReq} filename="puente-digital-stri" />
          </div>
          {series.isPending && <Loading />}
          {series.isError && <ErrorBox error={series.error} onRetry={() => series.refetch()} />}
          {series.data && (
            <Tabs
              tabs={[
                { id: 'chart', label: t('tabs.chart') },
                { id: 'table', label: t('tabs.table') },
              ]}
              selected={lineView}
              onChange={(v) => url.set({ lineView: v === 'chart' ? null : v }, { push: true })}
              label={t('stri.linesTitle')}
            >
              {lineView === 'chart' ? (
                <LineChart state={lines} label={t('stri.linesLabel')} yLabel={t('stri.axis')} testid="stri-line-chart" share={{ meta: { title: t('stri.linesLabel'), subtitle: t('stri.axis'), sources: series.data?.sources } }} />
              ) : (
                <DataTable data={series.data.rows} columns={seriesColumns} caption={t('stri.linesTitle')} captionHidden pageSize={50} testid="stri-line-table" />
              )}
            </Tabs>
          )}
          {series.data && series.data.not_covered.length > 0 && selected.length > 0 && (
            <p className="muted small" data-testid="stri-lines-not-covered">
              {t('stri.notCoveredList', { list: series.data.not_covered.map((c) => countryName(c, lang)).join(', ') })}
            </p>
          )}
          <SourceLine sources={series.data?.sources} />
        </section>
      </div>
    </div>
  );
}
