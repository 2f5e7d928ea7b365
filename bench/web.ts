// npm run bench:web [-- --presets mobile,desktop --pages home,country-profile --lang en --web dist/web --url http://127.0.0.1:8080]
// Lighthouse (pinned 12.8.2) in Debian's Chromium over every page type of web/src/routes.tsx (one
// sample URL each, test/e2e/page-types.ts), mobile and desktop presets, one run each, printing
// issue #20's table (perf, a11y, best practices, SEO, LCP, TBT, CLS, transfer). Starts its own
// server over ../shared/data with the registry, the synthetic marketplace demo and the regulation
// data (as the browser tests do), serving the build in --web, unless --url names a running one.
// Not a timed test: figures go to docs/performance.md ("Web vitals") by hand, with the machine.
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Config } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { pageTypes, withLangParam } from '../test/e2e/page-types.js';
import { startTestServer } from '../test/e2e/server.js';

const { values: args } = parseArgs({
  options: {
    presets: { type: 'string', default: 'mobile,desktop' },
    pages: { type: 'string' },
    lang: { type: 'string', default: 'en' },
    web: { type: 'string', default: 'dist/web' },
    url: { type: 'string' },
  },
});

const presets = args.presets.split(',').map((p) => p.trim()) as ('mobile' | 'desktop')[];
const wanted = args.pages?.split(',').map((p) => p.trim());
const pages = pageTypes().filter((p) => !wanted || wanted.includes(p.name));

const server = args.url
  ? { url: args.url.replace(/\/$/, ''), close: async () => {} }
  : await startTestServer({ marketplaces: true, regulation: true, facilitation: true, support: true, processes: true, webRoot: resolve(args.web) });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

const score = (c: { score: number | null } | undefined) => (c?.score == null ? 'n/a' : String(Math.round(c.score * 100)));
const rows: string[] = [];
const failures: string[] = [];
// The machine may be shared: its load average goes beside the figures (TBT grows with it).
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
console.log(`Lighthouse 12.8.2, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, lang=${args.lang}, load average at start ${load()}`);
console.log('');
console.log('| page | preset | perf | a11y | best pr. | SEO | LCP | TBT | CLS | transfer |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
try {
  for (const page of pages) {
    for (const preset of presets) {
      const url = `${server.url}${withLangParam(page.path, args.lang)}`;
      const config: Config | undefined = preset === 'desktop' ? (desktopConfig as Config) : undefined;
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] }, config);
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { categories, audits, runtimeError } = result.lhr;
      if (runtimeError) failures.push(`${page.name} ${preset}: ${runtimeError.code} ${runtimeError.message}`);
      const ms = (id: string) => audits[id]?.numericValue;
      const lcp = ms('largest-contentful-paint');
      const tbt = ms('total-blocking-time');
      const cls = ms('cumulative-layout-shift');
      const bytes = ms('total-byte-weight');
      const row = [
        page.name,
        preset,
        score(categories.performance),
        score(categories.accessibility),
        score(categories['best-practices']),
        score(categories.seo),
        lcp == null ? 'n/a' : `${(lcp / 1000).toFixed(2)} s`,
        tbt == null ? 'n/a' : `${Math.round(tbt)} ms`,
        cls == null ? 'n/a' : cls.toFixed(3),
        bytes == null ? 'n/a' : `${Math.round(bytes / 1024)} KiB`,
      ];
      const line = `| ${row.join(' | ')} |`;
      rows.push(line);
      console.log(line);
      // What kept a category below 100, so the table can be acted on.
      for (const [id, cat] of Object.entries(categories)) {
        if (id === 'performance' || cat.score === 1) continue;
        const lost = cat.auditRefs.filter((r) => r.weight > 0 && audits[r.id]?.score !== null && (audits[r.id]?.score ?? 1) < 1).map((r) => r.id);
        for (const a of lost) {
          const items = ((audits[a]?.details as { items?: { node?: { snippet?: string } }[] } | undefined)?.items ?? []).slice(0, 2);
          const where = items.map((i) => i.node?.snippet).filter(Boolean).join(' ');
          failures.push(`${page.name} ${preset} ${id}: ${a}${where ? ` at ${where}` : ''}`);
        }
      }
    }
  }
} finally {
  await chrome.kill();
  await server.close();
}
console.log('');
console.log(`Load average at the end (1 / 5 / 15 min): ${load()}`);
if (failures.length) {
  console.log('');
  console.log('Audits below full score:');
  for (const f of failures) console.log(`- ${f}`);
}
