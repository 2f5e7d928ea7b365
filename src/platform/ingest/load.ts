import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { bulkCopyOf } from '../db/index.js';
import { checkHeader, dropStaged, fileRecords, formatOf, ident, lit, readFileHeader, recordLines, stageFile, withReader, type CsvSpec, type SqlRunner } from './csv.js';
import { ImportError } from './report.js';
import type { ImportMeta } from './run.js';

export interface LoadTarget {
  table: string;
  /** SQL select list over the file's records `_stage` (and the lookups), giving the target columns in order. */
  select: string;
  columns: string[];
  /** Extra FROM clause after `_stage`, e.g. `join _lookup_websites w on w.domain = _stage.domain`. */
  join?: string;
  conflict: { columns: string[]; update: string[] };
  /**
   * The fast path (with CsvSpec.fast): a select list over the file's records `_stage` alone (no
   * join, e.g. a key built from the record), giving the target columns in order. It may raise
   * (`error(...)`) on a record that may be wrong.
   */
  fast?: { select: string };
}

/**
 * A small table of the target database copied next to the file being loaded (e.g. known
 * websites), so that checks and joins read the same thing on both engines. `select` is plain SQL
 * both engines run, giving `columns` in order.
 */
export interface Lookup {
  name: string;
  columns: Record<string, 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN'>;
  select: string;
}

/**
 * Loads a large CSV or Parquet file into a table of the target database inside the import's
 * transaction. On DuckDB the file is read, checked and inserted by the target engine itself
 * (one INSERT ... SELECT); on PostgreSQL an in-memory DuckDB reads and checks it and the rows
 * stream over through COPY, inside the import's transaction (Database.bulkTransaction). Small
 * lookup tables (e.g. known domains) are copied next to the staged file so that checks and joins
 * read the same thing on both engines.
 */
export async function loadFile(tx: Kysely<any>, meta: ImportMeta, file: string, spec: CsvSpec, target: LoadTarget, lookups: Lookup[] = []): Promise<number> {
  const cols = target.columns.map(ident).join(', ');
  const t = ident(target.table);
  // The rows a file brings replace the stored rows with the same key (the file itself was
  // checked to hold each key once): delete those, then append. Set-based on both engines, with no
  // unique index to maintain row by row.
  const keyMatch = (from: string) => target.conflict.columns.map((c) => `${from}.${ident(c)} = ${t}.${ident(c)}`).join(' and ');
  const replace = async (run: (q: string) => Promise<void>, from: string) => {
    await run(`delete from ${t} where exists (select 1 from ${from} where ${keyMatch(from)})`);
    await run(`insert into ${t} (${cols}) select ${cols} from ${from}`);
  };

  const join = target.join ?? '';
  /**
   * Inserts `from` into the table; when the table already holds rows, through `_load`, replacing
   * the stored rows with the same keys. `check` looks at the rows `from` brought before the
   * replace (the table itself when it was empty).
   */
  const loadFrom = async (runner: SqlRunner, from: string, check?: (loaded: string) => Promise<void>) => {
    // The first load into an empty table has nothing to replace: skip the delete, and insert
    // straight from the file.
    const empty = (await runner.all(`select count(*) as n from (select 1 from ${t} limit 1) as x`))[0].n;
    if (Number(empty) === 0) {
      await runner.run(`insert into ${t} (${cols}) select ${cols} from ${from} as _load`);
      await check?.(t);
    } else {
      await runner.run(`drop table if exists _load`);
      await runner.run(`create temp table _load as select * from ${from} as _load`);
      await check?.('_load');
      await replace(runner.run, '_load');
      await runner.run('drop table _load');
    }
  };

  if (meta.engine === 'duckdb') {
    const runner = kyselyRunner(tx);
    await createLookups(runner, lookups, runner);
    let rows: number;
    if (meta.fast && spec.fast && target.fast) {
      rows = await loadFast(runner, file, spec, target, cols, loadFrom);
    } else {
      const staged = await stageFile(runner, file, spec, { table: '_stage' });
      if (staged.issues.length) throw new ImportError(staged.issues, staged.issueCount);
      await loadFrom(runner, `(select * from (select ${target.select} from _stage ${join}) as t(${cols}))`);
      rows = staged.rows;
    }
    await dropStaged(runner, '_stage');
    await dropLookups(runner, lookups);
    return rows;
  }

  const copy = bulkCopyOf(tx);
  if (!copy) throw new Error(`loading ${file} into PostgreSQL needs a bulk transaction (Database.bulkTransaction)`);
  return withReader(async (runner) => {
    await createLookups(runner, lookups, kyselyRunner(tx));
    const run = async (q: string) => void (await sql.raw(q).execute(tx));
    const empty = Number((await sql.raw<{ n: unknown }>(`select count(*) as n from (select 1 from ${t} limit 1) as x`).execute(tx)).rows[0].n) === 0;
    /**
     * PostgreSQL: the reader writes the rows of `query` as CSV (its own writer), and they stream
     * into the table through COPY on the import's connection. The first load into an empty table
     * goes straight in; otherwise into a temporary copy of the target, which then replaces the
     * stored rows with the same keys (two set-based statements).
     */
    const copyRows = (query: string, onError: (err: unknown) => Promise<unknown>) =>
      withTempDir(async (dir) => {
        const csv = joinPath(dir, 'rows.csv');
        await runner.run(`copy (${query}) to ${lit(csv)} (format csv, header false)`);
        const into = empty ? target.table : '_load';
        if (!empty) {
          await run(`drop table if exists _load`);
          await run(`create temp table _load as select ${cols} from ${t} where false`);
        }
        try {
          await copy.copyCsv(into, target.columns, createReadStream(csv));
        } catch (err) {
          throw await onError(err);
        }
        if (!empty) {
          await replace(run, '_load');
          await run(`drop table _load`);
        }
        // Fresh statistics for the rollups that read the table next in this transaction.
        await run(`analyze ${t}`);
      });

    if (meta.fast && spec.fast && target.fast) {
      // As on DuckDB: the file's records go into a typed table of the reader without staging,
      // the spec's `problems` look at them there, and anything unusual (or a record PostgreSQL
      // refuses) starts the import again with every file staged, which names each problem.
      const rows = await fastRecords(runner, file, spec, target, cols);
      await copyRows(`select * from _fast`, async (err) => new FastPathFailed(file, String((err as Error).message ?? err).split('\n')[0]));
      return rows;
    }
    const staged = await stageFile(runner, file, spec, { table: '_stage' });
    if (staged.issues.length) throw new ImportError(staged.issues, staged.issueCount);
    // Written in record order, so that COPY's line numbers lead back to the file's lines.
    await copyRows(`select ${target.select} from _stage ${join} order by _stage._rec`, (err) =>
      copyError(err, runner, `select _stage._rec as _rec, ${target.select} from _stage ${join}`, target.columns, file, staged.file),
    );
    return staged.rows;
  });
}

/**
 * The fast path's records of a file in the reader's table `_fast` (the target's columns), after
 * the spec's `problems` found nothing in them. Throws FastPathFailed otherwise.
 */
async function fastRecords(runner: SqlRunner, file: string, spec: CsvSpec, target: LoadTarget, cols: string): Promise<number> {
  const head = await readFileHeader(file);
  if ('issue' in head) throw new FastPathFailed(file, head.issue.message);
  if (checkHeader(file, head.header, spec).length) throw new FastPathFailed(file, 'header');
  try {
    await runner.run(`create temp table _fast as select * from (select ${target.fast!.select} from ${fileRecords(file, head.header, spec)} as _stage) as t(${cols})`);
    const rows = Number((await runner.all(`select count(*) as n from _fast`))[0].n);
    if (rows === 0) throw new FastPathFailed(file, 'no rows');
    for (const q of spec.fast!.problems('_fast')) {
      if ((await runner.all(`select 1 as x from (${q}) as p limit 1`)).length) throw new FastPathFailed(file, 'a check found something');
    }
    return rows;
  } catch (err) {
    if (err instanceof FastPathFailed) throw err;
    throw new FastPathFailed(file, String((err as Error).message ?? err).split('\n')[0]);
  }
}

/**
 * A record PostgreSQL refused while copying (the reader's checks passed it: e.g. a NUL character
 * in a text value) as an ImportError naming the file, line and field. COPY numbers the records it
 * read, which the reader wrote in record order.
 */
async function copyError(err: unknown, runner: SqlRunner, records: string, columns: string[], file: string, name: string): Promise<unknown> {
  const e = err as { message?: string; where?: string; code?: string };
  const at = /COPY [^,]+, line (\d+)(?:, column ([^:]+))?/.exec(e.where ?? '');
  if (!e.code || !at) return err;
  const [record] = await runner.all(`select * from (${records} order by _stage._rec limit 1 offset ${Number(at[1]) - 1}) as t(_rec, ${columns.map(ident).join(', ')})`);
  if (!record) return err;
  // An encoding error names no column: the value holding a NUL character is the one.
  const field = at[2] ?? columns.find((c) => String(record[c] ?? '').includes('\u0000')) ?? null;
  const rec = Number(record._rec);
  const line = formatOf(file) === 'csv' ? (recordLines(file)[rec] ?? rec + 1) : rec;
  return new ImportError([{ file: name, line, field, message: String(e.message) }]);
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(joinPath(tmpdir(), 'puente-copy-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Thrown by the fast path when a file may hold a problem (or could not be loaded straight):
 * runImport then starts the import again with every file staged, which names each problem.
 */
export class FastPathFailed extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'FastPathFailed';
  }
}

/**
 * Loads the file straight into the table (through loadFrom), then runs the spec's `problems` over
 * the rows it brought. Nothing is staged: writing the rows once and reading them back costs less
 * than writing a staged copy first. Throws FastPathFailed on anything unusual.
 */
async function loadFast(
  runner: SqlRunner,
  file: string,
  spec: CsvSpec,
  target: LoadTarget,
  cols: string,
  loadFrom: (runner: SqlRunner, from: string, check: (loaded: string) => Promise<void>) => Promise<void>,
): Promise<number> {
  const head = await readFileHeader(file);
  if ('issue' in head) throw new FastPathFailed(file, head.issue.message);
  if (checkHeader(file, head.header, spec).length) throw new FastPathFailed(file, 'header');
  const from = `(select * from (select ${target.fast!.select} from ${fileRecords(file, head.header, spec)} as _stage) as t(${cols}))`;
  let rows = 0;
  try {
    await loadFrom(runner, from, async (loaded) => {
      rows = Number((await runner.all(`select count(*) as n from ${loaded}`))[0].n);
      if (rows === 0) throw new FastPathFailed(file, 'no rows');
      for (const q of spec.fast!.problems(loaded)) {
        if ((await runner.all(`select 1 as x from (${q}) as p limit 1`)).length) throw new FastPathFailed(file, 'a check found something');
      }
    });
    return rows;
  } catch (err) {
    if (err instanceof FastPathFailed) throw err;
    // A record the reader refused, a NOT NULL value missing, an error() of the select...
    throw new FastPathFailed(file, String((err as Error).message ?? err).split('\n')[0]);
  }
}

export function kyselyRunner(db: Kysely<any>): SqlRunner {
  return {
    all: async (q) => (await sql.raw<Record<string, unknown>>(q).execute(db)).rows,
    run: async (q) => {
      await sql.raw(q).execute(db);
    },
  };
}

/** Copies each lookup from the target database (`source`) into the engine that reads the file (`runner`). */
async function createLookups(runner: SqlRunner, lookups: Lookup[], source: SqlRunner): Promise<void> {
  for (const l of lookups) {
    const cols = Object.entries(l.columns);
    await runner.run(`drop table if exists ${ident(l.name)}`);
    await runner.run(`create temp table ${ident(l.name)} (${cols.map(([c, t]) => `${ident(c)} ${t}`).join(', ')})`);
    // Same engine: one INSERT ... SELECT. Otherwise the rows come over as literals.
    if (runner === source) {
      await runner.run(`insert into ${ident(l.name)} ${l.select}`);
      continue;
    }
    const rows = await source.all(l.select);
    for (let i = 0; i < rows.length; i += 1000) {
      const values = rows
        .slice(i, i + 1000)
        .map((r) => `(${cols.map(([c]) => literal(r[c])).join(', ')})`)
        .join(', ');
      if (values) await runner.run(`insert into ${ident(l.name)} values ${values}`);
    }
  }
}

async function dropLookups(runner: SqlRunner, lookups: Lookup[]): Promise<void> {
  for (const l of lookups) await runner.run(`drop table if exists ${ident(l.name)}`);
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return lit(String(v));
}
