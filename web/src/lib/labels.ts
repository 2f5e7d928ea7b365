// Labels for codes that come from the data (regions, groups, indicators), in the current language.
import type { TFunction } from 'i18next';
import { i18n, lookupName } from '../i18n';
import type { Group, IndicatorMeta } from '../api';

export const REGION_KEYS: Record<string, string> = {
  'East Asia': 'regions.eastAsia',
  'Latin America': 'regions.latinAmerica',
  'east-asia': 'regions.eastAsia',
  'latin-america': 'regions.latinAmerica',
};

export const GROUP_CODES = [
  'asean',
  'northeast-asia',
  'oceania',
  'pacific-alliance',
  'mercosur',
  'andean-community',
  'central-america',
  'caribbean',
] as const;

export function regionLabel(t: TFunction, region: string): string {
  const key = REGION_KEYS[region];
  return key ? t(key) : region;
}

export function groupLabel(t: TFunction, code: string, groups?: readonly Group[]): string {
  const g = groups?.find((x) => x.code === code);
  return t(`groups.${code}`, { defaultValue: g?.name_en ?? code });
}

/** The indicator's name in `lang`; the data's English name, marked "(in English)", when it has none. */
export function indicatorLabel(ind: Pick<IndicatorMeta, 'code' | 'name'> | undefined, code: string, lang: string): string {
  const name = lookupName('indicatorNames', code, lang) ?? ind?.name ?? code;
  return lang === 'en' || lookupName('indicatorNames', code, lang, false) ? name : `${name} (${i18n.t('content.inEnglish')})`;
}

/** A short name for table headers and bar labels; falls back to the full name. */
export function indicatorShortLabel(ind: Pick<IndicatorMeta, 'code' | 'name'> | undefined, code: string, lang: string): string {
  return lookupName('indicatorShort', code, lang) ?? indicatorLabel(ind, code, lang);
}

export function unitLabel(ind: Pick<IndicatorMeta, 'code' | 'unit'> | undefined, lang: string): string | null {
  if (!ind) return null;
  return lookupName('indicatorUnits', ind.code, lang) ?? ind.unit ?? null;
}

export function topicLabel(topic: string | null | undefined, lang: string): string {
  if (!topic) return '';
  return lookupName('topics', topic, lang) ?? topic;
}
