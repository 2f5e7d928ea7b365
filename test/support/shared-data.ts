// What ../shared/data holds, read from the files themselves: the folder keeps growing, so tests
// derive expected files and counts from it instead of writing numbers down.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE } from '../../src/modules/indicators/index.js';
import { csvRecords } from './csv.js';

export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
export const INDICATORS_DIR = join(SHARED_DATA, 'indicators');

const VALUES_HEADER = ['iso3', 'indicator_code', 'year', 'value', 'license'];

function header(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n', 1)[0].replace(/^\uFEFF/, '').split(',').map((h) => h.trim());
}

/** The CSV files of a shared folder, sorted as `puente import` reads them. */
export function csvFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort((a, b) => a.localeCompare(b))
    .map((f) => join(dir, f));
}

export interface IndicatorData {
  /** Files the indicators importer reads, with their record counts. */
  files: { file: string; rows: number }[];
  /** Files in the folder it skips. */
  skipped: string[];
  /** Values in all files. */
  values: number;
  /** Indicators after an import: the catalogue's and any other code the files bring. */
  indicators: number;
}

export function sharedIndicators(): IndicatorData {
  const all = csvFiles(INDICATORS_DIR);
  const read = all.filter((f) => VALUES_HEADER.every((c) => header(f).includes(c)));
  const codes = new Set(CATALOGUE.map((c) => c.code));
  const files = read.map((file) => {
    const records = csvRecords(readFileSync(file, 'utf8'));
    for (const r of records) codes.add(r.indicator_code);
    return { file, rows: records.length };
  });
  return {
    files,
    skipped: all.filter((f) => !read.includes(f)),
    values: files.reduce((n, f) => n + f.rows, 0),
    indicators: codes.size,
  };
}
