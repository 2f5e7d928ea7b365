import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { sql, type InsertQueryBuilder, type Kysely } from 'kysely';
import type { Config } from '../config.js';
import { bulkCopyOf, type BulkCopy, type Database } from '../db/index.js';
import { displayName, readCsv, readFileHeader, type CsvSpec } from './csv.js';
import { FastPathFailed } from './load.js';
import { ImportError, type Issue } from './report.js';

export interface ImportMeta {
  file: string;
  engine: Database['engine'];
  /** The running settings, for importers with a rule that is a setting (e.g. a tolerance). */
  config?: Config;
  /** ISO timestamp of this import: the sources' "retrieved at" for local files. */
  now: string;
  /** Large files may take loadFile's fast path (false on the second try, after it failed). */
  fast?: boolean;
}

/** One kind of file a module can load. */
export interface Importer {
  name: string;
  module: string;
  /** Lower runs first (reference data before what refers to it). */
  order: number;
  /** Columns that identify this importer's files: a header with all of them is its file. */
  signature: string[];
  spec(db: Kysely<any>): Promise<CsvSpec> | CsvSpec;
  /** Checks beyond the column rules (cross-field, cross-file); issues stop the import. */
  check?(rows: Record<string, unknown>[], file: string): Issue[];
  /** Writes validated rows; returns how many records it wrote. Runs inside the import's transaction. */
  write(tx: Kysely<any>, rows: Record<string, unknown>[], meta: ImportMeta): Promise<number>;
  /**
   * For large files (CSV or Parquet): checks and loads the file itself inside the import's
   * transaction, without passing rows through JS (see stageFile). Throws ImportError on problems,
   * which rolls everything back. When set, `write` is not used.
   */
  load?(tx: Kysely<any>, file: string, meta: ImportMeta): Promise<number>;
  /**
   * For JSON files: the importer claims a .json file whose top-level object has every key of
   * `signature`, and turns the parsed document into rows (or issues naming file, line and field).
   * The rows then go through `check` and `write` like a CSV file's.
   */
  json?(data: unknown, file: string): { rows: Record<string, unknown>[]; issues: Issue[] };
}

/**
 * A kind of file a module recognises but does not read yet (or reads in a later module): in a
 * folder it is skipped with its reason instead of being refused as a near-miss of an importer.
 */
export interface KnownFile {
  name: string;
  module: string;
  /** Columns that identify the file, as for Importer.signature. */
  signature: string[];
  /** Why it is skipped and what will read it. */
  skip: string;
  /** A JSON file (its signature is top-level keys), as for Importer.json. */
  json?: true;
}

/** What a module says about a kind of file: it reads it, or it knows it and says why not. */
export type FileKind = Importer | KnownFile;

export interface FileReport {
  file: string;
  importer: string;
  rows: number;
}

export interface ImportReport {
  files: FileReport[];
  skipped: { file: string; reason: string }[];
  dryRun: boolean;
}

export interface ImportOptions {
  dryRun?: boolean;
  config?: Config;
  now: Date;
  /** Called after each module's data changed, inside the transaction (rollups). */
  rebuild?: (tx: Kysely<any>, modules: string[]) => Promise<void>;
  onProgress?: (done: number, total: number, file: string) => void;
  /** Cancels the import (between files): everything is rolled back. */
  signal?: AbortSignal;
}

/**
 * Validate every file first, then write them all in one transaction: a bad file anywhere means
 * nothing is written. A directory is searched recursively for .csv, .csv.gz, .parquet and .json files; files no importer
 * recognises are skipped (and listed), while a single named file must be recognised.
 */
export async function runImport(db: Database, kinds: FileKind[], paths: string[], options: ImportOptions): Promise<ImportReport> {
  const issues: Issue[] = [];
  const skipped: ImportReport['skipped'] = [];
  const planned: { file: string; importer: Importer; rows: Record<string, unknown>[] }[] = [];

  const files: { file: string; explicit: boolean }[] = [];
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      issues.push({ file: p, line: 0, field: null, message: 'no such file or directory' });
      continue;
    }
    if (stat.isDirectory()) for (const f of listCsv(p)) files.push({ file: f, explicit: false });
    else files.push({ file: p, explicit: true });
  }

  let done = 0;
  for (const { file, explicit } of files) {
    options.signal?.throwIfAborted();
    options.onProgress?.(done++, files.length, file);
    const json = isJson(file);
    const head = json ? readJsonFile(file) : await readFileHeader(file);
    // An unreadable or empty file stops the import even inside a folder: it may be the very
    // file the user meant to load. A JSON file in a folder is often a companion of another file
    // (a lookup a CSV importer reads beside it): unreadable, it is listed as skipped, not fatal.
    if ('issue' in head) {
      if (json && !explicit) skipped.push({ file, reason: head.issue.message });
      else issues.push(head.issue);
      continue;
    }
    // JSON files are claimed by the kinds that read JSON, by their top-level keys; tables by columns.
    const candidates = kinds.filter((k) => Boolean(k.json) === json);
    const kind = candidates.find((i) => i.signature.every((c) => head.header.includes(c)));
    if (kind && 'skip' in kind) {
      skipped.push({ file, reason: `${kind.name}: ${kind.skip}` });
      continue;
    }
    const importer = kind;
    if (!importer) {
      const near = nearMiss(candidates, head.header);
      if (near) {
        issues.push({ file, line: 1, field: near.missing[0], message: `looks like a ${near.importer.name} file but lacks column${near.missing.length > 1 ? 's' : ''} ${near.missing.join(', ')}; see docs/data-formats.md` });
        continue;
      }
      const reason = `no importer recognises its ${json ? 'top-level keys' : 'header'} (${head.header.slice(0, 6).join(',')}${head.header.length > 6 ? ',...' : ''})`;
      if (explicit) issues.push({ file, line: 1, field: null, message: `${reason}; see docs/data-formats.md` });
      // JSON files no module claims are not data files of Puente's (before the JSON importers
      // they were not looked at): in a folder they are passed over without a line each.
      else if (!json) skipped.push({ file, reason });
      continue;
    }
    if (importer.load) {
      planned.push({ file, importer, rows: [] });
      continue;
    }
    const read = json && 'data' in head ? importer.json!(head.data, file) : await readCsv(file, await importer.spec(db.kysely));
    if (read.issues.length) {
      issues.push(...read.issues);
      continue;
    }
    const extra = importer.check?.(read.rows, file) ?? [];
    if (extra.length) {
      issues.push(...extra);
      continue;
    }
    planned.push({ file, importer, rows: read.rows });
  }
  options.onProgress?.(files.length, files.length, '');

  if (issues.length) throw new ImportError(issues);
  if (!planned.length && !options.dryRun) {
    throw new ImportError([{ file: paths.join(', '), line: 0, field: null, message: 'no file Puente can import was found' }]);
  }

  const report: ImportReport = { files: [], skipped, dryRun: !!options.dryRun };
  const bulk = planned.some((p) => p.importer.load);
  if (options.dryRun && !bulk) {
    report.files = planned.map((p) => ({ file: p.file, importer: p.importer.name, rows: p.rows.length }));
    return report;
  }

  planned.sort((a, b) => a.importer.order - b.importer.order);
  const now = options.now.toISOString();
  const rollback = new Error('dry run');
  try {
    try {
      await writeAll(true);
    } catch (err) {
      // A large file that may hold a problem: everything was rolled back; the second try stages
      // every file, which names each problem (or finds none and writes them all).
      if (!(err instanceof FastPathFailed)) throw err;
      report.files = [];
      await writeAll(false);
    }
  } catch (err) {
    if (err !== rollback) throw err;
  }
  return report;

  // A dry run with large files loads them in a transaction it then rolls back: that is how
  // their checks run without writing anything.
  async function writeAll(fast: boolean) {
    // On PostgreSQL the transaction runs on a connection of its own, which takes the large files
    // through COPY (bulkCopyOf(tx)).
    const transaction = db.bulkTransaction ?? (<T>(fn: (tx: Kysely<any>) => Promise<T>) => db.kysely.transaction().execute(fn));
    await transaction(async (tx) => {
      if (!options.dryRun) await db.lockImports?.(tx);
      for (const p of planned) {
        options.signal?.throwIfAborted();
        const meta = { file: p.file, now, engine: db.engine, config: options.config, fast };
        const rows = p.importer.load ? await p.importer.load(tx, p.file, meta) : await p.importer.write(tx, p.rows, meta);
        report.files.push({ file: p.file, importer: p.importer.name, rows });
      }
      if (options.dryRun) throw rollback;
      options.signal?.throwIfAborted();
      await options.rebuild?.(tx, [...new Set(planned.map((p) => p.importer.module))]);
      await tx
        .insertInto('import_runs')
        .values({
          id: `imp_${options.now.getTime().toString(36)}_${Math.random().toString(36).slice(2, 8)}`,
          kind: 'files',
          target: paths.join(' '),
          started_at: now,
          finished_at: new Date().toISOString(),
          status: 'done',
          rows: report.files.reduce((n, f) => n + f.rows, 0),
          message: report.files.map((f) => `${relative(process.cwd(), f.file)}: ${f.rows}`).join('; '),
        })
        .execute();
    });
  }
}

/** A header with most of an importer's signature is a typo, not another kind of file. */
function nearMiss(importers: FileKind[], header: string[]): { importer: FileKind; missing: string[] } | null {
  let best: { importer: FileKind; missing: string[]; share: number } | null = null;
  for (const importer of importers) {
    const missing = importer.signature.filter((c) => !header.includes(c));
    const share = 1 - missing.length / importer.signature.length;
    if (share >= 0.6 && (!best || share > best.share)) best = { importer, missing, share };
  }
  return best && { importer: best.importer, missing: best.missing };
}

function listCsv(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listCsv(path));
    else if (entry.isFile() && /\.(csv|csv\.gz|parquet|json)$/i.test(entry.name)) out.push(path);
  }
  return out;
}

function isJson(file: string): boolean {
  return /\.json$/i.test(file);
}

/**
 * A JSON file parsed whole; its "header" is the top-level object's keys, or for an array of
 * objects (a publisher's table as records, e.g. a tariff chapter) the first record's keys.
 */
function readJsonFile(file: string): { header: string[]; data: unknown } | { issue: Issue } {
  const name = displayName(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { issue: { file: name, line: 0, field: null, message: 'file not found' } };
  }
  if (!text.trim()) return { issue: { file: name, line: 0, field: null, message: 'file is empty' } };
  try {
    const data: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    const first: unknown = Array.isArray(data) ? data[0] : data;
    const header = first && typeof first === 'object' && !Array.isArray(first) ? Object.keys(first) : [];
    return { header, data };
  } catch (err) {
    // V8 names the character position; the line is what an editor shows.
    const pos = /position (\d+)/.exec((err as Error).message)?.[1];
    const line = pos ? text.slice(0, Number(pos)).split('\n').length : 0;
    return { issue: { file: name, line, field: null, message: `not valid JSON: ${(err as Error).message}` } };
  }
}

/** What insertBatches does when a stored row has the same key. */
export interface Conflict {
  columns: string[];
  update: string[];
  /** keep the stored value where the new one is null */
  keepExisting?: boolean;
}

// Below this many rows a few multi-row INSERTs cost less than a temporary table and a COPY.
const COPY_MIN_ROWS = 1000;

/**
 * Inserts rows, replacing (or keeping, `update: []`) the stored rows with the same key. Many rows
 * in a bulk transaction on PostgreSQL go through COPY into a temporary table and one
 * INSERT ... SELECT ... ON CONFLICT; otherwise multi-row VALUES in batches (both engines).
 */
export async function insertBatches(tx: Kysely<any>, table: string, rows: Record<string, unknown>[], conflict: Conflict, size = 500): Promise<void> {
  const copy = bulkCopyOf(tx);
  const columns = copy && rows.length >= COPY_MIN_ROWS ? copyableColumns(rows, conflict.columns) : null;
  if (copy && columns) return insertByCopy(tx, copy, table, columns, rows, conflict);
  for (let i = 0; i < rows.length; i += size) {
    const batch = rows.slice(i, i + size);
    await onConflict(tx.insertInto(table).values(batch), table, conflict).execute();
  }
}

function onConflict<Q extends InsertQueryBuilder<any, any, any>>(q: Q, table: string, conflict: Conflict): Q {
  return q.onConflict((oc) => {
    const target = oc.columns(conflict.columns as never);
    if (!conflict.update.length) return target.doNothing();
    return target.doUpdateSet(
      (eb) =>
        Object.fromEntries(
          conflict.update.map((c) => [
            c,
            conflict.keepExisting ? eb.fn.coalesce(eb.ref(`excluded.${c}`), eb.ref(`${table}.${c}`)) : eb.ref(`excluded.${c}`),
          ]),
        ) as never,
    );
  }) as Q;
}

/**
 * The columns of rows that COPY writes exactly as the batches would, or null: every row has the
 * same columns (a missing one is the column's default in an INSERT, but NULL in a COPY), every
 * value is text, a number, a boolean or null, and no key repeats (the batches let a later row
 * replace an earlier one; one INSERT ... ON CONFLICT refuses to touch a row twice).
 */
function copyableColumns(rows: Record<string, unknown>[], key: string[]): string[] | null {
  const columns = Object.keys(rows[0]);
  const keys = new Set<string>();
  for (const row of rows) {
    const names = Object.keys(row);
    if (names.length !== columns.length || names.some((c, i) => c !== columns[i])) return null;
    for (const c of columns) {
      const v = row[c];
      if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return null;
    }
    const k = JSON.stringify(key.map((c) => row[c]));
    if (keys.has(k)) return null;
    keys.add(k);
  }
  return columns;
}

async function insertByCopy(tx: Kysely<any>, copy: BulkCopy, table: string, columns: string[], rows: Record<string, unknown>[], conflict: Conflict): Promise<void> {
  const staged = `_copy_${table}`;
  await sql`drop table if exists ${sql.table(staged)}`.execute(tx);
  // The target's column types, none of its constraints.
  await sql`create temp table ${sql.table(staged)} as select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)} where false`.execute(tx);
  await copy.copyCsv(staged, columns, Readable.from(rows).pipe(csvRecords(columns)));
  await onConflict(tx.insertInto(table).columns(columns as never).expression(tx.selectFrom(staged).select(columns as never)), table, conflict).execute();
  await sql`drop table ${sql.table(staged)}`.execute(tx);
}

/**
 * JS rows as the CSV BulkCopy.copyCsv reads (csv-stringify): null is an unquoted empty field and
 * the empty string a quoted one, booleans are true/false, and a value holding `\\.` is quoted
 * (alone on a line, PostgreSQL would read it as the end of the data).
 */
export function csvRecords(columns: string[]) {
  return stringify({
    columns,
    header: false,
    quoted_match: /\\\./,
    cast: {
      string: (v) => (v === '' ? { value: v, quoted_empty: true } : v),
      boolean: (v) => (v ? 'true' : 'false'),
      number: (v) => String(v),
    },
  });
}
