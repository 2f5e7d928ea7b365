import { strToU8, zipSync } from 'fflate';

export type Row = Record<string, unknown>;

/** RFC 4180 CSV: a header line, CRLF line ends, missing values as empty fields (never 0). */
export function toCsv(columns: string[], rows: Row[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s: string;
  if (Array.isArray(value)) s = value.join('; ');
  else if (typeof value === 'object') s = JSON.stringify(value);
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
