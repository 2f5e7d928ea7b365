import { basename } from 'node:path';
import isoCountries from 'i18n-iso-countries';
import { memberCodes } from '../countries/index.js';
import { upsertSources, type SourceRecord } from '../../platform/ingest/provenance.js';
import type { Issue } from '../../platform/ingest/report.js';
import type { FileKind, Importer } from '../../platform/ingest/run.js';
import { graphProblem } from './compute.js';
import { caseSchema, CHANNELS, type BpaCase } from './schema.js';
import { writeBenchmarks, writeImportedCases } from './store.js';

// The files of ../shared/data/processes (docs/data-formats.md): the partial cases staged from
// published pages (JSON), single-case files (the SYNTHETIC test case, the partial TPAD case) and
// the Doing Business trading-across-borders export (CSV). Nothing is estimated on the way in:
// a time or cost the source does not state stays null; its own words are kept as text.

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** Costs as the sources write them: a number only where the words are a plain amount. */
export function parseCost(text: string, economy: string | null): { amount: number | null; currency: string | null; text: string | null } {
  const t = text.trim();
  if (/^(free|no cost|gratis|sin costo)$/i.test(t)) return { amount: 0, currency: null, text: t };
  const usd = /^(?:USD|US\$)\s?([0-9]+(?:\.[0-9]+)?)$/i.exec(t);
  if (usd) return { amount: Number(usd[1]), currency: 'USD', text: t };
  // Honduras writes lempiras as "L." (the only local-currency amounts in the staged cases).
  const hnl = /^L\.?\s?([0-9]+(?:\.[0-9]+)?)$/.exec(t);
  if (hnl && economy === 'HND') return { amount: Number(hnl[1]), currency: 'HNL', text: t };
  return { amount: null, currency: null, text: t };
}

function channelOf(text: string | null): BpaCase['channel'] {
  const first = text?.split(/[\s;/,(]+/)[0]?.toUpperCase() ?? '';
  return (CHANNELS as readonly string[]).includes(first) ? (first as BpaCase['channel']) : null;
}

const actorsOf = (v: unknown): string[] => (str(v) ? str(v)!.split(';').map((a) => a.trim()).filter(Boolean) : Array.isArray(v) ? v.map(String) : []);

function stagedStep(s: Json, id: string, economy: string) {
  const time = str(s.time);
  const cost = str(s.cost);
  return {
    id,
    name: String(s.step ?? ''),
    actors: actorsOf(s.actor),
    documents: (Array.isArray(s.documents) ? s.documents : []).map((d) => ({ name: String(d), direction: null, paper: null })),
    time: { min: null, avg: null, max: null, unit: 'DAY' as const, text: time },
    cost: cost ? parseCost(cost, economy) : null,
    oneTime: typeof s.one_time === 'boolean' ? s.one_time : null,
    predecessors: null,
    physicalVisit: null,
    source: str(s.source_url),
    notes: str(s.notes),
  };
}

function validated(raw: unknown, file: string, where: string, issues: Issue[]): BpaCase | null {
  const parsed = caseSchema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) issues.push({ file: basename(file), line: 0, field: `${where}.${i.path.join('.')}`, message: i.message });
    return null;
  }
  const problem = graphProblem(parsed.data);
  if (problem) {
    issues.push({ file: basename(file), line: 0, field: where, message: problem });
    return null;
  }
  return parsed.data;
}

/** bpa_cases_partial.json: {readme, cases: [{case_id, iso3, steps, sub_procedures?, ...}]}. */
export function partialCases(data: unknown, file: string): { rows: Json[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const rows: Json[] = [];
  const cases = isObject(data) && Array.isArray(data.cases) ? data.cases : null;
  if (!cases) return { rows, issues: [{ file: basename(file), line: 0, field: 'cases', message: 'is not a list of cases' }] };
  cases.forEach((c: unknown, i) => {
    if (!isObject(c)) return issues.push({ file: basename(file), line: 0, field: `cases[${i}]`, message: 'is not an object' });
    const economy = String(c.iso3 ?? '');
    const procedures = [];
    const main = Array.isArray(c.steps) ? (c.steps as Json[]) : [];
    if (main.length) procedures.push({ id: 'main', name: 'Steps as published', area: null, subArea: null, steps: main.map((s) => stagedStep(s, `s${s.no}`, economy)) });
    (Array.isArray(c.sub_procedures) ? (c.sub_procedures as Json[]) : []).forEach((sp, k) => {
      const pid = `sp${k + 1}`;
      procedures.push({ id: pid, name: String(sp.name ?? pid), area: null, subArea: null, steps: ((sp.steps as Json[]) ?? []).map((s) => stagedStep(s, `${pid}-${s.no}`, economy)) });
    });
    const extras = ['parameters', 'reforms', 'documents'].filter((k) => c[k] !== undefined).map((k) => `${k}: ${JSON.stringify(c[k])}`);
    const doc = validated(
      {
        id: c.case_id,
        title: c.title,
        exporter: economy,
        channel: channelOf(str(c.channel)),
        channelText: str(c.channel),
        status: 'AS_IS',
        label: 'PARTIAL',
        completeness: str(c.completeness),
        asOf: /^\d{4}-\d{2}-\d{2}$/.test(String(c.as_of)) ? c.as_of : null,
        asOfText: str(c.as_of),
        procedures,
        sources: (Array.isArray(c.sources) ? c.sources : []).map((u) => ({ url: String(u), title: null })),
        notes: [str(c.trust) ? `trust: ${c.trust}` : null, ...extras].filter(Boolean).join('\n') || null,
      },
      file,
      `cases[${i}]`,
      issues,
    );
    if (doc) rows.push({ doc, synthetic: false, publisher: 'Puente staging of published pages (partial BPA cases)', url: null, license: 'as each cited page', note: String((data as Json).readme ?? '') });
  });
  return { rows, issues };
}

/** One case per file: {_provenance, case, procedures} (the SYNTHETIC test case, the partial TPAD case). */
export function singleCase(data: unknown, file: string): { rows: Json[]; issues: Issue[] } {
  const issues: Issue[] = [];
  if (!isObject(data) || !isObject(data._provenance) || !isObject(data.case) || !Array.isArray(data.procedures))
    return { rows: [], issues: [{ file: basename(file), line: 0, field: null, message: 'needs _provenance, case and procedures' }] };
  const prov = data._provenance;
  const c = data.case;
  const status = String(prov.status ?? '');
  const label = /^SYNTHETIC/i.test(status) ? 'SYNTHETIC' : /^PARTIAL/i.test(status) ? 'PARTIAL' : 'COMPLETE';
  const iso3 = (v: unknown) => (str(v) ? (str(v)!.length === 2 ? (isoCountries.alpha2ToAlpha3(str(v)!) ?? str(v)) : str(v)) : null);
  const procedures = (data.procedures as Json[]).map((p, i) => {
    const pid = str(p.id) ?? `p${p.seq ?? i + 1}`;
    const t = isObject(p.timeDays) ? p.timeDays : null;
    const time = typeof p.durationDays === 'number' ? { min: null, avg: p.durationDays, max: null, unit: 'DAY' } : t ? { min: t.min ?? null, avg: t.avg ?? null, max: t.max ?? null, unit: 'DAY' } : undefined;
    return {
      id: pid,
      name: String(p.name ?? pid),
      area: p.bspArea ?? null,
      steps: [
        {
          id: pid,
          name: String(p.name ?? pid),
          actors: actorsOf(p.actors),
          documents: (Array.isArray(p.documents) ? p.documents : []).map((d) => ({ name: String(d), direction: null, paper: null })),
          time,
          cost: typeof p.costUsd === 'number' ? { amount: p.costUsd, currency: 'USD', text: null } : null,
          predecessors: Array.isArray(p.predecessors) ? p.predecessors : null,
          notes: str(p.notes),
        },
      ],
    };
  });
  const urls = Array.isArray(prov.urls) ? prov.urls.map(String) : [];
  const doc = validated(
    {
      id: basename(file).replace(/\.json$/i, ''),
      title: c.label,
      exporter: iso3(c.exportingCountry),
      importer: iso3(c.importingCountry),
      product: str(c.product),
      channel: channelOf(str(c.channel)),
      channelText: str(c.channel),
      label,
      completeness: status,
      procedures,
      sources: urls.map((u: string) => ({ url: u, title: str(prov.source) })),
      notes: [str(prov.purpose), str(prov.time_unit_assumed) ? `time unit: ${prov.time_unit_assumed}` : null, str(c.hsHint) ? `HS: ${c.hsHint}` : null].filter(Boolean).join('\n') || null,
    },
    file,
    'case',
    issues,
  );
  if (!doc) return { rows: [], issues };
  const synthetic = label === 'SYNTHETIC';
  return {
    rows: [{ doc, synthetic, publisher: synthetic ? 'Puente (SYNTHETIC test case)' : (str(prov.source) ?? 'not stated'), url: urls[0] ?? null, license: synthetic ? 'Apache-2.0 (invented)' : 'as the cited page', note: status }],
    issues,
  };
}

function caseWriter(name: string, signature: string[], read: Importer['json']): Importer {
  return {
    name,
    module: 'processes',
    order: 60,
    signature,
    json: read,
    spec: () => ({ columns: [] }),
    async write(tx, rows, meta) {
      const records: SourceRecord[] = rows.map((r) => ({
        publisher: r.publisher as string,
        url: (r.url as string | null) ?? null,
        license: (r.license as string | null) ?? null,
        synthetic: r.synthetic as boolean,
        imported_at: meta.now,
        note: `imported from ${basename(meta.file)}${r.note ? `; ${r.note}` : ''}`.slice(0, 1000),
      }));
      const ids = await upsertSources(tx, records);
      await writeImportedCases(tx, rows.map((r, i) => ({ doc: r.doc as BpaCase, sourceId: ids.get(records[i])! })), meta.now);
      return rows.length;
    },
  };
}

export const partialCasesImporter = caseWriter('processes/partial-cases', ['readme', 'cases'], partialCases);
export const caseFileImporter = caseWriter('processes/case-file', ['_provenance', 'case', 'procedures'], singleCase);

const YEARS = ['2017', '2018', '2019'];
const yearColumn = (y: string) => `${y} [YR${y}]`;

/** The Doing Business "trading across borders" DataBank export (DB16-20 methodology), long-formatted on the way in. */
export const benchmarkImporter: Importer = {
  name: 'processes/doing-business',
  module: 'processes',
  order: 60,
  signature: ['Country Name', 'Country Code', 'Series Name', 'Series Code', yearColumn('2019')],
  spec: async (db) => ({
    columns: [
      { name: 'Country Name', type: 'text' },
      { name: 'Country Code', type: 'text', oneOf: { values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' } },
      { name: 'Series Name', type: 'text' },
      { name: 'Series Code', type: 'text', pattern: { regex: 'TRD\\.ACRS\\.[A-Z0-9.]+', label: 'a Doing Business trading-across-borders series code' } },
      ...YEARS.map((y) => ({ name: yearColumn(y), type: 'text' as const, pattern: { regex: '[0-9]+(\\.[0-9]+)?|\\.\\.', label: 'a number or ".." (not available)' } })),
    ],
    key: ['Country Code', 'Series Code'],
  }),
  async write(tx, rows, meta) {
    const record: SourceRecord = {
      publisher: 'World Bank',
      title: 'Doing Business: Trading across borders (DB16-20 methodology), DataBank export',
      url: 'https://databank.worldbank.org/source/doing-business',
      license: 'CC BY 4.0',
      retrieved_at: '2021-08-18',
      imported_at: meta.now,
      note: `imported from ${basename(meta.file)}; the 2019 column is the DB2020 report (data as of 1 May 2019); costs only as 0-100 scores`,
    };
    const ids = await upsertSources(tx, [record]);
    const out = rows.flatMap((r) =>
      YEARS.map((y) => {
        const v = r[yearColumn(y)] as string;
        return { iso3: r['Country Code'] as string, series_code: r['Series Code'] as string, series: r['Series Name'] as string, year: Number(y), value: v === '..' ? null : Number(v), source_id: ids.get(record)! };
      }),
    );
    await writeBenchmarks(tx, out);
    return out.length;
  },
};

export const processFiles: FileKind[] = [
  partialCasesImporter,
  caseFileImporter,
  benchmarkImporter,
  {
    name: 'processes/partial-steps',
    module: 'processes',
    signature: ['case_id', 'iso3', 'sub_procedure', 'step_no', 'step', 'actor'],
    skip: 'the steps of bpa_cases_partial.json, flattened; Puente reads them from the JSON (with each case\'s scope and sources)',
  },
  {
    name: 'processes/doing-business-hours',
    module: 'processes',
    signature: ['_provenance', 'values'],
    json: true,
    skip: 'the Doing Business hours again; Puente reads them (and the cost scores) from db2018-2020_fealac_trading_across_borders.csv',
  },
];
