// Labels and number formats shared by the marketplace pages.
import type { TFunction } from 'i18next';
import type { MarketplaceFilter, TrafficEnvelope } from '../../api';
import { REGION_COLORS, seriesColor } from '../../charts/palette';
import { trafficState } from '../../charts/traffic-state';
import { countryName } from '../../lib/country-names';
import { regionLabel } from '../../lib/labels';
import { parseIsoList, type UrlStateLike } from './url';

export const GROUPS = ['marketplace', 'economy', 'region', 'flow_class', 'total'] as const;
export type GroupBy = (typeof GROUPS)[number];
export const MODEL_VALUES = ['B2C', 'C2C', 'B2B', 'classifieds'] as const;
export const METRIC_VALUES = ['visits', 'visits_per_capita', 'cross_border_share', 'domestic_share', 'bi_regional_share', 'hhi', 'marketplaces'] as const;

export function flowLabel(t: TFunction, code: string): string {
  return t(`marketplaces.flow.${code}`, { defaultValue: code });
}

export function foreignSellersLabel(t: TFunction, v: string | null | undefined): string {
  return t(`marketplaces.foreignSellers.${v || 'unknown'}`, { defaultValue: v ?? '' });
}

export function goodsLabel(t: TFunction, v: string | null | undefined): string {
  return t(`marketplaces.goodsValues.${v || 'unknown'}`, { defaultValue: v ?? '' });
}

export function percent(v: number | null | undefined, lang: string, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
}

export function growth(v: number | null | undefined, lang: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v)} %`;
}

export function compact(v: number | null | undefined, lang: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  return new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(v);
}

export const FLOW_COLORS: Record<string, string> = {
  domestic: '#5f6b76',
  'intra-east-asia': '#c2550a',
  'intra-latin-america': '#13806b',
  'bi-regional': '#7570b3',
  'extra-fealac': '#b8860b',
  unattributed: '#bbbbbb',
};

/** The explorer's traffic lines (its page and its chart-only route draw the same). */
export function trafficChartState(data: TrafficEnvelope, group: GroupBy, lang: string, t: TFunction) {
  const rows = data.rows.map((r) => ({
    ...r,
    label: group === 'economy' ? countryName(r.series, lang) : group === 'region' ? regionLabel(t, r.series) : group === 'flow_class' ? flowLabel(t, r.series) : group === 'total' ? t('marketplaces.total') : r.label,
  }));
  return trafficState(rows, (key, i, n) => (group === 'region' ? (REGION_COLORS[key] ?? '#888') : group === 'flow_class' ? (FLOW_COLORS[key] ?? '#888') : seriesColor(i, n)));
}

/** What / where / when of the traffic chart: grouping, the filter's economies or region, the period. */
export function trafficSubtitle(t: TFunction, f: MarketplaceFilter, group: GroupBy, lang: string): string {
  const where = f.economy?.length ? f.economy.map((c) => countryName(c, lang)).join(', ') : f.region ? regionLabel(t, f.region === 'east-asia' ? 'East Asia' : f.region === 'latin-america' ? 'Latin America' : f.region) : t('chart.export.allEconomies');
  return [t('marketplaces.visits'), `${t('marketplaces.groupBy')}: ${t(`marketplaces.group.${group}`)}`, where, f.time ? f.time.replace('..', '–') : null].filter(Boolean).join(' · ');
}

/** The filters as the URL holds them (the same names as the API's). */
export function filterFromUrl(url: UrlStateLike): MarketplaceFilter {
  return {
    economy: parseIsoList(url.get('economy')),
    region: url.get('region'),
    subregion: url.get('subregion'),
    model: url.get('model'),
    goods: url.get('goods'),
    category: url.get('category'),
    foreign_sellers: url.get('foreign_sellers'),
    time: url.get('time'),
  };
}
