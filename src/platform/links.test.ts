import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLinkServer, type LinkServer } from '../../test/support/link-server.js';
import { checkLink, checkLinks } from './links.js';

const clock = () => new Date('2025-06-01T00:00:00Z');

describe('link checker against a local server', () => {
  let s: LinkServer;
  beforeAll(async () => {
    s = await startLinkServer();
  });
  afterAll(() => s.close());

  it('records a 200, a 404, a redirect (with where it led), a timeout and a server that refuses HEAD', async () => {
    const o = { fetch, clock, timeoutMs: 300 };
    expect(await checkLink(`${s.base}/ok`, o)).toEqual({ url: `${s.base}/ok`, status: 200, ok: true, final_url: null, error: null, checked_at: '2025-06-01T00:00:00.000Z' });
    expect(await checkLink(`${s.base}/missing`, o)).toMatchObject({ status: 404, ok: false, error: 'HTTP 404' });
    expect(await checkLink(`${s.base}/moved`, o)).toMatchObject({ status: 200, ok: true, final_url: `${s.base}/ok` });
    expect(await checkLink(`${s.base}/slow`, o)).toMatchObject({ status: null, ok: false, error: 'timeout after 300 ms' });
    expect(await checkLink(`${s.base}/no-head`, o)).toMatchObject({ status: 200, ok: true });
    expect(s.hits).toContain('GET /no-head');
    expect(await checkLink('http://127.0.0.1:9/closed', o)).toMatchObject({ status: null, ok: false, error: expect.stringMatching(/^network error/) });
  });

  it('visits each URL once, never more than `concurrency` at a time, and reports progress to the end', async () => {
    s.hits.length = 0;
    const urls = [...Array(12)].map((_, i) => `${s.base}/ok?${i % 6}`);
    let inFlight = 0;
    let most = 0;
    const counting: typeof fetch = async (input, init) => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    const progress: number[] = [];
    const results = await checkLinks([...urls, '', 'mailto:x@y.z'], { fetch: counting, clock, concurrency: 2, timeoutMs: 2000, onProgress: (done, total) => progress.push(done * 100 + total) });
    expect(results).toHaveLength(6);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(most).toBeLessThanOrEqual(2);
    expect(most).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)).toBe(606);
    expect(s.hits.filter((h) => h.startsWith('HEAD'))).toHaveLength(6);
  });
});
