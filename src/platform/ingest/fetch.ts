// What every connector to a public API needs around `fetch`: one attempt that tells transient
// failures (network, timeout, 429, 5xx — worth another try, with the server's Retry-After) from
// final ones, and short snippets of bodies for error messages. Each connector keeps its own
// retry loop and progress (what it reports differs).

/** The longest a server's Retry-After is honoured before retrying anyway. */
export const MAX_RETRY_AFTER_MS = 60_000;

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A failure worth another try; `retryAfterMs` when the server said how long to wait. */
export class Retryable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** The Retry-After header (seconds or an HTTP date) in ms, capped; null when absent or unreadable. */
export function retryAfter(res: Response): number | null {
  const h = res.headers.get('retry-after');
  if (h === null) return null;
  const s = Number(h);
  if (Number.isFinite(s) && s >= 0) return Math.min(s * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(h);
  return Number.isNaN(at) ? null : Math.min(Math.max(0, at - Date.now()), MAX_RETRY_AFTER_MS);
}

/** A body (or header) shortened for an error message. */
export function snippet(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 120 ? `${t.slice(0, 120)}…` : t;
}

function describeFailure(e: unknown, timeoutMs: number): string {
  if (e instanceof Error) {
    if (e.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
    if (e.name === 'AbortError') return 'aborted';
    const cause = (e as { cause?: unknown }).cause;
    return `${e.message}${cause instanceof Error ? `: ${cause.message}` : ''}`;
  }
  return String(e);
}

/**
 * One request: the response and its whole body (a body that stalls counts against the timeout).
 * Throws Retryable for network errors, timeouts, 429 and 5xx; other statuses are the caller's.
 */
export async function fetchText(fetchFn: typeof fetch, url: string, options: { timeoutMs: number; accept: string }): Promise<{ res: Response; text: string }> {
  let res: Response;
  let text: string;
  try {
    res = await fetchFn(url, { signal: AbortSignal.timeout(options.timeoutMs), headers: { accept: options.accept } });
    text = await res.text();
  } catch (e) {
    throw new Retryable(describeFailure(e, options.timeoutMs));
  }
  if (res.status === 429 || res.status >= 500) throw new Retryable(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, retryAfter(res));
  return { res, text };
}
