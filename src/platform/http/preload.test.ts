import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fillAnswer, preloadLinks, preloadManifestReader, withPreloads, type RoutePreload } from './preload.js';

const manifest: RoutePreload[] = [
  { pattern: '/', modules: ['/assets/HomePage-a.js'], styles: [], answers: ['/api/-/health'] },
  { pattern: '/regulation/simulate', modules: ['/assets/Sim-b.js', '/assets/plot-c.js'], styles: ['/assets/regulation-d.css'], answers: ['/api/regulation/simulate?economy={economy|PER}&partners={partners|CHL~MEX~COL}'] },
  { pattern: '/regulation/:iso3', modules: ['/assets/Profile-e.js'], styles: [], answers: ['/api/regulation/economies/{iso3}', '/api/countries'] },
  { pattern: '*', modules: ['/assets/NotFound-f.js'], styles: [], answers: [] },
];

describe('preloads in the app shell', () => {
  it('fills path parameters, then query parameters, then defaults, encoded as the API client does', () => {
    const none = new URLSearchParams();
    expect(fillAnswer('/api/regulation/economies/{iso3}', { iso3: 'PER' }, none)).toBe('/api/regulation/economies/PER');
    expect(fillAnswer('/api/x?economy={economy|PER}', {}, none)).toBe('/api/x?economy=PER');
    expect(fillAnswer('/api/x?economy={economy|PER}', {}, new URLSearchParams('economy=CHL'))).toBe('/api/x?economy=CHL');
    expect(fillAnswer('/api/x?a={a}', {}, new URLSearchParams('a=2019..2024'))).toBe('/api/x?a=2019..2024');
    expect(fillAnswer('/api/x?a={a}', {}, new URLSearchParams('a=x:y'))).toBe('/api/x?a=x%3Ay');
  });

  it('leaves an answer out when its value is missing or not a plain value (never echoes markup)', () => {
    expect(fillAnswer('/api/x?economy={economy}', {}, new URLSearchParams())).toBeNull();
    expect(fillAnswer('/api/x/{id}', { id: '"><script>' }, new URLSearchParams())).toBeNull();
    expect(fillAnswer('/api/x?e={e}', {}, new URLSearchParams('e=a b'))).toBeNull();
    expect(fillAnswer('/api/x?e={e}', {}, new URLSearchParams(`e=${'A'.repeat(401)}`))).toBeNull();
  });

  it('matches a path as the web app router does (a fixed segment before a parameter, the catch-all last)', () => {
    const sim = preloadLinks(manifest, '/regulation/simulate', new URLSearchParams('economy=MEX'));
    expect(sim).toEqual([
      '<link rel="modulepreload" crossorigin href="/assets/Sim-b.js">',
      '<link rel="modulepreload" crossorigin href="/assets/plot-c.js">',
      '<link rel="preload" as="style" crossorigin href="/assets/regulation-d.css">',
      '<link rel="preload" as="fetch" crossorigin href="/api/regulation/simulate?economy=MEX&amp;partners=CHL~MEX~COL">',
    ]);
    const profile = preloadLinks(manifest, '/regulation/CHL', new URLSearchParams());
    expect(profile).toContain('<link rel="preload" as="fetch" crossorigin href="/api/regulation/economies/CHL">');
    expect(profile).toContain('<link rel="preload" as="fetch" crossorigin href="/api/countries">');
    expect(preloadLinks(manifest, '/', new URLSearchParams())).toContain('<link rel="preload" as="fetch" crossorigin href="/api/-/health">');
    expect(preloadLinks(manifest, '/no/such/page', new URLSearchParams())).toEqual(['<link rel="modulepreload" crossorigin href="/assets/NotFound-f.js">']);
    expect(preloadLinks([], '/', new URLSearchParams())).toEqual([]);
  });

  it('puts the links at the end of the head and leaves a page without links as it was', () => {
    const html = '<!doctype html><html><head><title>x</title></head><body></body></html>';
    expect(withPreloads(html, ['<link a>', '<link b>'])).toBe('<!doctype html><html><head><title>x</title><link a>\n<link b>\n</head><body></body></html>');
    expect(withPreloads(html, [])).toBe(html);
  });

  describe('preload.json of the build', () => {
    const dir = mkdtempSync(join(tmpdir(), 'puente-preload-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is read again when the build changes; none is no preloads; a bad one is reported, naming the field, and means no preloads', async () => {
      const warnings: string[] = [];
      const read = preloadManifestReader(dir, (m) => warnings.push(m));
      expect(await read()).toEqual([]);
      writeFileSync(join(dir, 'preload.json'), JSON.stringify(manifest));
      expect((await read()).map((r) => r.pattern)).toEqual(['/', '/regulation/simulate', '/regulation/:iso3', '*']);
      writeFileSync(join(dir, 'preload.json'), JSON.stringify([{ ...manifest[0], modules: ['https://elsewhere.example/x.js'] }]));
      utimesSync(join(dir, 'preload.json'), new Date(), new Date(Date.now() + 5000));
      expect(await read()).toEqual([]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/preload\.json.*0\.modules\.0/);
      expect(await read()).toEqual([]);
      expect(warnings).toHaveLength(1);
    });
  });
});
