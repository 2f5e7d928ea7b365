// Pure helpers shared by the regulation pages: the simulator's `edit=` grammar, framework
// lookups and number formats. Unknown stays null all the way to the screen.
import type { RegFramework, RegIndicator, RegPillar } from '../../api';
import { formatNumber, isNumber } from '../../lib/format';

/** `12.5:c~6.1:b` -> Map(12.5 -> c, 6.1 -> b). Bad parts are dropped; the last edit of an indicator wins. */
export function parseEdits(v: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (v ?? '').split('~')) {
    const m = /^(\d{1,2}(?:\.\d{1,2}){1,2}):([A-Za-z0-9_.-]+)$/.exec(part.trim());
    if (m) out.set(m[1], shortCategory(m[1], m[2]));
  }
  return out;
}

/** In framework order when a framework is given, so the same scenario gives the same URL. */
export function formatEdits(edits: ReadonlyMap<string, string>, order?: readonly string[]): string | null {
  const ids = [...edits.keys()];
  if (order) ids.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return ids.length ? ids.map((id) => `${id}:${edits.get(id)}`).join('~') : null;
}

/** `12.5.c` -> `c` (the URL's short form); a short id stays as it is. */
export function shortCategory(indicatorId: string, categoryId: string): string {
  return categoryId.startsWith(`${indicatorId}.`) ? categoryId.slice(indicatorId.length + 1) : categoryId;
}

export function fullCategory(indicatorId: string, category: string): string {
  return category.startsWith(`${indicatorId}.`) ? category : `${indicatorId}.${category}`;
}

/** Set (or, when it equals the current answer, remove) one edit. */
export function withEdit(edits: ReadonlyMap<string, string>, indicatorId: string, categoryId: string | null, current: string | null): Map<string, string> {
  const next = new Map(edits);
  if (!categoryId || categoryId === current) next.delete(indicatorId);
  else next.set(indicatorId, shortCategory(indicatorId, categoryId));
  return next;
}

export interface IndicatorRef {
  pillar: RegPillar;
  indicator: RegIndicator;
}

export function indexFramework(fw: RegFramework | undefined): Map<string, IndicatorRef> {
  const m = new Map<string, IndicatorRef>();
  for (const pillar of fw?.pillars ?? []) for (const indicator of pillar.indicators) m.set(indicator.id, { pillar, indicator });
  return m;
}

export function pickFramework(list: readonly RegFramework[] | undefined, key: string): RegFramework | undefined {
  return list?.find((f) => `${f.id}-${f.version}` === key) ?? list?.[0];
}

/** The category's criterion, or its id when the framework is not loaded. */
export function criterion(index: Map<string, IndicatorRef>, indicatorId: string, categoryId: string | null): string | null {
  if (!categoryId) return null;
  return index.get(indicatorId)?.indicator.options.find((o) => o.id === categoryId)?.criterion ?? categoryId;
}

/** Distances and scores are 0..1: three decimals read well and parse back. */
export function formatShare(v: number | null | undefined, lang: string, digits = 3): string {
  return isNumber(v) ? formatNumber(v, lang, digits) : '';
}

export function formatPercent(v: number | null | undefined, lang: string): string {
  if (!isNumber(v)) return '';
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: v > 0 && v < 0.01 ? 1 : 0 }).format(v);
}

export function formatChange(v: number | null | undefined, lang: string): string {
  if (!isNumber(v)) return '';
  return new Intl.NumberFormat(lang, { minimumFractionDigits: 3, maximumFractionDigits: 3, signDisplay: 'exceptZero' }).format(v);
}
