import { describe, expect, it } from 'vitest';
import { withoutLocalPaths } from './provenance.js';

describe('withoutLocalPaths: a source shows the file\'s name, not the server\'s folders', () => {
  it.each([
    ['imported from /work/shared/data/indicators/wdi.csv', 'imported from wdi.csv'],
    ['websites imported from /tmp/a folder/registry.csv', 'websites imported from registry.csv'],
    ['source date: 2024; imported from C:\\Users\\me\\data\\t.csv', 'source date: 2024; imported from t.csv'],
    ['imported from ../shared/data/x.csv and document_links.json', 'imported from x.csv and document_links.json'],
    ['imported from ~/data/x.csv', 'imported from x.csv'],
    ['file:///home/u/x.csv', 'x.csv'],
    ['see https://unctad.org/page/a/b.html and /home/u/a.csv', 'see https://unctad.org/page/a/b.html and a.csv'],
  ])('%s', (given, shown) => {
    expect(withoutLocalPaths(given)).toBe(shown);
  });
  it('leaves text without paths alone', () => {
    for (const t of ['Ley 1.2 del 2020', 'ratio 1/2.5', 'https://a.org/x.csv', 'imported from wdi.csv']) expect(withoutLocalPaths(t)).toBe(t);
    expect(withoutLocalPaths(null)).toBeNull();
  });
});
