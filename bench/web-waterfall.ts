// npm run bench:waterfall [-- --pages regulation,country-profile --web dist/web --lang en --runs 3]
// The request waterfall of a page's first view, as a visitor's browser loads it (Debian's
// Chromium, playwright-core, CDP throttling like Lighthouse's mobile preset: 150 ms RTT,
// 1.6 Mbit/s down, CPU 4× slower): when the page's code and its first API answers start and end,
// when the first and largest contentful paints happen, and the main thread's long tasks (over
// 50 ms: the blocking part is what exceeds 50 ms, Lighthouse's TBT). One line per page, the median
// of --runs. For issue #20's "start the first answers earlier"; run by hand, not timed in CI.
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pageTypes, withLangParam } from '../test/e2e/page-types.js';
import { launchBrowser, startTestServer } from '../test/e2e/server.js';

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string' },
    lang: { type: 'string', default: 'en' },
    web: { type: 'string', default: 'dist/web' },
    runs: { type: 'string', default: '3' },
    verbose: { type: 'boolean', default: false },
    // The main thread's CPU time by script file (CDP Profiler), summed over the load: where it goes.
    profile: { type: 'boolean', default: false },
  },
});
const wanted = args.pages?.split(',').map((p) => p.trim());
const pages = pageTypes().filter((p) => !wanted || wanted.includes(p.name));
const runs = Number(args.runs);

const server = await startTestServer({ marketplaces: true, regulation: true, facilitation: true, support: true, processes: true, webRoot: resolve(args.web) });
const browser = await launchBrowser();

interface Sample {
  pageJs: number;
  firstApiStart: number;
  lastApiEnd: number;
  fcp: number;
  lcp: number;
  tbt: number;
  longest: number;
  requests: string[];
  cpu: Map<string, number>;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { url: string; functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) per script file (or the engine's own work: GC, layout and paint appear as "(program)"/"(garbage collector)"). */
function selfTimeByFile(profile: CpuProfile): Map<string, number> {
  const fileOf = new Map(profile.nodes.map((n) => [n.id, n.callFrame.url ? (new URL(n.callFrame.url).pathname.split('/').pop() ?? '').replace(/-[\w-]{8}\.js$/, '.js') : n.callFrame.functionName || '(native)']));
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = fileOf.get(id) ?? '?';
    out.set(f, (out.get(f) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return out;
}

async function sample(path: string, testid: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 });
  await context.addInitScript(() => {
    const w = window as unknown as { __lcp: number; __long: number[] };
    w.__lcp = 0;
    w.__long = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__lcp = e.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__long.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  if (args.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }
  await page.goto(`${server.url}${withLangParam(path, args.lang)}`);
  await page.locator(`[data-testid="${testid}"]`).first().waitFor({ timeout: 120_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="loading"]').length === 0, undefined, { timeout: 120_000 });
  await page.waitForTimeout(500);
  const cpu = args.profile ? selfTimeByFile(((await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile) : new Map<string, number>();
  const s = await page.evaluate(() => {
    const w = window as unknown as { __lcp: number; __long: number[] };
    const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const api = res.filter((r) => new URL(r.name).pathname.startsWith('/api/'));
    const js = res.filter((r) => /\/assets\/.*Page-[^/]*\.js$/.test(r.name));
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    return {
      pageJs: js.length ? Math.min(...js.map((r) => r.startTime)) : NaN,
      firstApiStart: api.length ? Math.min(...api.map((r) => r.startTime)) : NaN,
      lastApiEnd: api.length ? Math.max(...api.map((r) => r.responseEnd)) : NaN,
      fcp,
      lcp: w.__lcp,
      tbt: w.__long.reduce((a, d) => a + Math.max(0, d - 50), 0),
      longest: w.__long.length ? Math.max(...w.__long) : 0,
      requests: res.map((r) => `${Math.round(r.startTime)}–${Math.round(r.responseEnd)} ms ${new URL(r.name).pathname}${new URL(r.name).search}`),
    };
  });
  await context.close();
  return { ...s, cpu };
}

const median = (xs: number[]) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : NaN;
};
const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)}` : 'n/a');

console.log(`waterfall of ${args.web}, median of ${runs}, lang=${args.lang}, load average at start ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
console.log('');
console.log('| page | page code starts | first API starts | last API ends | FCP | LCP | long tasks > 50 ms (sum) | longest task |');
console.log('|---|---|---|---|---|---|---|---|');
try {
  for (const p of pages) {
    const all: Sample[] = [];
    for (let i = 0; i < runs; i++) all.push(await sample(p.path, p.testid));
    const m = (k: keyof Omit<Sample, 'requests' | 'cpu'>) => ms(median(all.map((s) => s[k])));
    console.log(`| ${p.name} | ${m('pageJs')} | ${m('firstApiStart')} | ${m('lastApiEnd')} | ${m('fcp')} | ${m('lcp')} | ${m('tbt')} | ${m('longest')} |`);
    if (args.verbose) for (const r of all[0].requests) console.log(`    ${r}`);
    if (args.profile) {
      const top = [...all[0].cpu].filter(([f]) => f !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, 10);
      console.log(`    CPU self time (4× slowdown, first run): ${top.map(([f, t]) => `${f} ${Math.round(t)} ms`).join(', ')}`);
    }
  }
} finally {
  console.log(`\nload average at end ${loadavg().map((l) => l.toFixed(1)).join(' / ')}; times in ms from navigation start`);
  await browser.close();
  await server.close();
}
