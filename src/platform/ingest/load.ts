import { sql, type Kysely } from 'kysely';
import { ident, lit, stageFile, withReader, type CsvSpec, type SqlRunner } from './csv.js';
import { ImportError } from './report.js';
import type { ImportMeta } from './run.js';
import { insertBatches } from './run.js';

export interface LoadTarget {
  table: string;
  /** SQL select list over the staged table `_stage` (and the lookups), giving the target columns in order. */
  select: string;
  columns: string[];
  /** Extra FROM clause after `_stage`, e.g. `join _lookup_websites w on w.domain = _stage.domain`. */
  join?: string;
  conflict: { columns: string[]; update: string[] };
}

export interface Lookup {
  name: string;
  columns: Record<string, 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN'>;
  rows: Record<string, unknown>[];
}

const BATCH = 5000;

/**
 * Loads a large CSV or Parquet file into a table of the target database inside the import's
 * transaction. On DuckDB the file is read, checked and inserted by the target engine itself
 * (one INSERT ... SELECT); on PostgreSQL an in-memory DuckDB reads and checks it and the rows
 * go over in batches. Small lookup tables (e.g. known domains) are copied next to the staged
 * file so that checks and joins read the same thing on both engines.
 */
export async function loadFile(tx: Kysely<any>, meta: ImportMeta, file: string, spec: CsvSpec, target: LoadTarget, lookups: Lookup[] = []): Promise<number> {
  const insertSql = (from: string) => {
    const updates = target.conflict.update.map((c) => `${ident(c)} = excluded.${ident(c)}`).join(', ');
    return `insert into ${ident(target.table)} (${target.columns.map(ident).join(', ')})
      select ${target.select} from ${from} ${target.join ?? ''}
      on conflict (${target.conflict.columns.map(ident).join(', ')}) do ${updates ? `update set ${updates}` : 'nothing'}`;
  };

  if (meta.engine === 'duckdb') {
    const runner = kyselyRunner(tx);
    await createLookups(runner, lookups);
    const staged = await stageFile(runner, file, spec, { table: '_stage' });
    if (staged.issues.length) throw new ImportError(staged.issues, staged.issueCount);
    await runner.run(insertSql('_stage'));
    await runner.run('drop table _stage');
    await dropLookups(runner, lookups);
    return staged.rows;
  }

  return withReader(async (runner) => {
    await createLookups(runner, lookups);
    const staged = await stageFile(runner, file, spec, { table: '_stage' });
    if (staged.issues.length) throw new ImportError(staged.issues, staged.issueCount);
    const cols = target.columns.map(ident).join(', ');
    for (let offset = 0; offset < staged.rows; offset += BATCH) {
      const rows = await runner.all(
        `select * from (select ${target.select} from _stage ${target.join ?? ''} order by _stage._rec) as t(${cols}) limit ${BATCH} offset ${offset}`,
      );
      await insertBatches(tx, target.table, rows, target.conflict);
    }
    return staged.rows;
  });
}

export function kyselyRunner(db: Kysely<any>): SqlRunner {
  return {
    all: async (q) => (await sql.raw<Record<string, unknown>>(q).execute(db)).rows,
    run: async (q) => {
      await sql.raw(q).execute(db);
    },
  };
}

async function createLookups(runner: SqlRunner, lookups: Lookup[]): Promise<void> {
  for (const l of lookups) {
    const cols = Object.entries(l.columns);
    await runner.run(`drop table if exists ${ident(l.name)}`);
    await runner.run(`create temp table ${ident(l.name)} (${cols.map(([c, t]) => `${ident(c)} ${t}`).join(', ')})`);
    for (let i = 0; i < l.rows.length; i += 1000) {
      const values = l.rows
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
