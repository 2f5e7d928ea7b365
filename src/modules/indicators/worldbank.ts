// World Bank Indicators API v2 connector (https://datahelpdesk.worldbank.org/knowledgebase/articles/889392).
//
// `fetch` and `sleep` are passed in so the connector runs against the live API in production and
// against fixture files in tests, with no network and no real waiting.
//
// Quirks of the API this code exists to handle:
// - success is `[meta, rows]`; an empty result is `[meta with pages 0, null]`;
// - errors come back as HTTP 200 with `[{"message":[{"id","key","value"}]}]`;
// - some meta numbers are sometimes strings ("per_page": "50"), and some responses carry a BOM;
// - rows are kept only for the ISO3 codes asked for, so an aggregate ("LCN", "") or a code the
//   API maps differently never slips into a country table.

import { UpstreamError } from '../../platform/http/errors.js';
import { defaultSleep, fetchText, Retryable, snippet } from '../../platform/ingest/fetch.js';

export interface WorldBankProgress { indicator: string; page: number; pages: number; indicatorIndex: number; indicatorCount: number }
export interface WorldBankOptions {
  baseUrl: string;            // e.g. "https://api.worldbank.org/v2"
  indicators: string[];       // e.g. ["IT.NET.USER.ZS"]
  countries: string[];        // ISO3 codes; joined with ';' in the URL
  from?: number; to?: number; // date=from:to
  perPage?: number;           // default 1000
  timeoutMs?: number;         // per request, default 30000 (AbortSignal.timeout)
  retries?: number;           // default 3: retries AFTER the first attempt (so up to 4 requests)
  fetch: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (p: WorldBankProgress) => void;
}
export interface WorldBankSeries {
  indicator_code: string; indicator_name: string; source_name: string | null; last_updated: string | null;
  url: string;               // the request URL without the page parameter: the provenance URL
  observations: { iso3: string; year: number; value: number }[];   // nulls in the API are SKIPPED (unknown is not zero)
}

export class WorldBankError extends UpstreamError {
  constructor(message: string, readonly indicator: string, readonly url: string) {
    super(message);
    this.name = 'WorldBankError';
  }
}

const DEFAULT_PER_PAGE = 1000;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 3;
const BACKOFF_BASE_MS = 1000;

type UrlOptions = Pick<WorldBankOptions, 'baseUrl' | 'countries' | 'from' | 'to' | 'perPage'>;

/**
 * `${baseUrl}/country/ARG;BRA/indicator/CODE?format=json&per_page=..&page=..&date=from:to`.
 * Without `page` it is the provenance URL: the same query, whichever page was read.
 */
export function buildUrl(opts: UrlOptions, indicator: string, page?: number): string {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const countries = opts.countries.map((c) => encodeURIComponent(c.toUpperCase())).join(';');
  const params = [`format=json`, `per_page=${opts.perPage ?? DEFAULT_PER_PAGE}`];
  if (page !== undefined) params.push(`page=${page}`);
  if (opts.from !== undefined && opts.to !== undefined) params.push(`date=${opts.from}:${opts.to}`);
  return `${base}/country/${countries}/indicator/${encodeURIComponent(indicator)}?${params.join('&')}`;
}

function validate(opts: WorldBankOptions): void {
  if (typeof opts.baseUrl !== 'string' || !/^https?:\/\//.test(opts.baseUrl)) {
    throw new RangeError(`World Bank: baseUrl must be an http(s) URL, got ${JSON.stringify(opts.baseUrl)}`);
  }
  if (!Array.isArray(opts.countries) || opts.countries.length === 0) {
    // An empty list would make the URL ask for nothing (or, as "all", for everything).
    throw new RangeError('World Bank: at least one country is required');
  }
  for (const c of opts.countries) {
    if (typeof c !== 'string' || !/^[A-Za-z]{3}$/.test(c)) throw new RangeError(`World Bank: ${JSON.stringify(c)} is not an ISO3 code`);
  }
  for (const i of opts.indicators) {
    if (typeof i !== 'string' || !/^[A-Za-z0-9._-]+$/.test(i)) throw new RangeError(`World Bank: ${JSON.stringify(i)} is not an indicator code`);
  }
  if ((opts.from === undefined) !== (opts.to === undefined)) {
    throw new RangeError('World Bank: from and to must be given together');
  }
  if (opts.from !== undefined && opts.to !== undefined) {
    if (!Number.isInteger(opts.from) || !Number.isInteger(opts.to) || opts.from > opts.to) {
      throw new RangeError(`World Bank: date range ${opts.from}:${opts.to} must be integer years with from <= to`);
    }
  }
  if (opts.perPage !== undefined && (!Number.isInteger(opts.perPage) || opts.perPage < 1)) {
    throw new RangeError(`World Bank: perPage must be a positive integer, got ${opts.perPage}`);
  }
  if (opts.timeoutMs !== undefined && !(opts.timeoutMs > 0)) {
    throw new RangeError(`World Bank: timeoutMs must be > 0, got ${opts.timeoutMs}`);
  }
  if (opts.retries !== undefined && (!Number.isInteger(opts.retries) || opts.retries < 0)) {
    throw new RangeError(`World Bank: retries must be an integer >= 0, got ${opts.retries}`);
  }
}

/** One attempt: the parsed JSON body, or a Retryable for transient failures, or a WorldBankError. */
async function attempt(opts: WorldBankOptions, indicator: string, url: string, timeoutMs: number): Promise<unknown> {
  const { res, text } = await fetchText(opts.fetch, url, { timeoutMs, accept: 'application/json' });
  if (!res.ok) {
    throw new WorldBankError(
      `World Bank ${indicator}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}: ${snippet(text)} (${url})`,
      indicator,
      url,
    );
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new WorldBankError(`World Bank ${indicator}: response is not JSON: ${JSON.stringify(snippet(text))} (${url})`, indicator, url);
  }
}

async function getJson(opts: WorldBankOptions, indicator: string, url: string): Promise<unknown> {
  const retries = opts.retries ?? DEFAULT_RETRIES;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const sleep = opts.sleep ?? defaultSleep;
  for (let i = 0; ; i++) {
    try {
      return await attempt(opts, indicator, url, timeoutMs);
    } catch (e) {
      if (!(e instanceof Retryable)) throw e;
      if (i >= retries) {
        throw new WorldBankError(
          `World Bank ${indicator}: request failed after ${i + 1} attempt${i === 0 ? '' : 's'}: ${e.message} (${url})`,
          indicator,
          url,
        );
      }
      await sleep(Math.max(BACKOFF_BASE_MS * 2 ** i, e.retryAfterMs ?? 0));
    }
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// Meta numbers arrive as numbers or numeric strings depending on the endpoint.
function metaInt(meta: Record<string, unknown>, key: string): number | null {
  const v = meta[key];
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
}

function optionalText(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

interface Page {
  pages: number;
  sourceName: string | null;
  lastUpdated: string | null;
  rows: Record<string, unknown>[];
}

function parsePage(body: unknown, indicator: string, url: string, page: number): Page {
  const fail = (what: string): never => {
    throw new WorldBankError(`World Bank ${indicator}: ${what} (${url})`, indicator, url);
  };
  if (!Array.isArray(body) || body.length === 0) return fail('expected a JSON array [meta, rows]');
  const meta = body[0];
  if (!isRecord(meta)) return fail('expected an object as the first element (meta)');
  if (Array.isArray(meta.message)) {
    const msgs = meta.message.map((m: unknown) =>
      isRecord(m) ? `${m.id ?? '?'} ${m.key ?? ''}: ${m.value ?? ''}`.trim() : JSON.stringify(m),
    );
    return fail(`API error: ${msgs.join('; ') || 'no message'}`);
  }
  if (body.length !== 2) return fail(`expected [meta, rows], got an array of ${body.length}`);
  const pages = metaInt(meta, 'pages');
  if (pages === null) return fail(`meta.pages is missing or not a whole number: ${JSON.stringify(meta.pages)}`);
  const gotPage = metaInt(meta, 'page');
  // A different page than asked for would silently duplicate or drop rows.
  if (pages > 0 && gotPage !== page) return fail(`asked for page ${page}, got page ${JSON.stringify(meta.page)}`);
  const rows = body[1];
  if (rows === null) {
    if (pages > 0) return fail(`no rows on page ${page} of ${pages}`);
    return { pages, sourceName: optionalText(meta.sourcename), lastUpdated: optionalText(meta.lastupdated), rows: [] };
  }
  if (!Array.isArray(rows)) return fail('expected an array of rows (or null) as the second element');
  rows.forEach((r, i) => {
    if (!isRecord(r)) fail(`row ${i} of page ${page} is not an object`);
  });
  return {
    pages,
    sourceName: optionalText(meta.sourcename),
    lastUpdated: optionalText(meta.lastupdated),
    rows: rows as Record<string, unknown>[],
  };
}

/** Fetch every page of every indicator, one request at a time (the API is a shared public service). */
export async function fetchWorldBank(opts: WorldBankOptions): Promise<WorldBankSeries[]> {
  validate(opts);
  const wanted = new Set(opts.countries.map((c) => c.toUpperCase()));
  const out: WorldBankSeries[] = [];

  for (const [indicatorIndex, indicator] of opts.indicators.entries()) {
    const provenance = buildUrl(opts, indicator);
    const series: WorldBankSeries = {
      // Until a row names it, the code stands in for the name (the empty result carries none).
      indicator_code: indicator,
      indicator_name: indicator,
      source_name: null,
      last_updated: null,
      url: provenance,
      observations: [],
    };
    const seen = new Map<string, number>();
    let named = false;

    for (let page = 1, pages = 1; page <= pages; page++) {
      const url = buildUrl(opts, indicator, page);
      const parsed = parsePage(await getJson(opts, indicator, url), indicator, url, page);
      pages = parsed.pages;
      series.source_name ??= parsed.sourceName;
      series.last_updated ??= parsed.lastUpdated;

      parsed.rows.forEach((row, i) => {
        const fail = (what: string): never => {
          throw new WorldBankError(`World Bank ${indicator}: page ${page} row ${i}: ${what} (${url})`, indicator, url);
        };
        const ind = row.indicator;
        if (isRecord(ind) && typeof ind.id === 'string') {
          if (ind.id.toUpperCase() !== indicator.toUpperCase()) fail(`indicator ${ind.id}, expected ${indicator}`);
          if (!named) {
            series.indicator_code = ind.id;
            if (typeof ind.value === 'string' && ind.value !== '') series.indicator_name = ind.value;
            named = true;
          }
        }
        const iso3 = row.countryiso3code;
        if (typeof iso3 !== 'string') return fail(`countryiso3code is ${JSON.stringify(iso3)}`);
        if (!wanted.has(iso3.toUpperCase())) return;
        const value = row.value;
        if (value === null) return; // unknown is not zero
        if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`value is ${JSON.stringify(value)}`);
        const date = row.date;
        const year = typeof date === 'string' && date.trim() !== '' ? Number(date) : typeof date === 'number' ? date : NaN;
        // Monthly/quarterly series ("2023M01", "2023Q1") are not annual observations.
        if (!Number.isInteger(year)) return fail(`date ${JSON.stringify(date)} is not a year`);
        const key = `${iso3.toUpperCase()}:${year}`;
        const prior = seen.get(key);
        if (prior !== undefined) {
          // Pages can shift if the source is republished mid-sync; an identical repeat is harmless.
          if (prior !== value) fail(`${key} appears twice with values ${prior} and ${value}`);
          return;
        }
        seen.set(key, value);
        series.observations.push({ iso3: iso3.toUpperCase(), year, value });
      });

      opts.onProgress?.({ indicator, page, pages, indicatorIndex, indicatorCount: opts.indicators.length });
    }
    out.push(series);
  }
  return out;
}
