import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql, type Kysely, type DatabaseConnection, type Dialect, type Driver, type QueryResult, type TransactionSettings } from 'kysely';

/**
 * The data version: which committed state of the published data an answer was computed from.
 *
 * Every transaction that writes appends one row to `puente_data_changes` just before its COMMIT,
 * on the same connection, so the row and the data land together or not at all (imports, syncs,
 * the demo, every edit, start-up seeds: whatever writes through this database, with no module
 * doing anything). The version is the number of rows: committed states form one sequence, each
 * adds exactly one row, so two reads that count the same number saw the same data.
 *
 * Append-only rather than a counter row that every writer updates: DuckDB refuses two open
 * transactions updating the same row (an edit during an import would fail), and on PostgreSQL an
 * updated row would hold its lock for the whole of a long import.
 */
export const DATA_CHANGES_TABLE = 'puente_data_changes';

export interface DataVersion {
  /** Random per database (migration 0011): the same count on another database is another state. */
  instance: string;
  /** Committed write transactions so far. */
  version: number;
}

export interface DataVersions {
  /** Start recording changes (after migrations made the table). */
  arm(): void;
  /** Whether changes are recorded (the schema has the table): without it nothing may be cached. */
  readonly armed: boolean;
  /**
   * The current version. A write committed by this process is seen at once; one committed by
   * another process (several servers over one PostgreSQL) within `staleMs` (PUENTE_DATA_VERSION_STALE_MS).
   */
  current(): Promise<DataVersion>;
  /** The version read from the database now (health: proves the database answers). */
  fresh(): Promise<DataVersion>;
  /**
   * Called after this process committed a write, and when another process's write is announced
   * (`invalidate`): the version may have changed.
   */
  onChange(listener: () => void): () => void;
  /** Another process committed a write (PostgreSQL's NOTIFY): the next answer reads the version again. */
  invalidate(): void;
}

// Statements that only read: anything else a transaction runs marks it as a write.
const READS = /^\s*(\(\s*)*(select|show|describe|explain|pragma|set|reset|values|begin|start|commit|rollback|end|abort|savepoint|release|checkpoint|summarize|lock)\b/i;
const WITH_WRITE = /\b(insert|update|delete|merge|create|drop|alter|copy|truncate)\b/i;
// Temporary tables (staging, lookups) are a transaction's scratch space, not published data.
const SCRATCH = /^\s*(create\s+(or\s+replace\s+)?(temp|temporary)\b|drop\s+(table|view)\s+(if\s+exists\s+)?_)/i;

// Accounts (tables auth_*: the prefix is reserved for them) and the audit log are not published data: a
// sign-in or a request with a token must not make every cached answer stale. A transaction that
// changes published data is still counted by its other statements.
const UNPUBLISHED = /^\s*(insert\s+into|update|delete\s+from)\s+"?(auth_[a-z_]+|audit_log)"?[\s(]/i;

export function isWrite(query: CompiledQuery): boolean {
  switch (query.query.kind) {
    case 'SelectQueryNode':
      return false;
    case 'InsertQueryNode':
    case 'UpdateQueryNode':
    case 'DeleteQueryNode':
    case 'MergeQueryNode':
      return !UNPUBLISHED.test(query.sql);
    default: {
      const text = query.sql;
      if (SCRATCH.test(text)) return false;
      if (/^\s*with\b/i.test(text)) return WITH_WRITE.test(text);
      return !READS.test(text);
    }
  }
}

function record(): CompiledQuery {
  return CompiledQuery.raw(`insert into ${DATA_CHANGES_TABLE} (id, changed_at) values ($1, $2)`, [randomUUID(), new Date().toISOString()]);
}

class Tracker implements DataVersions {
  armed = false;
  private listeners = new Set<() => void>();
  private known: { value: DataVersion; at: number } | null = null;
  private reading: Promise<DataVersion> | null = null;
  /** Bumped by every local commit: a read that began before it is not kept. */
  private generation = 0;

  constructor(
    private readonly read: () => Promise<DataVersion>,
    private readonly staleMs: () => number,
  ) {}

  arm(): void {
    this.armed = true;
  }

  changed(): void {
    this.generation++;
    this.known = null;
    this.reading = null;
    for (const l of this.listeners) l();
  }

  invalidate(): void {
    this.generation++;
    this.known = null;
    this.reading = null;
    for (const l of this.listeners) l();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async fresh(): Promise<DataVersion> {
    const generation = this.generation;
    const at = Date.now();
    const value = await this.read();
    if (this.generation === generation) this.known = { value, at };
    return value;
  }

  async current(): Promise<DataVersion> {
    if (this.known && Date.now() - this.known.at < this.staleMs()) return this.known.value;
    // One read at a time: a crowd asking together shares it.
    if (!this.reading) {
      const generation = this.generation;
      const at = Date.now();
      const reading = this.read().then(
        (value) => {
          if (this.generation === generation) this.known = { value, at };
          if (this.reading === reading) this.reading = null;
          return value;
        },
        (err) => {
          if (this.reading === reading) this.reading = null;
          throw err;
        },
      );
      this.reading = reading;
    }
    return this.reading;
  }
}

class TrackedConnection implements DatabaseConnection {
  inTransaction = false;
  wrote = false;
  constructor(
    readonly inner: DatabaseConnection,
    private readonly tracker: Tracker,
    private readonly notify: CompiledQuery | null,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.inner.executeQuery<R>(query);
    if (this.tracker.armed && isWrite(query)) {
      if (this.inTransaction) this.wrote = true;
      else {
        // A write outside a transaction has committed already: record it right after (an
        // answer computed in between is of the newer data under the older version, never the reverse).
        await this.inner.executeQuery(record());
        if (this.notify) await this.inner.executeQuery(this.notify);
        this.tracker.changed();
      }
    }
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class TrackedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly tracker: Tracker,
    private readonly notify: CompiledQuery | null,
  ) {
    // Savepoints only where the engine's driver has them (Kysely checks for the methods).
    const { savepoint, rollbackToSavepoint, releaseSavepoint } = inner;
    if (savepoint) this.savepoint = (c, name, compile) => savepoint.call(inner, (c as TrackedConnection).inner, name, compile);
    if (rollbackToSavepoint) this.rollbackToSavepoint = (c, name, compile) => rollbackToSavepoint.call(inner, (c as TrackedConnection).inner, name, compile);
    if (releaseSavepoint) this.releaseSavepoint = (c, name, compile) => releaseSavepoint.call(inner, (c as TrackedConnection).inner, name, compile);
  }
  init(): Promise<void> {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new TrackedConnection(await this.inner.acquireConnection(), this.tracker, this.notify);
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as TrackedConnection;
    await this.inner.beginTransaction(c.inner, settings);
    c.inTransaction = true;
    c.wrote = false;
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as TrackedConnection;
    const wrote = c.wrote && this.tracker.armed;
    if (wrote) {
      await c.inner.executeQuery(record());
      // Delivered by PostgreSQL when (and only if) the transaction commits.
      if (this.notify) await c.inner.executeQuery(this.notify);
    }
    c.inTransaction = false;
    c.wrote = false;
    await this.inner.commitTransaction(c.inner);
    if (wrote) this.tracker.changed();
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as TrackedConnection;
    c.inTransaction = false;
    c.wrote = false;
    await this.inner.rollbackTransaction(c.inner);
  }
  savepoint?: Driver['savepoint'];
  rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  releaseSavepoint?: Driver['releaseSavepoint'];
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((connection as TrackedConnection).inner);
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/**
 * The engine's dialect with every write transaction recorded, and the version reader. `read` is
 * given the Kysely made over the returned dialect; `staleMs` bounds how long a version read from
 * the database is trusted before it is read again.
 */
export function trackDataVersions(
  dialect: Dialect,
  staleMs: () => number,
  /** Run after recording a write, in its transaction (PostgreSQL: NOTIFY the other servers). */
  notify: CompiledQuery | null = null,
): { dialect: Dialect; versions: DataVersions; bind(read: () => Promise<DataVersion>): void; wrap(other: Dialect): Dialect } {
  let reader: () => Promise<DataVersion> = () => Promise.reject(new Error('data version reader not bound'));
  const tracker = new Tracker(() => reader(), staleMs);
  const wrap = (inner: Dialect): Dialect => ({
    createAdapter: () => inner.createAdapter(),
    createDriver: () => new TrackedDriver(inner.createDriver(), tracker, notify),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
  });
  return {
    dialect: wrap(dialect),
    versions: tracker,
    /** Another dialect over the same database (the import's own connection), recorded by the same tracker. */
    wrap,
    bind(read) {
      reader = read;
    },
  };
}

/** Reads the version from the database (cheap: one row of puente_meta, a count of a small table). */
export async function readDataVersion(db: Kysely<any>): Promise<DataVersion> {
  const { rows } = await sql<{ instance: string | null; version: number | string }>`
    select (select value from puente_meta where key = 'instance_id') as instance,
           (select count(*) from ${sql.table(DATA_CHANGES_TABLE)}) as version`.execute(db);
  return { instance: rows[0]?.instance ?? 'unknown', version: Number(rows[0]?.version ?? 0) };
}
