import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../../../../test/support/csv.js';
import { freshDatabase } from '../../../../test/support/engines.js';
import { loadConfig } from '../../../platform/config.js';
import { silentLog } from '../../../platform/log.js';
import type { AppContext } from '../../../platform/module.js';
import { modules } from '../../../modules.js';
import { createApp } from '../../../server.js';
import { sourcesOf } from '../store.js';
import { STRI_DATAFLOW } from './schema.js';
import { listStriValues } from './store.js';
import { buildStriUrl, fetchOecdStri, OecdStriError, syncOecdStri, type OecdStriOptions, type OecdStriProgress } from './sync.js';

// The fixtures and the data file are read in place; expected counts come from them.
const FIXTURES = fileURLToPath(new URL('../../../../../shared/fixtures/oecd-sdmx/', import.meta.url));
const DATA = fileURLToPath(new URL('../../../../../shared/data/regulation/oecd-digital-stri/digital_stri_2020_2024.csv', import.meta.url));
const fixture = (name: string) => readFileSync(FIXTURES + name, 'utf8');
const CSV_FIXTURES = readdirSync(FIXTURES).filter((f) => f.endsWith('.csv')).sort();
const BASE = 'https://sdmx.oecd.org/public/rest';
const NOW = new Date('2026-02-01T08:00:00Z');

// Every FEALAC member (the fixtures hold 31 of them); the list is only a filter here.
const MEMBERS = [
  'ARG', 'AUS', 'BOL', 'BRA', 'BRN', 'CHL', 'CHN', 'COL', 'CRI', 'CUB', 'DOM', 'ECU', 'GTM', 'HND', 'IDN', 'JPN', 'KHM', 'KOR',
  'LAO', 'MEX', 'MMR', 'MNG', 'MYS', 'NIC', 'NZL', 'PAN', 'PER', 'PHL', 'PRY', 'SGP', 'SLV', 'SUR', 'THA', 'URY', 'VEN', 'VNM',
];

type Reply = { status?: number; body?: string; headers?: Record<string, string> } | Error | 'hang';

/** A fetch answering `body` by default and `script[n]` for the n-th call (0-based); records URLs. */
function fakeFetch(body: string, script: Record<number, Reply> = {}) {
  const calls: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const n = calls.push(String(input)) - 1;
    const reply = script[n];
    if (reply instanceof Error) throw reply;
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) => {
        const signal = init?.signal;
        if (!signal) return; // would hang forever: the connector must pass a signal
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    if (reply) return new Response(reply.body ?? '', { status: reply.status ?? 200, headers: reply.headers });
    return new Response(body, { status: 200, headers: { 'content-type': 'application/vnd.sdmx.data+csv; charset=utf-8' } });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const options = (patch: Partial<OecdStriOptions> & Pick<OecdStriOptions, 'fetch'>): OecdStriOptions => ({
  baseUrl: BASE,
  countries: MEMBERS,
  from: 2020,
  sleep: async () => {},
  ...patch,
});

const key = (o: { iso3: string; year: number; measure: string }) => `${o.iso3}|${o.year}|${o.measure}`;

describe('fixtures (premises of the tests below)', () => {
  it('are the three files the README lists', () => {
    expect(CSV_FIXTURES).toEqual(['digital-stri-fealac.csv', 'digital-stri-two-economies.csv', 'empty.csv']);
  });
});

describe('buildStriUrl', () => {
  it('asks for the Digital STRI dataflow as SDMX-CSV from a start year', () => {
    expect(buildStriUrl(`${BASE}/`, 2020)).toBe(`${BASE}/data/${STRI_DATAFLOW}/A.......?startPeriod=2020&format=csv`);
    expect(buildStriUrl(BASE, 2020, 2022)).toBe(`${BASE}/data/${STRI_DATAFLOW}/A.......?startPeriod=2020&endPeriod=2022&format=csv`);
    expect(buildStriUrl(BASE)).toBe(`${BASE}/data/${STRI_DATAFLOW}/A.......?format=csv`);
  });
});

describe('fetchOecdStri against every fixture', () => {
  for (const name of CSV_FIXTURES) {
    it(`${name}: every observation of a FEALAC member, value for value`, async () => {
      const rows = csvRecords(fixture(name));
      const { fetch, calls } = fakeFetch(fixture(name));
      const result = await fetchOecdStri(options({ fetch }));
      expect(calls).toEqual([buildStriUrl(BASE, 2020)]);
      expect(result.rows).toBe(rows.length);
      expect(result.observations).toHaveLength(rows.filter((r) => MEMBERS.includes(r.REF_AREA)).length);
      const got = new Map(result.observations.map((o) => [key(o), o.value]));
      for (const r of rows) expect(got.get(`${r.REF_AREA}|${r.TIME_PERIOD}|${r.MEASURE}`)).toBe(Number(r.OBS_VALUE));
    });
  }

  it('the full pull equals the shared data file, value for value', async () => {
    const { fetch } = fakeFetch(fixture('digital-stri-fealac.csv'));
    const result = await fetchOecdStri(options({ fetch }));
    const file = csvRecords(readFileSync(DATA, 'utf8'));
    expect(result.observations).toHaveLength(file.length);
    const got = new Map(result.observations.map((o) => [key(o), o.value]));
    for (const r of file) expect(got.get(`${r.iso3}|${r.year}|${r.measure_code}`)).toBe(Number(r.value));
  });

  it('the filtered query holds Chile and Peru only', async () => {
    const { fetch } = fakeFetch(fixture('digital-stri-two-economies.csv'));
    const result = await fetchOecdStri(options({ fetch }));
    expect([...new Set(result.observations.map((o) => o.iso3))].sort()).toEqual(['CHL', 'PER']);
  });

  it('keeps only the economies asked for', async () => {
    const { fetch } = fakeFetch(fixture('digital-stri-fealac.csv'));
    const result = await fetchOecdStri(options({ fetch, countries: ['PER'] }));
    const rows = csvRecords(fixture('digital-stri-fealac.csv'));
    expect(result.observations).toHaveLength(rows.filter((r) => r.REF_AREA === 'PER').length);
    expect(result.ignored).toBe(rows.length - result.observations.length);
  });

  it('reads columns by name: reordered columns, extra columns and "code: label" cells give the same observations', async () => {
    const plain = await fetchOecdStri(options({ fetch: fakeFetch(fixture('digital-stri-two-economies.csv')).fetch }));
    const rows = csvRecords(fixture('digital-stri-two-economies.csv'));
    const labelled = [
      'OBS_VALUE,TIME_PERIOD: Time period,MEASURE: Measure,REF_AREA: Reference area,OBS_STATUS,DATAFLOW',
      ...rows.map((r) => `${r.OBS_VALUE},${r.TIME_PERIOD},"${r.MEASURE}: some label",${r.REF_AREA}: ${r.REF_AREA === 'CHL' ? 'Chile' : 'Peru'},A,"${r.DATAFLOW}"`),
    ].join('\r\n');
    const relabelled = await fetchOecdStri(options({ fetch: fakeFetch('\uFEFF' + labelled).fetch }));
    expect(relabelled.observations).toEqual(plain.observations);
  });

  it('skips an empty OBS_VALUE (unknown is not zero)', async () => {
    const text = fixture('digital-stri-two-economies.csv').replace(/,PER,A,CLAS1_9,(.*),2020,0\r?\n/, ',PER,A,CLAS1_9,$1,2020,\n');
    expect(text).not.toBe(fixture('digital-stri-two-economies.csv'));
    // One contribution missing makes PER 2020 incomplete: refused, never filled with 0.
    const err = await fetchOecdStri(options({ fetch: fakeFetch(text).fetch })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OecdStriError);
    expect((err as Error).message).toMatch(/PER 2020 lacks CLAS1_9/);
  });

  it('reports progress: the request, then what it read', async () => {
    const events: OecdStriProgress[] = [];
    await fetchOecdStri(options({ fetch: fakeFetch(fixture('digital-stri-two-economies.csv')).fetch, retries: 2, onProgress: (p) => events.push(p) }));
    expect(events).toEqual([
      { phase: 'request', attempt: 1, attempts: 3 },
      { phase: 'parsed', attempt: 0, attempts: 0, observations: 60 },
    ]);
  });
});

describe('fetchOecdStri: empty results and errors', () => {
  const good = fixture('digital-stri-two-economies.csv');

  it('an empty result (header only, or 404 NoResultsFound) is no observations, not an error', async () => {
    expect((await fetchOecdStri(options({ fetch: fakeFetch(fixture('empty.csv')).fetch }))).observations).toEqual([]);
    const { fetch, calls } = fakeFetch(good, { 0: { status: 404, body: 'NoResultsFound' } });
    expect((await fetchOecdStri(options({ fetch }))).observations).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('retries HTTP 500 with exponential backoff, then succeeds', async () => {
    const { fetch, calls } = fakeFetch(good, { 0: { status: 500 }, 1: { status: 503 } });
    const { sleep, waits } = recordingSleep();
    const events: OecdStriProgress[] = [];
    const result = await fetchOecdStri(options({ fetch, sleep, onProgress: (p) => events.push(p) }));
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([1000, 2000]);
    expect(result.observations).toHaveLength(60);
    expect(events.filter((e) => e.phase === 'retry').map((e) => e.reason)).toEqual(['HTTP 500', 'HTTP 503']);
  });

  it('retries HTTP 429 and honours Retry-After when it is longer than the backoff', async () => {
    const { fetch, calls } = fakeFetch(good, { 0: { status: 429, headers: { 'retry-after': '9' } } });
    const { sleep, waits } = recordingSleep();
    await fetchOecdStri(options({ fetch, sleep }));
    expect(calls).toHaveLength(2);
    expect(waits).toEqual([9000]);
  });

  it('retries network errors', async () => {
    const { fetch, calls } = fakeFetch(good, { 0: new TypeError('fetch failed') });
    expect((await fetchOecdStri(options({ fetch }))).observations).toHaveLength(60);
    expect(calls).toHaveLength(2);
  });

  it('gives up after 1 + retries timed-out attempts, naming the URL', async () => {
    const { fetch, calls } = fakeFetch(good, { 0: 'hang', 1: 'hang', 2: 'hang' });
    const { sleep, waits } = recordingSleep();
    const err = await fetchOecdStri(options({ fetch, sleep, timeoutMs: 5, retries: 2 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OecdStriError);
    expect((err as Error).message).toMatch(/after 3 attempts: timed out after 5 ms/);
    expect((err as OecdStriError).url).toBe(calls[0]);
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([1000, 2000]);
  });

  it('gives up on a 500 that does not go away', async () => {
    const { fetch, calls } = fakeFetch(good, { 0: { status: 500 }, 1: { status: 500 } });
    const err = await fetchOecdStri(options({ fetch, retries: 1 })).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/after 2 attempts: HTTP 500/);
    expect(calls).toHaveLength(2);
  });

  it('does not retry a 400', async () => {
    const { fetch, calls } = fakeFetch(good, { 0: { status: 400, body: 'Semantic error' } });
    const err = await fetchOecdStri(options({ fetch })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OecdStriError);
    expect((err as Error).message).toMatch(/HTTP 400: Semantic error/);
    expect(calls).toHaveLength(1);
  });

  const [header, ...lines] = good.trimEnd().split(/\r?\n/);
  const malformed: Array<[string, string, RegExp]> = [
    ['an unterminated quote', [header, ...lines.slice(0, 3), `"${lines[3]}`].join('\n'), /malformed SDMX-CSV: .*(quote|Quote)/],
    ['a row with too many fields', [header, lines[0], `${lines[1]},extra`].join('\n'), /malformed SDMX-CSV: .*(record|column)/i],
    ['a body that is not SDMX-CSV', '<html><body>Service maintenance</body></html>', /not SDMX-CSV of the Digital STRI: no column REF_AREA, MEASURE, TIME_PERIOD, OBS_VALUE/],
    ['a value that is not a number', [header, ...lines.map((l, i) => (i === 4 ? l.replace(/,[^,]*$/, ',n/a') : l))].join('\n'), /line 6: column OBS_VALUE: "n\/a" is not a number/],
    ['a year that is not a year', [header, ...lines.map((l, i) => (i === 0 ? l.replace(/,2020,/, ',2020-Q1,') : l))].join('\n'), /line 2: column TIME_PERIOD: "2020-Q1" is not a year/],
    ['contributions that do not add up', [header, ...lines.map((l, i) => (i === 0 ? l.replace(/,0$/, ',0.5') : l))].join('\n'), /line \d+: OBS_VALUE: CHL 2020: the five area contributions add up to/],
  ];
  for (const [what, body, message] of malformed) {
    it(`refuses ${what}, without retrying`, async () => {
      const { fetch, calls } = fakeFetch(body);
      const err = await fetchOecdStri(options({ fetch })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OecdStriError);
      expect((err as Error).message).toMatch(message);
      expect(calls).toHaveLength(1);
    });
  }

  it('rejects bad options before any request', async () => {
    const { fetch, calls } = fakeFetch(good);
    await expect(fetchOecdStri(options({ fetch, baseUrl: 'sdmx.oecd.org' }))).rejects.toThrow(RangeError);
    await expect(fetchOecdStri(options({ fetch, from: 2024, to: 2020 }))).rejects.toThrow(/after/);
    await expect(fetchOecdStri(options({ fetch, retries: -1 }))).rejects.toThrow(/retries/);
    expect(calls).toHaveLength(0);
  });
});

describe('syncOecdStri and the admin API (DuckDB)', () => {
  let ctx: AppContext;
  // Each test sets the fake the context's fetch answers from.
  let current = fakeFetch(fixture('digital-stri-fealac.csv'));
  const TOKEN = 'a'.repeat(24);

  beforeAll(async () => {
    const db = await freshDatabase('duckdb');
    for (const m of modules) await m.seed?.(db.kysely, { clock: () => NOW });
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => current.fetch(input, init)) as typeof globalThis.fetch;
    ctx = { db, config: loadConfig({ PUENTE_LOG_LEVEL: 'silent' }), log: silentLog, clock: () => NOW, fetch };
  });
  afterAll(async () => {
    await ctx?.db.close();
  });

  it('writes every value with its source record; the members not covered stay without a row', async () => {
    current = fakeFetch(fixture('digital-stri-fealac.csv'));
    const rows = csvRecords(fixture('digital-stri-fealac.csv'));
    const report = await syncOecdStri(ctx);
    const economies = new Set(rows.map((r) => r.REF_AREA));
    expect(report).toMatchObject({ observations: rows.length, economies: economies.size, years: [2020, 2021, 2022, 2023, 2024] });
    expect(report.not_covered).toEqual(MEMBERS.filter((m) => !economies.has(m)));
    const values = await listStriValues(ctx.db.kysely);
    expect(values).toHaveLength(rows.length);
    const [source] = await sourcesOf(ctx.db.kysely, values.map((v) => v.source_id));
    expect(source).toMatchObject({ publisher: 'OECD', url: buildStriUrl(BASE, 2020), retrieved_at: NOW.toISOString(), synthetic: false });
    expect(source.license).toMatch(/OECD Terms and Conditions/);
  });

  it('an empty result writes nothing and keeps the values held', async () => {
    current = fakeFetch(fixture('empty.csv'));
    const report = await syncOecdStri(ctx);
    expect(report.observations).toBe(0);
    expect(report.message).toMatch(/kept/);
    expect(await listStriValues(ctx.db.kysely)).toHaveLength(csvRecords(fixture('digital-stri-fealac.csv')).length);
  });

  it('a failed sync writes nothing', async () => {
    const before = await listStriValues(ctx.db.kysely);
    current = fakeFetch('', { 0: { status: 500 }, 1: { status: 429 }, 2: { status: 500 }, 3: { status: 500 } });
    const failed = await syncOecdStri(ctx, { sleep: async () => {} }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(OecdStriError);
    expect(current.calls).toHaveLength(4);
    expect(await listStriValues(ctx.db.kysely)).toEqual(before);
  });

  it("runs through the running server's admin API: token first, then the sync; an upstream failure is a 502 without a stack", async () => {
    const app = createApp(ctx, { adminToken: TOKEN });
    const post = (payload: unknown, token = TOKEN) =>
      app.fetch(new Request('http://puente.test/api/-/admin/sync', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(payload) }));

    current = fakeFetch(fixture('digital-stri-two-economies.csv'));
    const refused = await post({ source: 'oecd-stri' }, 'wrong-token-wrong-token');
    expect(refused.status).toBe(401);
    expect(current.calls).toHaveLength(0);

    const res = await post({ source: 'oecd-stri', from: 2021 });
    const json = (await res.json()) as { ok: boolean; report: { observations: number; economies: number } };
    expect(res.status).toBe(200);
    expect(current.calls).toEqual([buildStriUrl(BASE, 2021)]);
    expect(json.report).toMatchObject({ observations: csvRecords(fixture('digital-stri-two-economies.csv')).length, economies: 2 });

    // A failure that is not retried (so the test does not wait out a real backoff).
    current = fakeFetch('', { 0: { status: 400, body: 'Semantic error: bad key' } });
    const bad = await post({ source: 'oecd-stri' });
    const badBody = await bad.json();
    expect(bad.status).toBe(502);
    expect(badBody).toMatchObject({ ok: false, status: 502 });
    expect(badBody.error).toMatch(/OECD SDMX API: HTTP 400: Semantic error: bad key/);
    expect(JSON.stringify(badBody)).not.toMatch(/\.ts:\d+|\/work\//);
  });
});
