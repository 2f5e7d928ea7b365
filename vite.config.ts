// Build and dev server for the web app (web/). The API server (src/server.ts) serves dist/web
// with an SPA fallback; in development Vite proxies /api to it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import BeastiesModule from 'beasties';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

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

export default defineConfig({
  root: here('./web'),
  publicDir: here('./web/public'),
  plugins: [react(), inlineStylesheet(here('./dist/web'))],
  build: {
    outDir: here('./dist/web'),
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
