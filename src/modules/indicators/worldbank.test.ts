import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { buildUrl, fetchWorldBank, WorldBankError, type WorldBankOptions, type WorldBankProgress } from './worldbank.js';

// Shared fixtures are read in place, never copied into the repo.
const FIXTURES = new URL('../../../../shared/fixtures/worldbank-api/', import.meta.url);
const readFixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

const USERS = 'IT.NET.USER.ZS';
const BROADBAND = 'IT.NET.BBND.P2';
const BASE = 'https://api.worldbank.org/v2';

interface FixtureRow { countryiso3code: string; date: string; value: number | null }
const fixtureRows = (indicator: string): FixtureRow[] =>
  [1, 2].flatMap((p) => (JSON.parse(readFixture(`${indicator}.page${p}.json`)) as [unknown, FixtureRow[]])[1]);

// The fixtures cover all 36 FEALAC economies; asking for all of them keeps every row.
const ALL = [...new Set(fixtureRows(USERS).map((r) => r.countryiso3code))].sort();

function fixtureFor(url: URL): string {
  const indicator = decodeURIComponent(url.pathname.split('/indicator/')[1] ?? '');
  const page = url.searchParams.get('page');
  if (indicator === 'BAD.CODE') return 'error-invalid-indicator.json';
  if (indicator === 'EMPTY.CODE') return 'empty-result.json';
  return `${indicator}.page${page}.json`;
}

type Reply = { status?: number; body?: string; headers?: Record<string, string> } | Error | 'hang';

/**
 * A fetch that answers from the fixtures, recording every URL. `script` overrides the answer for
 * the n-th call (0-based): a status/body, a thrown network error, or a hang until aborted.
 */
function fakeFetch(script: Record<number, Reply> = {}) {
  const calls: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const n = calls.push(url) - 1;
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
    return new Response(readFixture(fixtureFor(new URL(url))), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => { waits.push(ms); } };
}

function options(patch: Partial<WorldBankOptions> & Pick<WorldBankOptions, 'fetch'>): WorldBankOptions {
  return { baseUrl: BASE, indicators: [USERS], countries: ALL, from: 2015, to: 2023, perPage: 200, sleep: async () => {}, ...patch };
}

describe('fixtures (premises of the tests below)', () => {
  it('span 2 pages, 36 economies x 9 years, with some nulls', () => {
    expect(ALL).toHaveLength(36);
    for (const ind of [USERS, BROADBAND]) {
      const rows = fixtureRows(ind);
      expect(rows).toHaveLength(324);
      expect(rows.some((r) => r.value === null)).toBe(true);
    }
  });
});

describe('buildUrl', () => {
  const o = { baseUrl: `${BASE}/`, countries: ['ARG', 'bra', 'CHN'], from: 2015, to: 2023, perPage: 500 };

  it('puts the ISO3 list, indicator, format, per_page, page and date range in the URL', () => {
    expect(buildUrl(o, USERS, 2)).toBe(
      'https://api.worldbank.org/v2/country/ARG;BRA;CHN/indicator/IT.NET.USER.ZS?format=json&per_page=500&page=2&date=2015:2023',
    );
  });

  it('defaults per_page to 1000, omits date when no range is given, and omits page for the provenance URL', () => {
    const url = buildUrl({ baseUrl: BASE, countries: ['MEX'] }, USERS);
    expect(url).toBe('https://api.worldbank.org/v2/country/MEX/indicator/IT.NET.USER.ZS?format=json&per_page=1000');
  });
});

describe('fetchWorldBank', () => {
  it('follows both pages and keeps every non-null observation, with metadata and provenance URL', async () => {
    const { fetch, calls } = fakeFetch();
    const [users, broadband] = await fetchWorldBank(options({ fetch, indicators: [USERS, BROADBAND] }));

    expect(calls).toHaveLength(4);
    expect(calls.map((u) => new URL(u).searchParams.get('page'))).toEqual(['1', '2', '1', '2']);

    const nonNull = (ind: string) => fixtureRows(ind).filter((r) => r.value !== null).length;
    expect(users.observations).toHaveLength(nonNull(USERS));
    expect(broadband.observations).toHaveLength(nonNull(BROADBAND));
    expect(nonNull(USERS)).toBe(295); // 324 rows - 29 nulls: a guard on the guard above

    expect(users.observations).toContainEqual({ iso3: 'ARG', year: 2023, value: 89.229 });
    expect(broadband.observations).toContainEqual({ iso3: 'ARG', year: 2023, value: 25.3580730689248 });
    // From page 2 as well:
    expect(users.observations).toContainEqual({ iso3: 'NZL', year: 2021, value: 95.7321 });

    expect(users).toMatchObject({
      indicator_code: USERS,
      indicator_name: 'Individuals using the Internet (% of population)',
      source_name: 'World Development Indicators',
      last_updated: '2026-07-01',
      url: `${BASE}/country/${ALL.join(';')}/indicator/${USERS}?format=json&per_page=200&date=2015:2023`,
    });
    expect(users.url).not.toMatch(/[?&]page=/);
  });

  it('skips nulls rather than turning them into zeros', async () => {
    const { fetch } = fakeFetch();
    const [users, broadband] = await fetchWorldBank(options({ fetch, indicators: [USERS, BROADBAND] }));
    const years = (s: typeof users, iso3: string) => s.observations.filter((o) => o.iso3 === iso3).map((o) => o.year).sort();
    // VEN is null 2018-2023 for internet users; KHM null 2018 and 2023; GTM broadband null 2018.
    expect(years(users, 'VEN')).toEqual([2015, 2016, 2017]);
    expect(years(users, 'KHM')).toEqual([2015, 2016, 2017, 2019, 2020, 2021, 2022]);
    expect(years(broadband, 'GTM')).not.toContain(2018);
    expect(users.observations.every((o) => typeof o.value === 'number' && Number.isFinite(o.value))).toBe(true);
  });

  it('keeps only the countries asked for, and asks for them in the URL', async () => {
    const { fetch, calls } = fakeFetch();
    const [users] = await fetchWorldBank(options({ fetch, countries: ['ARG', 'VEN'] }));
    const expected = fixtureRows(USERS).filter((r) => ['ARG', 'VEN'].includes(r.countryiso3code) && r.value !== null).length;
    expect(expected).toBe(12); // ARG 9 years + VEN 3
    expect(users.observations).toHaveLength(expected);
    expect(new Set(users.observations.map((o) => o.iso3))).toEqual(new Set(['ARG', 'VEN']));
    expect(calls[0]).toContain('/country/ARG;VEN/indicator/IT.NET.USER.ZS?');
    expect(calls[0]).toContain('per_page=200');
    expect(calls[0]).toContain('date=2015:2023');
  });

  it('reports progress page by page and indicator by indicator', async () => {
    const { fetch } = fakeFetch();
    const events: WorldBankProgress[] = [];
    await fetchWorldBank(options({ fetch, indicators: [USERS, BROADBAND], onProgress: (p) => events.push(p) }));
    expect(events).toEqual([
      { indicator: USERS, page: 1, pages: 2, indicatorIndex: 0, indicatorCount: 2 },
      { indicator: USERS, page: 2, pages: 2, indicatorIndex: 0, indicatorCount: 2 },
      { indicator: BROADBAND, page: 1, pages: 2, indicatorIndex: 1, indicatorCount: 2 },
      { indicator: BROADBAND, page: 2, pages: 2, indicatorIndex: 1, indicatorCount: 2 },
    ]);
  });

  it('turns the API error message (sent with HTTP 200) into a WorldBankError, without retrying', async () => {
    const { fetch, calls } = fakeFetch();
    const { sleep, waits } = recordingSleep();
    const err = await fetchWorldBank(options({ fetch, sleep, indicators: ['BAD.CODE'] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorldBankError);
    const e = err as WorldBankError;
    expect(e.message).toContain('Invalid value');
    expect(e.message).toContain('BAD.CODE');
    expect(e.indicator).toBe('BAD.CODE');
    expect(e.url).toContain('/indicator/BAD.CODE?');
    expect(calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('returns an empty series for the empty result, without error', async () => {
    const { fetch, calls } = fakeFetch();
    const events: WorldBankProgress[] = [];
    const [s] = await fetchWorldBank(options({ fetch, indicators: ['EMPTY.CODE'], onProgress: (p) => events.push(p) }));
    expect(s.observations).toEqual([]);
    expect(s.indicator_code).toBe('EMPTY.CODE');
    expect(s.source_name).toBeNull(); // the empty result names no source
    expect(s.last_updated).toBe('2026-07-01');
    expect(calls).toHaveLength(1);
    expect(events).toEqual([{ indicator: 'EMPTY.CODE', page: 1, pages: 0, indicatorIndex: 0, indicatorCount: 1 }]);
  });

  it('retries a 503 and then succeeds', async () => {
    const { fetch, calls } = fakeFetch({ 0: { status: 503, body: 'Service Unavailable' } });
    const { sleep, waits } = recordingSleep();
    const [users] = await fetchWorldBank(options({ fetch, sleep }));
    expect(calls).toHaveLength(3); // page 1 (503), page 1 again, page 2
    expect(calls[0]).toBe(calls[1]);
    expect(waits).toEqual([1000]);
    expect(users.observations).toHaveLength(295);
  });

  it('retries a 429 and honours Retry-After when it is longer than the backoff', async () => {
    const { fetch, calls } = fakeFetch({ 1: { status: 429, headers: { 'retry-after': '7' } } });
    const { sleep, waits } = recordingSleep();
    await fetchWorldBank(options({ fetch, sleep }));
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([7000]);
  });

  it('retries network errors with exponential backoff', async () => {
    const { fetch, calls } = fakeFetch({ 0: new TypeError('fetch failed'), 1: new TypeError('fetch failed') });
    const { sleep, waits } = recordingSleep();
    const [users] = await fetchWorldBank(options({ fetch, sleep }));
    expect(calls).toHaveLength(4);
    expect(waits).toEqual([1000, 2000]);
    expect(users.observations).toHaveLength(295);
  });

  it('gives up with a WorldBankError after 1 + retries timed-out attempts', async () => {
    const { fetch, calls } = fakeFetch({ 0: 'hang', 1: 'hang', 2: 'hang', 3: 'hang' });
    const { sleep, waits } = recordingSleep();
    const err = await fetchWorldBank(options({ fetch, sleep, timeoutMs: 5, retries: 2 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorldBankError);
    expect((err as Error).message).toMatch(/after 3 attempts: timed out after 5 ms/);
    expect(calls).toHaveLength(3); // the first attempt and 2 retries
    expect(waits).toEqual([1000, 2000]);
  });

  it('does not retry a 400', async () => {
    const { fetch, calls } = fakeFetch({ 0: { status: 400, body: 'Bad Request' } });
    const { sleep, waits } = recordingSleep();
    const err = await fetchWorldBank(options({ fetch, sleep })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorldBankError);
    expect((err as Error).message).toMatch(/HTTP 400/);
    expect(calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('rejects a non-JSON body, naming indicator and URL', async () => {
    const { fetch, calls } = fakeFetch({ 0: { body: '<?xml version="1.0"?><wb:error/>' } });
    const err = (await fetchWorldBank(options({ fetch })).catch((e: unknown) => e)) as WorldBankError;
    expect(err).toBeInstanceOf(WorldBankError);
    expect(err.message).toMatch(/not JSON/);
    expect(err.message).toContain(USERS);
    expect(err.url).toBe(calls[0]);
    expect(calls).toHaveLength(1);
  });

  describe('rejects malformed responses', () => {
    const meta = { page: 1, pages: 1, per_page: 200, total: 1, sourcename: 'WDI', lastupdated: '2026-07-01' };
    const row = (patch: object) => ({
      indicator: { id: USERS, value: 'Users' }, country: { id: 'AR', value: 'Argentina' },
      countryiso3code: 'ARG', date: '2023', value: 1, ...patch,
    });
    const cases: Array<[string, unknown, RegExp]> = [
      ['an object instead of [meta, rows]', { page: 1 }, /expected a JSON array/],
      ['rows that are not an array', [meta, { a: 1 }], /array of rows/],
      ['missing pages', [{ page: 1 }, []], /meta\.pages/],
      ['a non-integer date', [meta, [row({ date: '2023Q1' })]], /date "2023Q1" is not a year/],
      ['a non-numeric value', [meta, [row({ value: '12.5' })]], /value is "12.5"/],
      ['a row for another indicator', [meta, [row({ indicator: { id: 'SP.POP.TOTL', value: 'Pop' } })]], /indicator SP\.POP\.TOTL/],
      ['null rows on a non-empty page', [meta, null], /no rows on page 1 of 1/],
      ['the wrong page', [{ ...meta, page: 2 }, []], /asked for page 1, got page 2/],
    ];
    for (const [what, body, message] of cases) {
      it(what, async () => {
        const { fetch } = fakeFetch({ 0: { body: JSON.stringify(body) } });
        const err = await fetchWorldBank(options({ fetch })).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(WorldBankError);
        expect((err as Error).message).toMatch(message);
      });
    }

    it('accepts numeric strings in meta and a leading BOM', async () => {
      const body = '\uFEFF' + JSON.stringify([{ ...meta, page: '1', pages: '1' }, [row({})]]);
      const { fetch } = fakeFetch({ 0: { body } });
      const [s] = await fetchWorldBank(options({ fetch }));
      expect(s.observations).toEqual([{ iso3: 'ARG', year: 2023, value: 1 }]);
    });
  });

  it('rejects invalid options before any request', async () => {
    const { fetch, calls } = fakeFetch();
    await expect(fetchWorldBank(options({ fetch, countries: [] }))).rejects.toThrow(RangeError);
    await expect(fetchWorldBank(options({ fetch, from: 2015, to: undefined }))).rejects.toThrow(/together/);
    await expect(fetchWorldBank(options({ fetch, countries: ['AR'] }))).rejects.toThrow(/ISO3/);
    await expect(fetchWorldBank(options({ fetch, retries: -1 }))).rejects.toThrow(/retries/);
    expect(calls).toHaveLength(0);
  });
});
