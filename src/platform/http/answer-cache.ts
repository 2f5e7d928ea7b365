import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { LRUCache } from 'lru-cache';
import pLimit, { type LimitFunction } from 'p-limit';
import type { DataVersions } from '../db/data-version.js';
import { ApiError } from './errors.js';

type Encoding = 'br' | 'gzip';
const compressors: Record<Encoding, (body: Uint8Array) => Promise<Uint8Array>> = {
  // Each answer is compressed once per data version, so a good ratio is worth a little time.
  br: (body) => promisify(brotliCompress)(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 7, [zlib.BROTLI_PARAM_SIZE_HINT]: body.byteLength } }),
  gzip: (body) => promisify(gzip)(body, { level: 6 }),
};
/** Below this size compression gains less than its headers and CPU cost. */
const MIN_COMPRESS_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|.*\+json|javascript|xml))/i;

/** A rendered answer: the handler's status, headers and bytes, and its compressed forms once asked. */
export interface Answer {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
  encoded: Partial<Record<Encoding, Uint8Array>>;
  encoding?: Partial<Record<Encoding, Promise<Uint8Array>>>;
}

/** An answer that is shared with the requests that waited for it, but not kept (an error). */
class Uncached extends Error {
  constructor(readonly answer: Answer) {
    super('not cached');
  }
}

export interface AnswerCacheOptions {
  versions: DataVersions;
  /** Memory for answers, bytes (PUENTE_CACHE_MB). */
  maxBytes: number;
  /** Answers computed at once (PUENTE_MAX_CONCURRENT_QUERIES). */
  concurrency: number;
  /** Answers waiting for a turn (PUENTE_QUERY_QUEUE); beyond it 503. */
  queue: number;
  /** Cache-Control max-age (PUENTE_HTTP_MAX_AGE_S). */
  maxAgeS: number;
  /** Goes into every ETag: another release may render the same data otherwise. */
  release: string;
  clock: () => Date;
  /** Answers computed again after the version changes, the most asked first (PUENTE_CACHE_WARM). */
  warm?: number;
}

/** Marks the cache's own requests when it warms (they are not demand). */
const WARM_HEADER = 'x-puente-warm';
/** Distinct requests whose demand is counted per version (beyond it new ones are not counted). */
const MAX_DEMAND = 4096;

interface Fill {
  compute(): Promise<Answer>;
}

/**
 * Rendered answers of the public read routes, computed once per data version.
 *
 * Key: the data version (database instance + count of committed writes), the UTC day (some
 * answers are "in force today"), the format (JSON or a twin) and the normalised request (path,
 * query parameters sorted). An answer of an older version is never served: its key cannot be
 * asked any more, and the LRU drops it when memory is needed. Identical requests arriving
 * together wait for one computation (lru-cache's fetch coalesces them); computations are limited
 * to `concurrency` at once with `queue` waiting, and a request finding the queue full is told
 * 503 with Retry-After instead of piling up.
 *
 * HTTP: a weak ETag derived from the key (so a revalidation is answered 304 without computing
 * anything), Cache-Control public with a short max-age and must-revalidate, Vary: Accept-Encoding;
 * brotli or gzip negotiated, compressed once and kept beside the answer.
 */
export class AnswerCache {
  private readonly lru: LRUCache<string, Answer, Fill>;
  private readonly limit: LimitFunction;
  /** Computations run so far (tests check coalescing with it). */
  computed = 0;
  /** How often each request (format, path and canonical query) was asked since the last change. */
  private demand = new Map<string, number>();
  private fetcher: ((format: string, pathAndQuery: string, headers: Record<string, string>) => Promise<Response>) | null = null;
  private warmTimer: NodeJS.Timeout | null = null;
  /** Bumped by every change: a warm-up of an older change stops. */
  private round = 0;
  /** Answers the last warm-ups asked for (tests and health read it). */
  warmed = 0;
  /** The running warm-up, if any (tests await it). */
  warming: Promise<void> | null = null;

  constructor(private readonly options: AnswerCacheOptions) {
    const maxSize = Math.max(1, Math.floor(options.maxBytes));
    this.lru = new LRUCache<string, Answer, Fill>({
      maxSize,
      // One answer may not take more than a quarter of the budget (a huge download is computed, not kept).
      maxEntrySize: Math.max(1, Math.floor(maxSize / 4)),
      sizeCalculation: (a, key) => Math.max(1, key.length + a.body.byteLength + (a.encoded.br?.byteLength ?? 0) + (a.encoded.gzip?.byteLength ?? 0) + 200),
      ignoreFetchAbort: true,
      fetchMethod: async (_key, _stale, { context }) => {
        const answer = await context.compute();
        if (answer.status !== 200) throw new Uncached(answer);
        return answer;
      },
    });
    this.limit = pLimit(options.concurrency);
    if ((options.warm ?? 0) > 0) options.versions.onChange(() => this.changed());
  }

  /**
   * How the cache asks the app for an answer when it warms up (the app's own fetch, in process):
   * the format (json or a twin) and the route's path and query. Until it is set nothing is warmed.
   */
  warmWith(fetcher: (format: string, pathAndQuery: string, headers: Record<string, string>) => Promise<Response>): void {
    this.fetcher = fetcher;
  }

  /**
   * The data version may have changed: shortly after (a burst of commits is one change), ask again
   * for the answers most in demand since the last change, one at a time, so that they are ready
   * when the crowd asks. A request arriving meanwhile shares the computation (the LRU's fetch).
   */
  private changed(): void {
    this.round++;
    if (!this.fetcher || this.warmTimer) return;
    this.warmTimer = setTimeout(() => {
      this.warmTimer = null;
      const top = [...this.demand].sort((a, b) => b[1] - a[1]).slice(0, this.options.warm ?? 0);
      // Popular answers stay popular for a while: their demand carries over, halved.
      this.demand = new Map(top.map(([url, hits]) => [url, Math.floor(hits / 2)]));
      if (!top.length) return;
      const round = this.round;
      const run = async () => {
        for (const [demand] of top) {
          if (round !== this.round) return;
          const bar = demand.indexOf('|');
          try {
            const res = await this.fetcher!(demand.slice(0, bar), demand.slice(bar + 1), { [WARM_HEADER]: '1' });
            await res.arrayBuffer();
            this.warmed++;
          } catch {
            // The database is closing, or the route now refuses the request: nothing to warm.
          }
        }
      };
      const warming: Promise<void> = run().finally(() => {
        if (this.warming === warming) this.warming = null;
      });
      this.warming = warming;
    }, 50);
    this.warmTimer.unref?.();
  }

  /** Resolves when no warm-up is due or running (tests). */
  async idle(): Promise<void> {
    while (this.warmTimer || this.warming) await (this.warming ?? new Promise((r) => setTimeout(r, 10)));
  }

  private count(url: string): void {
    const hits = this.demand.get(url);
    if (hits !== undefined) this.demand.set(url, hits + 1);
    else if (this.demand.size < MAX_DEMAND) this.demand.set(url, 1);
  }

  /** Answers cached now and the bytes they hold. */
  stats(): { entries: number; bytes: number; running: number; waiting: number } {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize, running: this.limit.activeCount, waiting: this.limit.pendingCount };
  }

  /** The middleware of a cacheable route: `format` names the twin being asked (json, csv, ...). */
  middleware(format: (c: Context<any>) => string): MiddlewareHandler<any> {
    return async (c, next) => {
      // A database whose writes are not recorded (opened without migrations): answers are computed each time.
      if (!this.options.versions.armed) return next();
      const { instance, version } = await this.options.versions.current();
      // The handler may read from a standby that holds at least this version (Api.data).
      c.set('dataVersion', { instance, version });
      const day = this.options.clock().toISOString().slice(0, 10);
      const request = `${format(c)}|${c.req.path}?${canonicalQuery(new URL(c.req.url))}`;
      const key = `${instance}.${version}.${day}|${request}`;
      const demanded = (this.options.warm ?? 0) > 0 && !c.req.header(WARM_HEADER);
      const etag = `W/"${createHash('sha256').update(`${this.options.release}|${key}`).digest('base64url').slice(0, 27)}"`;
      const common: Record<string, string> = {
        ETag: etag,
        'Cache-Control': `public, max-age=${this.options.maxAgeS}, must-revalidate`,
        Vary: 'Accept-Encoding',
        'X-Puente-Data-Version': String(version),
      };
      if (matches(c.req.header('if-none-match'), etag)) {
        if (demanded) this.count(request);
        c.res = new Response(null, { status: 304, headers: common });
        return;
      }

      let answer: Answer;
      try {
        answer = (await this.lru.fetch(key, {
          context: {
            compute: () => {
              if (this.limit.activeCount + this.limit.pendingCount >= this.options.concurrency + this.options.queue) {
                throw new ApiError(503, `The server is busy (${this.limit.activeCount} answers being computed, ${this.limit.pendingCount} waiting); retry in a moment`);
              }
              return this.limit(async () => {
                this.computed++;
                await next();
                return capture(c.res);
              });
            },
          },
        }))!;
      } catch (err) {
        if (err instanceof Uncached) {
          c.res = toResponse(err.answer, undefined, {});
          return;
        }
        if (err instanceof ApiError && err.status === 503) c.header('Retry-After', '1');
        throw err;
      }

      // Only answers that are kept are worth warming (an error is computed each time).
      if (demanded) this.count(request);
      const encoding = this.negotiate(answer, c.req.header('accept-encoding'));
      const body = encoding ? await this.encode(key, answer, encoding) : answer.body;
      c.res = toResponse(answer, encoding, common, body);
    };
  }

  private negotiate(answer: Answer, accepted: string | undefined): Encoding | undefined {
    if (!accepted || answer.body.byteLength < MIN_COMPRESS_BYTES) return undefined;
    const type = answer.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
    if (!COMPRESSIBLE.test(type)) return undefined;
    const q = qualities(accepted);
    const of = (e: Encoding) => q.get(e) ?? q.get('*') ?? 0;
    if (of('br') > 0 && of('br') >= of('gzip')) return 'br';
    if (of('gzip') > 0) return 'gzip';
    return undefined;
  }

  /** The answer's compressed bytes, made once and kept with it (the LRU re-weighs the entry). */
  private async encode(key: string, answer: Answer, encoding: Encoding): Promise<Uint8Array> {
    const done = answer.encoded[encoding];
    if (done) return done;
    answer.encoding ??= {};
    let pending = answer.encoding[encoding];
    if (!pending) {
      pending = compressors[encoding](answer.body).then((bytes) => {
        answer.encoded[encoding] = bytes;
        delete answer.encoding![encoding];
        // Still the cached answer: store it again (a copy sharing the same forms: lru-cache weighs
        // an entry when a different value is set) so that its size counts the new bytes.
        const cached = this.lru.peek(key);
        if (cached && cached.encoded === answer.encoded) this.lru.set(key, { ...cached });
        return bytes;
      });
      answer.encoding[encoding] = pending;
    }
    return pending;
  }
}

async function capture(res: Response): Promise<Answer> {
  const body = new Uint8Array(await res.arrayBuffer());
  const headers: [string, string][] = [];
  res.headers.forEach((v, k) => {
    if (k !== 'content-length') headers.push([k, v]);
  });
  return { status: res.status, headers, body, encoded: {} };
}

function toResponse(answer: Answer, encoding: Encoding | undefined, common: Record<string, string>, body: Uint8Array = answer.body): Response {
  const headers = new Headers(answer.headers);
  for (const [k, v] of Object.entries(common)) headers.set(k, v);
  if (encoding) headers.set('Content-Encoding', encoding);
  headers.set('Content-Length', String(body.byteLength));
  return new Response(body.byteLength ? (body as unknown as BodyInit) : null, { status: answer.status, headers });
}

/** The query with its parameters in one order: ?b=1&a=2 and ?a=2&b=1 are one answer. */
export function canonicalQuery(url: URL): string {
  const pairs = [...url.searchParams];
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return new URLSearchParams(pairs).toString();
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

/** Accept-Encoding as encoding -> q ("gzip;q=0.5, br" -> gzip 0.5, br 1). */
function qualities(header: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/i.exec(p)).find(Boolean);
    out.set(name.trim().toLowerCase(), q ? Number(q[1]) : 1);
  }
  return out;
}
