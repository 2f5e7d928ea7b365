import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { CsvSpec } from '../../platform/ingest/csv.js';
import { FACTS_LICENSE, upsertSources, type SourceRecord } from '../../platform/ingest/provenance.js';
import type { Issue } from '../../platform/ingest/report.js';
import type { FileKind, Importer } from '../../platform/ingest/run.js';
import { memberCodes } from '../countries/index.js';
import { coreGroups, matchMeasure, OVERALL } from './compute.js';
import { frameworkFor, tfFiles } from './framework.js';
import type { ChannelRecord, ScoreRecord, Status, StatusRecord } from './schema.js';
import { writeChannels, writeScores, writeStatuses } from './store.js';

// The trade facilitation files of ../shared/data/facilitation and the low-value export channels
// of ../shared/data/processes (docs/data-formats.md). All-or-nothing: a problem anywhere names
// file, line and field, and nothing is written.

// The files have no quoted line breaks: record i is on line i + 2.
const lineOf = (index: number) => index + 2;

const SURVEY = 'untfsurvey.org';
const SURVEY_LICENSE = 'UN material, free reuse with attribution';
/** What a page quoting the survey, or a page of customs rules, lets one do: cite it. */

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};

/**
 * A figure is "secondary" when it was not read on untfsurvey.org (a press release or news item
 * quoting the survey), or when its notes say so.
 */
export const isSecondary = (url: string, notes: string | null) => hostOf(url) !== SURVEY || /\bsecondary\b/i.test(notes ?? '');

function surveySource(url: string, secondary: boolean, now: string, file: string): SourceRecord {
  const host = hostOf(url);
  return host === SURVEY
    ? { publisher: 'UN Global Survey on Digital and Sustainable Trade Facilitation', title: 'UN Global Survey on Digital and Sustainable Trade Facilitation, economy page', url, license: SURVEY_LICENSE, retrieved_at: null, imported_at: now, note: `imported from ${basename(file)}` }
    : {
        publisher: host,
        title: `UN Global Survey scores as quoted by ${host}${secondary ? ' (secondary)' : ''}`,
        url,
        license: FACTS_LICENSE,
        retrieved_at: null,
        imported_at: now,
        note: `secondary figure, not read on untfsurvey.org; imported from ${basename(file)}`,
      };
}

const urlPattern = { regex: '^https?://\\S+$', label: 'web address (http:// or https://)' };

export const scoresImporter: Importer = {
  name: 'facilitation/scores',
  module: 'facilitation',
  order: 40,
  signature: ['iso3', 'round', 'group', 'score_pct', 'source_url'],
  spec: async (db: Kysely<any>): Promise<CsvSpec> => {
    const fw = frameworkFor(tfFiles());
    return {
      columns: [
        { name: 'iso3', type: 'text', required: true, oneOf: { values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' } },
        { name: 'round', type: 'integer', required: true },
        { name: 'group', type: 'text', required: true, oneOf: { values: [OVERALL, ...coreGroups(fw).map((g) => g.id)], label: 'score group' } },
        { name: 'score_pct', type: 'number', required: true },
        { name: 'source_url', type: 'text', required: true, pattern: urlPattern },
        { name: 'notes', type: 'text', required: false },
      ],
      key: ['iso3', 'round', 'group', 'source_url'],
    };
  },
  check(rows, file) {
    const files = tfFiles();
    const rounds = new Set(files.frameworks.flatMap((f) => f.rounds));
    const issues: Issue[] = [];
    rows.forEach((r, i) => {
      const pct = Number(r.score_pct);
      if (!(pct >= 0 && pct <= 100)) issues.push({ file, line: lineOf(i), field: 'score_pct', message: `${r.score_pct} is not a percentage (0..100)` });
      if (!rounds.has(Number(r.round))) issues.push({ file, line: lineOf(i), field: 'round', message: `${r.round} is not a round of any survey framework file (rounds: ${[...rounds].sort().join(', ')}); a new round needs its framework file` });
    });
    return issues;
  },
  async write(tx, rows, meta) {
    const records = rows.map((r) => surveySource(String(r.source_url), isSecondary(String(r.source_url), (r.notes as string) ?? null), meta.now, meta.file));
    const ids = await upsertSources(tx, records);
    const scores: ScoreRecord[] = rows.map((r, i) => ({
      iso3: String(r.iso3),
      round: Number(r.round),
      grp: String(r.group),
      score_pct: Number(r.score_pct),
      secondary: isSecondary(String(r.source_url), (r.notes as string) ?? null),
      note: r.notes == null || r.notes === '' ? null : String(r.notes),
      source_id: ids.get(records[i])!,
    }));
    await writeScores(tx, scores);
    return scores.length;
  },
};

export const statusesImporter: Importer = {
  name: 'facilitation/statuses',
  module: 'facilitation',
  order: 41,
  signature: ['iso3', 'round', 'measure', 'status_0to3', 'source_url'],
  spec: async (db: Kysely<any>): Promise<CsvSpec> => ({
    columns: [
      { name: 'iso3', type: 'text', required: true, oneOf: { values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' } },
      { name: 'round', type: 'integer', required: true },
      { name: 'measure', type: 'text', required: true },
      { name: 'status_0to3', type: 'text', required: true, oneOf: { values: ['0', '1', '2', '3'], label: 'status (3 fully, 2 partially, 1 pilot, 0 not implemented)' } },
      { name: 'source_url', type: 'text', required: true, pattern: urlPattern },
    ],
    key: ['iso3', 'round', 'measure'],
  }),
  check(rows, file) {
    const files = tfFiles();
    const issues: Issue[] = [];
    const seen = new Map<string, number>();
    rows.forEach((r, i) => {
      const round = Number(r.round);
      if (!files.frameworks.some((f) => f.rounds.includes(round))) {
        issues.push({ file, line: lineOf(i), field: 'round', message: `${round} is not a round of any survey framework file` });
        return;
      }
      const m = matchMeasure(frameworkFor(files, round), String(r.measure));
      if ('problem' in m) {
        issues.push({ file, line: lineOf(i), field: 'measure', message: m.problem });
        return;
      }
      // Two spellings of one measure in one economy and round would silently overwrite each other.
      const key = `${r.iso3}|${round}|${m.measure.id}`;
      if (seen.has(key)) issues.push({ file, line: lineOf(i), field: 'measure', message: `the same measure (${m.measure.id}) as line ${lineOf(seen.get(key)!)} for ${r.iso3} ${round}` });
      else seen.set(key, i);
    });
    return issues;
  },
  async write(tx, rows, meta) {
    const files = tfFiles();
    const records = rows.map((r) => surveySource(String(r.source_url), isSecondary(String(r.source_url), null), meta.now, meta.file));
    const ids = await upsertSources(tx, records);
    const statuses: StatusRecord[] = rows.map((r, i) => {
      const m = matchMeasure(frameworkFor(files, Number(r.round)), String(r.measure));
      if ('problem' in m) throw new Error(m.problem); // checked above
      return { iso3: String(r.iso3), round: Number(r.round), measure: m.measure.id, status: Number(r.status_0to3) as Status, source_id: ids.get(records[i])!, entered_by: null };
    });
    await writeStatuses(tx, statuses);
    return statuses.length;
  },
};

export const channelsImporter: Importer = {
  name: 'facilitation/low-value-export-channels',
  module: 'facilitation',
  order: 42,
  signature: ['iso3', 'channel', 'parameter', 'value', 'unit', 'legal_basis', 'trust'],
  spec: async (db: Kysely<any>): Promise<CsvSpec> => ({
    columns: [
      { name: 'iso3', type: 'text', required: true, oneOf: { values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' } },
      { name: 'channel', type: 'text', required: true },
      { name: 'parameter', type: 'text', required: true },
      { name: 'value', type: 'number', required: false },
      { name: 'unit', type: 'text', required: false },
      { name: 'legal_basis', type: 'text', required: false },
      { name: 'note', type: 'text', required: false },
      { name: 'source_url', type: 'text', required: true, pattern: urlPattern },
      { name: 'trust', type: 'text', required: false, oneOf: { values: ['A', 'B'], label: 'trust grade (A official, B secondary)' } },
    ],
    key: ['iso3', 'channel', 'parameter'],
  }),
  check(rows, file) {
    // A figure needs its unit: "3000" alone says nothing.
    return rows.flatMap((r, i): Issue[] => (r.value != null && r.value !== '' && !r.unit ? [{ file, line: lineOf(i), field: 'unit', message: 'a value needs its unit' }] : []));
  },
  async write(tx, rows, meta) {
    const txt = (v: unknown) => (v == null || v === '' ? null : String(v));
    const records: SourceRecord[] = rows.map((r) => ({
      publisher: hostOf(String(r.source_url)),
      title: `Low-value export channel rules as published by ${hostOf(String(r.source_url))}`,
      url: String(r.source_url),
      license: FACTS_LICENSE,
      retrieved_at: null,
      imported_at: meta.now,
      note: `trust ${r.trust ?? 'not graded'}; imported from ${basename(meta.file)}`,
    }));
    const ids = await upsertSources(tx, records);
    const channels: ChannelRecord[] = rows.map((r, i) => ({
      iso3: String(r.iso3),
      channel: String(r.channel),
      parameter: String(r.parameter),
      value: r.value == null || r.value === '' ? null : Number(r.value),
      unit: txt(r.unit),
      legal_basis: txt(r.legal_basis),
      note: txt(r.note),
      trust: txt(r.trust),
      source_id: ids.get(records[i])!,
    }));
    await writeChannels(tx, channels);
    return channels.length;
  },
};

export const importers: FileKind[] = [scoresImporter, statusesImporter, channelsImporter];
