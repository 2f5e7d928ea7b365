import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
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
  const bytes = readFileSync(file).subarray(0, 65536);
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
  const name = displayName(file);
  const head = await readCsvHeader(file);
  if ('issue' in head) return { file: name, header: [], rows: [], issues: [head.issue], issueCount: 1 };
  const header = head.header;

  const headerIssues = checkHeader(name, header, spec);
  if (headerIssues.length) return { file: name, header, rows: [], issues: headerIssues, issueCount: headerIssues.length };

  return withConnection(async (conn) => {
    const columns = `{${header.map((h) => `${lit(h)}: 'VARCHAR'`).join(', ')}}`;
    try {
      await conn.run(
        `create temp table _in as
         select row_number() over () as _rec, * from read_csv(${lit(file)}, header=true, auto_detect=false, columns=${columns},
           delim=',', quote='"', escape='"', store_rejects=true, rejects_table='_rejects', rejects_scan='_scans')`,
      );
    } catch (err) {
      return one(name, 0, null, duckMessage(err), header);
    }

    const rejects = (await conn.runAndReadAll(`select line, column_name, error_type, error_message from _rejects order by line limit ${maxIssues}`))
      .getRowObjectsJS()
      .map(normaliseRow);
    if (rejects.length) {
      const total = Number((await conn.runAndReadAll('select count(*) from _rejects')).getRowsJS()[0][0]);
      // DuckDB numbers records (header = 1), not physical lines.
      const lines = recordLines(file);
      return {
        file: name,
        header,
        rows: [],
        issueCount: total,
        issues: rejects.map((r) => ({
          file: name,
          line: lines[Number(r.line) - 1] ?? Number(r.line),
          field: (r.column_name as string | null) ?? null,
          message: String(r.error_type) === 'INVALID ENCODING' ? 'not UTF-8 encoded text (save the file as UTF-8)' : String(r.error_message),
        })),
      };
    }

    const count = Number((await conn.runAndReadAll('select count(*) from _in')).getRowsJS()[0][0]);
    if (count === 0) return one(name, 0, null, 'file has a header but no data rows', header);

    const checks = buildChecks(spec);
    let issues: Issue[] = [];
    let issueCount = 0;
    if (checks.length) {
      const union = checks.join('\nunion all\n');
      const found = (await conn.runAndReadAll(`select _rec, field, message from (${union}) order by _rec, field limit ${maxIssues}`))
        .getRowObjectsJS()
        .map(normaliseRow);
      if (found.length) {
        issueCount = Number((await conn.runAndReadAll(`select count(*) from (${union})`)).getRowsJS()[0][0]);
        const lines = recordLines(file);
        issues = found.map((f) => ({
          file: name,
          line: lines[Number(f._rec)] ?? Number(f._rec) + 1,
          field: f.field as string,
          message: String(f.message).replace(/\{record:(\d+)\}/g, (_, r) => `line ${lines[Number(r)] ?? Number(r) + 1}`),
        }));
      }
    }
    if (issues.length) return { file: name, header, rows: [], issues, issueCount };

    const select = spec.columns
      .filter((c) => header.includes(c.name))
      .map((c) => `${castExpr(c)} as ${ident(c.name)}`)
      .join(', ');
    const rows = (await conn.runAndReadAll(`select ${select} from _in order by _rec`)).getRowObjectsJS().map(normaliseRow) as Row[];
    return { file: name, header, rows, issues: [], issueCount: 0 };
  });
}

function checkHeader(file: string, header: string[], spec: CsvSpec): Issue[] {
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

function buildChecks(spec: CsvSpec): string[] {
  const checks: string[] = [];
  const check = (field: string, condition: string, message: string) =>
    checks.push(`select _rec, ${lit(field)} as field, ${message} as message from _in where ${condition}`);
  for (const c of spec.columns) {
    const col = `trim(${ident(c.name)})`;
    const present = `(${ident(c.name)} is not null and ${col} <> '')`;
    if (c.required !== false) check(c.name, `not ${present}`, `'value is required'`);
    if (c.type === 'number') {
      check(c.name, `${present} and try_cast(${col} as double) is null`, `'"' || ${col} || '" is not a number'`);
    }
    if (c.type === 'integer') {
      // try_cast would round 2020.5 and accept 1_000: require digits, then the INTEGER range.
      check(c.name, `${present} and not regexp_full_match(${col}, '[-+]?[0-9]+')`, `'"' || ${col} || '" is not a whole number'`);
      check(
        c.name,
        `${present} and regexp_full_match(${col}, '[-+]?[0-9]+') and try_cast(${col} as integer) is null`,
        `'"' || ${col} || '" is out of range'`,
      );
    }
    if (c.oneOf) {
      const list = c.oneOf.values.map(lit).join(', ');
      check(c.name, `${present} and ${col} not in (${list})`, `'unknown ${c.oneOf.label} "' || ${col} || '"'`);
    }
    if (c.pattern) {
      check(c.name, `${present} and not regexp_full_match(${col}, ${lit(c.pattern.regex)})`, `'"' || ${col} || '" is not ${c.pattern.label}'`);
    }
  }
  if (spec.key?.length) {
    const keyCols = spec.key.map((k) => `trim(${ident(k)})`).join(', ');
    const desc = spec.key.map((k) => `'${k}=' || coalesce(trim(${ident(k)}), '')`).join(` || ', ' || `);
    checks.push(`select _rec, ${lit(spec.key.join('+'))} as field,
      'duplicate key (' || ${desc} || '), first seen on {record:' || first_rec || '}' as message
      from (select *, min(_rec) over (partition by ${keyCols}) as first_rec from _in) where _rec <> first_rec`);
  }
  return checks;
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
  const text = readFileSync(file, 'utf8');
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

function one<Row>(file: string, line: number, field: string | null, message: string, header: string[]): CsvRead<Row> {
  return { file, header, rows: [], issues: [{ file, line, field, message }], issueCount: 1 };
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

function displayName(file: string): string {
  return file.includes('/') ? file : basename(file);
}

export function lit(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
