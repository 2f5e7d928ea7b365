import type { ColumnDef } from '@tanstack/react-table';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  flowsRequest,
  marketplacesRequest,
  trafficRequest,
  useCountries,
  useFlows,
  useMarketplaces,
  useTraffic,
  type FlowRow,
  type Source,
} from '../../api';
import { choroplethState, NO_DATA, type LegendEntry } from '../../charts/map-state';
import { CountryPicker } from '../../components/CountryPicker';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { Map } from '../../components/Map';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { SyntheticBanner } from '../../components/SyntheticBanner';
import { Tabs } from '../../components/Tabs';
import { TrafficChart } from '../../components/TrafficChart';
import { YearRangeField } from '../../components/YearRangeField';
import { countryName } from '../../lib/country-names';
import { formatInteger } from '../../lib/format';
import { GROUP_CODES, groupLabel, regionLabel } from '../../lib/labels';
import { formatYearRange, parseYearRange } from '../../lib/query-string';
import { embedPath } from '../../lib/embed';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';
import { FlowMatrix } from './FlowMatrix';
import { Headline } from './Headline';
import { TopSites } from './TopSites';
import { marketplaceColumns } from './marketplace-columns';
import { compact, filterFromUrl, flowLabel, trafficChartState, trafficSubtitle, foreignSellersLabel, goodsLabel, GROUPS, MODEL_VALUES, percent, type GroupBy } from './marketplace-view';

type View = 'chart' | 'map' | 'flows' | 'table';
const VIEWS: View[] = ['chart', 'map', 'flows', 'table'];
const YEARS = Array.from({ length: 2026 - 2015 + 1 }, (_, i) => 2015 + i);

function Select({ label, value, options, onChange, testid, anyLabel }: { label: string; value: string | null; options: { value: string; label: string }[]; onChange: (v: string | null) => void; testid: string; anyLabel?: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid={testid}>
        <option value="">{anyLabel ?? t('filters.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function MarketplaceExplorerPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const url = useUrlState();
  useDocumentTitle(t('marketplaces.title'));

  const view: View = VIEWS.find((v) => v === url.get('view')) ?? 'chart';
  const group: GroupBy = (GROUPS as readonly string[]).includes(url.get('group') ?? '') ? (url.get('group') as GroupBy) : 'marketplace';
  const filter = filterFromUrl(url);
  const range = parseYearRange(filter.time);
  const sort = url.get('sort');

  const members = useCountries();
  const memberCodes = useMemo(() => members.data?.rows.map((c) => c.iso3) ?? [], [members.data]);
  // The top lists are per economy: the filter's economies, else those of its region / sub-regions.
  const topEconomies = useMemo(() => {
    if (filter.economy?.length) return filter.economy;
    if (!filter.region && !filter.subregion) return undefined;
    const region = filter.region === 'east-asia' ? 'East Asia' : filter.region === 'latin-america' ? 'Latin America' : null;
    const groups = filter.subregion ? filter.subregion.split('~') : null;
    return (members.data?.rows ?? []).filter((c) => (!region || c.fealac_region === region) && (!groups || c.subregions.some((g) => groups.includes(g)))).map((c) => c.iso3);
  }, [filter.economy?.join('~'), filter.region, filter.subregion, members.data]); // eslint-disable-line react-hooks/exhaustive-deps

  const listReq = marketplacesRequest(filter, view === 'table' ? sort : null);
  const list = useMarketplaces(listReq);
  const seriesReq = trafficRequest(filter, group);
  const mapReq = trafficRequest(filter, 'economy', 'year');
  const flowsReq = flowsRequest(filter, 'region');
  const topFlowsReq = flowsRequest(filter, 'economy');
  // The headline figures come with every traffic view; the chart's request carries them.
  const series = useTraffic(seriesReq);
  const map = useTraffic(view === 'map' ? mapReq : null);
  const flows = useFlows(view === 'flows' ? flowsReq : null);
  const topFlows = useFlows(view === 'flows' ? topFlowsReq : null);
  const req = view === 'chart' ? seriesReq : view === 'map' ? mapReq : view === 'flows' ? flowsReq : listReq;
  const sources: Source[] | undefined = view === 'table' ? list.data?.sources : view === 'map' ? map.data?.sources : view === 'flows' ? flows.data?.sources : series.data?.sources;
  const facets = list.data?.facets;

  const chart = useMemo(() => (series.data ? trafficChartState(series.data, group, lang, t) : null), [series.data, group, lang, t]);

  const mapState = useMemo(() => {
    if (!map.data) return null;
    const totals = new globalThis.Map<string, number>();
    for (const r of map.data.rows) totals.set(r.series, (totals.get(r.series) ?? 0) + r.visits);
    const data = [...totals].map(([iso3, value]) => ({ iso3, value, year: null }));
    const s = choroplethState(memberCodes, data, (iso3, d) => `${countryName(iso3, lang)}: ${d && d.value !== null ? compact(d.value, lang) : t('common.noData')}`);
    const legend: LegendEntry[] = [
      ...s.bins.map((b, i) => ({ key: `bin-${i}`, label: `${compact(b.from, lang)}–${compact(b.to, lang)}`, fill: b.color })),
      { key: 'nodata', label: t('common.noData'), fill: NO_DATA },
    ];
    return { ...s, legend };
  }, [map.data, memberCodes, lang, t]);

  const columns = useMemo(() => marketplaceColumns(t, lang), [t, lang]);
  const flowColumns = useMemo<ColumnDef<FlowRow, unknown>[]>(
    () => [
      { id: 'origin', header: t('marketplaces.flows.origin'), accessorFn: (r) => countryName(r.origin, lang) },
      { id: 'destination', header: t('marketplaces.flows.destination'), accessorFn: (r) => countryName(r.destination, lang) },
      { id: 'flow_class', header: t('marketplaces.flows.class'), accessorFn: (r) => (r.flow_class ? flowLabel(t, r.flow_class) : '') },
      { id: 'visits', header: t('marketplaces.col.visits'), accessorKey: 'visits', meta: { numeric: true }, cell: (c) => compact(c.getValue() as number, lang) },
      { id: 'share', header: t('marketplaces.flows.share'), accessorFn: (r) => r.share_of_destination ?? undefined, meta: { numeric: true }, cell: (c) => percent(c.getValue() as number | undefined, lang) },
    ],
    [t, lang],
  );
  const topFlowRows = useMemo(() => [...(topFlows.data?.rows ?? [])].filter((r) => r.flow_class !== 'domestic').sort((a, b) => b.visits - a.visits).slice(0, 25), [topFlows.data]);

  const opts = (facet: { value: string; count: number }[] | undefined, label: (v: string) => string, values?: readonly string[]) =>
    (values ?? facet?.map((f) => f.value) ?? []).map((v) => {
      const n = facet?.find((f) => f.value === v)?.count;
      return { value: v, label: `${label(v)}${n !== undefined ? ` (${formatInteger(n, lang)})` : ''}` };
    });
  const active = <T,>(q: { data?: T; isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown }) => (
    <>
      {q.isPending && <Loading />}
      {q.isError && <ErrorBox error={q.error} onRetry={() => q.refetch()} />}
    </>
  );

  return (
    <div className="page" data-testid="page-marketplaces">
      <h1>{t('marketplaces.title')}</h1>
      <p className="lead">{t('marketplaces.intro')}</p>

      <div className="controls controls--wrap controls--panel" data-testid="marketplace-filters">
        <Select
          label={t('marketplaces.filter.region')}
          value={filter.region ?? null}
          options={['east-asia', 'latin-america'].map((r) => ({ value: r, label: regionLabel(t, r) }))}
          onChange={(v) => url.set({ region: v }, { push: true })}
          testid="filter-region"
        />
        <Select
          label={t('marketplaces.filter.subregion')}
          value={filter.subregion ?? null}
          options={[
            ...GROUP_CODES.map((g) => ({ value: g, label: groupLabel(t, g, members.data?.groups) })),
            // A shared link may list several groups (subregion=asean~mercosur); keep it selectable.
            ...(filter.subregion && !(GROUP_CODES as readonly string[]).includes(filter.subregion)
              ? [{ value: filter.subregion, label: filter.subregion.split('~').map((g) => groupLabel(t, g, members.data?.groups)).join(' + ') }]
              : []),
          ]}
          onChange={(v) => url.set({ subregion: v }, { push: true })}
          testid="filter-subregion"
        />
        <CountryPicker options={memberCodes} selected={filter.economy ?? []} onChange={(next) => url.set({ economy: next }, { push: true })} label={t('marketplaces.filter.economy')} testid="filter-economy" />
        <Select label={t('marketplaces.filter.model')} value={filter.model ?? null} options={opts(facets?.model, (v) => v, MODEL_VALUES)} onChange={(v) => url.set({ model: v }, { push: true })} testid="filter-model" />
        <Select
          label={t('marketplaces.filter.goods')}
          value={filter.goods ?? null}
          options={['goods', 'services'].map((v) => ({ value: v, label: goodsLabel(t, v) }))}
          onChange={(v) => url.set({ goods: v }, { push: true })}
          testid="filter-goods"
        />
        <Select
          label={t('marketplaces.filter.category')}
          value={filter.category ?? null}
          options={[...new Set([...(facets?.category ?? []).slice(0, 40).map((f) => f.value), ...(filter.category ? [filter.category] : [])])].map((v) => ({
            value: v,
            label: `${v}${facets?.category.find((f) => f.value === v) ? ` (${facets.category.find((f) => f.value === v)!.count})` : ''}`,
          }))}
          onChange={(v) => url.set({ category: v }, { push: true })}
          testid="filter-category"
        />
        <Select
          label={t('marketplaces.filter.foreignSellers')}
          value={filter.foreign_sellers ?? null}
          options={opts(facets?.foreign_sellers, (v) => foreignSellersLabel(t, v), ['yes', 'no', 'unknown'])}
          onChange={(v) => url.set({ foreign_sellers: v }, { push: true })}
          testid="filter-foreign-sellers"
        />
        <YearRangeField range={range} years={YEARS} onChange={(r) => url.set({ time: formatYearRange(r) })} />
      </div>

      <SyntheticBanner sources={sources ?? series.data?.sources} />

      <section className="card" aria-labelledby="mp-headline-h">
        <div className="card__head">
          <h2 id="mp-headline-h" className="card__title">
            {t('marketplaces.headline.title')}
          </h2>
          <p className="muted small" data-testid="marketplace-count">
            {list.data ? t('marketplaces.count', { count: list.data.rows.length }) : ''}
          </p>
        </div>
        {active(series)}
        <Headline summary={series.data?.summary} />
        <p className="muted small">{t('marketplaces.headline.note')}</p>
        {/* An empty explorer says what is missing and how to load it (only when nothing filters it out). */}
        {!Object.values(filter).some((v) => (Array.isArray(v) ? v.length > 0 : !!v)) && list.data && (list.data.rows.length === 0 || (series.data && series.data.summary.visits === null)) && (
          <div className="notice" data-testid="marketplaces-empty">
            <p>{list.data.rows.length === 0 ? t('web16.empty.registry') : t('web16.empty.traffic')}</p>
            {list.data.rows.length === 0 && (
              <pre>
                <code>npx puente import ../shared/data/marketplaces</code>
              </pre>
            )}
            <pre>
              <code>npx puente demo marketplaces</code>
            </pre>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="mp-view-h">
        <div className="card__head">
          <h2 id="mp-view-h" className="card__title">
            {t(`marketplaces.view.${view}`)}
            {/* The view's figures (visits, shares, flows) are synthetic when its sources are. */}
            {sources?.some((s) => s.synthetic) && (
              <>
                {' '}
                <span className="badge badge--synthetic" data-testid="view-synthetic">
                  {t('synthetic.badge')}
                </span>
              </>
            )}
          </h2>
          <DownloadMenu request={req} filename={`marketplaces-${view}`} />
        </div>
        <Tabs tabs={VIEWS.map((v) => ({ id: v, label: t(`marketplaces.tab.${v}`) }))} selected={view} onChange={(v) => url.set({ view: v === 'chart' ? null : v }, { push: true })} label={t('explorer.viewLabel')}>
          {view === 'chart' && (
            <>
              <div className="controls">
                <Select
                  label={t('marketplaces.groupBy')}
                  value={group === 'marketplace' ? null : group}
                  options={GROUPS.filter((g) => g !== 'marketplace').map((g) => ({ value: g, label: t(`marketplaces.group.${g}`) }))}
                  onChange={(v) => url.set({ group: v })}
                  testid="traffic-group"
                  anyLabel={t('marketplaces.group.marketplace')}
                />
              </div>
              {active(series)}
              {chart && (
                <TrafficChart
                  state={chart}
                  label={t('marketplaces.view.chart')}
                  testid="traffic-chart"
                  share={{ meta: { title: t('marketplaces.view.chart'), subtitle: trafficSubtitle(t, filter, group, lang), sources: series.data?.sources }, embed: embedPath('/marketplaces', url.params) }}
                />
              )}
              {chart && chart.omitted > 0 && <p className="muted small">{t('marketplaces.omitted', { count: chart.omitted })}</p>}
            </>
          )}
          {view === 'map' && (
            <>
              {active(map)}
              {mapState && (
                <>
                  <Map items={mapState.items} legend={mapState.legend} legendTitle={t('marketplaces.visits')} label={t('marketplaces.view.map')} onSelect={(iso3) => url.set({ economy: [iso3] }, { push: true })} testid="marketplace-map" share={{ meta: { title: t('marketplaces.view.map'), subtitle: trafficSubtitle(t, filter, group, lang), sources: map.data?.sources } }} />
                  <p className="muted small">{t('marketplaces.mapNote')}</p>
                </>
              )}
            </>
          )}
          {view === 'flows' && (
            <>
              {active(flows)}
              {flows.data && <FlowMatrix rows={flows.data.rows} />}
              {flows.data && flows.data.unattributed > 0 && (
                <p className="small" data-testid="flows-unattributed">
                  {t('marketplaces.flows.unattributed', { visits: compact(flows.data.unattributed, lang) })}
                </p>
              )}
              <h3>{t('marketplaces.flows.top')}</h3>
              <DataTable
                data={topFlowRows}
                columns={flowColumns}
                caption={t('marketplaces.flows.top')}
                captionHidden
                rowClassName={(r) => (r.flow_class === 'bi-regional' ? 'row--highlight' : undefined)}
                getRowId={(r) => `${r.origin}-${r.destination}`}
                testid="flows-table"
              />
              <div className="controls">
                <DownloadMenu request={topFlowsReq} filename="marketplaces-flows-economies" label={t('marketplaces.flows.downloadEconomies')} />
              </div>
            </>
          )}
          {view === 'table' && (
            <>
              {active(list)}
              {list.data && (
                <DataTable
                  data={list.data.rows}
                  columns={columns}
                  caption={t('marketplaces.title')}
                  captionHidden
                  sort={sort}
                  onSortChange={(s) => url.set({ sort: s })}
                  getRowId={(r) => r.id}
                  testid="marketplace-table"
                />
              )}
            </>
          )}
        </Tabs>
        <SourceLine sources={sources} />
      </section>

      {(!topEconomies || topEconomies.length > 0) && (
        <TopSites
          economy={topEconomies}
          title={topEconomies?.length === 1 ? t('web16.top.countryTitle', { country: countryName(topEconomies[0], lang) }) : t('web16.top.explorerTitle')}
          filename="marketplaces-top-sites"
          testid="explorer-top-sites"
        />
      )}

      <p>
        <LangLink to="/marketplaces/correlations" data-testid="link-correlations">
          {t('marketplaces.correlation.link')}
        </LangLink>
      </p>
    </div>
  );
}
