import { Kysely, sql } from 'kysely';
import { readDataVersion } from '../data-version.js';
import { createPostgresDialect } from './dialect.js';

// Hot standbys (PostgreSQL streaming replication) that serve anonymous reads (issue #18).
//
// A standby may only answer for a data version it has replayed: every committed write appends a
// row to puente_data_changes, so a standby's count of those rows is the version of the data it
// holds. Each standby is polled (its version, whether it answers, its replay lag); a read asks for
// a standby holding at least the version this server has seen, else it goes to the primary. So a
// server never answers from data older than a version it has seen — and a user's own write, which
// this server sees at once, is read back from the primary until a standby has replayed it.

export interface ReplicaStatus {
  /** The standby's URL without its password. */
  url: string;
  reachable: boolean;
  /** The data version it has replayed; null until it first answered. */
  version: number | null;
  /** Seconds since the last transaction it replayed was committed on the primary (null: none replayed, or unreachable). */
  replay_lag_s: number | null;
  /** Whether reads go to it now. */
  serving: boolean;
  error: string | null;
}

export interface ReplicaOptions {
  queryTimeoutMs?: number;
  /** How often each standby is asked for its version (PUENTE_REPLICA_POLL_MS). */
  pollMs?: number;
  onError?: (err: Error) => void;
}

interface Replica {
  url: string;
  /** The answers' reads ("puente-read" in pg_stat_activity). */
  kysely: Kysely<any>;
  /** The polls, on a connection of their own ("puente-poll"). */
  poller: Kysely<any>;
  reachable: boolean;
  version: number | null;
  instance: string | null;
  lagS: number | null;
  error: string | null;
}

export class ReadReplicas {
  private readonly replicas: Replica[];
  private timer: NodeJS.Timeout | null = null;
  private next = 0;
  private polling: Promise<void> | null = null;

  constructor(
    urls: string[],
    private readonly options: ReplicaOptions = {},
  ) {
    const onError = options.onError ?? (() => {});
    const open = (url: string, max: number, applicationName: string) => {
      const { dialect, pool } = createPostgresDialect({ connectionString: url, queryTimeoutMs: options.queryTimeoutMs, max, applicationName });
      pool.on('error', onError);
      pool.on('connect', (client) => client.on('error', onError));
      return new Kysely<any>({ dialect });
    };
    this.replicas = urls.map((url) => ({
      url: redact(url),
      kysely: open(url, 10, 'puente-read'),
      poller: open(url, 1, 'puente-poll'),
      reachable: false,
      version: null,
      instance: null,
      lagS: null,
      error: null,
    }));
  }

  get size(): number {
    return this.replicas.length;
  }

  /** Polls now and then every pollMs (unref'd: it never keeps the process alive). */
  async start(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.options.pollMs ?? 500);
    this.timer.unref();
  }

  /** Asks every standby for its version and lag (one poll at a time). */
  poll(): Promise<void> {
    if (!this.polling) {
      this.polling = Promise.all(this.replicas.map((r) => this.pollOne(r))).then(() => {
        this.polling = null;
      });
    }
    return this.polling;
  }

  private async pollOne(r: Replica): Promise<void> {
    try {
      const v = await readDataVersion(r.poller);
      const { rows } = await sql<{ lag: number | string | null }>`select extract(epoch from now() - pg_last_xact_replay_timestamp()) as lag`.execute(r.poller);
      r.version = v.version;
      r.instance = v.instance;
      r.lagS = rows[0]?.lag == null ? null : Number(rows[0].lag);
      r.reachable = true;
      r.error = null;
    } catch (err) {
      r.reachable = false;
      r.error = (err as Error).message.split('\n')[0].slice(0, 200);
    }
  }

  // The bound on lag is the data version itself: a standby that has not replayed every write this
  // server has seen is skipped until it has (stricter than any bound in seconds, which an idle
  // primary would make meaningless: its last replayed transaction grows old without any lag).
  private eligible(r: Replica, instance: string, version: number): boolean {
    return r.reachable && r.version != null && r.instance === instance && r.version >= version;
  }

  /**
   * A standby holding at least `version` of database `instance` (round robin among them), or
   * null: read from the primary.
   */
  pick(instance: string, version: number): Kysely<any> | null {
    const n = this.replicas.length;
    for (let i = 0; i < n; i++) {
      const r = this.replicas[(this.next + i) % n];
      if (this.eligible(r, instance, version)) {
        this.next = (this.next + i + 1) % n;
        return r.kysely;
      }
    }
    return null;
  }

  status(instance: string | null, version: number | null): ReplicaStatus[] {
    return this.replicas.map((r) => ({
      url: r.url,
      reachable: r.reachable,
      version: r.version,
      replay_lag_s: r.lagS == null ? null : Math.round(r.lagS * 1000) / 1000,
      serving: instance != null && version != null && this.eligible(r, instance, version),
      error: r.error,
    }));
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.replicas.flatMap((r) => [r.kysely.destroy().catch(() => {}), r.poller.destroy().catch(() => {})]));
  }
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}
