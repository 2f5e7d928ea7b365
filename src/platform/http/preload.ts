// Preloads in the app shell (issue #20: a page's code and first answers start with the HTML, not
// after the app's code has run). The web build writes `preload.json` beside index.html: for each
// route pattern of web/src/routes.tsx, the page's own chunks and stylesheets, and the API answers
// it asks for first (web/src/lib/first-answers.ts). When the server answers a page with the app
// shell, it matches the path as the web app's router does (react-router's `matchRoutes`, so the
// same route wins) and adds `<link rel="modulepreload">`, `<link rel="preload" as="style">` and
// `<link rel="preload" as="fetch" crossorigin>` to the head. The browser then fetches them at once,
// in parallel; the app's own `fetch` of the same URL takes the preloaded answer.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { matchRoutes } from 'react-router';
import { z } from 'zod';

export const PRELOAD_FILE = 'preload.json';

const RoutePreload = z.object({
  pattern: z.string().min(1),
  modules: z.array(z.string().regex(/^\/assets\/[\w.-]+\.js$/)),
  styles: z.array(z.string().regex(/^\/assets\/[\w.-]+\.css$/)),
  answers: z.array(z.string().startsWith('/api/')),
});
export type RoutePreload = z.infer<typeof RoutePreload>;
export const PreloadManifest = z.array(RoutePreload);

/** A value that may go into a preloaded API URL (ISO codes, ids, `~` lists, numbers, ranges). */
const SAFE_VALUE = /^[\w.~:-]{1,400}$/;

/**
 * Fills an answer template of first-answers.ts: `{name}` takes the path parameter or, failing
 * that, the query parameter `name` of the page's URL; `{name|default}` falls back to the default.
 * A value missing or outside SAFE_VALUE leaves the answer out (the page asks for it itself).
 * Values are encoded as the app's API client encodes them (encodeURIComponent).
 */
export function fillAnswer(template: string, params: Record<string, string | undefined>, search: URLSearchParams): string | null {
  let ok = true;
  const url = template.replace(/\{(\w+)(?:\|([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => {
    const value = params[name] ?? search.get(name) ?? fallback;
    if (value === undefined || value === null || !SAFE_VALUE.test(value)) {
      ok = false;
      return '';
    }
    return encodeURIComponent(value);
  });
  return ok ? url : null;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The `<link>` elements that preload what the page at `pathname?search` needs first. */
export function preloadLinks(manifest: RoutePreload[], pathname: string, search: URLSearchParams): string[] {
  const match = matchRoutes(manifest.map((r) => ({ path: r.pattern })), pathname)?.[0];
  if (!match) return [];
  const entry = manifest.find((r) => r.pattern === match.route.path);
  if (!entry) return [];
  const answers = entry.answers.map((a) => fillAnswer(a, match.params, search)).filter((a): a is string => a !== null);
  // The page's code first: nothing of the page renders before it; its answers are asked for then.
  return [
    ...entry.modules.map((href) => `<link rel="modulepreload" crossorigin href="${escapeAttr(href)}">`),
    ...entry.styles.map((href) => `<link rel="preload" as="style" crossorigin href="${escapeAttr(href)}">`),
    ...[...new Set(answers)].map((href) => `<link rel="preload" as="fetch" crossorigin href="${escapeAttr(href)}">`),
  ];
}

/** index.html with the links added at the end of its head (after its own stylesheet and script). */
export function withPreloads(html: string, links: string[]): string {
  if (links.length === 0) return html;
  const at = html.indexOf('</head>');
  return at < 0 ? html : `${html.slice(0, at)}${links.join('\n')}\n${html.slice(at)}`;
}

/**
 * Reads the build's preload.json once per change of the file. None (an older build) is no
 * preloads; a file that does not parse is reported once through `warn` (naming the file and the
 * field) and also means no preloads: the page is still served, only without its head start.
 */
export function preloadManifestReader(root: string, warn: (message: string) => void = () => {}): () => Promise<RoutePreload[]> {
  const file = join(root, PRELOAD_FILE);
  let cached: { mtime: number; manifest: RoutePreload[] } | null = null;
  return async () => {
    const mtime = await stat(file).then((s) => s.mtimeMs, () => -1);
    if (mtime < 0) return [];
    if (cached?.mtime !== mtime) {
      let manifest: RoutePreload[] = [];
      try {
        manifest = PreloadManifest.parse(JSON.parse(await readFile(file, 'utf8')));
      } catch (e) {
        const issue = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e as Error).message;
        warn(`${PRELOAD_FILE} of the web build is not valid (${issue}); pages are served without preloads`);
      }
      cached = { mtime, manifest };
    }
    return cached.manifest;
  };
}
