import { distance } from 'fastest-levenshtein';
import { z } from 'zod';
import { ApiError } from './errors.js';

// Puente's URL grammar, shared by every route (docs/api.md):
//   country=ARG~BRA~CHN   time=2015..2023 | 2019-01..2024-12 | 2020 | 2015.. | ..2020
//   _size=N|max   _next=<opaque>   _sort=col | -col

const ISO3 = /^[A-Z]{3}$/;

export const countryList = z
  .string()
  .transform((s, ctx) => {
    const codes = s
      .split('~')
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean);
    if (!codes.length) {
      ctx.addIssue({ code: 'custom', message: 'give at least one ISO3 code (e.g. country=ARG~BRA), or leave the parameter out' });
      return z.NEVER;
    }
    for (const c of codes) {
      if (!ISO3.test(c)) {
        ctx.addIssue({ code: 'custom', message: `"${c}" is not an ISO 3166 alpha-3 code (e.g. country=ARG~BRA)` });
        return z.NEVER;
      }
    }
    return [...new Set(codes)];
  })
  .describe('ISO3 codes separated by ~, e.g. ARG~BRA~CHN');

export interface TimeRange {
  from: string | null;
  to: string | null;
}

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;

export const timeRange = z
  .string()
  .transform((s, ctx): TimeRange => {
    const parts = s.includes('..') ? s.split('..') : [s, s];
    if (parts.length !== 2) {
      ctx.addIssue({ code: 'custom', message: `"${s}" is not a time range (e.g. time=2015..2023 or time=2019-01..2024-12)` });
      return z.NEVER;
    }
    const [from, to] = parts.map((p) => p.trim() || null);
    for (const p of [from, to]) {
      if (p !== null && !PERIOD.test(p)) {
        ctx.addIssue({ code: 'custom', message: `"${p}" is not a year (YYYY) or month (YYYY-MM)` });
        return z.NEVER;
      }
    }
    // Compare as periods: 2019-06..2019 is June to December 2019, not a reversed range.
    if (from && to && (from.length === 7 ? from : `${from}-01`) > (to.length === 7 ? to : `${to}-12`)) {
      ctx.addIssue({ code: 'custom', message: `the range starts (${from}) after it ends (${to})` });
      return z.NEVER;
    }
    return { from, to };
  })
  .describe('YYYY..YYYY or YYYY-MM..YYYY-MM; either end may be left open');

/** Years of a time range, for annual data: 2019-01 counts as 2019. */
export function yearBounds(t: TimeRange | undefined): { from: number | null; to: number | null } {
  return { from: t?.from ? Number(t.from.slice(0, 4)) : null, to: t?.to ? Number(t.to.slice(0, 4)) : null };
}

export const pageControls = z.object({
  _size: z
    .string()
    .regex(/^(max|\d+)$/, 'must be a whole number or "max"')
    .optional()
    .describe('Rows per page, or "max"'),
  _next: z.string().regex(/^[A-Za-z0-9_-]+$/, 'is not a token this API gave').optional().describe('Opaque token from the previous page\'s "next"'),
  _sort: z
    .string()
    .regex(/^-?[A-Za-z0-9_.]+$/, 'must be a column name, optionally preceded by -')
    .optional()
    .describe('Column to sort by; -column for descending'),
});

export function encodeNext(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

export function decodeNext(token: string): number | null {
  try {
    const o = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')).o;
    return Number.isInteger(o) && o >= 0 ? o : null;
  } catch {
    return null;
  }
}

export interface KnownOptions {
  /** What the values are, for the message: "economy", "marketplace", "indicator". */
  what?: string;
  /** Whether a given value matches a known one (default: equal, ignoring case). */
  matches?: (given: string, known: string) => boolean;
}

/**
 * Unknown codes are errors, not silence: every given value must be one of `known`, else a 400
 * names the parameter and each unknown value, with the closest known value where one is near
 * (a typo answers "did you mean", not an empty table). Modules call it with their own codes.
 */
export function checkKnown(param: string, given: string | readonly string[] | null | undefined, known: Iterable<string>, options: KnownOptions = {}): void {
  if (given === null || given === undefined) return;
  const values = typeof given === 'string' ? [given] : given;
  if (!values.length) return;
  const list = [...new Set(known)];
  const lower = list.map((k) => k.toLowerCase());
  const matches = options.matches ?? ((g: string, k: string) => g.toLowerCase() === k.toLowerCase());
  const what = options.what ?? 'value';
  const errors: string[] = [];
  for (const value of values) {
    if (list.some((k) => matches(value, k))) continue;
    const near = closestKnown(value, list, lower);
    errors.push(`${param}: "${value}" is not a known ${what}${near ? ` (did you mean "${near}"?)` : ''}`);
  }
  if (errors.length) throw new ApiError(400, errors.join('; '), errors);
}

/** The known value nearest to `value` by edit distance, when it is near enough to be a typo. */
export function closestKnown(value: string, known: readonly string[], lower = known.map((k) => k.toLowerCase())): string | null {
  const v = value.toLowerCase();
  let best = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < lower.length; i++) {
    const d = distance(v, lower[i]);
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  // One edit in three characters (at least one): ARN -> ARG, mercadolibr -> mercadolibre.
  return best >= 0 && bestDistance <= Math.max(1, Math.floor(v.length / 3)) ? known[best] : null;
}
