import type { CsvSpec } from '../../platform/ingest/csv.js';
import { pageSource, upsertSources } from '../../platform/ingest/provenance.js';
import type { Issue } from '../../platform/ingest/report.js';
import type { FileKind, Importer } from '../../platform/ingest/run.js';
import { memberCodes } from '../countries/index.js';
import { programmeKey } from './compute.js';
import { TRUST, YES_PARTIAL_NO } from './schema.js';
import { writeProgrammes, type StoredProgramme } from './store.js';

// support_measures.csv (docs/data-formats.md#support): one programme per row, every row with
// its source and trust grade. The text is kept as read; the vocabulary is applied on reading.

const text = (r: Record<string, unknown>, k: string) => ((r[k] as string | null | undefined) ?? null) || null;

export const supportImporter: Importer = {
  name: 'support/measures',
  module: 'support',
  order: 40,
  signature: ['iso3', 'programme', 'programme_en', 'agency', 'year_started', 'type', 'target', 'cross_border'],
  spec: async (db): Promise<CsvSpec> => ({
    columns: [
      { name: 'iso3', type: 'text', oneOf: { values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' } },
      { name: 'economy', type: 'text', required: false },
      { name: 'programme', type: 'text' },
      { name: 'programme_en', type: 'text', required: false },
      { name: 'agency', type: 'text', required: false },
      { name: 'year_started', type: 'integer', required: false },
      { name: 'type', type: 'text', required: false },
      { name: 'target', type: 'text', required: false },
      { name: 'cross_border', type: 'text', required: false, oneOf: { values: [...YES_PARTIAL_NO], label: 'cross_border (yes, partial, no or unknown)' } },
      { name: 'ecommerce_focus', type: 'text', required: false, oneOf: { values: [...YES_PARTIAL_NO], label: 'ecommerce_focus (yes, partial, no, unknown or blank)' } },
      { name: 'description', type: 'text', required: false },
      { name: 'url', type: 'text', required: false, pattern: { regex: 'https?://\\S+', label: 'a web address (http or https)' } },
      { name: 'source_url', type: 'text', required: false, pattern: { regex: 'https?://\\S+', label: 'a web address (http or https)' } },
      { name: 'source_type', type: 'text', required: false },
      { name: 'as_of', type: 'text', required: false },
      { name: 'trust', type: 'text', required: false, oneOf: { values: [...TRUST], label: 'trust grade (A, B, C or blank)' } },
    ],
  }),
  check(rows, file) {
    // Two rows of one economy with one name would be one programme: say so rather than keep one.
    const seen = new Map<string, number>();
    const issues: Issue[] = [];
    rows.forEach((r, i) => {
      const id = programmeKey(r.iso3 as string, r.programme as string);
      if (seen.has(id)) issues.push({ file, line: i + 2, field: 'programme', message: `the same programme of ${r.iso3} as line ${seen.get(id)! + 2}` });
      else seen.set(id, i);
    });
    return issues;
  },
  async write(tx, rows, meta) {
    const records = rows.map((r) => pageSource(text(r, 'source_url'), text(r, 'as_of'), 'MSME support measure', meta));
    const ids = await upsertSources(tx, records);
    const out: StoredProgramme[] = rows.map((r, i) => ({
      id: programmeKey(r.iso3 as string, r.programme as string),
      iso3: r.iso3 as string,
      programme: (r.programme as string).trim(),
      programme_en: text(r, 'programme_en'),
      agency: text(r, 'agency'),
      year_started: (r.year_started as number | null) ?? null,
      type_text: text(r, 'type'),
      target_text: text(r, 'target'),
      cross_border: text(r, 'cross_border'),
      ecommerce_focus: text(r, 'ecommerce_focus'),
      goods_scope: null,
      stage: null,
      description: text(r, 'description'),
      url: text(r, 'url'),
      source_url: text(r, 'source_url'),
      source_type: text(r, 'source_type'),
      as_of: text(r, 'as_of'),
      trust: text(r, 'trust'),
      source_id: ids.get(records[i])!,
      created_at: meta.now,
      updated_at: meta.now,
    }));
    return writeProgrammes(tx, out);
  },
};

export const importers: FileKind[] = [supportImporter];
