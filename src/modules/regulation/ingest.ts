import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { pageSource, upsertSources, type SourceRecord } from '../../platform/ingest/provenance.js';
import type { Issue } from '../../platform/ingest/report.js';
import { recordLines, type ColumnSpec, type CsvSpec } from '../../platform/ingest/csv.js';
import type { FileKind, Importer, ImportMeta } from '../../platform/ingest/run.js';
import { listCountries, memberCodes } from '../countries/index.js';
import { amountValue, CYBERLAW_FLAGS } from './derive.js';
import { categoryForScore, ESCAP_ATTRIBUTION, ESCAP_LICENSE, inventoryIndicator, readCorrection, splitUrls } from './escap.js';
import { frameworkKey, indicatorsOf, loadFramework, type Framework } from './framework.js';
import { CYBERLAW_AREAS, CYBERLAW_STATUSES, COVERAGES, MEASURE_STATUSES, measureInput, type MeasureInput } from './schema.js';
import { striImporter } from './stri/ingest.js';
import {
  importMeasures,
  listFrameworks,
  writeCyberlaw,
  writeDeMinimis,
  writeEscapMeasures,
  writeLegalInventory,
  writeTreaties,
  type CyberlawLaw,
  type CyberlawStatus,
  type DeMinimis,
  type EscapMeasure,
  type LegalInventoryRow,
} from './store.js';

// Importers of the regulation module (docs/data-formats.md#regulation):
//   measures (DTRA-style records; the CSV twin of GET /api/regulation/measures.csv reads back in),
//   the UNCTAD Global Cyberlaw Tracker (its public data.csv, or the FEALAC subset, with
//   document_links.json beside it), treaty / model-law status, de minimis thresholds.

export const CYBERLAW_SOURCE: SourceRecord = {
  publisher: 'UNCTAD',
  title: 'Global Cyberlaw Tracker (statuses and law links)',
  url: 'https://unctad.org/page/cyberlaw-tracker',
  license: 'UNCTAD: may be freely quoted and used with appropriate acknowledgement',
};

function lineOf(index: number): number {
  // Rows come back in file order; without quoted line breaks, record i is on line i + 2.
  return index + 2;
}

// ---------------------------------------------------------------- measures

export const MEASURE_COLUMNS = [
  'id', 'iso3', 'framework_version', 'indicator_id', 'category_id', 'title', 'coverage', 'description', 'articles', 'in_force_since', 'amended',
  'urls', 'status', 'source_type', 'verification_feedback', 'verification_action', 'verification_date', 'source_id',
] as const;

/** Frameworks the last spec() call read, for the checks (spec runs before check on every file). */
let knownFrameworks: Framework[] = [];

async function storedFrameworks(db: Kysely<any>): Promise<Framework[]> {
  return (await listFrameworks(db)).map((f) => loadFramework(f.json, `${f.id}-${f.version}`));
}

/** Why a measure's indicator or category does not fit its framework; null when it fits. */
export function frameworkProblem(frameworks: Framework[], m: Pick<MeasureInput, 'framework_version' | 'indicator_id' | 'category_id'>): { field: string; message: string } | null {
  const fw = frameworks.find((f) => frameworkKey(f) === m.framework_version);
  if (!fw) return { field: 'framework_version', message: `no framework "${m.framework_version}" (known: ${frameworks.map(frameworkKey).join(', ') || 'none'})` };
  const found = indicatorsOf(fw).find((x) => x.indicator.id === m.indicator_id);
  if (!found) return { field: 'indicator_id', message: `${m.framework_version} has no indicator ${m.indicator_id}` };
  if (m.category_id && !found.indicator.options.some((o) => o.id === m.category_id)) {
    return { field: 'category_id', message: `"${m.category_id}" is not a category of ${m.indicator_id} (${found.indicator.options.map((o) => o.id).join(', ')})` };
  }
  return null;
}

export const measuresImporter: Importer = {
  name: 'regulation/measures',
  module: 'regulation',
  order: 60,
  signature: ['iso3', 'indicator_id', 'title', 'coverage', 'status'],
  spec: async (db): Promise<CsvSpec> => {
    knownFrameworks = await storedFrameworks(db);
    const optional = (name: string): ColumnSpec => ({ name, type: 'text', required: false });
    return {
      columns: [
        optional('id'),
        { name: 'iso3', type: 'text', oneOf: { values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' } },
        optional('framework_version'),
        { name: 'indicator_id', type: 'text' },
        optional('category_id'),
        { name: 'title', type: 'text' },
        { name: 'coverage', type: 'text', oneOf: { values: [...COVERAGES], label: 'coverage (horizontal or sector)' } },
        ...['description', 'articles', 'in_force_since', 'amended', 'urls'].map(optional),
        { name: 'status', type: 'text', oneOf: { values: [...MEASURE_STATUSES], label: 'status (in_force or pending)' } },
        ...['source_type', 'verification_feedback', 'verification_action', 'verification_date', 'source_id'].map(optional),
        // The export's bookkeeping columns are accepted and ignored: the import sets them.
        optional('created_at'),
        optional('updated_at'),
      ],
    };
  },
  check(rows, file) {
    const issues: Issue[] = [];
    const ids = new Map<string, number>();
    rows.forEach((row, i) => {
      const parsed = parseMeasureRow(row);
      if (!parsed.ok) {
        for (const e of parsed.errors) issues.push({ file, line: lineOf(i), field: e.field, message: e.message });
        return;
      }
      const problem = frameworkProblem(knownFrameworks, parsed.value);
      if (problem) issues.push({ file, line: lineOf(i), ...problem });
      const id = parsed.value.id;
      if (id) {
        if (ids.has(id)) issues.push({ file, line: lineOf(i), field: 'id', message: `duplicate id "${id}", first on line ${ids.get(id)}` });
        else ids.set(id, lineOf(i));
      }
    });
    return issues;
  },
  async write(tx, rows, meta) {
    const inputs = rows.map((r) => {
      const p = parseMeasureRow(r);
      if (!p.ok) throw new Error('unchecked measure row');
      return p.value;
    });
    return importMeasures(tx, inputs, { actor: `import:${meta.file.split('/').pop()}`, at: meta.now });
  },
};

/** One CSV row (text fields, empty = null) as a measure input, or its problems. */
export function parseMeasureRow(row: Record<string, unknown>): { ok: true; value: MeasureInput } | { ok: false; errors: { field: string; message: string }[] } {
  const input: Record<string, unknown> = {};
  for (const c of MEASURE_COLUMNS) {
    const v = row[c];
    if (v !== null && v !== undefined && String(v).trim() !== '') input[c] = String(v);
  }
  const r = measureInput.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: r.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message })) };
}

// ---------------------------------------------------------------- cyberlaw tracker

export const cyberlawImporter: Importer = {
  name: 'regulation/cyberlaw',
  module: 'regulation',
  order: 30,
  signature: [...CYBERLAW_AREAS],
  spec: (): CsvSpec => ({
    columns: [
      // The tracker's own file has `code` (M49); the FEALAC subset `m49` and `iso3`.
      { name: 'code', type: 'text', required: false, pattern: { regex: '[0-9]{1,3}', label: 'an M49 code' } },
      { name: 'm49', type: 'text', required: false, pattern: { regex: '[0-9]{1,3}', label: 'an M49 code' } },
      { name: 'iso3', type: 'text', required: false, pattern: { regex: '[A-Z]{3}', label: 'an ISO3 code' } },
      { name: 'country', type: 'text', required: false },
      ...CYBERLAW_AREAS.map((a): ColumnSpec => ({ name: a, type: 'text', oneOf: { values: [...CYBERLAW_STATUSES], label: 'cyberlaw status' } })),
    ],
  }),
  check(rows, file) {
    const issues: Issue[] = [];
    rows.forEach((r, i) => {
      if (!r.code && !r.m49 && !r.iso3) issues.push({ file, line: lineOf(i), field: 'code', message: 'needs code (M49), m49 or iso3' });
    });
    return issues;
  },
  async write(tx, rows, meta) {
    const linksFile = join(dirname(meta.file), 'document_links.json');
    const links = existsSync(linksFile) ? (JSON.parse(readFileSync(linksFile, 'utf8')) as DocumentLinks) : null;
    const record = await writeTrackerRows(tx, rows, links, { ...CYBERLAW_SOURCE, imported_at: meta.now, note: `imported from ${meta.file}${links ? ' and document_links.json' : ''}` });
    return record.statuses;
  },
};

/** The tracker's document_links.json: by M49 code, per area a list of [url, title], or false. */
export type DocumentLinks = Record<string, { countryName?: string } & Record<string, [string, string][] | false | string | undefined>>;

/**
 * Writes tracker rows (tracker or subset CSV) of the FEALAC members, and their laws when `links`
 * is given. Economies outside FEALAC are left out. Shared by the importer and the connector.
 */
export async function writeTrackerRows(
  tx: Kysely<any>,
  rows: Record<string, unknown>[],
  links: DocumentLinks | null,
  source: SourceRecord,
): Promise<{ statuses: number; laws: number; economies: number }> {
  const countries = await listCountries(tx);
  const byM49 = new Map(countries.map((c) => [String(Number(c.iso_numeric)), c.iso3]));
  const members = new Set(countries.map((c) => c.iso3));
  const sourceId = [...(await upsertSources(tx, [source])).values()][0];
  const flags = new Map(CYBERLAW_FLAGS.map((f) => [`${f.iso3}|${f.area}|${f.status}`, f.note]));
  const statuses: CyberlawStatus[] = [];
  const laws: CyberlawLaw[] = [];
  for (const r of rows) {
    const m49 = (r.code ?? r.m49) as string | null;
    const iso3 = (r.iso3 as string | null) ?? (m49 ? byM49.get(String(Number(m49))) : undefined);
    if (!iso3 || !members.has(iso3)) continue;
    for (const area of CYBERLAW_AREAS) {
      const status = String(r[area]).trim();
      statuses.push({ iso3, area, status, flagged: flags.get(`${iso3}|${area}|${status}`) ?? null, source_id: sourceId });
    }
    const key = m49 ? String(m49).padStart(3, '0') : countries.find((c) => c.iso3 === iso3)?.iso_numeric;
    const entry = links && key ? links[key] : undefined;
    if (entry) {
      for (const area of CYBERLAW_AREAS) {
        const list = entry[area];
        if (!Array.isArray(list)) continue;
        for (const item of list) {
          if (Array.isArray(item) && typeof item[0] === 'string' && item[0].trim()) {
            laws.push({ iso3, area, url: item[0].trim(), title: typeof item[1] === 'string' ? item[1].trim() || null : null, source_id: sourceId });
          }
        }
      }
    }
  }
  // The tracker lists some laws twice under one area.
  const unique = [...new Map(laws.map((l) => [`${l.iso3}|${l.area}|${l.url}`, l])).values()];
  await writeCyberlaw(tx, statuses, links ? unique : null);
  return { statuses: statuses.length, laws: unique.length, economies: new Set(statuses.map((s) => s.iso3)).size };
}

// ---------------------------------------------------------------- treaties

/** Closed status vocabularies per instrument (TREATIES.md). */
export const TREATY_STATUSES: Record<string, string[]> = {
  wto_membership: ['member', 'not_member', 'unknown'],
  ita_i: ['participant', 'not_participant', 'unknown'],
  ita_ii: ['participant', 'not_participant', 'unknown'],
  wto_gpa: ['party', 'observer', 'not_party', 'unknown'],
  wipo_pct: ['party', 'signatory', 'not_party', 'unknown'],
  wipo_wct: ['party', 'signatory', 'not_party', 'unknown'],
  wipo_wppt: ['party', 'signatory', 'not_party', 'unknown'],
  wto_telecom_reference_paper: ['committed_full', 'committed_partial', 'not_committed', 'unknown'],
  un_ecc_2005: ['party', 'signatory', 'not_party', 'unknown'],
  uncitral_mlec_1996: ['enacted', 'not_enacted', 'unknown'],
  uncitral_mles_2001: ['enacted', 'not_enacted', 'unknown'],
  uncitral_mletr_2017: ['enacted', 'not_enacted', 'unknown'],
  data_flow_agreements: ['party', 'unknown'],
};

/** A source record per cited URL: the page a status was read from. */
function rowSource(url: string | null, sourceDate: string | null, what: string, meta: ImportMeta): SourceRecord {
  return pageSource(url, sourceDate, what, meta, 'source date');
}

export const treatiesImporter: Importer = {
  name: 'regulation/treaties',
  module: 'regulation',
  order: 30,
  signature: ['iso3', 'instrument', 'status', 'source_url', 'source_date'],
  spec: async (db): Promise<CsvSpec> => ({
    columns: [
      { name: 'iso3', type: 'text', oneOf: { values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' } },
      { name: 'instrument', type: 'text', oneOf: { values: Object.keys(TREATY_STATUSES), label: 'instrument (see docs/data-formats.md#regulation)' } },
      { name: 'status', type: 'text' },
      { name: 'date', type: 'text', required: false },
      { name: 'source_url', type: 'text', required: false },
      { name: 'source_date', type: 'text', required: false },
      { name: 'notes', type: 'text', required: false },
    ],
    key: ['iso3', 'instrument'],
  }),
  check(rows, file) {
    const issues: Issue[] = [];
    rows.forEach((r, i) => {
      const allowed = TREATY_STATUSES[r.instrument as string] ?? [];
      if (!allowed.includes(r.status as string)) {
        issues.push({ file, line: lineOf(i), field: 'status', message: `"${r.status}" is not a status of ${r.instrument} (${allowed.join(', ')})` });
      }
    });
    return issues;
  },
  async write(tx, rows, meta) {
    const records = rows.map((r) => rowSource(r.source_url as string | null, r.source_date as string | null, 'Treaty and model-law status', meta));
    const ids = await upsertSources(tx, records);
    await writeTreaties(
      tx,
      rows.map((r, i) => ({
        iso3: r.iso3 as string,
        instrument: r.instrument as string,
        status: r.status as string,
        date: (r.date as string | null) ?? null,
        source_url: (r.source_url as string | null) ?? null,
        source_date: (r.source_date as string | null) ?? null,
        notes: (r.notes as string | null) ?? null,
        source_id: ids.get(records[i])!,
      })),
    );
    return rows.length;
  },
};

// ---------------------------------------------------------------- de minimis

export const deMinimisImporter: Importer = {
  name: 'regulation/de-minimis',
  module: 'regulation',
  order: 30,
  signature: ['iso3', 'kind', 'amount', 'currency', 'usd_approx', 'channel'],
  spec: async (db): Promise<CsvSpec> => ({
    columns: [
      { name: 'iso3', type: 'text', oneOf: { values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' } },
      { name: 'kind', type: 'text', oneOf: { values: ['duty', 'tax', 'both'], label: 'kind (duty, tax or both)' } },
      { name: 'amount', type: 'text' },
      { name: 'currency', type: 'text', required: false },
      // Text: sources give "720 / 3744"; the leading figure is kept as the number.
      { name: 'usd_approx', type: 'text', required: false, pattern: { regex: '[0-9]+(\\.[0-9]+)?( / [0-9]+(\\.[0-9]+)?)*', label: 'a USD figure' } },
      ...['basis', 'channel', 'effective_from', 'source_type', 'source_url', 'source_date', 'notes'].map((name): ColumnSpec => ({ name, type: 'text', required: false })),
    ],
  }),
  async write(tx, rows, meta) {
    const records = rows.map((r) => rowSource(r.source_url as string | null, r.source_date as string | null, 'De minimis threshold', meta));
    const ids = await upsertSources(tx, records);
    const out: DeMinimis[] = rows.map((r, i) => {
      const usdText = (r.usd_approx as string | null) ?? null;
      const usd = usdText === null ? null : Number(usdText.split('/')[0].trim());
      const notes = (r.notes as string | null) ?? null;
      return {
        iso3: r.iso3 as string,
        kind: r.kind as string,
        amount: r.amount as string,
        amount_value: amountValue(r.amount as string),
        currency: (r.currency as string | null) ?? null,
        usd_approx: usd,
        basis: (r.basis as string | null) ?? null,
        channel: (r.channel as string | null) ?? null,
        effective_from: (r.effective_from as string | null) ?? null,
        source_type: (r.source_type as string | null) ?? null,
        source_url: (r.source_url as string | null) ?? null,
        source_date: (r.source_date as string | null) ?? null,
        // A figure kept only in part ("720 / 3744" -> 720) is given in full in the notes.
        notes: usdText && usdText.includes('/') ? `${notes ? `${notes} ` : ''}[usd_approx as given: ${usdText}]` : notes,
        source_id: ids.get(records[i])!,
      };
    });
    await writeDeMinimis(tx, out);
    return out.length;
  },
};

// ---------------------------------------------------------------- ESCAP RDTII 2.1 measures

export const ESCAP_SOURCE: SourceRecord = {
  publisher: 'United Nations ESCAP',
  title: ESCAP_ATTRIBUTION,
  url: 'https://dtri.uneca.org/escap/home',
  license: ESCAP_LICENSE,
};

const ESCAP_FRAMEWORK = 'rdtii-2.1';
const NUMBER = '[0-9]+(\\.[0-9]+)?';

/** Line of record i (0-based) in a file, counting quoted line breaks; read only when reporting. */
function linesOf(file: string): (i: number) => number {
  let lines: number[] | null = null;
  return (i) => {
    lines ??= recordLines(file);
    return lines[i + 1] ?? i + 2;
  };
}

function textOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** ESCAP's indicator id mapped to the framework's: the canonical column where given, else 4.1 -> 4.10 and 12.01 -> 12.1. */
export function canonicalIndicator(id: string, canonical: string | null): string {
  if (canonical) return canonical;
  return id === '4.1' ? '4.10' : id === '12.01' ? '12.1' : id;
}

export const escapMeasuresImporter: Importer = {
  name: 'regulation/escap-measures',
  module: 'regulation',
  order: 55,
  signature: ['iso3', 'indicator_id', 'indicator_id_canonical', 'raw_score', 'act_or_practice', 'workbook', 'sheet', 'sheet_row'],
  spec: async (db): Promise<CsvSpec> => {
    knownFrameworks = await storedFrameworks(db);
    const optional = (name: string): ColumnSpec => ({ name, type: 'text', required: false });
    return {
      columns: [
        { name: 'iso3', type: 'text', oneOf: { values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' } },
        optional('economy'),
        // Three of ESCAP's rows leave the pillar empty: the indicator names it.
        { name: 'pillar_id', type: 'text', required: false, pattern: { regex: '[0-9]{1,2}', label: 'a pillar number' } },
        optional('pillar_name'),
        { name: 'indicator_id', type: 'text', pattern: { regex: '[0-9]{1,2}(\\.[0-9]{1,2}){1,2}', label: 'an indicator id such as 12.4.3' } },
        { name: 'indicator_id_canonical', type: 'text', required: false, pattern: { regex: '[0-9]{1,2}(\\.[0-9]{1,2}){1,2}', label: 'an indicator id such as 4.10' } },
        optional('indicator_category'),
        { name: 'raw_score', type: 'text', pattern: { regex: NUMBER, label: 'a score between 0 and 1' } },
        { name: 'act_or_practice', type: 'text' },
        ...['coverage', 'impact', 'timeframe', 'references', 'note', 'note_internal'].map(optional),
        { name: 'gov_verification_feedback', type: 'text', required: false, oneOf: { values: ['Correct', 'Not correct'], label: 'verification feedback (Correct or Not correct)' } },
        ...['gov_verification_feedback_full', 'gov_verification_action', 'gov_verification_question'].map(optional),
        { name: 'workbook', type: 'text' },
        { name: 'sheet', type: 'text' },
        { name: 'sheet_row', type: 'text', pattern: { regex: '[0-9]+', label: 'a row number' } },
        ...['source_repo', 'source_path', 'commit', 'original_publisher', 'edition', 'licence_as_stated'].map(optional),
      ],
      key: ['workbook', 'sheet', 'sheet_row'],
    };
  },
  check(rows, file) {
    const issues: Issue[] = [];
    const line = linesOf(file);
    const fw = knownFrameworks.find((f) => frameworkKey(f) === ESCAP_FRAMEWORK);
    if (!fw) return [{ file, line: 1, field: null, message: `the ${ESCAP_FRAMEWORK} framework is not loaded` }];
    const byId = new Map(indicatorsOf(fw).map((x) => [x.indicator.id, x]));
    const ids = new Map<string, number>();
    rows.forEach((r, i) => {
      const id = canonicalIndicator(String(r.indicator_id), textOf(r.indicator_id_canonical));
      const found = byId.get(id);
      if (!found) {
        issues.push({ file, line: line(i), field: 'indicator_id_canonical', message: `${ESCAP_FRAMEWORK} has no indicator ${id}` });
        return;
      }
      // pillar_id is kept as ESCAP wrote it (one Thai row of 12.8 says pillar 7): the indicator decides.
      try {
        categoryForScore(found.indicator, Number(r.raw_score));
      } catch (e) {
        issues.push({ file, line: line(i), field: 'raw_score', message: (e as Error).message });
      }
      const key = `${r.iso3}-${r.sheet_row}`;
      if (ids.has(key)) issues.push({ file, line: line(i), field: 'sheet_row', message: `${r.iso3} row ${r.sheet_row} appears twice, first on line ${ids.get(key)}` });
      else ids.set(key, line(i));
    });
    return issues;
  },
  async write(tx, rows, meta) {
    const fw = knownFrameworks.find((f) => frameworkKey(f) === ESCAP_FRAMEWORK)!;
    const byId = new Map(indicatorsOf(fw).map((x) => [x.indicator.id, x]));
    const sourceId = [...(await upsertSources(tx, [{ ...ESCAP_SOURCE, retrieved_at: null, imported_at: meta.now, note: `imported from ${meta.file.split('/').slice(-2).join('/')}` }])).values()][0];
    const out: EscapMeasure[] = rows.map((r) => {
      const id = canonicalIndicator(String(r.indicator_id), textOf(r.indicator_id_canonical));
      const { pillar, indicator } = byId.get(id)!;
      const raw = Number(r.raw_score);
      const feedback = textOf(r.gov_verification_feedback);
      const action = textOf(r.gov_verification_action);
      const { correction, correctedScore } = readCorrection(feedback, action, raw);
      return {
        id: `escap-${r.iso3}-${r.sheet_row}`,
        iso3: String(r.iso3),
        framework_version: ESCAP_FRAMEWORK,
        pillar: pillar.pillar,
        indicator_id: id,
        indicator_id_source: String(r.indicator_id),
        category_id: categoryForScore(indicator, raw),
        raw_score: raw,
        act_or_practice: String(r.act_or_practice).trim(),
        coverage: textOf(r.coverage),
        impact: textOf(r.impact),
        timeframe: textOf(r.timeframe),
        urls: splitUrls(textOf(r.references)),
        note: textOf(r.note),
        note_internal: textOf(r.note_internal),
        gov_feedback: feedback,
        gov_feedback_full: textOf(r.gov_verification_feedback_full),
        gov_action: action,
        gov_question: textOf(r.gov_verification_question),
        correction,
        corrected_score: correctedScore,
        workbook: String(r.workbook),
        sheet: String(r.sheet),
        sheet_row: Number(r.sheet_row),
        edition: textOf(r.edition),
        source_id: sourceId,
      };
    });
    await writeEscapMeasures(tx, out);
    return out.length;
  },
};

// ---------------------------------------------------------------- ESCAP legal inventory

export const legalInventoryImporter: Importer = {
  name: 'regulation/legal-inventory',
  module: 'regulation',
  order: 55,
  signature: ['iso3', 'pillar_no', 'indicator_category', 'act_or_practice', 'reference_url'],
  spec: async (db): Promise<CsvSpec> => {
    const optional = (name: string): ColumnSpec => ({ name, type: 'text', required: false });
    return {
      columns: [
        { name: 'iso3', type: 'text', oneOf: { values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' } },
        optional('country'),
        { name: 'pillar_no', type: 'text', pattern: { regex: '[0-9]{1,2}', label: 'a pillar number' } },
        optional('pillar_name'),
        { name: 'indicator_category', type: 'text' },
        optional('rdtii_cluster'),
        { name: 'act_or_practice', type: 'text' },
        ...['coverage', 'coverage_type', 'timeframe', 'reference_url', 'region', 'source_repo', 'source_path', 'commit', 'original_publisher', 'licence_as_stated'].map(optional),
      ],
    };
  },
  check(rows, file) {
    const issues: Issue[] = [];
    const line = linesOf(file);
    rows.forEach((r, i) => {
      const id = inventoryIndicator(String(r.indicator_category));
      if (!id) issues.push({ file, line: line(i), field: 'indicator_category', message: `"${String(r.indicator_category).split('\n')[0]}" is not an RDTII 2.1 indicator label` });
      else if (id.split('.')[0] !== String(r.pillar_no).trim()) issues.push({ file, line: line(i), field: 'pillar_no', message: `indicator ${id} is not in pillar ${r.pillar_no}` });
    });
    return issues;
  },
  async write(tx, rows, meta) {
    const sourceId = [...(await upsertSources(tx, [{ ...ESCAP_SOURCE, title: `${ESCAP_ATTRIBUTION} (legal inventory)`, retrieved_at: null, imported_at: meta.now, note: `imported from ${meta.file.split('/').slice(-2).join('/')}` }])).values()][0];
    const seq = new Map<string, number>();
    const out: LegalInventoryRow[] = rows.map((r) => {
      const iso3 = String(r.iso3);
      const n = (seq.get(iso3) ?? 0) + 1;
      seq.set(iso3, n);
      return {
        iso3,
        seq: n,
        pillar: Number(r.pillar_no),
        indicator_id: inventoryIndicator(String(r.indicator_category))!,
        indicator_label: String(r.indicator_category).trim(),
        cluster: textOf(r.rdtii_cluster),
        act_or_practice: String(r.act_or_practice).trim(),
        coverage: textOf(r.coverage),
        coverage_type: textOf(r.coverage_type),
        timeframe: textOf(r.timeframe),
        reference_url: textOf(r.reference_url),
        source_id: sourceId,
      };
    });
    await writeLegalInventory(tx, out);
    return out.length;
  },
};

// The OECD Digital STRI file has its own importer (./stri/ingest.ts).
export const importers: FileKind[] = [cyberlawImporter, treatiesImporter, deMinimisImporter, escapMeasuresImporter, legalInventoryImporter, measuresImporter, striImporter];
