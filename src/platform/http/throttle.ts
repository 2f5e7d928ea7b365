import { sql, type Kysely } from 'kysely';

/** Where the counters live: one process's memory, or a table every server of a deployment shares. */
export interface ThrottleStore {
  /** The failures counted for the key and when its window ends (epoch ms); null when none. */
  get(key: string): Promise<{ count: number; until: number } | null>;
  /** Counts one failure: a new window of `windowMs` when none is open at `now`, else one more in it. */
  fail(key: string, now: number, windowMs: number): Promise<void>;
  /** Forgets windows that ended before `now`. */
  prune(now: number): Promise<void>;
}

export function memoryThrottleStore(): ThrottleStore {
  const failures = new Map<string, { count: number; until: number }>();
  return {
    async get(key) {
      return failures.get(key) ?? null;
    },
    async fail(key, now, windowMs) {
      const f = failures.get(key);
      if (!f || f.until <= now) failures.set(key, { count: 1, until: now + windowMs });
      else f.count++;
    },
    async prune(now) {
      for (const [k, v] of failures) if (v.until <= now) failures.delete(k);
    },
  };
}

/**
 * The counters in the `auth_throttle` table (migration 0020): several servers behind one proxy
 * share them, so an attacker gains nothing by spreading guesses over the servers. One upsert per
 * failure, atomic on both engines; a read per check by primary key.
 */
export function databaseThrottleStore(db: Kysely<any>): ThrottleStore {
  return {
    async get(key) {
      const r = (await db.selectFrom('auth_throttle').select(['failures', 'window_ends']).where('key', '=', key).executeTakeFirst()) as
        | { failures: number | bigint; window_ends: number | bigint | string }
        | undefined;
      return r ? { count: Number(r.failures), until: Number(r.window_ends) } : null;
    },
    async fail(key, now, windowMs) {
      const until = now + windowMs;
      // Through the query builder, so it compiles to `insert into "auth_throttle"`: account tables
      // are not published data and must not change the data version (data-version.ts).
      await db
        .insertInto('auth_throttle')
        .values({ key, failures: 1, window_ends: until })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: sql`case when auth_throttle.window_ends <= ${now} then 1 else auth_throttle.failures + 1 end`,
            window_ends: sql`case when auth_throttle.window_ends <= ${now} then ${until} else auth_throttle.window_ends end`,
          }),
        )
        .execute();
    },
    async prune(now) {
      await db.deleteFrom('auth_throttle').where('window_ends', '<=', now).execute();
    },
  };
}

const READ_TTL_MS = 1000;

/**
 * Failures (wrong tokens, wrong passwords) counted per key (a client address, an account) in a
 * fixed window: past `max` failures the key is refused (429) until its window ends. `scope` keeps
 * throttles sharing one store apart ("addr", "login").
 */
export class AuthThrottle {
  private fails = 0;
  /**
   * What the store said per key, for READ_TTL_MS of real time: a gated request costs no database
   * read when its address was read a moment ago. Failures counted here refresh it at once; those
   * counted by another server are seen within READ_TTL_MS.
   */
  private readonly read = new Map<string, { f: { count: number; until: number } | null; at: number }>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly store: ThrottleStore = memoryThrottleStore(),
    private readonly scope = 'addr',
  ) {}

  private key(k: string): string {
    return `${this.scope}:${k}`.slice(0, 300);
  }

  /** Milliseconds the key must still wait (0 = it may try). */
  async blockedFor(key: string): Promise<number> {
    const k = this.key(key);
    const seen = this.read.get(k);
    let f: { count: number; until: number } | null;
    if (seen && Date.now() - seen.at < READ_TTL_MS) f = seen.f;
    else {
      f = await this.store.get(k);
      if (this.read.size >= 10_000) this.read.clear();
      this.read.set(k, { f, at: Date.now() });
    }
    if (!f) return 0;
    const left = f.until - this.now();
    if (left <= 0) return 0;
    return f.count >= this.max ? left : 0;
  }

  async fail(key: string): Promise<void> {
    const t = this.now();
    await this.store.fail(this.key(key), t, this.windowMs);
    this.read.delete(this.key(key));
    // Bounded storage under a flood of addresses: forget ended windows now and then.
    if (++this.fails % 100 === 0) await this.store.prune(t);
  }
}
