// Pure helpers for the readiness page: current weights (URL over API defaults), row order, and
// the per-component fields of a row.
import type { ReadinessComponent, ReadinessRow } from '../../api';
import { parseWeights, type Weight } from '../../lib/query-string';

export const DEFAULT_COMPONENTS = ['IT.NET.USER.ZS', 'FINDEX.account_t_d', 'IT.NET.SECR.P6', 'LP.LPI.OVRL.XQ', 'FINDEX.fin26b'];

/** The weights the controls show: the URL's if given, else what the API says it used. */
export function currentWeights(urlWeights: string | null, components: readonly ReadinessComponent[] | undefined): Weight[] {
  const fromUrl = parseWeights(urlWeights);
  if (fromUrl.length) return fromUrl;
  if (components?.length) return components.map((c) => ({ code: c.code, weight: c.weight }));
  return DEFAULT_COMPONENTS.map((code) => ({ code, weight: 1 }));
}

export function setWeight(ws: readonly Weight[], code: string, weight: number): Weight[] {
  const w = Math.max(0, Math.min(10, Number.isFinite(weight) ? weight : 0));
  return ws.map((x) => (x.code === code ? { ...x, weight: w } : x));
}

/** Scored countries by rank, then the unscored ones (alphabetically by code). */
export function orderRows(rows: readonly ReadinessRow[]): ReadinessRow[] {
  const scored = rows.filter((r) => r.score !== null && r.score !== undefined).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const unscored = rows.filter((r) => r.score === null || r.score === undefined).sort((a, b) => a.iso3.localeCompare(b.iso3));
  return [...scored, ...unscored];
}

export interface ComponentCell {
  value: number | null;
  year: number | null;
  norm: number | null;
}

function num(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

export function componentCell(row: ReadinessRow, code: string): ComponentCell {
  return { value: num(row[`${code}.value`]), year: num(row[`${code}.year`]), norm: num(row[`${code}.norm`]) };
}

export interface ParsedReason {
  missing: number;
  of: number;
  codes: string[];
}

/** The API explains a missing score as "missing 2 of 5 components: A, B"; parse it to translate it. */
export function parseReason(reason: string | null | undefined): ParsedReason | null {
  const m = /^missing (\d+) of (\d+) components?: (.+)$/.exec(reason ?? '');
  if (!m) return null;
  return { missing: Number(m[1]), of: Number(m[2]), codes: m[3].split(/,\s*/).filter(Boolean) };
}

/** `log=` for the API: the codes to log-scale, or "none". */
export function formatLog(codes: readonly string[]): string {
  return codes.length ? codes.join('~') : 'none';
}
