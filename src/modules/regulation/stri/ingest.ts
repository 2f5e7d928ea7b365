import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import { upsertSources, type SourceRecord } from '../../../platform/ingest/provenance.js';
import type { Issue } from '../../../platform/ingest/report.js';
import type { ColumnSpec, CsvSpec } from '../../../platform/ingest/csv.js';
import type { Importer } from '../../../platform/ingest/run.js';
import { memberCodes } from '../../countries/index.js';
import { checkObservations } from './compute.js';
import { STRI_DATAFLOW, STRI_MEASURES, type StriMeasure, type StriObservation, type StriValue } from './schema.js';
import { writeStriValues } from './store.js';

// The Digital STRI file of ../shared/data/regulation/oecd-digital-stri (docs/data-formats.md):
// one row per economy, year and measure, with the SDMX dataflow and the licence as stated.
// All-or-nothing: a problem anywhere names file, line and field, and nothing is written.

/** The SDMX data URL of a dataflow: what the values are, wherever they were read from. */
export function dataflowUrl(dataflow: string, base = 'https://sdmx.oecd.org/public/rest'): string {
  return `${base.replace(/\/+$/, '')}/data/${dataflow}/`;
}

export function striSource(opts: { dataflow: string; license: string; url?: string; retrieved_at: string | null; imported_at: string; note: string }): SourceRecord {
  return {
    publisher: 'OECD',
    title: `OECD Digital Services Trade Restrictiveness Index (Digital STRI), SDMX dataflow ${opts.dataflow}`,
    url: opts.url ?? dataflowUrl(opts.dataflow),
    license: opts.license,
    retrieved_at: opts.retrieved_at,
    imported_at: opts.imported_at,
    note: opts.note,
  };
}

// Rows come back in file order; the file has no quoted line breaks, so record i is on line i + 2.
const lineOf = (index: number) => index + 2;

const text = (name: string, required = false): ColumnSpec => ({ name, type: 'text', required });

function observation(r: Record<string, unknown>): StriObservation {
  return { iso3: String(r.iso3), year: Number(r.year), measure: String(r.measure_code) as StriMeasure, value: Number(r.value) };
}

export const striImporter: Importer = {
  name: 'regulation/digital-stri',
  module: 'regulation',
  order: 30,
  signature: ['iso3', 'year', 'measure_code', 'value', 'sdmx_dataflow'],
  spec: async (db: Kysely<any>): Promise<CsvSpec> => ({
    columns: [
      { name: 'iso3', type: 'text', oneOf: { values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' } },
      { name: 'year', type: 'integer' },
      { name: 'measure_code', type: 'text', oneOf: { values: [...STRI_MEASURES], label: 'Digital STRI measure' } },
      text('measure_label'),
      { name: 'value', type: 'number' },
      text('unit'),
      { name: 'sdmx_dataflow', type: 'text', oneOf: { values: [STRI_DATAFLOW], label: 'Digital STRI dataflow' } },
      text('source_repo'),
      text('source_path'),
      text('commit'),
      text('original_publisher'),
      // The licence exactly as the file states it travels with every value.
      text('licence_as_stated', true),
    ],
    key: ['iso3', 'year', 'measure_code'],
  }),
  check(rows, file) {
    return checkObservations(rows.map(observation)).map((p): Issue => ({
      file,
      line: lineOf(p.index),
      field: p.field === 'measure' ? 'measure_code' : p.field,
      message: p.message,
    }));
  },
  async write(tx, rows, meta) {
    const records = rows.map((r) => {
      const via = r.source_repo ? `via ${r.source_repo}${r.source_path ? `/${r.source_path}` : ''}${r.commit ? ` at commit ${String(r.commit).slice(0, 12)}` : ''}; ` : '';
      return striSource({
        dataflow: String(r.sdmx_dataflow),
        license: String(r.licence_as_stated),
        // The file does not say when its publisher's data was retrieved: not stated, never the import time.
        retrieved_at: null,
        imported_at: meta.now,
        note: `${r.original_publisher ? `${r.original_publisher}; ` : ''}${via}imported from ${basename(meta.file)}`,
      });
    });
    const ids = await upsertSources(tx, records);
    const values: StriValue[] = rows.map((r, i) => ({ ...observation(r), source_id: ids.get(records[i])! }));
    await writeStriValues(tx, values);
    return values.length;
  },
};
