import { memberCodes } from '../countries/index.js';
import { retrievedDate, upsertSources, type SourceRecord } from '../../platform/ingest/provenance.js';

const RETRIEVED_RE = '[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9:.]+(Z|[+-][0-9]{2}:?[0-9]{2})?)?)?)?';
import type { Importer } from '../../platform/ingest/run.js';
import { addIndicators, writeValues } from './store.js';

/**
 * Long-format values, one per row, each with its own source:
 * iso3,indicator_code,indicator_name,year,value,source,source_url,license (docs/data-formats.md).
 */
export const valuesImporter: Importer = {
  name: 'indicators/values',
  module: 'indicators',
  order: 20,
  signature: ['iso3', 'indicator_code', 'year', 'value'],
  spec: async (db) => ({
    columns: [
      { name: 'iso3', type: 'text', oneOf: { values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' } },
      { name: 'indicator_code', type: 'text', pattern: { regex: '[A-Za-z0-9_.]+', label: 'an indicator code (letters, digits, . and _)' } },
      { name: 'indicator_name', type: 'text' },
      { name: 'year', type: 'integer', pattern: { regex: '(19|20)[0-9]{2}', label: 'a year (YYYY)' } },
      { name: 'value', type: 'number' },
      { name: 'source', type: 'text' },
      { name: 'source_url', type: 'text', required: false },
      { name: 'license', type: 'text' },
      // When the publisher's data was retrieved, where the file says it (else: not stated).
      { name: 'retrieved_at', type: 'text', required: false, pattern: { regex: RETRIEVED_RE, label: 'a date (YYYY, YYYY-MM or YYYY-MM-DD)' } },
    ],
    key: ['iso3', 'indicator_code', 'year'],
  }),
  async write(tx, rows, meta) {
    const records: SourceRecord[] = rows.map((r) => ({
      publisher: r.source as string,
      url: (r.source_url as string | null) ?? null,
      license: r.license as string,
      retrieved_at: retrievedDate(r.retrieved_at as string | null),
      imported_at: meta.now,
      note: `imported from ${meta.file}`,
    }));
    const ids = await upsertSources(tx, records);
    const names = new Map<string, string>();
    for (const r of rows) if (!names.has(r.indicator_code as string)) names.set(r.indicator_code as string, r.indicator_name as string);
    await addIndicators(tx, [...names].map(([code, name]) => ({ code, name })));
    await writeValues(
      tx,
      rows.map((r, i) => ({
        iso3: r.iso3 as string,
        indicator_code: r.indicator_code as string,
        year: r.year as number,
        value: r.value as number,
        source_id: ids.get(records[i])!,
      })),
    );
    return rows.length;
  },
};
