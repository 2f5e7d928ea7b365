// /robots.txt and /sitemap.xml: real files for crawlers, not the app shell. The sitemap lists the
// pages the modules declare (PuenteModule.pages: fixed pages and one per object in the data), in
// each complete interface language, as the web app's canonical URLs (`?lang=xx`) with their
// hreflang alternates. URLs are absolute on the origin the request came to.
import { XMLBuilder } from 'fast-xml-parser';
import type { Hono } from 'hono';
import type { Env } from './api.js';

/**
 * The interface languages whose pages are complete (web/src/lib/languages.ts has them all; the
 * others fall back to English key by key, so their pages are not offered to search engines).
 */
export const SITEMAP_LANGUAGES = ['en', 'es'] as const;

/** The canonical URL of a page in a language: the web app reads `?lang=` first. */
export function pageUrl(origin: string, path: string, lang: string): string {
  return `${origin}${path}?lang=${lang}`;
}

export function renderRobots(origin: string): string {
  return ['# Puente: the pages are for everyone; the API answers and downloads are not for crawling.', 'User-agent: *', 'Allow: /', 'Disallow: /api/', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n');
}

export function renderSitemap(origin: string, paths: string[]): string {
  const unique = [...new Set(paths)];
  const url = unique.flatMap((path) =>
    SITEMAP_LANGUAGES.map((lang) => ({
      loc: pageUrl(origin, path, lang),
      'xhtml:link': [
        ...SITEMAP_LANGUAGES.map((l) => ({ '@_rel': 'alternate', '@_hreflang': l, '@_href': pageUrl(origin, path, l) })),
        { '@_rel': 'alternate', '@_hreflang': 'x-default', '@_href': `${origin}${path}` },
      ],
    })),
  );
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true });
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    urlset: { '@_xmlns': 'http://www.sitemaps.org/schemas/sitemap/0.9', '@_xmlns:xhtml': 'http://www.w3.org/1999/xhtml', url },
  });
}

/** Registers GET /robots.txt and /sitemap.xml; `pages` lists the paths (read at each request). */
export function siteRoutes(hono: Hono<Env>, pages: () => Promise<string[]>): void {
  hono.get('/robots.txt', (c) => {
    c.header('Content-Type', 'text/plain; charset=utf-8');
    return c.body(renderRobots(new URL(c.req.url).origin));
  });
  hono.get('/sitemap.xml', async (c) => {
    c.header('Content-Type', 'application/xml; charset=utf-8');
    return c.body(renderSitemap(new URL(c.req.url).origin, await pages()));
  });
}
