import { strToU8, zipSync } from 'fflate';

export type Row = Record<string, unknown>;

/** RFC 4180 CSV: a header line, CRLF line ends, missing values as empty fields (never 0). */
export function toCsv(columns: string[], rows: Row[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/**
 * A number at the precision a double holds for sure (15 significant digits): the float noise of
 * arithmetic (0.1 + 0.2, 80681.00000000001) goes, and every decimal of up to 15 significant digits
 * (every value a source file gives) comes back exactly as it was read.
 */
export function precise(n: number): number {
  return Number.isInteger(n) || !Number.isFinite(n) ? n : Number(n.toPrecision(15));
}

/** `precise` over every number inside a value (rows, named fields) bound for JSON. */
export function preciseDeep<T>(value: T): T {
  if (typeof value === 'number') return precise(value) as T;
  if (Array.isArray(value)) return value.map(preciseDeep) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = preciseDeep(v);
    return out as T;
  }
  return value;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s: string;
  if (Array.isArray(value)) s = value.map((v) => (typeof v === 'number' ? precise(v) : v)).join('; ');
  else if (typeof value === 'object') s = JSON.stringify(preciseDeep(value));
  else if (typeof value === 'number') s = String(precise(value));
  else s = String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Columns in schema order, then any others the rows carry (e.g. per-component readiness columns). */
export function columnsOf(schemaKeys: string[], rows: Row[]): string[] {
  const cols = [...schemaKeys];
  const seen = new Set(cols);
  for (const row of rows) {
    for (const k of Object.keys(row)) {
      if (!seen.has(k)) {
        seen.add(k);
        cols.push(k);
      }
    }
  }
  return cols;
}

/** The zip twin: what you see is what you download, with its metadata and a readme. */
export function toZip(baseName: string, csv: string, metadata: unknown, readme: string): Uint8Array {
  return zipSync({
    [`${baseName}.csv`]: strToU8(csv),
    [`${baseName}.metadata.json`]: strToU8(JSON.stringify(metadata, null, 2)),
    'README.txt': strToU8(readme),
  });
}
