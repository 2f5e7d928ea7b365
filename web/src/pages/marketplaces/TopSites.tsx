import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { topSitesRequest, useTopSites, type TopSiteRow } from '../../api';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { countryName } from '../../lib/country-names';
import { formatInteger } from '../../lib/format';

/** "2024-05" -> "May 2024" in the reader's language. */
export function formatMonth(month: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

/**
 * The open top lists (Cloudflare Radar top-100 per economy): the most visited e-commerce sites of
 * some economies, or one marketplace's ranks in every economy. Observed data, ranked, never turned
 * into visits; the licence and snapshot month are shown under the table.
 */
export function TopSites({
  economy,
  marketplace,
  title,
  filename,
  testid = 'top-sites',
  pageSize = 10,
}: {
  economy?: string[];
  marketplace?: string;
  title: string;
  filename: string;
  testid?: string;
  pageSize?: number;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const req = topSitesRequest({ economy, marketplace });
  const q = useTopSites(req);
  const rows = q.data?.rows ?? [];
  const manyEconomies = new Set(rows.map((r) => r.economy)).size > 1 || !economy || economy.length !== 1;
  const columns = useMemo<ColumnDef<TopSiteRow, unknown>[]>(
    () => [
      ...(manyEconomies
        ? [
            {
              id: 'economy',
              header: t('web16.top.economy'),
              accessorFn: (r: TopSiteRow) => countryName(r.economy, lang),
              cell: (c: { row: { original: TopSiteRow }; getValue: () => unknown }) => <LangLink to={`/countries/${c.row.original.economy}`}>{String(c.getValue())}</LangLink>,
            } as ColumnDef<TopSiteRow, unknown>,
          ]
        : []),
      {
        id: 'rank',
        header: t('web16.top.rank'),
        accessorFn: (r) => r.rank ?? r.bucket ?? undefined,
        meta: { numeric: true },
        cell: (c) => {
          const r = c.row.original;
          return r.rank !== null ? formatInteger(r.rank, lang) : r.bucket !== null ? t('web16.top.bucket', { n: formatInteger(r.bucket, lang) }) : '';
        },
      },
      { id: 'domain', header: t('web16.top.domain'), accessorKey: 'domain' },
      {
        id: 'marketplace',
        header: t('web16.top.marketplace'),
        accessorFn: (r) => r.marketplace_name ?? undefined,
        cell: (c) =>
          c.row.original.marketplace_id ? (
            <LangLink to={`/marketplaces/${encodeURIComponent(c.row.original.marketplace_id)}`} data-testid={`top-site-marketplace-${c.row.original.marketplace_id}`}>
              {c.row.original.marketplace_name ?? c.row.original.marketplace_id}
            </LangLink>
          ) : (
            <span className="muted">{t('web16.top.notInRegistry')}</span>
          ),
      },
      ...(marketplace
        ? [{ id: 'list', header: t('web16.top.list'), accessorFn: (r: TopSiteRow) => t(`web16.top.lists.${r.list}`, { defaultValue: r.list }) } as ColumnDef<TopSiteRow, unknown>]
        : [{ id: 'categories', header: t('web16.top.categories'), accessorFn: (r: TopSiteRow) => (r.categories ?? '').split(';').join(', ') } as ColumnDef<TopSiteRow, unknown>]),
    ],
    [t, lang, manyEconomies, marketplace],
  );
  const months = q.data?.months ?? [];
  return (
    <section className="card" data-testid={testid} aria-label={title}>
      <div className="card__head">
        <h2 className="card__title">{title}</h2>
        {rows.length > 0 && <DownloadMenu request={req} filename={filename} />}
      </div>
      <p className="muted small">{t('web16.top.what')}</p>
      {q.isPending && <Loading />}
      {q.isError && <ErrorBox error={q.error} onRetry={() => q.refetch()} />}
      {q.data && rows.length === 0 && (
        <p className="notice" data-testid={`${testid}-empty`}>
          {marketplace ? t('web16.top.emptyMarketplace') : t('web16.top.empty')}
        </p>
      )}
      {rows.length > 0 && (
        <DataTable data={rows} columns={columns} caption={title} captionHidden pageSize={pageSize} getRowId={(r) => `${r.economy}-${r.list}-${r.domain}`} rowHeaderId={manyEconomies ? 'economy' : 'domain'} testid={`${testid}-table`} />
      )}
      {months.length > 0 && (
        <p className="small" data-testid={`${testid}-snapshot`}>
          {t('web16.top.snapshot', { months: months.map((m) => formatMonth(m, lang)).join(', ') })}
        </p>
      )}
      {rows.length > 0 && <SourceLine sources={q.data?.sources} methodology="marketplaces" />}
    </section>
  );
}
