import { describe, expect, it } from 'vitest';
import {
  buildParams,
  formatWeights,
  parseIsoList,
  parseWeights,
  parseYearRange,
  patchParams,
  toQueryString,
} from './query-string';

describe('query-string', () => {
  it('keeps the grammar readable', () => {
    const p = buildParams({ weights: 'IT.NET.USER.ZS:1~LP.LPI.OVRL.XQ:2', country: ['ARG', 'BRA'], time: '2010..2023' });
    expect(toQueryString(p)).toBe('?weights=IT.NET.USER.ZS:1~LP.LPI.OVRL.XQ:2&country=ARG~BRA&time=2010..2023');
  });
  it('removes empty values when patching', () => {
    const p = patchParams(new URLSearchParams('a=1&b=2'), { a: null, b: [], c: 'x' });
    expect(toQueryString(p)).toBe('?c=x');
  });
  it('parses lists and ranges', () => {
    expect(parseIsoList('chl~MEX~bad1~MEX')).toEqual(['CHL', 'MEX']);
    expect(parseYearRange('2023..2010')).toEqual({ from: 2010, to: 2023 });
    expect(parseYearRange('2015..')).toEqual({ from: 2015, to: null });
    expect(parseYearRange('nonsense')).toEqual({ from: null, to: null });
  });
  it('round-trips weights', () => {
    const ws = parseWeights('IT.NET.USER.ZS:1~FINDEX.fin26b:0.5~X');
    expect(ws).toEqual([
      { code: 'IT.NET.USER.ZS', weight: 1 },
      { code: 'FINDEX.fin26b', weight: 0.5 },
      { code: 'X', weight: 1 },
    ]);
    expect(formatWeights(ws)).toBe('IT.NET.USER.ZS:1~FINDEX.fin26b:0.5~X:1');
  });
});
