import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { checkKnown, closestKnown, countryList, decodeNext, encodeNext, pageControls, timeRange, yearBounds } from './grammar.js';

function issues(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.success ? [] : result.error!.issues.map((i) => i.message);
}

describe('country=', () => {
  it('splits on ~, upper-cases, trims and removes repeats (order kept)', () => {
    expect(countryList.parse('ARG~BRA~CHN')).toEqual(['ARG', 'BRA', 'CHN']);
    expect(countryList.parse('per~ chl ~PER')).toEqual(['PER', 'CHL']);
    expect(countryList.parse('MEX')).toEqual(['MEX']);
  });

  it('ignores empty items between separators', () => {
    expect(countryList.parse('ARG~~BRA~')).toEqual(['ARG', 'BRA']);
  });

  it('rejects a code that is not ISO alpha-3, naming it', () => {
    for (const bad of ['PE', 'PERU', 'P3R', 'ARG~PE', 'ARG,BRA']) {
      const r = countryList.safeParse(bad);
      expect(r.success, bad).toBe(false);
      expect(issues(r).join(' '), bad).toMatch(/is not an ISO 3166 alpha-3 code/);
    }
    expect(issues(countryList.safeParse('ARG~PE'))[0]).toContain('"PE"');
  });
});

describe('time=', () => {
  it('a year range', () => {
    expect(timeRange.parse('2015..2023')).toEqual({ from: '2015', to: '2023' });
  });

  it('a month range', () => {
    expect(timeRange.parse('2019-01..2024-12')).toEqual({ from: '2019-01', to: '2024-12' });
  });

  it('a single year or month means from = to', () => {
    expect(timeRange.parse('2020')).toEqual({ from: '2020', to: '2020' });
    expect(timeRange.parse('2020-06')).toEqual({ from: '2020-06', to: '2020-06' });
  });

  it('either end may be open', () => {
    expect(timeRange.parse('2015..')).toEqual({ from: '2015', to: null });
    expect(timeRange.parse('..2020')).toEqual({ from: null, to: '2020' });
  });

  it('the same year at both ends is a valid range', () => {
    expect(timeRange.parse('2020..2020')).toEqual({ from: '2020', to: '2020' });
  });

  it('a reversed range is an error that says so', () => {
    const r = timeRange.safeParse('2020..2010');
    expect(r.success).toBe(false);
    expect(issues(r)[0]).toMatch(/starts \(2020\) after it ends \(2010\)/);
    expect(timeRange.safeParse('2024-12..2019-01').success).toBe(false);
  });

  it('rejects what is not a year or month', () => {
    for (const bad of ['20', '2019-13', '2019-00', '2019-1', '19..20', 'abc', '2015..2016..2017', '2015...2016', '2015-2016']) {
      expect(timeRange.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('yearBounds: annual bounds of a range (2019-01 counts as 2019), open ends as null', () => {
    expect(yearBounds(timeRange.parse('2019-01..2024-12'))).toEqual({ from: 2019, to: 2024 });
    expect(yearBounds(timeRange.parse('2015..'))).toEqual({ from: 2015, to: null });
    expect(yearBounds(timeRange.parse('..2020'))).toEqual({ from: null, to: 2020 });
    expect(yearBounds(undefined)).toEqual({ from: null, to: null });
  });
});

describe('_size, _next, _sort', () => {
  it('_size takes a whole number or "max"', () => {
    expect(pageControls.parse({ _size: '10' })._size).toBe('10');
    expect(pageControls.parse({ _size: 'max' })._size).toBe('max');
    for (const bad of ['abc', '-1', '1.5', '10 ', 'MAX']) expect(pageControls.safeParse({ _size: bad }).success, bad).toBe(false);
  });

  it('_sort takes a column, optionally preceded by -', () => {
    expect(pageControls.parse({ _sort: '-value' })._sort).toBe('-value');
    expect(pageControls.parse({ _sort: 'IT.NET.USER.ZS.value' })._sort).toBe('IT.NET.USER.ZS.value');
    for (const bad of ['--value', 'value;drop', 'a b', '']) expect(pageControls.safeParse({ _sort: bad }).success, bad).toBe(false);
  });

  it('_next only takes URL-safe tokens', () => {
    expect(pageControls.safeParse({ _next: encodeNext(10) }).success).toBe(true);
    expect(pageControls.safeParse({ _next: 'a/b+c=' }).success).toBe(false);
  });

  it('encodeNext/decodeNext round-trip offsets', () => {
    for (const o of [0, 1, 25, 999, 1_000_000]) {
      const token = encodeNext(o);
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeNext(token)).toBe(o);
    }
  });

  it('the token is opaque: it is not the bare offset', () => {
    expect(encodeNext(50)).not.toBe('50');
  });

  it('decodeNext returns null for garbage and for tokens it did not give', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const bad of ['garbage', '', '!!!', b64('{"o":-1}'), b64('{"o":1.5}'), b64('{"o":"3"}'), b64('{}'), b64('null'), b64('[1]'), b64('42')]) {
      expect(decodeNext(bad), bad).toBeNull();
    }
  });
});

describe('checkKnown: unknown codes are errors', () => {
  const economies = ['ARG', 'BRA', 'CHL', 'PER'];
  it('passes known values (any case) and absent parameters', () => {
    expect(() => checkKnown('country', ['ARG', 'per'], economies)).not.toThrow();
    expect(() => checkKnown('country', undefined, economies)).not.toThrow();
    expect(() => checkKnown('country', [], economies)).not.toThrow();
  });
  it('is a 400 naming the parameter and each unknown value, with the closest known value when near', () => {
    let err: ApiError | undefined;
    try {
      checkKnown('country', ['ARG', 'ARN', 'ZZZ'], economies, { what: 'economy' });
    } catch (e) {
      err = e as ApiError;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect(err!.status).toBe(400);
    expect(err!.errors).toEqual(['country: "ARN" is not a known economy (did you mean "ARG"?)', 'country: "ZZZ" is not a known economy']);
    expect(err!.message).toContain('country: "ZZZ"');
  });
  it('takes a matcher (e.g. text contained in a category) and suggests from the known list', () => {
    const categories = ['fashion', 'electronics'];
    expect(() => checkKnown('category', 'fash', categories, { matches: (g, k) => k.includes(g) })).not.toThrow();
    expect(() => checkKnown('category', 'electronix', categories, { what: 'category', matches: (g, k) => k.includes(g) })).toThrow('did you mean "electronics"?');
  });
  it('closestKnown needs one edit in three characters at most', () => {
    expect(closestKnown('mercadolibr', ['mercadolibre', 'amazon'])).toBe('mercadolibre');
    expect(closestKnown('XYZ', ['ARG'])).toBeNull();
  });
});
