import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { normaliseRow } from '../db/normalise.js';
import type { Issue } from './report.js';

// CSV files are read by DuckDB's reader (encoding, quoting and ragged lines are its job, with
// line-level rejects), then checked with SQL, so large files never pass row by row through JS.

export type ColumnType = 'text' | 'number' | 'integer';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required?: boolean;
  /** Allowed values (compared after trimming); `label` names them in messages. */
  oneOf?: { values: string[]; label: string };
  /** Regular expression the whole (trimmed) value must match. */
  pattern?: { regex: string; label: string };
}

export interface CsvSpec {
  columns: ColumnSpec[];
  /** Columns whose combination must be unique. */
  key?: string[];
  /**
   * Further checks as SQL over the staged text table: each query selects `_rec, field, message`
   * for the records that break a rule (e.g. a domain missing from a lookup table).
   */
  checks?: (table: string) => string[];
  /**
   * Row-local rules: `when` is an SQL condition over the staged text columns of one record that
   * breaks the rule, `message` an SQL expression. All of them are tested in one scan; only the
   * records that break one are looked at again to name each problem.
   */
  rules?: Rule[];
  /**
   * A fast path for large files (loadFile on DuckDB, with LoadTarget.fast): the file goes straight
   * into its table, then `problems` look at the rows it brought (`loaded`, with the target's
   * columns). They must flag everything the columns, `key`, `rules` and `checks` above would find
   * (they may flag more): any row they return, or any error while loading, makes the import start
   * again with every file staged and checked as usual, which names each problem.
   */
  fast?: { problems(loaded: string): string[] };
}

export interface Rule {
  field: string;
  /** The columns `when` reads: it is first tested on their distinct values, not on every record. */
  columns?: string[];
  when: string;
  message: string;
}

export interface CsvRead<Row> {
  file: string;
  header: string[];
  rows: Row[];
  issues: Issue[];
  /** All issues found (issues holds at most `maxIssues`). */
  issueCount: number;
}

const MAX_ISSUES = 200;

/** The header line of a CSV file, or an issue saying why it cannot be read. */
export async function readCsvHeader(file: string): Promise<{ header: string[] } | { issue: Issue }> {
  const name = displayName(file);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return { issue: { file: name, line: 0, field: null, message: 'file not found' } };
  }
  if (size === 0) return { issue: { file: name, line: 0, field: null, message: 'file is empty' } };
  // Only the first line is decoded here; DuckDB reads (and checks) everything after it.
  let bytes: Uint8Array = readHead(file, 65536);
  if (isGzip(file)) {
    try {
      // A partial gzip stream: flush what the first chunk holds instead of demanding its end.
      bytes = gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch {
      return { issue: { file: name, line: 0, field: null, message: 'not a readable gzip file' } };
    }
  }
  const end = bytes.indexOf(0x0a);
  let line: string;
  try {
    line = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(end >= 0 ? bytes.subarray(0, end) : bytes);
  } catch {
    return { issue: { file: name, line: 1, field: null, message: 'not UTF-8 encoded text (save the file as UTF-8)' } };
  }
  const header = splitHeader(line.replace(/\r$/, '')).map((h) => h.trim());
  if (header.every((h) => h === '')) return { issue: { file: name, line: 1, field: null, message: 'file has no header line' } };
  return { header };
}

/** `.csv.gz`: DuckDB's read_csv decompresses it itself; only the header is read here. */
export function isGzip(file: string): boolean {
  return /\.gz$/i.test(file);
}

function readHead(file: string, size: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(size);
    const n = readSync(fd, buf, 0, size, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function splitHeader(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

export async function readCsv<Row = Record<string, unknown>>(file: string, spec: CsvSpec, maxIssues = MAX_ISSUES): Promise<CsvRead<Row>> {
  return withReader(async (runner) => {
    const staged = await stageFile(runner, file, spec, { table: '_in', maxIssues });
    if (staged.issues.length) return { file: staged.file, header: staged.header, rows: [], issues: staged.issues, issueCount: staged.issueCount };
    const rows = (await runner.all(`select * exclude (_rec) from _in order by _rec`)) as Row[];
    return { file: staged.file, header: staged.header, rows, issues: [], issueCount: 0 };
  });
}

/** Runs SQL on a DuckDB connection: an in-memory reader, or the target database itself. */
export interface SqlRunner {
  all(sql: string): Promise<Record<string, unknown>[]>;
  run(sql: string): Promise<void>;
}

export function duckRunner(conn: DuckDBConnection): SqlRunner {
  return {
    all: async (q) => (await conn.runAndReadAll(q)).getRowObjectsJS().map(normaliseRow),
    run: async (q) => {
      await conn.run(q);
    },
  };
}

/** A throw-away in-memory DuckDB to read and check files with, whatever the target engine. */
export async function withReader<T>(fn: (runner: SqlRunner) => Promise<T>): Promise<T> {
  return withConnection((conn) => fn(duckRunner(conn)));
}

export type FileFormat = 'csv' | 'parquet';

/** Column names of a CSV or Parquet file, or why they cannot be read. */
export async function readFileHeader(file: string): Promise<{ header: string[] } | { issue: Issue }> {
  if (formatOf(file) === 'csv') return readCsvHeader(file);
  try {
    statSync(file);
  } catch {
    return { issue: { file: displayName(file), line: 0, field: null, message: 'file not found' } };
  }
  return withReader(async (r) => {
    try {
      return { header: (await r.all(`describe select * from read_parquet(${lit(file)})`)).map((c) => String(c.column_name)) };
    } catch (err) {
      return { issue: { file: displayName(file), line: 0, field: null, message: `not a readable Parquet file: ${duckMessage(err)}` } };
    }
  });
}

export function formatOf(file: string): FileFormat {
  return /\.parquet$/i.test(file) ? 'parquet' : 'csv';
}

export interface Staged {
  file: string;
  header: string[];
  issues: Issue[];
  issueCount: number;
  /** Rows staged (0 when there are issues). */
  rows: number;
}

/**
 * Reads a CSV or Parquet file into a temporary table `table` of typed columns (the spec's,
 * plus `_rec`, the record number), after DuckDB's reader and the spec's rules found nothing wrong.
 * On a DuckDB target the runner can be the target's own connection: large files then never leave
 * the engine.
 */
export async function stageFile(runner: SqlRunner, file: string, spec: CsvSpec, opts: { table: string; maxIssues?: number }): Promise<Staged> {
  const name = displayName(file);
  const maxIssues = opts.maxIssues ?? MAX_ISSUES;
  const format = formatOf(file);
  const raw = `${opts.table}_raw`;
  const fail = (issues: Issue[], issueCount = issues.length, header: string[] = []): Staged => ({ file: name, header, issues, issueCount, rows: 0 });

  let header: string[];
  if (format === 'csv') {
    const head = await readCsvHeader(file);
    if ('issue' in head) return fail([head.issue]);
    header = head.header;
  } else {
    try {
      header = (await runner.all(`describe select * from read_parquet(${lit(file)})`)).map((r) => String(r.column_name));
    } catch (err) {
      return fail([{ file: name, line: 0, field: null, message: `not a readable Parquet file: ${duckMessage(err)}` }]);
    }
  }
  const headerIssues = checkHeader(name, header, spec);
  if (headerIssues.length) return fail(headerIssues, headerIssues.length, header);

  const rejects = `${opts.table}_rejects`;
  try {
    await dropStaged(runner, opts.table);
    if (format === 'csv') {
      const columns = `{${header.map((h) => `${lit(h)}: 'VARCHAR'`).join(', ')}}`;
      // Record numbers come from the order DuckDB keeps rows in (rowid), not from a window
      // function, which would cost as much as reading the file.
      await runner.run(
        `create temp table ${raw}_t as
         select * from read_csv(${lit(file)}, header=true, auto_detect=false, columns=${columns},
           delim=',', quote='"', escape='"', store_rejects=true, rejects_table='${rejects}', rejects_scan='${rejects}_scan')`,
      );
    } else {
      const cols = header.map((h) => `cast(${ident(h)} as varchar) as ${ident(h)}`).join(', ');
      await runner.run(`create temp table ${raw}_t as select ${cols} from read_parquet(${lit(file)})`);
    }
    // Rows written inside an open transaction are numbered from an offset: count from the first.
    const first = BigInt(String((await runner.all(`select cast(coalesce(min(rowid), 0) as varchar) as m from ${raw}_t`))[0].m));
    await runner.run(`create temp view ${raw} as select rowid - ${first - 1n} as _rec, * from ${raw}_t`);
  } catch (err) {
    return fail([{ file: name, line: 0, field: null, message: duckMessage(err) }], 1, header);
  }

  if (format === 'csv') {
    const rej = await runner.all(`select line, column_name, error_type, error_message from ${rejects} order by line limit ${maxIssues}`);
    if (rej.length) {
      const total = Number((await runner.all(`select count(*) as n from ${rejects}`))[0].n);
      // DuckDB numbers records (header = 1), not physical lines.
      const lines = recordLines(file);
      return fail(
        rej.map((r) => ({
          file: name,
          line: lines[Number(r.line) - 1] ?? Number(r.line),
          field: (r.column_name as string | null) ?? null,
          message: String(r.error_type) === 'INVALID ENCODING' ? 'not UTF-8 encoded text (save the file as UTF-8)' : String(r.error_message),
        })),
        total,
        header,
      );
    }
  }

  const count = Number((await runner.all(`select count(*) as n from ${raw}`))[0].n);
  if (count === 0) return fail([{ file: name, line: 0, field: null, message: 'file has a header but no data rows' }], 1, header);

  // An optional column the file leaves out has nothing to check. Row-local rules run as one
  // scan (normally finding nothing); the records it finds are checked rule by rule.
  const present = { ...spec, columns: spec.columns.filter((c) => header.includes(c.name)) };
  const rules = [...columnRules(present), ...(spec.rules ?? [])];
  const checks = [...keyChecks(present, raw), ...(spec.checks?.(raw) ?? [])];
  const bad = `${opts.table}_bad`;
  if (rules.length && (await anyBroken(runner, raw, rules))) {
    await runner.run(`drop table if exists ${bad}`);
    await runner.run(`create temp table ${bad} as select * from ${raw} where ${rules.map((r) => `coalesce(${r.when}, false)`).join(' or ')}`);
    checks.unshift(...rules.map((r) => `select _rec, ${lit(r.field)} as field, ${r.message} as message from ${bad} where ${r.when}`));
  }
  if (checks.length) {
    const union = checks.join('\nunion all\n');
    const found = await runner.all(`select _rec, field, message from (${union}) order by _rec, field limit ${maxIssues}`);
    if (found.length) {
      const issueCount = Number((await runner.all(`select count(*) as n from (${union})`))[0].n);
      // Parquet has no lines: its rows are numbered from 1.
      const lines = format === 'csv' ? recordLines(file) : [];
      const lineOf = (rec: number) => (format === 'csv' ? (lines[rec] ?? rec + 1) : rec);
      return fail(
        found.map((f) => ({
          file: name,
          line: lineOf(Number(f._rec)),
          field: f.field as string,
          message: String(f.message).replace(/\{record:(\d+)\}/g, (_, r) => `${format === 'csv' ? 'line' : 'row'} ${lineOf(Number(r))}`),
        })),
        issueCount,
        header,
      );
    }
  }
  if (rules.length) await runner.run(`drop table if exists ${bad}`);

  // The typed table is a view over the text one: the load reads the file's values once more
  // instead of writing them twice. dropStaged removes both.
  const select = spec.columns
    .filter((c) => header.includes(c.name))
    .map((c) => `${castExpr(c)} as ${ident(c.name)}`)
    .join(', ');
  await runner.run(`create temp view ${opts.table} as select _rec, ${select} from ${raw}`);
  return { file: name, header, issues: [], issueCount: 0, rows: count };
}

/**
 * The file's records as a relation: `number` columns as DOUBLE, every other column as VARCHAR,
 * values untrimmed. A record the reader cannot read (or a value that is not a finite number)
 * stops the query: this is for the fast path, where staging then names the problem.
 */
export function fileRecords(file: string, header: string[], spec: CsvSpec): string {
  const isNumber = (h: string) => spec.columns.find((c) => c.name === h)?.type === 'number';
  const typeOf = (h: string) => (isNumber(h) ? 'DOUBLE' : 'VARCHAR');
  // A non-finite number (Infinity, NaN, 1e999) stops the query like an unreadable one.
  const finite = (h: string) =>
    isNumber(h) ? `case when not isfinite(${ident(h)}) then error(${lit(`${h}: not a finite number`)}) else ${ident(h)} end as ${ident(h)}` : ident(h);
  const from =
    formatOf(file) === 'parquet'
      ? `(select ${header.map((h) => `cast(${ident(h)} as ${typeOf(h)}) as ${ident(h)}`).join(', ')} from read_parquet(${lit(file)}))`
      : `read_csv(${lit(file)}, header=true, auto_detect=false, columns={${header.map((h) => `${lit(h)}: '${typeOf(h)}'`).join(', ')}}, delim=',', quote='"', escape='"')`;
  return `(select ${header.map(finite).join(', ')} from ${from} as _file)`;
}

/** Drops what stageFile made (the typed view and the text table under it). */
export async function dropStaged(runner: SqlRunner, table: string): Promise<void> {
  await runner.run(`drop view if exists ${table}`);
  await runner.run(`drop view if exists ${table}_raw`);
  await runner.run(`drop table if exists ${table}_raw_t`);
  await runner.run(`drop table if exists ${table}_bad`);
}

/**
 * Whether any record breaks a rule. Rules that name their columns are tested on the distinct
 * values of those columns (a few dozen economies or months instead of millions of records), all
 * in one query; the others on every record.
 */
async function anyBroken(runner: SqlRunner, raw: string, rules: Rule[]): Promise<boolean> {
  const perRecord = rules.filter((r) => !r.columns?.length);
  const groups = new Map<string, { cols: string[]; rules: Rule[] }>();
  for (const r of rules.filter((r) => r.columns?.length)) {
    const cols = [...new Set(r.columns)].sort();
    const g = groups.get(cols.join('\0')) ?? { cols, rules: [] };
    g.rules.push(r);
    groups.set(cols.join('\0'), g);
  }
  const when = (rs: Rule[]) => rs.map((r) => `coalesce(${r.when}, false)`).join(' or ');
  const parts: string[] = [];
  if (groups.size) {
    // One scan: GROUPING SETS give each group's distinct values; grouping() tells the sets apart
    // (a bit per column, 1 = not in the set, the first column being the highest bit).
    const all = [...new Set([...groups.values()].flatMap((g) => g.cols))];
    const mask = (cols: string[]) => all.reduce((m, c, i) => (cols.includes(c) ? m : m | (1 << (all.length - 1 - i))), 0);
    const sets = [...groups.values()].map((g) => `(${g.cols.map(ident).join(', ')})`).join(', ');
    const distinct = `(select ${all.map(ident).join(', ')}, grouping(${all.map(ident).join(', ')}) as _set from ${raw} group by grouping sets (${sets}))`;
    parts.push(`select count(*) as n from ${distinct} as d where ${[...groups.values()].map((g) => `(_set = ${mask(g.cols)} and (${when(g.rules)}))`).join(' or ')}`);
  }
  if (perRecord.length) parts.push(`select count(*) as n from ${raw} where ${when(perRecord)}`);
  const rows = await runner.all(`select sum(n) as n from (${parts.join('\nunion all\n')}) as x`);
  return Number(rows[0]?.n ?? 0) > 0;
}

export function checkHeader(file: string, header: string[], spec: CsvSpec): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) issues.push({ file, line: 1, field: h, message: 'column appears twice in the header' });
    seen.add(h);
  }
  const expected = spec.columns.map((c) => c.name);
  for (const c of spec.columns) {
    if (c.required !== false && !seen.has(c.name)) {
      issues.push({ file, line: 1, field: c.name, message: `missing column; the header must have: ${expected.join(',')}` });
    }
  }
  return issues;
}

function columnRules(spec: CsvSpec): Rule[] {
  const rules: Rule[] = [];
  const rule = (field: string, when: string, message: string) => rules.push({ field, columns: [field], when, message });
  for (const c of spec.columns) {
    const col = `trim(${ident(c.name)})`;
    const present = `(${ident(c.name)} is not null and ${col} <> '')`;
    if (c.required !== false) rule(c.name, `not ${present}`, `'value is required'`);
    if (c.type === 'number') {
      rule(c.name, `${present} and try_cast(${col} as double) is null`, `'"' || ${col} || '" is not a number'`);
      // DuckDB reads "Infinity", "nan", "-INF" and 1e999 (which overflows) as doubles: they are
      // no measurement, and a database column would keep them or turn them into NULL downstream.
      rule(c.name, `${present} and not isfinite(try_cast(${col} as double))`, `'"' || ${col} || '" is not a finite number (Infinity, NaN and numbers beyond ±1.8e308 are refused)'`);
    }
    if (c.type === 'integer') {
      // try_cast would round 2020.5 and accept 1_000: require digits, then the INTEGER range.
      rule(c.name, `${present} and not regexp_full_match(${col}, '[-+]?[0-9]+')`, `'"' || ${col} || '" is not a whole number'`);
      rule(
        c.name,
        `${present} and regexp_full_match(${col}, '[-+]?[0-9]+') and try_cast(${col} as integer) is null`,
        `'"' || ${col} || '" is out of range'`,
      );
    }
    if (c.oneOf) {
      const list = c.oneOf.values.map(lit).join(', ');
      rule(c.name, `${present} and ${col} not in (${list})`, `'unknown ${c.oneOf.label} "' || ${col} || '"'`);
    }
    if (c.pattern) {
      rule(c.name, `${present} and not regexp_full_match(${col}, ${lit(c.pattern.regex)})`, `'"' || ${col} || '" is not ${c.pattern.label}'`);
    }
  }
  return rules;
}

function keyChecks(spec: CsvSpec, table: string): string[] {
  if (!spec.key?.length) return [];
  return [duplicateCheck(table, spec.key.map((k) => `trim(${ident(k)})`), lit(spec.key.join('+')),
    `'duplicate key (' || ${spec.key.map((k) => `'${k}=' || coalesce(trim(${ident(k)}), '')`).join(` || ', ' || `)} || '), first seen on {record:' || first_rec || '}'`)];
}

/**
 * Records of `table` whose `keys` (SQL expressions) repeat an earlier record's, each with
 * `message` (which may use first_rec). Grouping finds the repeated keys (normally none) before
 * any record is looked at again; NULL keys compare equal, as in a PARTITION BY.
 */
export function duplicateCheck(table: string, keys: string[], field: string, message: string, from = table): string {
  const k = keys.map((e, i) => `${e} as _k${i}`).join(', ');
  const on = keys.map((_, i) => `d._k${i} is not distinct from t._k${i}`).join(' and ');
  return `select t._rec, ${field} as field, ${message} as message
    from (select *, ${k} from ${from}) t
    join (select ${keys.map((_, i) => `_k${i}`).join(', ')}, min(_rec) as first_rec
          from (select _rec, ${k} from ${from}) group by all having count(*) > 1) d on ${on}
    where t._rec <> d.first_rec`;
}

function castExpr(c: ColumnSpec): string {
  const col = `nullif(trim(${ident(c.name)}), '')`;
  if (c.type === 'number') return `cast(${col} as double)`;
  if (c.type === 'integer') return `cast(${col} as integer)`;
  return col;
}

/**
 * Line on which each record starts (index = 1-based record number, the header being record 0).
 * Only run when reporting problems: a quoted field may span lines, so record n is not always line n+1.
 */
export function recordLines(file: string): number[] {
  const text = isGzip(file) ? gunzipSync(readFileSync(file)).toString('utf8') : readFileSync(file, 'utf8');
  // starts[r] = line on which record r starts; record 0 is the header. Blank lines between
  // records are skipped, as DuckDB's reader skips them.
  const starts: number[] = [];
  let line = 1;
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (atStart && ch !== '\n' && ch !== '\r') {
      starts.push(line);
      atStart = false;
    }
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n') {
      line++;
      if (!quoted) atStart = true;
    }
  }
  return starts;
}

async function withConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return await fn(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function duckMessage(err: unknown): string {
  return String((err as Error).message ?? err)
    .split('\n')[0]
    .replace(/^[A-Za-z ]+ Error: /, '');
}

export function displayName(file: string): string {
  return file.includes('/') ? file : basename(file);
}

export function lit(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
