import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { bulkCopyOf } from './bulk.js';
import type { Database } from './database.js';

// `puente copy`: moves a DuckDB database (a single machine's Puente) to PostgreSQL (the way to
// several servers and standbys, docs/deployment.md), all or nothing.
//
// The target is migrated to the same schema first. Then, in one transaction on the target, every
// table of the schema is copied: DuckDB writes each table as CSV with its own writer (NULL = an
// unquoted empty field, empty text = `""`) and the file streams in through `COPY ... FROM STDIN`
// (the import's bulk path). Row counts are compared before the commit. The target keeps its own
// identity (`puente_meta`: its instance id) and its own data-version log; the copy is one write
// there, so servers over it see a new version.

/** Bookkeeping that belongs to each database, not to its data. */
const OWN_TABLES = new Set(['puente_meta', 'puente_data_changes']);
const isOwn = (t: string) => OWN_TABLES.has(t) || t.startsWith('kysely_');

export class CopyError extends Error {}

export interface CopyReport {
  tables: { table: string; rows: number }[];
  rows: number;
}

async function tablesOf(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ t: string }>`
    select table_name as t from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.map((r) => r.t).filter((t) => !isOwn(t));
}

async function columnsOf(db: Kysely<any>, table: string): Promise<string[]> {
  const { rows } = await sql<{ c: string }>`
    select column_name as c from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db);
  return rows.map((r) => r.c);
}

const count = async (db: Kysely<any>, table: string) => Number((await sql<{ n: number | bigint }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0].n);

/**
 * Copies every table of `from` (DuckDB) into `to` (PostgreSQL, migrated to the same schema). A
 * target that holds rows is refused unless `replace` (then its rows go, in the same transaction).
 * Nothing is written when anything fails.
 */
export async function copyDatabase(
  from: Database,
  to: Database,
  options: { replace?: boolean; onTable?: (table: string, rows: number) => void } = {},
): Promise<CopyReport> {
  if (from.engine !== 'duckdb') throw new CopyError(`puente copy reads a DuckDB database; ${from.location} is ${from.engine}`);
  if (to.engine !== 'postgres' || !to.bulkTransaction) throw new CopyError(`puente copy writes to PostgreSQL; ${to.location} is ${to.engine}`);
  const source = await tablesOf(from.kysely);
  const target = await tablesOf(to.kysely);
  const missing = target.filter((t) => !source.includes(t));
  const unknown = source.filter((t) => !target.includes(t));
  if (unknown.length) throw new CopyError(`The source has tables the target's schema does not: ${unknown.join(', ')} (is the target migrated by another release?)`);
  if (missing.length) throw new CopyError(`The source lacks tables of the current schema: ${missing.join(', ')}; start this release of Puente on it once (it migrates), then copy`);
  const plan: { table: string; columns: string[] }[] = [];
  for (const table of target) {
    const want = await columnsOf(to.kysely, table);
    const have = new Set(await columnsOf(from.kysely, table));
    const absent = want.filter((c) => !have.has(c));
    if (absent.length) throw new CopyError(`Table ${table}: the source has no column ${absent.join(', ')}; start this release of Puente on it once (it migrates), then copy`);
    plan.push({ table, columns: want });
  }
  if (!options.replace) {
    for (const { table } of plan) {
      const n = await count(to.kysely, table);
      if (n > 0) throw new CopyError(`The target already holds data (table ${table}: ${n} rows); copy into an empty database, or pass --replace to replace everything in it`);
    }
  }

  const dir = mkdtempSync(join(tmpdir(), 'puente-copy-'));
  try {
    return await to.bulkTransaction(async (tx) => {
      const bulk = bulkCopyOf(tx);
      if (!bulk) throw new CopyError('The target gave no bulk path (COPY)');
      // Empty already unless --replace (checked above); truncating is also the write that gives
      // the target a new data version, so servers over it drop what they cached.
      await sql`truncate ${sql.join(plan.map((p) => sql.table(p.table)))}`.execute(tx);
      const tables: CopyReport['tables'] = [];
      for (const [i, { table, columns }] of plan.entries()) {
        const file = join(dir, `${i}.csv`);
        const list = sql.join(columns.map((c) => sql.ref(c)));
        await sql`copy (select ${list} from ${sql.table(table)}) to ${sql.lit(file)} (format csv, header false)`.execute(from.kysely);
        const written = await bulk.copyCsv(table, columns, createReadStream(file));
        rmSync(file, { force: true });
        const expected = await count(from.kysely, table);
        if (written !== expected) throw new CopyError(`Table ${table}: ${written} rows reached the target of ${expected}; nothing was written`);
        tables.push({ table, rows: written });
        options.onTable?.(table, written);
      }
      // Every row is there, counted on the target inside the transaction.
      for (const t of tables) {
        const n = await count(tx, t.table);
        if (n !== t.rows) throw new CopyError(`Table ${t.table}: the target holds ${n} rows after the copy, not ${t.rows}; nothing was written`);
      }
      return { tables, rows: tables.reduce((s, t) => s + t.rows, 0) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
