import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { marketplacesRequest, trafficRequest, useMarketplaces, useTraffic, type MarketplaceRow } from '../../api';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { SyntheticBanner } from '../../components/SyntheticBanner';
import { countryName } from '../../lib/country-names';
import { Headline } from './Headline';
import { marketplaceColumns } from './marketplace-columns';

/** The marketplaces section of a country page: marketplaces serving it and its traffic figures. */
export function CountryMarketplaces({ iso3 }: { iso3: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const listReq = marketplacesRequest({ economy: [iso3] }, '-visits');
  const list = useMarketplaces(listReq);
  const traffic = useTraffic(trafficRequest({ economy: [iso3] }, 'total', 'year'));
  const columns = useMemo<ColumnDef<MarketplaceRow, unknown>[]>(() => marketplaceColumns(t, lang).filter((c) => c.id !== 'economies'), [t, lang]);
  return (
    <section className="card marketplace-section" data-testid="country-marketplaces" aria-labelledby="country-mp-h">
      <div className="card__head">
        <h2 id="country-mp-h" className="card__title">
          {t('marketplaces.countrySection', { country: countryName(iso3, lang) })}
        </h2>
        <DownloadMenu request={listReq} filename={`${iso3}-marketplaces`} />
      </div>
      <SyntheticBanner sources={list.data?.sources} />
      {traffic.data && <Headline summary={traffic.data.summary} testid="country-headline" />}
      {list.isPending && <Loading />}
      {list.isError && <ErrorBox error={list.error} onRetry={() => list.refetch()} />}
      {list.data && <DataTable data={list.data.rows} columns={columns} caption={t('marketplaces.title')} captionHidden pageSize={10} getRowId={(r) => r.id} testid="country-marketplace-table" />}
      <p>
        <LangLink to={`/marketplaces?economy=${iso3}`} data-testid="country-marketplaces-link">
          {t('marketplaces.openExplorer')}
        </LangLink>
      </p>
      <SourceLine sources={list.data?.sources} methodology="marketplaces" />
    </section>
  );
}
