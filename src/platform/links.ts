import type { Kysely } from 'kysely';
import pLimit from 'p-limit';

// Link checking (`puente check links`): every stored URL a module names is visited with bounded
// concurrency and a timeout per request; the last result per URL is kept in `link_checks`
// (migration 0013) so that pages can show a broken link as broken. The modules name the URLs;
// the platform knows none of them.

export interface LinkCheck {
  url: string;
  /** HTTP status of the answer (after redirects); null when none came (timeout, network error). */
  status: number | null;
  ok: boolean;
  /** Where redirects led, when they led elsewhere. */
  final_url: string | null;
  error: string | null;
  checked_at: string;
}

export interface CheckOptions {
  fetch: typeof fetch;
  clock: () => Date;
  concurrency: number;
  timeoutMs: number;
  /** Called after each URL (done of total). */
  onProgress?: (done: number, total: number, url: string) => void;
}

const USER_AGENT = 'Puente link checker (checks that the public pages the observatory cites still answer)';

/** One URL: HEAD first (cheap); a server that refuses HEAD (405, 501, 403) gets a GET. */
export async function checkLink(url: string, o: Pick<CheckOptions, 'fetch' | 'clock' | 'timeoutMs'>): Promise<LinkCheck> {
  const at = () => o.clock().toISOString();
  const attempt = async (method: 'HEAD' | 'GET') => {
    const res = await o.fetch(url, { method, redirect: 'follow', signal: AbortSignal.timeout(o.timeoutMs), headers: { 'user-agent': USER_AGENT } });
    // The body is not needed: free the connection.
    await res.body?.cancel().catch(() => {});
    return res;
  };
  try {
    let res = await attempt('HEAD');
    if (res.status === 405 || res.status === 501 || res.status === 403) res = await attempt('GET');
    const final = res.url && res.url !== url ? res.url : null;
    return { url, status: res.status, ok: res.ok, final_url: final, error: res.ok ? null : `HTTP ${res.status}`, checked_at: at() };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
    const error = timedOut ? `timeout after ${o.timeoutMs} ms` : `network error: ${e.cause?.code ?? e.cause?.message ?? e.message}`;
    return { url, status: null, ok: false, final_url: null, error, checked_at: at() };
  }
}

/** Every URL once (duplicates and blanks dropped), at most `concurrency` at a time. */
export async function checkLinks(urls: string[], o: CheckOptions): Promise<LinkCheck[]> {
  const unique = [...new Set(urls.map((u) => u.trim()).filter((u) => /^https?:\/\//i.test(u)))];
  const limit = pLimit(Math.max(1, o.concurrency));
  let done = 0;
  return Promise.all(
    unique.map((url) =>
      limit(async () => {
        const result = await checkLink(url, o);
        o.onProgress?.(++done, unique.length, url);
        return result;
      }),
    ),
  );
}

export async function recordLinkChecks(db: Kysely<any>, checks: LinkCheck[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const c of checks) {
      await tx
        .insertInto('link_checks')
        .values(c)
        .onConflict((oc) => oc.column('url').doUpdateSet({ status: c.status, ok: c.ok, final_url: c.final_url, error: c.error, checked_at: c.checked_at }))
        .execute();
    }
  });
}

/** The last check of each given URL that has one. */
export async function linkStatuses(db: Kysely<any>, urls: (string | null)[]): Promise<Map<string, LinkCheck>> {
  const wanted = [...new Set(urls.filter((u): u is string => !!u))];
  const out = new Map<string, LinkCheck>();
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db.selectFrom('link_checks').selectAll().where('url', 'in', wanted.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.url as string, { ...(r as LinkCheck), ok: Boolean(r.ok) });
  }
  return out;
}
