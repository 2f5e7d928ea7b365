// The URL is the state. These helpers read and write the API's URL grammar
// (`country=ARG~BRA`, `time=2010..2023`, `weights=CODE:1~CODE:2`) and keep query strings
// readable: `~`, `:`, `,` and `.` stay literal, so a copied link looks like the one in the docs.

export type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type QueryPatch = Record<string, QueryValue>;

const LIST_SEPARATOR = '~';

function encodePart(s: string): string {
  return encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%7E/gi, '~');
}

/** Serialise params in insertion order, skipping empty values. */
export function toQueryString(params: URLSearchParams | Iterable<[string, string]>): string {
  const parts: string[] = [];
  for (const [k, v] of params) {
    if (v === '') continue;
    parts.push(`${encodePart(k)}=${encodePart(v)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function valueToString(v: QueryValue): string | null {
  if (v === null || v === undefined || v === false) return null;
  if (Array.isArray(v)) return v.length ? v.join(LIST_SEPARATOR) : null;
  if (v === true) return 'true';
  const s = String(v);
  return s === '' ? null : s;
}

/** Apply a patch (null/undefined/empty removes a key) and return new params. */
export function patchParams(current: URLSearchParams, patch: QueryPatch): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [k, v] of Object.entries(patch)) {
    const s = valueToString(v);
    if (s === null) next.delete(k);
    else next.set(k, s);
  }
  return next;
}

/** Build params from an object, in key order, skipping empty values. */
export function buildParams(obj: QueryPatch): URLSearchParams {
  return patchParams(new URLSearchParams(), obj);
}

export function parseList(v: string | null | undefined): string[] {
  if (!v) return [];
  return v
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseIsoList(v: string | null | undefined): string[] {
  return [...new Set(parseList(v).map((s) => s.toUpperCase()).filter((s) => /^[A-Z]{3}$/.test(s)))];
}

export interface YearRange {
  from: number | null;
  to: number | null;
}

/** `2010..2023`, `2010..`, `..2023` or `2019` (a single year). Invalid input gives an open range. */
export function parseYearRange(v: string | null | undefined): YearRange {
  if (!v) return { from: null, to: null };
  const single = /^(\d{4})$/.exec(v);
  if (single) return { from: Number(single[1]), to: Number(single[1]) };
  const m = /^(\d{4})?\.\.(\d{4})?$/.exec(v);
  if (!m) return { from: null, to: null };
  let from = m[1] ? Number(m[1]) : null;
  let to = m[2] ? Number(m[2]) : null;
  if (from !== null && to !== null && from > to) [from, to] = [to, from];
  return { from, to };
}

export function formatYearRange(r: YearRange): string | null {
  if (r.from === null && r.to === null) return null;
  return `${r.from ?? ''}..${r.to ?? ''}`;
}

export function parseYear(v: string | null | undefined): number | null {
  if (!v || !/^\d{4}$/.test(v)) return null;
  return Number(v);
}

export interface Weight {
  code: string;
  weight: number;
}

/** `CODE:1~CODE:0.5`; a code without `:w` weighs 1. */
export function parseWeights(v: string | null | undefined): Weight[] {
  return parseList(v).flatMap((part) => {
    const i = part.lastIndexOf(':');
    const code = i < 0 ? part : part.slice(0, i);
    const w = i < 0 ? 1 : Number(part.slice(i + 1));
    if (!code || !Number.isFinite(w) || w < 0) return [];
    return [{ code, weight: w }];
  });
}

export function formatWeights(ws: readonly Weight[]): string {
  return ws.map((w) => `${w.code}:${Number(w.weight.toFixed(3))}`).join(LIST_SEPARATOR);
}
