import type { CsvSpec } from '../../platform/ingest/csv.js';
import { pageSource, upsertSources } from '../../platform/ingest/provenance.js';
import type { Issue } from '../../platform/ingest/report.js';
import type { FileKind, Importer } from '../../platform/ingest/run.js';
import { memberCodes } from '../countries/index.js';
import { entryKey } from './compute.js';
import { ROLE_CODES, TRUST } from './schema.js';
import { writeEntries, type StoredEntry } from './store.js';

// directory.csv (docs/data-formats.md#directory): one row per economy, role, organisation and source.

const text = (r: Record<string, unknown>, k: string) => ((r[k] as string | null | undefined) ?? null) || null;

export const directoryImporter: Importer = {
  name: 'directory/entries',
  module: 'directory',
  order: 40,
  signature: ['iso3', 'role', 'name_local', 'name_en', 'official_url', 'k_flag'],
  spec: async (db): Promise<CsvSpec> => ({
    columns: [
      { name: 'iso3', type: 'text', oneOf: { values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' } },
      { name: 'economy', type: 'text', required: false },
      { name: 'role', type: 'text', oneOf: { values: [...ROLE_CODES], label: 'role (see docs/data-formats.md#directory)' } },
      { name: 'name_local', type: 'text' },
      { name: 'name_en', type: 'text', required: false },
      { name: 'official_url', type: 'text', required: false, pattern: { regex: 'https?://\\S+', label: 'a web address (http or https)' } },
      { name: 'url_evidence', type: 'text', required: false },
      { name: 'source_url', type: 'text', required: false, pattern: { regex: 'https?://\\S+', label: 'a web address (http or https)' } },
      { name: 'source_type', type: 'text', required: false },
      { name: 'as_of', type: 'text', required: false },
      { name: 'trust', type: 'text', required: false, oneOf: { values: [...TRUST], label: 'trust grade (A, B, C or blank)' } },
      { name: 'k_flag', type: 'text', required: false, oneOf: { values: ['yes', 'no'], label: 'k_flag (yes, no or blank)' } },
      { name: 'note', type: 'text', required: false },
    ],
  }),
  check(rows, file) {
    const seen = new Map<string, number>();
    const issues: Issue[] = [];
    rows.forEach((r, i) => {
      const id = entryKey(r.iso3 as string, r.role as string, r.name_local as string, text(r, 'source_url'));
      if (seen.has(id)) issues.push({ file, line: i + 2, field: 'name_local', message: `the same body, role and source as line ${seen.get(id)! + 2}` });
      else seen.set(id, i);
    });
    return issues;
  },
  async write(tx, rows, meta) {
    const records = rows.map((r) => pageSource(text(r, 'source_url'), text(r, 'as_of'), 'Directory of public bodies', meta));
    const ids = await upsertSources(tx, records);
    const out: StoredEntry[] = rows.map((r, i) => ({
      id: entryKey(r.iso3 as string, r.role as string, r.name_local as string, text(r, 'source_url')),
      iso3: r.iso3 as string,
      role: r.role as string,
      name_local: (r.name_local as string).trim(),
      name_en: text(r, 'name_en'),
      official_url: text(r, 'official_url'),
      url_evidence: text(r, 'url_evidence'),
      source_url: text(r, 'source_url'),
      source_type: text(r, 'source_type'),
      as_of: text(r, 'as_of'),
      trust: text(r, 'trust'),
      to_verify: text(r, 'k_flag') === 'yes',
      note: text(r, 'note'),
      source_id: ids.get(records[i])!,
      created_at: meta.now,
      updated_at: meta.now,
    }));
    return writeEntries(tx, out);
  },
};

export const importers: FileKind[] = [directoryImporter];
