// Build and dev server for the web app (web/). The API server (src/server.ts) serves dist/web
// with an SPA fallback; in development Vite proxies /api to it.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import BeastiesModule from 'beasties';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { FIRST_ANSWERS } from './web/src/lib/first-answers.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The app's one stylesheet (about 4 KiB compressed) goes inline into index.html, so the first
 * paint waits for no CSS request (issue #20). Beasties inlines stylesheets below the threshold;
 * the pages' own small sheets still load with their code.
 */
// beasties' types read as CommonJS under NodeNext; the ESM build Vite loads exports the class as default.
const Beasties = BeastiesModule as unknown as typeof BeastiesModule.default;

function inlineStylesheet(outDir: string): Plugin {
  return {
    name: 'puente-inline-stylesheet',
    apply: 'build',
    enforce: 'post',
    async closeBundle() {
      const file = `${outDir}/index.html`;
      const beasties = new Beasties({ path: outDir, publicPath: '/', inlineThreshold: 64 * 1024, pruneSource: false, reduceInlineStyles: false, logLevel: 'warn' });
      writeFileSync(file, await beasties.process(readFileSync(file, 'utf8')));
    },
  };
}

/**
 * `preload.json` beside index.html (issue #20): for each route pattern of web/src/routes.tsx, the
 * page's own chunks (its lazy chunk and every chunk it imports, less what index.html loads
 * anyway), its stylesheets, and the API answers it asks for first (web/src/lib/first-answers.ts).
 * The server adds them to the app shell it answers for that route (src/platform/http/preload.ts),
 * so they download with the HTML instead of after the app's code has run.
 */
function routePreloads(): Plugin {
  const routesFile = here('./web/src/routes.tsx');
  return {
    name: 'puente-route-preloads',
    apply: 'build',
    generateBundle(_options, bundle) {
      const source = readFileSync(routesFile, 'utf8');
      const entries = [...source.matchAll(/\bpath:\s*'([^']+)',\s*Component:\s*lazy\(\(\)\s*=>\s*import\('([^']+)'\)\)/g)];
      const declared = [...source.matchAll(/\bpath:\s*(['"`])([^'"`]+)\1/g)].map((m) => m[2]);
      const seen = new Set(entries.map((m) => m[1]));
      const odd = declared.filter((p) => !seen.has(p));
      if (odd.length) this.error(`web/src/routes.tsx: route(s) ${odd.join(', ')} not written as { path: '...', Component: lazy(() => import('./pages/...')) }`);
      const unknown = Object.keys(FIRST_ANSWERS).filter((p) => !seen.has(p));
      if (unknown.length) this.error(`web/src/lib/first-answers.ts: no route ${unknown.join(', ')} in web/src/routes.tsx`);
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const inShell = new Set<string>();
      for (const c of chunks.filter((c) => c.isEntry)) for (const f of [c.fileName, ...c.imports]) inShell.add(f);
      const manifest = entries.map(([, pattern, spec]) => {
        const file = resolvePath(routesFile, '..', spec);
        const page = chunks.find((c) => c.isDynamicEntry && c.facadeModuleId?.replace(/\.[jt]sx?$/, '') === file);
        if (!page) this.error(`no chunk for ${spec} (route ${pattern})`);
        const files = new Set<string>();
        const visit = (name: string) => {
          if (files.has(name) || inShell.has(name)) return;
          files.add(name);
          for (const i of byFile.get(name)?.imports ?? []) visit(i);
        };
        visit(page.fileName);
        const styles = new Set([...files].flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]));
        return { pattern, modules: [...files].map((f) => `/${f}`), styles: [...styles].map((f) => `/${f}`), answers: FIRST_ANSWERS[pattern] ?? [] };
      });
      this.emitFile({ type: 'asset', fileName: 'preload.json', source: `${JSON.stringify(manifest, null, 1)}\n` });
    },
  };
}

// Another output folder (PUENTE_WEB_OUT=dir), e.g. to compare two builds side by side with bench:web --web dir.
const outDir = process.env.PUENTE_WEB_OUT ? resolvePath(process.env.PUENTE_WEB_OUT) : here('./dist/web');

export default defineConfig({
  root: here('./web'),
  publicDir: here('./web/public'),
  plugins: [react(), routePreloads(), inlineStylesheet(outDir)],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The map topology and Plot are large but only load on the pages that draw charts.
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: {
        // Stable vendor chunks cache across app releases; Plot (+ d3) loads only with a chart.
        manualChunks(id: string) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(@observablehq\/plot|d3-|d3\/|isoformat|interval-tree-1d|binary-search-bounds)/.test(id)) return 'plot';
          if (/node_modules\/(react|react-dom|scheduler|react-router|cookie|set-cookie-parser|@tanstack\/(react-)?query|i18next|react-i18next|html-parse-stringify|use-sync-external-store)\//.test(id)) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: process.env.PUENTE_API ?? 'http://localhost:8080', changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: process.env.PUENTE_API ?? 'http://localhost:8080', changeOrigin: true },
    },
  },
});
