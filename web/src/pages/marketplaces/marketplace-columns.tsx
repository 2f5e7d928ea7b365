// The registry table's columns, shared by the explorer and the country page (its own file, so the
// country page does not download the explorer).
import type { ColumnDef } from '@tanstack/react-table';
import type { useTranslation } from 'react-i18next';
import type { MarketplaceRow } from '../../api';
import { LangLink } from '../../components/LangLink';
import { MissingValue } from '../../components/MissingValue';
import { countryName } from '../../lib/country-names';
import { compact, foreignSellersLabel, goodsLabel, percent } from './marketplace-view';

export function marketplaceColumns(t: ReturnType<typeof useTranslation>['t'], lang: string): ColumnDef<MarketplaceRow, unknown>[] {
  return [
    {
      id: 'name',
      header: t('marketplaces.col.name'),
      accessorKey: 'name',
      cell: (c) => (
        <LangLink to={`/marketplaces/${encodeURIComponent(c.row.original.id)}`} data-testid={`marketplace-link-${c.row.original.id}`}>
          {String(c.getValue())}
        </LangLink>
      ),
    },
    { id: 'hq_iso3', header: t('marketplaces.col.hq'), accessorFn: (r) => r.hq_iso3 ?? undefined, cell: (c) => (c.getValue() ? countryName(String(c.getValue()), lang) : <MissingValue />) },
    { id: 'models', header: t('marketplaces.col.models'), accessorKey: 'models', cell: (c) => String(c.getValue()).split(';').join(', ') },
    { id: 'goods_or_services', header: t('marketplaces.col.goods'), accessorFn: (r) => goodsLabel(t, r.goods_or_services) },
    {
      id: 'economies',
      header: t('marketplaces.col.economies'),
      accessorKey: 'economies',
      enableSorting: false,
      cell: (c) => String(c.getValue()).split('~').filter(Boolean).join(', '),
    },
    {
      id: 'foreign_sellers',
      header: t('marketplaces.col.foreignSellers'),
      accessorKey: 'foreign_sellers',
      cell: (c) => <span className={c.getValue() === 'unknown' ? 'muted' : undefined}>{foreignSellersLabel(t, String(c.getValue()))}</span>,
    },
    {
      id: 'visits',
      header: t('marketplaces.col.visits'),
      accessorFn: (r) => r.visits ?? undefined,
      meta: { numeric: true },
      cell: (c) => (c.getValue() === undefined ? <MissingValue label={t('marketplaces.noTraffic')} /> : compact(c.getValue() as number, lang)),
    },
    {
      id: 'cross_border_share',
      header: t('marketplaces.col.crossBorder'),
      accessorFn: (r) => r.cross_border_share ?? undefined,
      meta: { numeric: true },
      cell: (c) => (c.getValue() === undefined ? <MissingValue /> : percent(c.getValue() as number, lang)),
    },
    {
      id: 'synthetic',
      header: t('marketplaces.col.data'),
      accessorFn: (r) => (r.synthetic ? 1 : 0),
      cell: (c) => (c.row.original.synthetic ? <strong className="badge badge--synthetic">{t('synthetic.badge')}</strong> : c.row.original.visits === null ? '' : t('marketplaces.observed')),
    },
  ];
}
