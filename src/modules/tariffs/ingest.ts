import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { displayName } from '../../platform/ingest/csv.js';
import { pageSource, upsertSources, type SourceRecord } from '../../platform/ingest/provenance.js';
import type { Issue } from '../../platform/ingest/report.js';
import type { FileKind, Importer } from '../../platform/ingest/run.js';
import { memberCodes } from '../countries/index.js';
import { COLUMNS_BY_DESTINATION } from './agreements.js';
import { flattenChapter, hsDigits, type LineRow } from './compute.js';
import { writeChapter, writeEdition, writeHsCodes, writeLinks } from './store.js';

// Files of ../shared/data/tariffs (docs/data-formats.md#tariffs) and the HS 2022 code list.

/** Publishers of national schedules Puente reads, by the folder name's prefix (`jpn-customs-2026-07-09`). */
export const PUBLISHERS: Record<string, { destination: string; publisher: string; url: string; licence: string; source: string; pages: string }> = {
  'jpn-customs': {
    destination: 'JPN',
    publisher: 'Japan Customs (税関), Ministry of Finance',
    url: 'https://www.customs.go.jp/english/tariff/',
    licence: 'Rates set by law (Customs Tariff Act, Act on Temporary Measures concerning Customs, EPAs): free of copyright under Art. 13 of Japan\'s Copyright Act; compiled from customs.go.jp by qlitre/japan-tariff-mcp (MIT licence)',
    source: 'Japan Customs applied tariff schedule (実行関税率表), chapter pages of customs.go.jp',
    pages: 'https://www.customs.go.jp/tariff/',
  },
};

const EDITION_FOLDER = /^([a-z]{3}-[a-z0-9]+)-(\d{4}-\d{2}-\d{2})$/;
const CHAPTER_FILE = /^j_(\d{2})_tariff_data\.json$/;

export interface EditionOf {
  id: string;
  destination: string;
  edition: string;
  publisher: (typeof PUBLISHERS)[string];
}

/** The edition a chapter file belongs to, from its folder's name (`jpn-customs-2026-07-09/tariffdata/j_09_tariff_data.json`). */
export function editionOfPath(file: string): EditionOf | { problem: string } {
  let dir = dirname(file);
  for (let i = 0; i < 3; i++) {
    const m = EDITION_FOLDER.exec(basename(dir));
    if (m) {
      const publisher = PUBLISHERS[m[1]];
      if (!publisher) return { problem: `no publisher "${m[1]}" is known (known: ${Object.keys(PUBLISHERS).join(', ')})` };
      if (Number.isNaN(Date.parse(m[2]))) return { problem: `"${m[2]}" is not a date` };
      return { id: `${publisher.destination}-${m[2]}`, destination: publisher.destination, edition: m[2], publisher };
    }
    dir = dirname(dir);
  }
  return { problem: 'a tariff chapter file must sit in a folder named <publisher>-<YYYY-MM-DD>, such as jpn-customs-2026-07-09 (its edition)' };
}

export const chapterImporter: Importer = {
  name: 'tariffs/chapter',
  module: 'tariffs',
  order: 70,
  signature: ['level', 'stat_code', 'hs_code', 'desc', 'rate', 'unit', 'law', 'children'],
  spec: () => ({ columns: [] }),
  json(data, file) {
    const name = displayName(file);
    const fail = (field: string | null, message: string) => ({ rows: [], issues: [{ file: name, line: 1, field, message }] as Issue[] });
    const chapter = CHAPTER_FILE.exec(basename(file))?.[1];
    if (!chapter) return fail(null, 'a tariff chapter file is named j_NN_tariff_data.json (NN: the HS chapter)');
    const edition = editionOfPath(file);
    if ('problem' in edition) return fail('edition', edition.problem);
    const columns = COLUMNS_BY_DESTINATION[edition.destination];
    const { rows, issues } = flattenChapter(data, readFileSync(file, 'utf8'), name, chapter, columns);
    if (!issues.length && !rows.length) return fail(null, 'no rated line in the file');
    return { rows: rows.map((r) => ({ ...r, edition_id: edition.id, destination: edition.destination, edition: edition.edition, publisher_key: Object.keys(PUBLISHERS).find((k) => PUBLISHERS[k] === edition.publisher) })), issues };
  },
  async write(tx, rows, meta) {
    const first = rows[0];
    const p = PUBLISHERS[first.publisher_key as string];
    const record: SourceRecord = { publisher: p.publisher, title: `${p.source}, edition ${first.edition}`, url: p.pages, license: p.licence, retrieved_at: null, imported_at: meta.now, note: `edition ${first.edition}; imported from ${displayName(meta.file)}` };
    const ids = await upsertSources(tx, [record]);
    await writeEdition(tx, { id: first.edition_id as string, destination: first.destination as string, edition: first.edition as string, publisher: p.publisher, url: p.url, licence: p.licence, source_id: ids.get(record)!, imported_at: meta.now });
    return writeChapter(tx, first.edition_id as string, first.chapter as string, rows as unknown as LineRow[], meta.engine);
  },
};

export const linksImporter: Importer = {
  name: 'tariffs/lookup-links',
  module: 'tariffs',
  order: 70,
  signature: ['iso3', 'kind', 'url', 'note'],
  spec: async (db) => ({
    columns: [
      { name: 'iso3', type: 'text', oneOf: { values: await memberCodes(db), label: 'ISO code (not one of the 36 FEALAC economies)' } },
      { name: 'kind', type: 'text' },
      { name: 'url', type: 'text', pattern: { regex: 'https?://\\S+', label: 'a web address (http or https)' } },
      { name: 'note', type: 'text', required: false },
    ],
  }),
  async write(tx, rows, meta) {
    const records = rows.map((r) => pageSource(r.url as string, null, 'Official tariff schedule or customs portal', meta));
    const ids = await upsertSources(tx, records);
    return writeLinks(tx, rows.map((r, i) => ({ iso3: r.iso3 as string, kind: (r.kind as string).trim(), url: (r.url as string).trim(), note: ((r.note as string | null) ?? null) || null, source_id: ids.get(records[i])! })));
  },
};

export const hsImporter: Importer = {
  name: 'tariffs/hs-codes',
  module: 'tariffs',
  order: 65,
  signature: ['section', 'hscode', 'description', 'parent', 'level'],
  spec: () => ({
    columns: [
      { name: 'section', type: 'text' },
      { name: 'hscode', type: 'text', pattern: { regex: '(\\d{2,6}|TOTAL)', label: 'an HS code of 2, 4 or 6 digits' } },
      { name: 'description', type: 'text' },
      { name: 'parent', type: 'text', required: false },
      { name: 'level', type: 'integer' },
    ],
  }),
  async write(tx, rows, meta) {
    const record: SourceRecord = { publisher: 'UN Comtrade (datasets/harmonized-system)', title: 'Harmonized System 2022 nomenclature (HS text © World Customs Organization)', url: 'https://github.com/datasets/harmonized-system', license: 'ODC-PDDL', retrieved_at: null, imported_at: meta.now, note: `imported from ${displayName(meta.file)}` };
    const ids = await upsertSources(tx, [record]);
    const id = ids.get(record)!;
    return writeHsCodes(tx, rows.filter((r) => /^\d+$/.test(r.hscode as string)).map((r) => ({ code: hsDigits(r.hscode as string), description: (r.description as string).trim(), level: Number(r.level), source_id: id })));
  },
};

export const importers: FileKind[] = [
  hsImporter,
  linksImporter,
  chapterImporter,
  { name: 'tariffs/index', module: 'tariffs', json: true, signature: ['version', 'total_chapters', 'total_items', 'chapters'], skip: 'the compilation\'s index of chapter files; Puente reads the chapter files themselves' },
  { name: 'tariffs/other-laws', module: 'tariffs', json: true, signature: ['FE', 'IQ'], skip: 'Japan\'s table of other-law codes (in Japanese); lines show the codes as they are' },
];
