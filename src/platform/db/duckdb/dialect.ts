import { DuckDBConnection, DuckDBInstance, ResultReturnType } from '@duckdb/node-api';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresQueryCompiler,
  sql,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type SchemaMetadata,
  type TableMetadata,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { DatabaseUnavailableError } from '../faults.js';
import { normaliseRow } from '../normalise.js';

// DuckDB speaks PostgreSQL's SQL closely enough ($1 parameters, double-quoted identifiers,
// ON CONFLICT, RETURNING) that Kysely's Postgres compiler serves it; only the driver is ours.
// (The kysely-duckdb package targets the deprecated `duckdb` binding, not @duckdb/node-api.)

export interface DuckDbDialectConfig {
  instance: DuckDBInstance;
  /** Interrupt a statement that runs longer than this (DuckDB has no statement_timeout). */
  queryTimeoutMs?: number;
  inFlight?: InFlight;
}

class DuckDbAdapter extends PostgresAdapter {
  // One process owns a DuckDB file, so there is no concurrent migrator to lock out.
  override async acquireMigrationLock(_db: Kysely<any>): Promise<void> {}
  override async releaseMigrationLock(_db: Kysely<any>): Promise<void> {}
}

export class DuckDbDialect implements Dialect {
  constructor(private readonly config: DuckDbDialectConfig) {}
  createAdapter() {
    return new DuckDbAdapter();
  }
  createDriver(): Driver {
    return new DuckDbDriver(this.config);
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new DuckDbIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

/** Statements running now, so that closing waits for them: DuckDB crashes natively (segfault)
 * when a connection or the instance is closed under a running query. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private readonly connections = new Set<DuckDbConnection>();
  closing = false;

  track<T>(conn: DuckDbConnection, p: Promise<T>): Promise<T> {
    const settled = p.then(
      () => {},
      () => {},
    );
    this.running.add(settled);
    this.connections.add(conn);
    void settled.then(() => this.running.delete(settled));
    return p;
  }

  get size(): number {
    return this.running.size;
  }

  /** Waits for the running statements; after `graceMs` interrupts them and waits for them to stop. */
  async drain(graceMs: number): Promise<void> {
    this.closing = true;
    if (!this.running.size) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((res) => (timer = setTimeout(() => res('late'), graceMs)));
    const done = Promise.all([...this.running]).then(() => 'done' as const);
    if ((await Promise.race([done, late])) === 'late') for (const c of this.connections) c.raw.interrupt();
    clearTimeout(timer);
    while (this.running.size) await Promise.all([...this.running]);
  }
}

class DuckDbDriver implements Driver {
  private readonly idle: DuckDbConnection[] = [];
  private readonly all = new Set<DuckDbConnection>();
  constructor(private readonly config: DuckDbDialectConfig) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.config.inFlight?.closing) throw new DatabaseUnavailableError('the embedded database', 'the server is shutting down');
    const reused = this.idle.pop();
    if (reused) return reused;
    const conn = new DuckDbConnection(await this.config.instance.connect(), this.config.queryTimeoutMs, this.config.inFlight);
    this.all.add(conn);
    return conn;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN TRANSACTION'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
    } catch (err) {
      // A failed COMMIT (disk full, read-only folder) has already ended the transaction: the
      // ROLLBACK's "no transaction is active" would hide the real cause, which is rethrown.
      if (!/no transaction is active/i.test((err as Error).message)) throw err;
    }
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.idle.push(connection as DuckDbConnection);
  }
  async destroy(): Promise<void> {
    await this.config.inFlight?.drain(0);
    for (const conn of this.all) conn.close();
    this.all.clear();
    this.idle.length = 0;
  }
}

export class DuckDbConnection implements DatabaseConnection {
  constructor(
    readonly raw: DuckDBConnection,
    private readonly timeoutMs?: number,
    private readonly inFlight?: InFlight,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const p = this.run<R>(query);
    return this.inFlight ? this.inFlight.track(this, p) : p;
  }

  private async run<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const timer = this.timeoutMs ? setTimeout(() => this.raw.interrupt(), this.timeoutMs) : undefined;
    try {
      const params = query.parameters.map(toDuckValue);
      const reader = await this.raw.runAndReadAll(query.sql, params as never);
      if (reader.returnType === ResultReturnType.CHANGED_ROWS) {
        return { rows: [], numAffectedRows: BigInt(reader.rowsChanged) };
      }
      return { rows: reader.getRowObjectsJS().map(normaliseRow) as R[] };
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    yield await this.executeQuery<R>(query);
  }

  close(): void {
    this.raw.closeSync();
  }
}

// Kysely hands JS values; @duckdb/node-api infers a DuckDB type from each, but it cannot infer
// one for undefined or plain objects.
function toDuckValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return JSON.stringify(value);
  return value;
}

// Kysely's Postgres introspector reads pg_catalog functions DuckDB lacks; the standard
// information_schema answers what the migrator needs (which tables exist).
class DuckDbIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select distinct schema_name as name from information_schema.schemata`.execute(this.db);
    return rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ schema: string; table: string; type: string; column: string; data_type: string; nullable: string; dflt: string | null }>`
      select t.table_schema as schema, t.table_name as "table", t.table_type as type, c.column_name as "column",
             c.data_type as data_type, c.is_nullable as nullable, c.column_default as dflt
      from information_schema.tables t join information_schema.columns c
        on c.table_schema = t.table_schema and c.table_name = t.table_name
      where t.table_schema not in ('information_schema', 'pg_catalog')
      order by t.table_schema, t.table_name, c.ordinal_position`.execute(this.db);
    const tables = new Map<string, TableMetadata>();
    for (const r of rows) {
      const key = `${r.schema}.${r.table}`;
      let table = tables.get(key);
      if (!table) {
        table = { name: r.table, schema: r.schema, isView: r.type === 'VIEW', columns: [] };
        tables.set(key, table);
      }
      (table.columns as unknown[]).push({
        name: r.column,
        dataType: r.data_type,
        isNullable: r.nullable === 'YES',
        isAutoIncrementing: false,
        hasDefaultValue: r.dflt !== null,
      });
    }
    return [...tables.values()];
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}
