import { describe, expect, it } from 'vitest';
import { splitSourceUrl } from './source-url';

describe('splitSourceUrl', () => {
  it('links the address and keeps the words a record adds after it as text', () => {
    expect(splitSourceUrl('https://library.kiwix.org (Wikipedia: Agreement_on_Government_Procurement, 2018 snapshot)')).toEqual({
      href: 'https://library.kiwix.org',
      note: '(Wikipedia: Agreement_on_Government_Procurement, 2018 snapshot)',
    });
  });
  it('links a plain address as it is', () => {
    expect(splitSourceUrl('https://data.worldbank.org/indicator/IT.NET.USER.ZS')).toEqual({ href: 'https://data.worldbank.org/indicator/IT.NET.USER.ZS', note: null });
  });
  it('does not link what is no web address', () => {
    expect(splitSourceUrl('compiled from public pages')).toEqual({ href: null, note: 'compiled from public pages' });
    expect(splitSourceUrl('javascript:alert(1)')).toEqual({ href: null, note: 'javascript:alert(1)' });
  });
});
