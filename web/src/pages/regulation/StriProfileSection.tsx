import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STRI_AREA_COLUMNS, striStackState } from '../../charts/stri-state';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { StriStackedChart } from '../../components/StriStackedChart';
import { Tabs } from '../../components/Tabs';
import { countryName } from '../../lib/country-names';
import { formatNumber } from '../../lib/format';
import { striEconomyRequest, useStriEconomy, type StriEconomyRow } from './stri-api';

/** The Digital STRI section of a country profile: the index and its five areas, year by year. */
export function StriProfileSection({ iso3 }: { iso3: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const req = striEconomyRequest(iso3);
  const q = useStriEconomy(req);
  const data = q.data;
  const rows = data?.rows ?? [];
  const stack = useMemo(() => striStackState(rows.map((r) => ({ ...r, key: String(r.year), label: String(r.year) })), 'input'), [rows]);
  const columns = useMemo<ColumnDef<StriEconomyRow, unknown>[]>(
    () => [
      { id: 'year', header: t('table.year'), accessorFn: (r) => r.year, meta: { numeric: true } },
      { id: 'stri', header: t('stri.col.stri'), accessorFn: (r) => r.stri ?? undefined, meta: { numeric: true }, cell: (c) => (c.getValue() === undefined ? <MissingValue /> : formatNumber(c.getValue() as number, lang, 3)) },
      ...STRI_AREA_COLUMNS.map(
        ({ area, column }): ColumnDef<StriEconomyRow, unknown> => ({
          id: column,
          header: t(`stri.area.${area}`),
          accessorFn: (r) => r[column] ?? undefined,
          meta: { numeric: true },
          cell: (c) => (c.getValue() === undefined ? <MissingValue /> : formatNumber(c.getValue() as number, lang, 3)),
        }),
      ),
    ],
    [t, lang],
  );
  return (
    <section className="card" data-testid="profile-stri" aria-labelledby="profile-stri-h">
      <div className="card__head">
        <h2 id="profile-stri-h" className="card__title">
          {t('stri.profileTitle', { country: countryName(iso3, lang) })}
        </h2>
        <DownloadMenu request={req} filename={`${iso3}-digital-stri`} />
      </div>
      <p className="muted small">
        {t('stri.profileLead')} <LangLink to={`/regulation/digital-stri?country=${iso3}`}>{t('stri.profileMore')}</LangLink>
      </p>
      {q.isPending && <Loading />}
      {q.isError && <ErrorBox error={q.error} onRetry={() => q.refetch()} />}
      {data && data.covered === false && (
        <p className="notice" data-testid="profile-stri-not-covered">
          {t('stri.notCoveredCountry', { country: countryName(iso3, lang) })}
        </p>
      )}
      {data && data.covered === null && <p className="empty-note">{t('stri.notLoaded')}</p>}
      {data && rows.length > 0 && (
        <Tabs
          tabs={[
            { id: 'chart', label: t('tabs.chart') },
            { id: 'table', label: t('tabs.table') },
          ]}
          selected={view}
          onChange={setView}
          label={t('stri.profileTitle', { country: countryName(iso3, lang) })}
        >
          {view === 'chart' ? (
            <StriStackedChart state={stack} label={t('stri.profileChartLabel', { country: countryName(iso3, lang) })} xLabel={t('stri.axis')} testid="profile-stri-chart" share={{ meta: { title: t('stri.profileChartLabel', { country: countryName(iso3, lang) }), subtitle: t('stri.axis'), sources: data?.sources } }} />
          ) : (
            <DataTable data={rows} columns={columns} caption={t('stri.profileTitle', { country: countryName(iso3, lang) })} captionHidden getRowId={(r) => String(r.year)} pageSize={0} testid="profile-stri-table" />
          )}
        </Tabs>
      )}
      <SourceLine sources={data?.sources} methodology="digital-stri" />
    </section>
  );
}
