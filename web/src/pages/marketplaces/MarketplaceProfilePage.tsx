import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, audienceRequest, marketplaceRequest, trafficRequest, useMarketplace, useTraffic, type MarketplaceReach, type WebsiteDetail } from '../../api';
import { seriesColor } from '../../charts/palette';
import { trafficState } from '../../charts/traffic-state';
import { Untranslated } from '../../components/ContentText';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { SyntheticBanner } from '../../components/SyntheticBanner';
import { TrafficChart } from '../../components/TrafficChart';
import { YearRangeField } from '../../components/YearRangeField';
import { countryName } from '../../lib/country-names';
import { formatYearRange, parseYearRange } from '../../lib/query-string';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';
import { Audience } from './Audience';
import { Headline } from './Headline';
import { TopSites } from './TopSites';
import NotFoundPage from '../NotFoundPage';
import { compact, flowLabel, foreignSellersLabel, goodsLabel, percent } from './marketplace-view';

/** A source link shown as its site and page ("lanacion.com.ar › mercado-libre-20-anos…"); the full URL is its title. */
function linkLabel(u: string): string {
  try {
    const url = new URL(u);
    const last = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '');
    const page = last.length > 32 ? `${last.slice(0, 31)}…` : last;
    return `${url.hostname.replace(/^www\./, '')}${page ? ` › ${page}` : ''}`;
  } catch {
    return u;
  }
}

const YEARS = Array.from({ length: 2026 - 2015 + 1 }, (_, i) => 2015 + i);

export default function MarketplaceProfilePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { id = '' } = useParams();
  const url = useUrlState();
  const time = url.get('time');
  const range = parseYearRange(time);
  const req = marketplaceRequest(id, time);
  const profile = useMarketplace(req);
  const seriesReq = trafficRequest({ time, marketplace: id }, 'economy');
  const missing = profile.error instanceof ApiError && profile.error.status === 404;
  const series = useTraffic(profile.data ? seriesReq : null);
  const m = profile.data?.marketplace;
  useDocumentTitle(m?.name ?? id);

  const chart = useMemo(
    () => (series.data ? trafficState(series.data.rows.map((r) => ({ ...r, label: countryName(r.series, lang) })), (_k, i, n) => seriesColor(i, n)) : null),
    [series.data, lang],
  );
  const columns = useMemo<ColumnDef<WebsiteDetail, unknown>[]>(
    () => [
      {
        id: 'domain',
        header: t('marketplaces.col.domain'),
        accessorKey: 'domain',
        cell: (c) => <span className="break-anywhere">{String(c.getValue())}</span>,
      },
      { id: 'serves_iso3', header: t('marketplaces.col.serves'), accessorFn: (r) => countryName(r.serves_iso3, lang), cell: (c) => <LangLink to={`/countries/${c.row.original.serves_iso3}`}>{String(c.getValue())}</LangLink> },
      { id: 'status', header: t('marketplaces.col.status'), accessorFn: (r) => t(`marketplaces.status.${r.status}`, { defaultValue: r.status }) },
      {
        id: 'visits',
        header: t('marketplaces.col.visits'),
        accessorFn: (r) => r.visits ?? undefined,
        meta: { numeric: true },
        cell: (c) => (c.getValue() === undefined ? <MissingValue label={t('marketplaces.noTraffic')} /> : compact(c.getValue() as number, lang)),
      },
      ...(['domestic_share', 'cross_border_share', 'bi_regional_share'] as const).map(
        (k): ColumnDef<WebsiteDetail, unknown> => ({
          id: k,
          header: t(`marketplaces.col.${k}`),
          accessorFn: (r) => r[k] ?? undefined,
          meta: { numeric: true },
          cell: (c) => (c.getValue() === undefined ? <MissingValue label={t('marketplaces.noOrigin')} /> : percent(c.getValue() as number, lang)),
        }),
      ),
      {
        id: 'synthetic',
        header: t('marketplaces.col.data'),
        accessorFn: (r) => (r.synthetic ? 1 : 0),
        cell: (c) => (c.row.original.synthetic ? <strong className="badge badge--synthetic">{t('synthetic.badge')}</strong> : c.row.original.visits === null ? '' : t('marketplaces.observed')),
      },
      {
        id: 'domain_evidence',
        header: t('web16.profile.evidence'),
        accessorFn: (r) => r.domain_evidence ?? undefined,
        cell: (c) => {
          const r = c.row.original;
          const label = r.domain_evidence ? t(`web16.profile.evidenceValues.${r.domain_evidence}`, { defaultValue: r.domain_evidence }) : null;
          if (!label) return <MissingValue />;
          return r.source_url && /^https?:\/\//.test(r.source_url) ? (
            <a href={r.source_url} rel="noopener noreferrer" target="_blank">
              {label}
            </a>
          ) : (
            <span title={r.source_url ?? undefined}>{label}</span>
          );
        },
      },
    ],
    [t, lang],
  );
  const reach = profile.data?.reach as MarketplaceReach | undefined;
  const links = (m?.source_urls ?? '').split(/[\s;|]+/).filter((u) => /^https?:\/\//.test(u));
  if (missing) return <NotFoundPage what={t('web16.notFound.marketplace', { id })} back={{ to: '/marketplaces', label: t('nav.marketplaces') }} />;

  return (
    <div className="page" data-testid="page-marketplace">
      <p className="breadcrumb">
        <LangLink to="/marketplaces">{t('nav.marketplaces')}</LangLink> /
      </p>
      {profile.isPending && <Loading />}
      {profile.isError && <ErrorBox error={profile.error} onRetry={() => profile.refetch()} />}
      {m && profile.data && (
        <>
          <h1 data-testid="marketplace-title">{m.name}</h1>
          <dl className="facts" data-testid="marketplace-facts">
            <div>
              <dt>{t('marketplaces.col.hq')}</dt>
              <dd>{m.hq_iso3 ? countryName(m.hq_iso3, lang) : <MissingValue />}</dd>
            </div>
            <div>
              <dt>{t('marketplaces.col.founded')}</dt>
              <dd>{m.founded_year ?? <MissingValue />}</dd>
            </div>
            <div>
              <dt>{t('marketplaces.col.models')}</dt>
              <dd>{m.models.split(';').join(', ')}</dd>
            </div>
            <div>
              <dt>{t('marketplaces.col.goods')}</dt>
              <dd>{m.goods_or_services ? goodsLabel(t, m.goods_or_services) : <MissingValue />}</dd>
            </div>
            <div>
              <dt>{t('marketplaces.col.categories')}</dt>
              <dd>{m.categories ? <Untranslated text={m.categories} lang="en" /> : <MissingValue />}</dd>
            </div>
            <div>
              <dt>{t('marketplaces.col.foreignSellers')}</dt>
              <dd data-testid="marketplace-foreign-sellers">{foreignSellersLabel(t, m.foreign_sellers)}</dd>
            </div>
            <div>
              <dt>{t('marketplaces.reach')}</dt>
              <dd data-testid="marketplace-reach">
                {!reach || reach.reach === null ? (
                  <MissingValue label={t('marketplaces.unknownFigure')} />
                ) : (
                  <>
                    <span title={[...reach.from_traffic, ...reach.from_popularity].join(', ')}>{t('marketplaces.reachValue', { count: reach.reach })}</span>
                    {reach.synthetic && (
                      <>
                        {' '}
                        <strong className="badge badge--synthetic" data-testid="reach-synthetic">
                          {t('synthetic.badge')}
                        </strong>
                      </>
                    )}
                  </>
                )}
              </dd>
            </div>
            <div className="facts__wide">
              <dt>{t('web16.profile.payment')}</dt>
              <dd data-testid="marketplace-payment">{m.payment_services ?? <MissingValue />}</dd>
            </div>
            <div className="facts__wide">
              <dt>{t('web16.profile.logistics')}</dt>
              <dd data-testid="marketplace-logistics">{m.logistics_services ?? <MissingValue />}</dd>
            </div>
            <div className="facts__wide">
              <dt>{t('web16.profile.msme')}</dt>
              <dd data-testid="marketplace-msme">{m.msme_sellers_note ?? <MissingValue />}</dd>
            </div>
            <div className="facts__wide">
              <dt>{t('web16.profile.sources')}</dt>
              <dd data-testid="marketplace-source-links">
                {links.length ? (
                  <ul className="plain-list">
                    {links.map((u) => (
                      <li key={u}>
                        <a href={u} rel="noopener noreferrer" target="_blank" title={u}>
                          {linkLabel(u)}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <MissingValue />
                )}
              </dd>
            </div>
          </dl>

          <div className="controls controls--panel">
            <YearRangeField range={range} years={YEARS} onChange={(r) => url.set({ time: formatYearRange(r) })} />
          </div>
          <SyntheticBanner sources={profile.data.sources} />

          <section className="card">
            <h2 className="card__title">{t('marketplaces.headline.title')}</h2>
            <Headline summary={profile.data.summary} omit={['hhi', 'top3', 'marketplaces']} />
            {profile.data.summary.flow_mix && (
              <ul className="legend__list" data-testid="marketplace-flow-mix">
                {Object.entries(profile.data.summary.flow_mix).map(([k, v]) => (
                  <li key={k} className="legend__item">
                    {flowLabel(t, k)}: <strong>{percent(v, lang)}</strong>
                  </li>
                ))}
              </ul>
            )}
            {profile.data.summary.top_origins.length > 0 && (
              <p className="small" data-testid="marketplace-top-origins">
                {t('marketplaces.topOrigins')}: {profile.data.summary.top_origins.slice(0, 5).map((o) => `${countryName(o.origin, lang)} ${percent(o.share, lang)}`).join(' · ')}
              </p>
            )}
          </section>

          <section className="card">
            <div className="card__head">
              <h2 className="card__title">
                {t('marketplaces.view.chart')}
                {series.data?.rows.some((r) => r.synthetic) && (
                  <>
                    {' '}
                    <span className="badge badge--synthetic">{t('synthetic.badge')}</span>
                  </>
                )}
              </h2>
              <DownloadMenu request={seriesReq} filename={`${id}-traffic`} />
            </div>
            {chart && <TrafficChart state={chart} label={t('marketplaces.view.chart')} testid="marketplace-chart" share={{ meta: { title: `${t('marketplaces.view.chart')}: ${profile.data?.marketplace?.name ?? id}`, subtitle: t('marketplaces.visits'), sources: series.data?.sources } }} />}
            <SourceLine sources={series.data?.sources} />
          </section>

          <Audience request={audienceRequest(id, time)} filename={`${id}-audience`} />

          <TopSites marketplace={id} title={t('web16.top.profileTitle', { name: m.name })} filename={`${id}-top-lists`} testid="marketplace-top-sites" pageSize={50} />

          <section className="card">
            <div className="card__head">
              <h2 className="card__title">{t('marketplaces.websites', { count: profile.data.rows.length })}</h2>
              <DownloadMenu request={req} filename={`${id}-websites`} />
            </div>
            <DataTable data={profile.data.rows as WebsiteDetail[]} columns={columns} caption={t('marketplaces.websites', { count: profile.data.rows.length })} captionHidden getRowId={(r) => r.website_id} testid="website-table" />
            <SourceLine sources={profile.data.sources} />
          </section>
        </>
      )}
    </div>
  );
}
