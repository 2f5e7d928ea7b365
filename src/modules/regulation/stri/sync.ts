// OECD SDMX API connector for the Digital STRI (`puente sync oecd-stri`, POST /api/-/admin/sync
// with source oecd-stri): reads the dataflow as SDMX-CSV, keeps the FEALAC members, checks the
// observations as the file importer does, then writes everything in one transaction (or nothing).
//
// `fetch` and `sleep` are passed in, so tests answer from ../shared/fixtures/oecd-sdmx and
// simulate 429/5xx, timeouts and malformed bodies with no network and no real waiting.
//
// What the SDMX-CSV responses can do, and this code handles:
// - columns are read by NAME: the API may order dimensions differently, add columns, or send
//   "code: label" headers and values (format=csvfilewithlabels);
// - a query that matches nothing is HTTP 404 "NoResultsFound", or a header with no rows;
// - an empty OBS_VALUE is an unknown value: skipped, never 0.

import { parse } from 'csv-parse/sync';
import { UpstreamError } from '../../../platform/http/errors.js';
import { defaultSleep, fetchText, Retryable, snippet } from '../../../platform/ingest/fetch.js';
import { upsertSources } from '../../../platform/ingest/provenance.js';
import type { AppContext } from '../../../platform/module.js';
import { memberCodes } from '../../countries/index.js';
import { checkObservations, isMeasure } from './compute.js';
import { striSource } from './ingest.js';
import { STRI_DATAFLOW, type StriObservation } from './schema.js';
import { writeStriValues } from './store.js';

export const STRI_SYNC_LICENSE =
  'OECD Terms and Conditions (oecd.org/en/about/terms-conditions.html); CC BY 4.0 is the OECD default for data published since 2024-07-01 [verify for this dataset]';

export interface OecdStriProgress {
  phase: 'request' | 'retry' | 'parsed';
  /** 1-based attempt of the request. */
  attempt: number;
  attempts: number;
  /** Observations kept (phase parsed). */
  observations?: number;
  /** Why a retry is coming (phase retry). */
  reason?: string;
}

export interface OecdStriOptions {
  baseUrl: string;           // e.g. https://sdmx.oecd.org/public/rest
  countries: string[];       // ISO3 codes kept (the FEALAC members)
  from?: number;             // startPeriod
  to?: number;               // endPeriod
  timeoutMs?: number;        // per request, default 30000
  retries?: number;          // default 3: retries AFTER the first attempt
  fetch: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (p: OecdStriProgress) => void;
}

export interface OecdStriResult {
  url: string;
  observations: StriObservation[];
  /** Data rows in the response. */
  rows: number;
  /** Rows left out: economies outside FEALAC, other measures or frequencies, empty values. */
  ignored: number;
}

export class OecdStriError extends UpstreamError {
  constructor(message: string, readonly url: string) {
    super(message);
    this.name = 'OecdStriError';
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 3;
const BACKOFF_BASE_MS = 1000;
const REQUIRED = ['REF_AREA', 'MEASURE', 'TIME_PERIOD', 'OBS_VALUE'] as const;

/** The query of the README of the fixtures: every series, annual, from `from` (to `to`). */
export function buildStriUrl(baseUrl: string, from?: number, to?: number): string {
  const params = ['format=csv'];
  if (from !== undefined) params.unshift(`startPeriod=${from}`);
  if (to !== undefined) params.splice(from !== undefined ? 1 : 0, 0, `endPeriod=${to}`);
  return `${baseUrl.replace(/\/+$/, '')}/data/${STRI_DATAFLOW}/A.......?${params.join('&')}`;
}

/** One attempt: the body, null for "no results", a Retryable for transient failures. */
async function attempt(opts: OecdStriOptions, url: string, timeoutMs: number): Promise<string | null> {
  const { res, text } = await fetchText(opts.fetch, url, { timeoutMs, accept: 'application/vnd.sdmx.data+csv; charset=utf-8, text/csv;q=0.9' });
  if (res.status === 404 && /NoResults|No Results/i.test(text)) return null;
  if (!res.ok) throw new OecdStriError(`OECD SDMX API: HTTP ${res.status}: ${snippet(text)} (${url})`, url);
  return text.replace(/^\uFEFF/, '');
}

async function getText(opts: OecdStriOptions, url: string): Promise<string | null> {
  const retries = opts.retries ?? DEFAULT_RETRIES;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const sleep = opts.sleep ?? defaultSleep;
  for (let i = 0; ; i++) {
    opts.onProgress?.({ phase: 'request', attempt: i + 1, attempts: retries + 1 });
    try {
      return await attempt(opts, url, timeoutMs);
    } catch (e) {
      if (!(e instanceof Retryable)) throw e;
      if (i >= retries) throw new OecdStriError(`OECD SDMX API: request failed after ${i + 1} attempt${i ? 's' : ''}: ${e.message} (${url})`, url);
      opts.onProgress?.({ phase: 'retry', attempt: i + 1, attempts: retries + 1, reason: e.message });
      await sleep(Math.max(BACKOFF_BASE_MS * 2 ** i, e.retryAfterMs ?? 0));
    }
  }
}

/** "CHL: Chile" (csvfilewithlabels) -> "CHL"; "CHL" stays. */
const code = (v: unknown) => String(v ?? '').split(': ')[0].trim();

/**
 * SDMX-CSV -> observations of the wanted economies. Columns are found by name (a header may be
 * "REF_AREA: Reference area"); a value problem names its line and column.
 */
export function parseStriCsv(text: string, url: string, wanted: string[]): Omit<OecdStriResult, 'url'> & { lines: number[] } {
  const fail = (what: string): never => {
    throw new OecdStriError(`OECD SDMX API: ${what} (${url})`, url);
  };
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.split(':')[0].trim()),
      skip_empty_lines: true,
      info: true,
    }) as typeof records;
  } catch (e) {
    return fail(`malformed SDMX-CSV: ${(e as Error).message}`);
  }
  const header = text.split(/\r?\n/, 1)[0].split(',').map((h) => h.replace(/^"|"$/g, '').split(':')[0].trim());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) return fail(`the response is not SDMX-CSV of the Digital STRI: no column ${missing.join(', ')} (header: ${snippet(header.join(','))})`);

  const keep = new Set(wanted);
  const observations: StriObservation[] = [];
  const lines: number[] = [];
  let ignored = 0;
  for (const { record: r, info } of records) {
    const line = info.lines;
    const iso3 = code(r.REF_AREA).toUpperCase();
    const measure = code(r.MEASURE);
    const freq = r.FREQ === undefined ? 'A' : code(r.FREQ);
    const type = r.STRI_TYPE === undefined ? 'DIGITAL' : code(r.STRI_TYPE);
    const raw = String(r.OBS_VALUE ?? '').trim();
    if (!keep.has(iso3) || !isMeasure(measure) || freq !== 'A' || type !== 'DIGITAL' || raw === '' || raw === 'NaN') {
      ignored++;
      continue;
    }
    const period = code(r.TIME_PERIOD);
    if (!/^\d{4}$/.test(period)) fail(`line ${line}: column TIME_PERIOD: "${period}" is not a year`);
    const value = Number(raw);
    if (!Number.isFinite(value)) fail(`line ${line}: column OBS_VALUE: "${raw}" is not a number`);
    observations.push({ iso3, year: Number(period), measure, value });
    lines.push(line);
  }
  return { observations, rows: records.length, ignored, lines };
}

/** Fetch the dataflow (with retries) and return the checked observations of the wanted economies. */
export async function fetchOecdStri(opts: OecdStriOptions): Promise<OecdStriResult> {
  if (!/^https?:\/\//.test(opts.baseUrl)) throw new RangeError(`OECD SDMX: baseUrl must be an http(s) URL, got ${JSON.stringify(opts.baseUrl)}`);
  if (opts.retries !== undefined && (!Number.isInteger(opts.retries) || opts.retries < 0)) throw new RangeError(`OECD SDMX: retries must be an integer >= 0, got ${opts.retries}`);
  if (opts.from !== undefined && opts.to !== undefined && opts.from > opts.to) throw new RangeError(`OECD SDMX: from ${opts.from} is after to ${opts.to}`);
  const url = buildStriUrl(opts.baseUrl, opts.from, opts.to);
  const text = await getText(opts, url);
  if (text === null || text.trim() === '') {
    opts.onProgress?.({ phase: 'parsed', attempt: 0, attempts: 0, observations: 0 });
    return { url, observations: [], rows: 0, ignored: 0 };
  }
  const parsed = parseStriCsv(text, url, opts.countries);
  const problems = checkObservations(parsed.observations);
  if (problems.length) {
    const shown = problems.slice(0, 5).map((p) => `line ${parsed.lines[p.index]}: ${p.field === 'measure' ? 'MEASURE' : p.field === 'value' ? 'OBS_VALUE' : p.field}: ${p.message}`);
    throw new OecdStriError(`OECD SDMX API: ${problems.length} problem${problems.length > 1 ? 's' : ''} in the response: ${shown.join('; ')}${problems.length > 5 ? '; ...' : ''} (${url})`, url);
  }
  opts.onProgress?.({ phase: 'parsed', attempt: 0, attempts: 0, observations: parsed.observations.length });
  return { url, observations: parsed.observations, rows: parsed.rows, ignored: parsed.ignored };
}

export interface StriSyncOptions {
  from?: number;
  to?: number;
  onProgress?: (p: OecdStriProgress) => void;
  /** Tests: no real waiting between retries. */
  sleep?: (ms: number) => Promise<void>;
}

export interface StriSyncReport {
  url: string;
  observations: number;
  economies: number;
  years: number[];
  /** Members with no value in the response: not covered by the OECD Digital STRI. */
  not_covered: string[];
  ignored: number;
  message: string;
}

/** Fetch, check, then write every value or none. Offline it throws (an UpstreamError) and writes nothing. */
export async function syncOecdStri(ctx: AppContext, options: StriSyncOptions = {}): Promise<StriSyncReport> {
  const members = await memberCodes(ctx.db.kysely);
  const result = await fetchOecdStri({
    baseUrl: ctx.config.PUENTE_OECD_SDMX_URL,
    countries: members,
    from: options.from ?? 2020,
    to: options.to,
    timeoutMs: ctx.config.PUENTE_HTTP_TIMEOUT_MS,
    fetch: ctx.fetch,
    sleep: options.sleep,
    onProgress: options.onProgress,
  });
  const economies = [...new Set(result.observations.map((o) => o.iso3))].sort();
  const years = [...new Set(result.observations.map((o) => o.year))].sort((a, b) => a - b);
  const report: StriSyncReport = {
    url: result.url,
    observations: result.observations.length,
    economies: economies.length,
    years,
    not_covered: members.filter((m) => !economies.includes(m)).sort(),
    ignored: result.ignored,
    message: '',
  };
  if (!result.observations.length) {
    report.message = 'The OECD returned no Digital STRI observations for the FEALAC members; the values held were kept.';
    return report;
  }
  const now = ctx.clock().toISOString();
  await ctx.db.kysely.transaction().execute(async (tx) => {
    const source = striSource({ dataflow: STRI_DATAFLOW, license: STRI_SYNC_LICENSE, url: result.url, retrieved_at: now, imported_at: now, note: 'synced from the OECD SDMX API (SDMX-CSV)' });
    const id = [...(await upsertSources(tx, [source])).values()][0];
    await writeStriValues(tx, result.observations.map((o) => ({ ...o, source_id: id })));
  });
  report.message = `${report.observations} values for ${report.economies} economies (${years[0]}–${years[years.length - 1]}) written.`;
  return report;
}
