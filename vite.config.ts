// Build and dev server for the web app (web/). The API server (src/server.ts) serves dist/web
// with an SPA fallback; in development Vite proxies /api to it.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./web'),
  publicDir: here('./web/public'),
  plugins: [react()],
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
