// Labels and number formats shared by the marketplace pages.
import type { TFunction } from 'i18next';
import type { MarketplaceFilter } from '../../api';
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
