import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../web/src/lib/languages.js';
import { renderRobots, renderSitemap, SITEMAP_LANGUAGES } from './site.js';

describe('robots.txt and sitemap.xml', () => {
  it('offers only interface languages the web app has', () => {
    const codes: string[] = LANGUAGES.map((l) => l.code);
    for (const l of SITEMAP_LANGUAGES) expect(codes).toContain(l);
  });

  it('robots.txt names the sitemap on the same origin and keeps crawlers off the API', () => {
    const text = renderRobots('https://puente.example');
    expect(text).toContain('Sitemap: https://puente.example/sitemap.xml');
    expect(text).toContain('Disallow: /api/');
  });

  it('lists each page once per language with its alternates, escaped, as valid XML', () => {
    const xml = renderSitemap('https://puente.example', ['/', '/countries/PER', '/marketplaces/a%26b', '/countries/PER']);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'url' || n === 'xhtml:link' }).parse(xml);
    const urls = doc.urlset.url as { loc: string; 'xhtml:link': { '@_hreflang': string; '@_href': string }[] }[];
    expect(urls.map((u) => u.loc)).toEqual(
      ['/', '/countries/PER', '/marketplaces/a%26b'].flatMap((p) => SITEMAP_LANGUAGES.map((l) => `https://puente.example${p}?lang=${l}`)),
    );
    const per = urls.find((u) => u.loc === 'https://puente.example/countries/PER?lang=es')!;
    expect(per['xhtml:link'].map((a) => [a['@_hreflang'], a['@_href']])).toEqual([
      ...SITEMAP_LANGUAGES.map((l) => [l, `https://puente.example/countries/PER?lang=${l}`]),
      ['x-default', 'https://puente.example/countries/PER'],
    ]);
  });
});
